//! One pass from raw, span-keeping entries to the typed model.
//!
//! Every check runs on every entry and records a diagnostic instead of stopping,
//! so the analyst sees all problems of a record in one run. The model is built
//! alongside; the caller discards it if any error was found.
//!
//! Indices are assigned in id order (actors, issues, demands, concessions, events)
//! so that the model's vectors come out sorted without a second renumbering;
//! positions are sorted after conversion and their ids resolved afterwards.
//!
//! Rule families that need more than a field's conversion live in the files of
//! `validate/`, each an `impl Validator` of its own.

mod contradictions;
mod history;
mod observers;
mod polarity;
#[cfg(test)]
mod test_support;
mod timing;
mod walks;

use super::raw::{
    At, Marks, RawActor, RawConcession, RawDemand, RawEvent, RawFile, RawIssue, RawPosition,
    RawSource, Spanned, Text, TextList,
};
use super::SourceFiles;
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Location, Suggestions};
use crate::model::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A quote as cited in the record, located for `--sources` verification.
pub struct CitedQuote {
    pub doc: String,
    pub doc_at: Location,
    pub quote: String,
    pub quote_at: Location,
}

pub fn validate<'f>(
    parsed: &'f [(usize, RawFile)],
    files: &'f SourceFiles,
) -> (Option<Record>, Vec<Diagnostic>, Vec<CitedQuote>) {
    let mut v = Validator {
        files,
        marks: parsed
            .iter()
            .map(|(file, raw)| (*file, &raw.marks))
            .collect(),
        diagnostics: Vec::new(),
        cited: Vec::new(),
        actor_ids: HashMap::new(),
        issue_ids: HashMap::new(),
        demand_ids: HashMap::new(),
        event_ids: HashMap::new(),
        suggestions: HashMap::new(),
    };

    // Stage 1: ids of every section, so references can be resolved in any order.
    let actors = entries(parsed, |f| &f.actors);
    let issues = entries(parsed, |f| &f.issues);
    let positions = entries(parsed, |f| &f.positions);
    let demands = entries(parsed, |f| &f.demands);
    let concessions = entries(parsed, |f| &f.concessions);
    let events = entries(parsed, |f| &f.events);

    let actor_order = v.assign_ids("actor", &actors, |a| &a.id);
    let issue_order = v.assign_ids("issue", &issues, |i| &i.id);
    let demand_order = v.assign_ids("demand", &demands, |d| &d.id);
    let concession_order = v.assign_ids("concession", &concessions, |c| &c.id);
    let event_order = v.assign_ids("event", &events, |e| &e.id);
    v.actor_ids = index_map(&actor_order, ActorIdx);
    v.issue_ids = index_map(&issue_order, IssueIdx);
    v.demand_ids = index_map(&demand_order, DemandIdx);
    v.event_ids = index_map(&event_order, EventIdx);

    // Stage 2: convert every entry; duplicates of an id are checked but not kept.
    let model_actors = v.convert_all(&actors, &actor_order, Validator::actor);
    let model_issues = v.convert_all(&issues, &issue_order, Validator::issue);
    let model_events = v.convert_all(&events, &event_order, Validator::event);
    let mut model_positions: Vec<(Position, Location)> = positions
        .iter()
        .filter_map(|(file, entry)| {
            v.position(*file, entry)
                .map(|p| (p, v.loc(*file, &entry.at)))
        })
        .collect();
    model_positions.sort_by(|(a, _), (b, _)| {
        (a.actor, a.issue, a.date, &a.id).cmp(&(b.actor, b.issue, b.date, &b.id))
    });
    v.check_position_consistency(&model_positions);
    let (model_positions, position_locs): (Vec<Position>, Vec<Location>) =
        model_positions.into_iter().unzip();
    let position_ids: HashMap<String, PositionIdx> = model_positions
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.id.clone().map(|id| (id, PositionIdx(i as u32))))
        .collect();
    v.check_position_ids(&positions, &demand_order);
    let model_demands = v.convert_all(&demands, &demand_order, |v, file, entry| {
        v.demand(file, entry, &position_ids)
    });
    let mut model_concessions =
        v.convert_all(&concessions, &concession_order, Validator::concession);

    v.check_issue_cycles(&model_issues, &issue_order);
    v.check_membership_cycles(&model_actors, &actor_order);
    v.check_ambiguous_names(&actors);
    let confusable = super::confusables::check_actors(&actors, |file, at| v.loc(file, at));
    v.diagnostics.extend(confusable);
    // The cross-entry rules index actors, issues and demands by the ids assigned
    // in stage 1: they may only run when no entry of theirs was dropped (an issue
    // missing its `category` shifts every later index; that panicked once). A
    // record with a dropped entry is invalid anyway, and its missing field reported.
    if model_actors.len() == actor_order.len()
        && model_issues.len() == issue_order.len()
        && model_demands.len() == demand_order.len()
        && model_concessions.len() == concession_order.len()
    {
        v.check_answers(
            &model_actors,
            &model_concessions,
            &model_demands,
            &model_issues,
            &concession_order,
        );
        v.check_answer_dates(&mut model_concessions, &model_demands, &concession_order);
        v.check_contradictory_claims(
            &model_actors,
            (&model_positions, &position_locs),
            (&model_demands, &demand_order),
        );
    }

    let complete = model_actors.len() == actor_order.len()
        && model_issues.len() == issue_order.len()
        && model_demands.len() == demand_order.len()
        && model_concessions.len() == concession_order.len()
        && model_events.len() == event_order.len()
        && model_positions.len() == positions.len();
    let record = complete.then(|| {
        Record::new(
            model_actors,
            model_issues,
            model_positions,
            model_demands,
            model_concessions,
            model_events,
        )
    });
    (record, v.diagnostics, v.cited)
}

