//! One entry of each section to its model value: every field converted, every
//! problem reported, and the entry dropped (not the run stopped) when a field
//! it needs is missing or wrong.

use super::*;

impl Validator<'_> {
    pub(super) fn actor(&mut self, file: usize, entry: &Spanned<RawActor>) -> Option<Actor> {
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

    pub(super) fn issue(&mut self, file: usize, entry: &Spanned<RawIssue>) -> Option<Issue> {
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

    pub(super) fn position(
        &mut self,
        file: usize,
        entry: &Spanned<RawPosition>,
    ) -> Option<Position> {
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

    pub(super) fn demand(
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

    pub(super) fn concession(
        &mut self,
        file: usize,
        entry: &Spanned<RawConcession>,
    ) -> Option<Concession> {
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

    pub(super) fn event(&mut self, file: usize, entry: &Spanned<RawEvent>) -> Option<Event> {
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
}
