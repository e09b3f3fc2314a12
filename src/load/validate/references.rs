//! References between entries: an actor, issue, event or demand named by id,
//! a list of actors, and the sources a claim cites.
//!
//! An unknown id gets a "did you mean" from the ids of its kind, prepared once
//! per kind (see `Validator::suggestions`), so a record with thousands of
//! misspelt references stays linear.

use super::*;

impl Validator<'_> {
    /// Resolves a reference against an id table, with "did you mean".
    pub(super) fn resolve<I: Copy>(
        &mut self,
        file: usize,
        name: &str,
        at: &At,
        code: Code,
        what: &'static str,
        table: fn(&Self) -> &HashMap<String, I>,
    ) -> Option<I> {
        let name = name.trim();
        if let Some(&idx) = table(self).get(name) {
            return Some(idx);
        }
        if !self.suggestions.contains_key(what) {
            let prepared = Suggestions::new(table(self).keys());
            self.suggestions.insert(what, prepared);
        }
        let hint = self.suggestions[what].suggest(name).unwrap_or_else(|| {
            format!("define the {what} first, or use one of the {what} ids in the record")
        });
        let location = self.loc(file, at);
        self.report(
            Diagnostic::new(
                code,
                Some(location),
                format!("no {what} has the id `{name}`"),
            )
            .label(format!("unknown {what}"))
            .hint(hint),
        );
        None
    }

    pub(super) fn actor_ref(&mut self, file: usize, text: &Text) -> Option<ActorIdx> {
        self.resolve(
            file,
            &text.value,
            &text.at,
            Code::UnknownActor,
            "actor",
            |v| &v.actor_ids,
        )
    }

    pub(super) fn issue_ref(&mut self, file: usize, text: &Text) -> Option<IssueIdx> {
        self.resolve(
            file,
            &text.value,
            &text.at,
            Code::UnknownIssue,
            "issue",
            |v| &v.issue_ids,
        )
    }

    pub(super) fn event_ref<T: std::borrow::Borrow<Text>>(
        &mut self,
        file: usize,
        value: &Option<T>,
    ) -> Result<Option<EventIdx>, ()> {
        match value.as_ref().map(T::borrow) {
            None => Ok(None),
            Some(text) => self
                .resolve(
                    file,
                    &text.value,
                    &text.at,
                    Code::UnknownEvent,
                    "event",
                    |v| &v.event_ids,
                )
                .map(Some)
                .ok_or(()),
        }
    }

    /// Resolves a list of actor references; `Err` when any is unknown.
    pub(super) fn actor_list(
        &mut self,
        file: usize,
        list: &Option<Spanned<TextList>>,
    ) -> Result<Vec<ActorIdx>, ()> {
        let mut out = Vec::new();
        let mut ok = true;
        for (name, at) in list.as_ref().map(TextList::items).unwrap_or_default() {
            match self.resolve(file, name, &at, Code::UnknownActor, "actor", |v| {
                &v.actor_ids
            }) {
                Some(idx) if !out.contains(&idx) => out.push(idx),
                Some(_) => {}
                None => ok = false,
            }
        }
        if ok {
            Ok(out)
        } else {
            Err(())
        }
    }

    pub(super) fn required_actor_list(
        &mut self,
        file: usize,
        entry: &At,
        section: &str,
        field: &'static str,
        list: &Option<Spanned<TextList>>,
    ) -> Option<Vec<ActorIdx>> {
        let empty = list.as_ref().is_none_or(|l| TextList::items(l).is_empty());
        if empty && self.spoiled(file, entry, field) {
            return None;
        }
        if empty {
            let at = list.as_ref().map_or(*entry, |l| l.at);
            let hint = format!("name the actor (or a list of actors) in `{field}:`");
            self.missing_field(file, &at, section, field, hint);
            return None;
        }
        self.actor_list(file, list).ok()
    }

    pub(super) fn sources(
        &mut self,
        file: usize,
        entry: &At,
        what: &str,
        raw: &Option<Vec<Spanned<RawSource>>>,
        warn_if_missing: bool,
    ) -> Option<Vec<Source>> {
        let raw = raw.as_deref().unwrap_or_default();
        if raw.is_empty() && warn_if_missing && !self.spoiled(file, entry, "sources") {
            let location = self.loc(file, entry);
            self.report(
                Diagnostic::new(
                    Code::MissingSource,
                    Some(location),
                    format!("this {what} cites no source"),
                )
                .label("no `sources`")
                .hint("add `sources:` with the document, a short exact quote and a confidence"),
            );
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut ok = true;
        for source in raw {
            let at = &source.at;
            let doc = self
                .required(file, at, "source", "doc", &source.value.doc)
                .map(|t| t.value.trim().to_string());
            let quote = self
                .required(file, at, "source", "quote", &source.value.quote)
                .map(|t| t.value.trim().to_string());
            let confidence = match &source.value.confidence {
                None => Some(Confidence::Medium),
                Some(text) => self.keyword(file, text, "confidence"),
            };
            if let (true, Some(doc), Some(quote)) =
                (self.cite, &source.value.doc, &source.value.quote)
            {
                let cited = CitedQuote {
                    doc: doc.value.trim().to_string(),
                    doc_at: self.loc(file, &doc.at),
                    quote: quote.value.to_string(),
                    quote_at: self.loc(file, &quote.at),
                };
                self.cited.push(cited);
            }
            match (doc, quote, confidence) {
                (Some(doc), Some(quote), Some(confidence)) => out.push(Source {
                    doc,
                    quote,
                    confidence,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    // ---- sections --------------------------------------------------------------
}
