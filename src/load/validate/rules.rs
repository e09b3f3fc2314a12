//! Rules across entries that need no chain walk: positions that contradict or
//! repeat each other, position ids, names shared by two actors, and
//! concessions answering demands they cannot meet.

use super::*;

impl Validator<'_> {
    /// Same actor, issue and date: different stances contradict; equal ones duplicate.
    pub(super) fn check_position_consistency(&mut self, positions: &[(Position, Location)]) {
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
    pub(super) fn check_position_ids(
        &mut self,
        ids: &[(usize, Text)],
        demands: &Order<'_, RawDemand>,
    ) {
        let mut seen: HashMap<String, Location> = HashMap::new();
        for (file, id) in ids {
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
    pub(super) fn check_ambiguous_names(&mut self, actors: &[Entry<'_, RawActor>]) {
        let mut owners: BTreeMap<String, Vec<(String, usize, At)>> = BTreeMap::new();
        for (file, entry) in actors {
            let Some(id) = &entry.value.id else { continue };
            let id = id.value.trim().to_string();
            let mut names: Vec<(String, At)> = Vec::new();
            if let Some(name) = &entry.value.name {
                names.push((name.value.to_string(), name.at));
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

    pub(super) fn check_answers(
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