type Entry<'a, T> = (usize, &'a Spanned<T>);
/// Kept entries by id, in id order: the first definition of each id.
type Order<'a, T> = BTreeMap<String, Entry<'a, T>>;

fn entries<'a, T>(
    parsed: &'a [(usize, RawFile)],
    section: impl Fn(&'a RawFile) -> &'a Option<Vec<Spanned<T>>>,
) -> Vec<Entry<'a, T>> {
    parsed
        .iter()
        .flat_map(|(file, raw)| {
            section(raw)
                .iter()
                .flatten()
                .map(move |entry| (*file, entry))
        })
        .collect()
}

fn index_map<T, I>(order: &Order<'_, T>, make: impl Fn(u32) -> I) -> HashMap<String, I> {
    order
        .keys()
        .enumerate()
        .map(|(i, id)| (id.clone(), make(i as u32)))
        .collect()
}

struct Validator<'f> {
    files: &'f SourceFiles,
    /// What reading each file noted: values already reported, nulls.
    marks: HashMap<usize, &'f Marks>,
    diagnostics: Vec<Diagnostic>,
    cited: Vec<CitedQuote>,
    actor_ids: HashMap<String, ActorIdx>,
    issue_ids: HashMap<String, IssueIdx>,
    demand_ids: HashMap<String, DemandIdx>,
    event_ids: HashMap<String, EventIdx>,
    /// "Did you mean" candidates per kind of reference, prepared at the first
    /// unknown reference of that kind: a record with thousands of misspelt
    /// references prepares each table once, not once per reference.
    suggestions: HashMap<&'static str, Suggestions>,
}

impl<'f> Validator<'f> {
    fn loc(&self, file: usize, at: &At) -> Location {
        self.files
            .location_at(file, at.offset as usize, at.len as usize)
    }

    /// Whether reading already reported this entry's field (or the whole entry).
    fn spoiled(&self, file: usize, entry: &At, field: &'static str) -> bool {
        self.marks.get(&file).is_some_and(|m| {
            m.spoiled.contains(&(entry.offset, field)) || m.spoiled.contains(&(entry.offset, "*"))
        })
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Records each entry's id; a second entry with the same id is a `duplicate-id`.
    fn assign_ids<'a, T>(
        &mut self,
        section: &str,
        entries: &[Entry<'a, T>],
        id: impl Fn(&T) -> &Option<Text>,
    ) -> Order<'a, T> {
        let mut order: Order<'a, T> = BTreeMap::new();
        for &(file, entry) in entries {
            let Some(text) = id(&entry.value) else {
                continue;
            };
            let key = text.value.trim().to_string();
            if let Some(&(first_file, first)) = order.get(&key) {
                let first_loc = id(&first.value)
                    .as_ref()
                    .map(|t| self.loc(first_file, &t.at));
                let mut d = Diagnostic::new(
                    Code::DuplicateId,
                    Some(self.loc(file, &text.at)),
                    format!("{section} id `{key}` is defined twice"),
                )
                .label("second definition")
                .hint(format!(
                    "give each {section} its own id, or merge the two entries"
                ));
                if let Some(first_loc) = first_loc {
                    d = d.related(first_loc, "first defined here");
                }
                self.report(d);
            } else {
                order.insert(key, (file, entry));
            }
        }
        order
    }

    /// Converts the kept entry of each id (in id order); duplicates are checked too.
    fn convert_all<'a, T, M>(
        &mut self,
        entries: &[Entry<'a, T>],
        order: &Order<'a, T>,
        mut convert: impl FnMut(&mut Self, usize, &Spanned<T>) -> Option<M>,
    ) -> Vec<M> {
        let mut kept = Vec::with_capacity(order.len());
        for &(file, entry) in order.values() {
            if let Some(m) = convert(self, file, entry) {
                kept.push(m);
            }
        }
        // Entries without an id, or repeating one, are checked too but not kept.
        let kept_entries: HashSet<*const Spanned<T>> =
            order.values().map(|&(_, e)| e as *const _).collect();
        for &(file, entry) in entries {
            if !kept_entries.contains(&(entry as *const _)) {
                let _ = convert(self, file, entry);
            }
        }
        kept
    }

    // ---- field helpers -------------------------------------------------------

    /// A required text field: absent or blank is `missing-field` at the entry; a
    /// YAML null is `missing-field` at the null, saying to quote it.
    fn required<'t>(
        &mut self,
        file: usize,
        entry: &At,
        section: &str,
        field: &'static str,
        value: &'t Option<Text>,
    ) -> Option<&'t Text> {
        match value {
            Some(text) if !text.value.trim().is_empty() => Some(text),
            _ if self.spoiled(file, entry, field) => None,
            None if self.null_at(file, entry, field).is_some() => {
                let at = self.null_at(file, entry, field).unwrap_or(*entry);
                let location = self.loc(file, &at);
                self.report(
                    Diagnostic::new(
                        Code::MissingField,
                        Some(location),
                        format!("`{field}` of this {section} is null: quote it"),
                    )
                    .label("null")
                    .hint(format!(
                        "YAML reads an empty value, `~` and `null` as null: give the {field}, or quote it (`{field}: \"null\"`) if the word is meant"
                    )),
                );
                None
            }
            _ => {
                let at = value.as_ref().map_or(*entry, |t| t.at);
                let location = self.loc(file, &at);
                self.report(
                    Diagnostic::new(
                        Code::MissingField,
                        Some(location),
                        format!("this {section} has no `{field}`"),
                    )
                    .label(format!("`{field}` missing"))
                    .hint(format!(
                        "add `{field}:` to this {section} (see docs/record-format.md)"
                    )),
                );
                None
            }
        }
    }

    fn null_at(&self, file: usize, entry: &At, field: &'static str) -> Option<At> {
        self.marks
            .get(&file)
            .and_then(|m| m.nulls.get(&(entry.offset, field)).copied())
    }

    fn optional_text(value: &Option<Text>) -> Option<String> {
        value
            .as_ref()
            .map(|t| t.value.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    fn slug(&mut self, file: usize, text: &Text, what: &str) -> Option<String> {
        let id = text.value.trim();
        let valid = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-');
        if valid {
            return Some(id.to_string());
        }
        let suggestion = slugify(id);
        let location = self.loc(file, &text.at);
        self.report(
            Diagnostic::new(
                Code::BadId,
                Some(location),
                format!("{what} id `{id}` is not a lowercase slug"),
            )
            .label("not a slug")
            .hint(if suggestion.is_empty() {
                "use lowercase letters, digits and `-`".to_string()
            } else {
                format!("use lowercase letters, digits and `-`, e.g. `{suggestion}`")
            }),
        );
        None
    }

    fn keyword<K: Keyword>(&mut self, file: usize, text: &Text, field: &str) -> Option<K> {
        let spellings = K::spellings();
        let word = text.value.trim();
        if let Some(k) = K::parse(word) {
            return Some(k);
        }
        let location = self.loc(file, &text.at);
        let hint = did_you_mean(word, spellings.iter().copied())
            .map(|h| format!("{h} ({field} is one of: {})", spellings.join(", ")))
            .unwrap_or_else(|| format!("{field} is one of: {}", spellings.join(", ")));
        self.report(
            Diagnostic::new(
                Code::BadValue,
                Some(location),
                format!("`{word}` is not a valid {field}"),
            )
            .label(format!("unknown {field}"))
            .hint(hint),
        );
        None
    }

    fn required_keyword<K: Keyword>(
        &mut self,
        file: usize,
        entry: &At,
        section: &str,
        field: &'static str,
        value: &Option<Text>,
    ) -> Option<K> {
        let text = self.required(file, entry, section, field, value)?;
        self.keyword(file, text, field)
    }

    fn date(
        &mut self,
        file: usize,
        entry: &At,
        section: &str,
        value: &Option<Text>,
    ) -> Option<Date> {
        let text = self.required(file, entry, section, "date", value)?;
        match Date::parse(text.value.trim()) {
            Ok(d) => Some(d),
            Err(why) => {
                let location = self.loc(file, &text.at);
                self.report(
                    Diagnostic::new(Code::BadDate, Some(location), why)
                        .label("not a date")
                        .hint("write dates as YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only the month or year"),
                );
                None
            }
        }
    }

    /// Resolves a reference against an id table, with "did you mean".
    fn resolve<I: Copy>(
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

    fn actor_ref(&mut self, file: usize, text: &Text) -> Option<ActorIdx> {
        self.resolve(
            file,
            &text.value,
            &text.at,
            Code::UnknownActor,
            "actor",
            |v| &v.actor_ids,
        )
    }

    fn issue_ref(&mut self, file: usize, text: &Text) -> Option<IssueIdx> {
        self.resolve(
            file,
            &text.value,
            &text.at,
            Code::UnknownIssue,
            "issue",
            |v| &v.issue_ids,
        )
    }

    fn event_ref(&mut self, file: usize, value: &Option<Text>) -> Result<Option<EventIdx>, ()> {
        match value {
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
    fn actor_list(
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

    fn required_actor_list(
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
            let location = self.loc(file, &at);
            self.report(
                Diagnostic::new(
                    Code::MissingField,
                    Some(location),
                    format!("this {section} has no `{field}`"),
                )
                .label(format!("`{field}` missing"))
                .hint(format!(
                    "name the actor (or a list of actors) in `{field}:`"
                )),
            );
            return None;
        }
        self.actor_list(file, list).ok()
    }

    fn sources(
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
            if let (Some(doc), Some(quote)) = (&source.value.doc, &source.value.quote) {
                let cited = CitedQuote {
                    doc: doc.value.trim().to_string(),
                    doc_at: self.loc(file, &doc.at),
                    quote: quote.value.clone(),
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

    fn actor(&mut self, file: usize, entry: &Spanned<RawActor>) -> Option<Actor> {
        let (raw, at) = (&entry.value, &entry.at);
        let id = self
            .required(file, at, "actor", "id", &raw.id)
            .and_then(|t| self.slug(file, t, "actor"));
        let name = self
            .required(file, at, "actor", "name", &raw.name)
            .map(|t| t.value.trim().to_string());
        let kind = self.required_keyword(file, at, "actor", "kind", &raw.kind);
        let aliases: Vec<String> = raw
            .aliases
            .as_ref()
            .map(TextList::items)
            .unwrap_or_default()
            .into_iter()
            .map(|(a, _)| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let member_of = self.actor_list(file, &raw.member_of);
        if let (Some(id), Some(list)) = (&id, &raw.member_of) {
            for (name, loc) in TextList::items(list) {
                if name.trim() == id {
                    let location = self.loc(file, &loc);
                    self.report(
                        Diagnostic::new(
                            Code::MembershipCycle,
                            Some(location),
                            format!("actor `{id}` is listed as a member of itself"),
                        )
                        .label("itself")
                        .hint("remove the actor's own id from `member_of`"),
                    );
                }
            }
        }
        let observer = self.observer(file, raw);
        let sources = self.sources(file, at, "actor", &raw.sources, true);
        Some(Actor {
            id: id?,
            name: name?,
            kind: kind?,
            aliases,
            member_of: member_of.ok()?,
            role: Self::optional_text(&raw.role),
            observer: observer?,
            notes: Self::optional_text(&raw.notes),
            sources: sources?,
        })
    }

    fn issue(&mut self, file: usize, entry: &Spanned<RawIssue>) -> Option<Issue> {
        let (raw, at) = (&entry.value, &entry.at);
        let id = self
            .required(file, at, "issue", "id", &raw.id)
            .and_then(|t| self.slug(file, t, "issue"));
        let title = self
            .required(file, at, "issue", "title", &raw.title)
            .map(|t| t.value.trim().to_string());
        let category = self.required_keyword(file, at, "issue", "category", &raw.category);
        let parent = match &raw.parent {
            None => Ok(None),
            Some(p) => self.issue_ref(file, p).map(Some).ok_or(()),
        };
        let polarity = self.polarity(file, raw);
        let sources = self.sources(file, at, "issue", &raw.sources, false);
        Some(Issue {
            id: id?,
            title: title?,
            category: category?,
            description: Self::optional_text(&raw.description),
            parent: parent.ok()?,
            polarity: polarity?,
            sources: sources?,
        })
    }

    fn position(&mut self, file: usize, entry: &Spanned<RawPosition>) -> Option<Position> {
        let (raw, at) = (&entry.value, &entry.at);
        let id = match &raw.id {
            None => Ok(None),
            Some(t) => self.slug(file, t, "position").map(Some).ok_or(()),
        };
        let actor = self
            .required(file, at, "position", "actor", &raw.actor)
            .and_then(|t| self.actor_ref(file, t));
        let issue = self
            .required(file, at, "position", "issue", &raw.issue)
            .and_then(|t| self.issue_ref(file, t));
        let stance = self.required_keyword(file, at, "position", "stance", &raw.stance);
        let strength = self.required_keyword(file, at, "position", "strength", &raw.strength);
        let summary = self
            .required(file, at, "position", "summary", &raw.summary)
            .map(|t| t.value.trim().to_string());
        let date = self.date(file, at, "position", &raw.date);
        let event = self.event_ref(file, &raw.event);
        let sources = self.sources(file, at, "position", &raw.sources, true);
        Some(Position {
            id: id.ok()?,
            actor: actor?,
            issue: issue?,
            stance: stance?,
            strength: strength?,
            summary: summary?,
            date: date?,
            conditions: Self::optional_text(&raw.conditions),
            event: event.ok()?,
            notes: Self::optional_text(&raw.notes),
            sources: sources?,
        })
    }

    fn demand(
        &mut self,
        file: usize,
        entry: &Spanned<RawDemand>,
        position_ids: &HashMap<String, PositionIdx>,
    ) -> Option<Demand> {
        let (raw, at) = (&entry.value, &entry.at);
        let id = self
            .required(file, at, "demand", "id", &raw.id)
            .and_then(|t| self.slug(file, t, "demand"));
        let by = self
            .required(file, at, "demand", "by", &raw.by)
            .and_then(|t| self.actor_ref(file, t));
        let of = self.required_actor_list(file, at, "demand", "of", &raw.of);
        if let (Some(by), Some(of), Some(list)) = (by, &of, &raw.of) {
            if of.contains(&by) {
                let location = self.loc(file, &list.at);
                self.report(
                    Diagnostic::new(Code::SelfDemand, Some(location), "this demand is addressed to the actor who makes it")
                        .label("includes the demand's own author")
                        .hint("`of` names the parties asked; record an actor's own aim as a position instead"),
                );
            }
        }
        let issue = self
            .required(file, at, "demand", "issue", &raw.issue)
            .and_then(|t| self.issue_ref(file, t));
        let stance = self.required_keyword(file, at, "demand", "stance", &raw.stance);
        let text = self
            .required(file, at, "demand", "text", &raw.text)
            .map(|t| t.value.trim().to_string());
        let priority = self.required_keyword(file, at, "demand", "priority", &raw.priority);
        let status = self.required_keyword(file, at, "demand", "status", &raw.status);
        let date = self.date(file, at, "demand", &raw.date);
        let status_at = status.zip(raw.status.as_ref().map(|t| t.at));
        let history = self.history(file, "demand", &raw.history, date, status_at);
        let mut conflicts_with = Vec::new();
        let mut conflicts_ok = true;
        for (name, loc) in raw
            .conflicts_with
            .as_ref()
            .map(TextList::items)
            .unwrap_or_default()
        {
            let name = name.trim();
            if let Some(&d) = self.demand_ids.get(name) {
                conflicts_with.push(ClaimRef::Demand(d));
            } else if let Some(&p) = position_ids.get(name) {
                conflicts_with.push(ClaimRef::Position(p));
            } else {
                conflicts_ok = false;
                let demand_ids = &self.demand_ids;
                let hint = self
                    .suggestions
                    .entry("claim")
                    .or_insert_with(|| {
                        Suggestions::new(demand_ids.keys().chain(position_ids.keys()))
                    })
                    .suggest(name)
                    .unwrap_or_else(|| {
                        "name a demand id, or give the position an `id:` and name that".to_string()
                    });
                let location = self.loc(file, &loc);
                self.report(
                    Diagnostic::new(
                        Code::UnknownClaim,
                        Some(location),
                        format!("no demand or position has the id `{name}`"),
                    )
                    .label("unknown claim")
                    .hint(hint),
                );
            }
        }
        let event = self.event_ref(file, &raw.event);
        let sources = self.sources(file, at, "demand", &raw.sources, true);
        let of = of?;
        let by = by?;
        if of.contains(&by) {
            return None;
        }
        conflicts_with.sort();
        conflicts_with.dedup();
        Some(Demand {
            id: id?,
            by,
            of,
            issue: issue?,
            stance: stance?,
            text: text?,
            priority: priority?,
            status: status?,
            history: history?,
            date: date?,
            conflicts_with: conflicts_ok.then_some(conflicts_with)?,
            event: event.ok()?,
            notes: Self::optional_text(&raw.notes),
            sources: sources?,
        })
    }

    fn concession(&mut self, file: usize, entry: &Spanned<RawConcession>) -> Option<Concession> {
        let (raw, at) = (&entry.value, &entry.at);
        let id = self
            .required(file, at, "concession", "id", &raw.id)
            .and_then(|t| self.slug(file, t, "concession"));
        let by = self
            .required(file, at, "concession", "by", &raw.by)
            .and_then(|t| self.actor_ref(file, t));
        let to = self.required_actor_list(file, at, "concession", "to", &raw.to);
        if let (Some(by), Some(to), Some(list)) = (by, &to, &raw.to) {
            if to.contains(&by) {
                let location = self.loc(file, &list.at);
                self.report(
                    Diagnostic::new(
                        Code::SelfConcession,
                        Some(location),
                        "this concession is given to the actor who makes it",
                    )
                    .label("includes the conceding actor")
                    .hint("`to` names the parties the concession is made to"),
                );
            }
        }
        let issue = self
            .required(file, at, "concession", "issue", &raw.issue)
            .and_then(|t| self.issue_ref(file, t));
        let stance = match &raw.stance {
            None => Ok(None),
            Some(t) => self.keyword(file, t, "stance").map(Some).ok_or(()),
        };
        let mut answers = Vec::new();
        let mut answers_ok = true;
        for (name, loc) in raw
            .answers
            .as_ref()
            .map(TextList::items)
            .unwrap_or_default()
        {
            match self.resolve(file, name, &loc, Code::UnknownDemand, "demand", |v| {
                &v.demand_ids
            }) {
                Some(d) => answers.push(d),
                None => answers_ok = false,
            }
        }
        answers.sort();
        answers.dedup();
        let text = self
            .required(file, at, "concession", "text", &raw.text)
            .map(|t| t.value.trim().to_string());
        let status = self.required_keyword(file, at, "concession", "status", &raw.status);
        let date = self.date(file, at, "concession", &raw.date);
        let status_at = status.zip(raw.status.as_ref().map(|t| t.at));
        let history = self.history(file, "concession", &raw.history, date, status_at);
        let event = self.event_ref(file, &raw.event);
        let sources = self.sources(file, at, "concession", &raw.sources, true);
        let (by, to) = (by?, to?);
        if to.contains(&by) {
            return None;
        }
        Some(Concession {
            id: id?,
            by,
            to,
            issue: issue?,
            stance: stance.ok()?,
            answers: answers_ok.then_some(answers)?,
            answers_too_early: Vec::new(),
            text: text?,
            status: status?,
            history: history?,
            date: date?,
            event: event.ok()?,
            notes: Self::optional_text(&raw.notes),
            sources: sources?,
        })
    }

    fn event(&mut self, file: usize, entry: &Spanned<RawEvent>) -> Option<Event> {
        let (raw, at) = (&entry.value, &entry.at);
        let id = self
            .required(file, at, "event", "id", &raw.id)
            .and_then(|t| self.slug(file, t, "event"));
        let kind = self.required_keyword(file, at, "event", "kind", &raw.kind);
        let title = self
            .required(file, at, "event", "title", &raw.title)
            .map(|t| t.value.trim().to_string());
        let date = self.date(file, at, "event", &raw.date);
        let participants = self.actor_list(file, &raw.participants);
        let sources = self.sources(file, at, "event", &raw.sources, true);
        Some(Event {
            id: id?,
            kind: kind?,
            title: title?,
            date: date?,
            place: Self::optional_text(&raw.place),
            participants: participants.ok()?,
            notes: Self::optional_text(&raw.notes),
            sources: sources?,
        })
    }

    // ---- whole-record checks ------------------------------------------------------

    /// Same actor, issue and date: different stances contradict; equal ones duplicate.
    fn check_position_consistency(&mut self, positions: &[(Position, Location)]) {
        for pair in positions.windows(2) {
            let ((a, a_loc), (b, b_loc)) = (&pair[0], &pair[1]);
            if (a.actor, a.issue, a.date) != (b.actor, b.issue, b.date) {
                continue;
            }
            // Report at the later of the two in the files, pointing back at the other.
            let (first, second) =
                if (a_loc.file, a_loc.range.start) <= (b_loc.file, b_loc.range.start) {
                    (a_loc, b_loc)
                } else {
                    (b_loc, a_loc)
                };
            let d = if a.stance != b.stance {
                Diagnostic::new(
                    Code::ContradictoryClaims,
                    Some(second.clone()),
                    format!(
                        "this position ({}) contradicts another of the same actor on the same issue at {} ({})",
                        b.stance, a.date, a.stance
                    ),
                )
                .label("contradicting position")
                .hint("if the stance changed, give the later position its later date; if the sources really say both that day, keep both")
            } else {
                Diagnostic::new(
                    Code::DuplicatePosition,
                    Some(second.clone()),
                    format!("this position repeats another of the same actor, issue, date and stance ({})", a.stance),
                )
                .label("duplicate position")
                .hint("merge the two entries, keeping both sources")
            };
            self.report(d.related(first.clone(), "the other position"));
        }
    }

    /// Position ids must be unique and must not clash with demand ids (`conflicts_with` names either).
    fn check_position_ids(
        &mut self,
        positions: &[Entry<'_, RawPosition>],
        demands: &Order<'_, RawDemand>,
    ) {
        let mut seen: HashMap<String, Location> = HashMap::new();
        for (file, entry) in positions {
            let Some(id) = &entry.value.id else { continue };
            let key = id.value.trim().to_string();
            let location = self.loc(*file, &id.at);
            if let Some(first) = seen.get(&key) {
                let d = Diagnostic::new(
                    Code::DuplicateId,
                    Some(location),
                    format!("position id `{key}` is defined twice"),
                )
                .label("second definition")
                .hint("give each position its own id")
                .related(first.clone(), "first defined here");
                self.report(d);
            } else if demands.contains_key(&key) {
                let d = Diagnostic::new(
                    Code::DuplicateId,
                    Some(location.clone()),
                    format!("position id `{key}` is also a demand id"),
                )
                .label("clashes with a demand id")
                .hint(
                    "`conflicts_with` names demands and positions alike, so their ids must differ",
                );
                self.report(d);
                seen.insert(key, location);
            } else {
                seen.insert(key, location);
            }
        }
    }

    /// Warns when two actors answer to the same name or alias.
    fn check_ambiguous_names(&mut self, actors: &[Entry<'_, RawActor>]) {
        let mut owners: BTreeMap<String, Vec<(String, usize, At)>> = BTreeMap::new();
        for (file, entry) in actors {
            let Some(id) = &entry.value.id else { continue };
            let id = id.value.trim().to_string();
            let mut names: Vec<(String, At)> = Vec::new();
            if let Some(name) = &entry.value.name {
                names.push((name.value.clone(), name.at));
            }
            if let Some(aliases) = &entry.value.aliases {
                names.extend(
                    TextList::items(aliases)
                        .into_iter()
                        .map(|(a, l)| (a.to_string(), l)),
                );
            }
            for (name, loc) in names {
                let key = name.trim().to_lowercase();
                let list = owners.entry(key).or_default();
                if !list.iter().any(|(owner, _, _)| *owner == id) {
                    list.push((id.clone(), *file, loc));
                }
            }
        }
        for (name, list) in owners {
            if list.len() < 2 && !self.actor_ids.contains_key(&name) {
                continue;
            }
            let clashes_with_id = self.actor_ids.contains_key(&name)
                && list.iter().any(|(owner, _, _)| *owner != name);
            if list.len() < 2 && !clashes_with_id {
                continue;
            }
            let (owner, file, loc) = list.last().cloned().expect("non-empty");
            let others: Vec<&str> = list
                .iter()
                .map(|(o, _, _)| o.as_str())
                .filter(|o| *o != owner)
                .collect();
            let others = if others.is_empty() {
                name.clone()
            } else {
                others.join("`, `")
            };
            let location = self.loc(file, &loc);
            self.report(
                Diagnostic::new(
                    Code::AmbiguousName,
                    Some(location),
                    format!("`{name}` names actor `{owner}` but also `{others}`"),
                )
                .label("shared name")
                .hint("keep each name or alias on one actor; lookups by this name pick the actor whose id it is, else the first"),
            );
        }
    }

    fn check_answers(
        &mut self,
        actors: &[Actor],
        concessions: &[Concession],
        demands: &[Demand],
        issues: &[Issue],
        order: &Order<'_, RawConcession>,
    ) {
        if concessions.len() != order.len() {
            return;
        }
        let tree = walks::IssueTree::new(issues);
        let parties = walks::parties(actors);
        for (c, (_, (file, entry))) in concessions.iter().zip(order.iter()) {
            for &answered in &c.answers {
                let Some(d) = demands.get(answered.index()) else {
                    continue;
                };
                let related_issue = tree.related(c.issue, d.issue);
                // People speak for their party: a minister's concession meets a
                // demand made of their state, and the state's meets one made of them.
                let party = |a: ActorIdx| parties[a.index()];
                let addressed = d.of.iter().any(|&o| o == c.by || party(o) == party(c.by));
                if related_issue && addressed {
                    continue;
                }
                let why = match (related_issue, addressed) {
                    (false, _) => format!(
                        "demand `{}` is on issue `{}`, this concession on `{}`",
                        d.id,
                        issues[d.issue.index()].id,
                        issues[c.issue.index()].id
                    ),
                    _ => format!("demand `{}` is not addressed to the conceding actor", d.id),
                };
                let at = entry.value.answers.as_ref().map_or(entry.at, |a| a.at);
                let location = self.loc(*file, &at);
                self.report(
                    Diagnostic::new(Code::AnswerMismatch, Some(location), format!("concession `{}` answers a demand it cannot meet: {why}", c.id))
                        .label("questionable answer")
                        .hint("check `answers`: a concession answers demands on its issue (or a sub-issue) made of the conceding actor"),
                );
            }
        }
    }
}

/// A slug suggestion for a bad id ("United States" → "united-states").
fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_suggests_a_valid_id() {
        assert_eq!(slugify("United States"), "united-states");
        assert_eq!(slugify("  NATO!! "), "nato");
    }
}
