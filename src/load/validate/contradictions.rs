//! Same-day contradictions within one party.
//!
//! A person speaks for their party (`party_of`), so a minister's position and their
//! government's are the party's claims alike. When one party states opposite
//! directions on one issue at one date — through positions or demands — no answer
//! can say where it stood that day without showing both, so the record is warned,
//! naming both claims. One actor's two positions of different stances on one date
//! are reported by the position checks (the same `contradictory-claims` warning,
//! issue 14 rule 6: a speaker coded both ways on one day, as DNA data can be,
//! stays so on the record) and are not reported twice.
//! Concessions are left out: moving against one's own position is what they are.

use super::{
    Actor, ActorIdx, Code, Date, Demand, Diagnostic, Direction, IssueIdx, Location, Order,
    Position, Validator,
};
use crate::load::raw::RawDemand;

/// One directed claim: 24 bytes, as a large record has a hundred thousand of them.
struct Claim {
    party: ActorIdx,
    issue: IssueIdx,
    date: Date,
    direction: Direction,
    actor: ActorIdx,
    is_position: bool,
    /// The claim's index among the positions, or the demands; its name and
    /// location are looked up only for the rare warning.
    index: u32,
}

impl Validator<'_> {
    pub(super) fn check_contradictory_claims(
        &mut self,
        actors: &[Actor],
        (positions, position_locs): (&[Position], &[Location]),
        (demands, demand_order): (&[Demand], &Order<'_, RawDemand>),
    ) {
        let demand_locs: Vec<Location> = if demands.len() == demand_order.len() {
            demand_order
                .values()
                .map(|(file, entry)| self.loc(*file, &entry.at))
                .collect()
        } else {
            return; // unresolved demands are reported already
        };
        let parties = super::walks::parties(actors);
        let actor_id = |a: ActorIdx| actors.get(a.index()).map_or("?", |a| a.id.as_str());
        let mut claims: Vec<Claim> = Vec::with_capacity(positions.len() + demands.len());
        for (i, p) in positions.iter().enumerate() {
            let Some(direction) = p.stance.direction() else {
                continue;
            };
            claims.push(Claim {
                party: parties[p.actor.index()],
                issue: p.issue,
                date: p.date,
                direction,
                actor: p.actor,
                is_position: true,
                index: i as u32,
            });
        }
        for (i, d) in demands.iter().enumerate() {
            claims.push(Claim {
                party: parties[d.by.index()],
                issue: d.issue,
                date: d.date,
                direction: d.stance,
                actor: d.by,
                is_position: false,
                index: i as u32,
            });
        }
        let location = |c: &Claim| match c.is_position {
            true => &position_locs[c.index as usize],
            false => &demand_locs[c.index as usize],
        };
        let name = |c: &Claim| match c.is_position {
            true => {
                let p = &positions[c.index as usize];
                format!("{}'s position ({})", actor_id(p.actor), p.stance)
            }
            false => {
                let d = &demands[c.index as usize];
                format!("demand `{}` ({})", d.id, d.stance)
            }
        };
        let in_file_order = |c: &Claim| {
            let at = location(c);
            (at.file, at.range.start)
        };
        // No two claims share a place in the files, so the order is total and an
        // unstable sort (in place, no buffer of half the claims) is deterministic.
        claims.sort_unstable_by(|a, b| {
            (a.party, a.issue, a.date)
                .cmp(&(b.party, b.issue, b.date))
                .then_with(|| in_file_order(a).cmp(&in_file_order(b)))
        });
        for group in
            claims.chunk_by(|a, b| (a.party, a.issue, a.date) == (b.party, b.issue, b.date))
        {
            let Some((earlier, later)) = first_contradiction(group) else {
                continue;
            };
            let party = actor_id(earlier.party);
            let message = format!(
                "{} contradicts {} on the same issue at {}: both speak for `{party}`",
                name(later),
                name(earlier),
                later.date
            );
            self.report(
                Diagnostic::new(Code::ContradictoryClaims, Some(location(later).clone()), message)
                    .label("opposite direction, same day")
                    .hint(format!(
                        "if `{party}`'s line changed that day, give the later claim its later date; otherwise keep the claim the sources support (its stance that day is mixed)"
                    ))
                    .related(location(earlier).clone(), "the other claim"),
            );
        }
    }
}

/// The first pair of opposite claims in file order that is not already an error
/// (two positions of one actor), in one pass: one warning per party, issue and
/// date keeps the output and the work bounded whatever the number of claims.
fn first_contradiction(group: &[Claim]) -> Option<(&Claim, &Claim)> {
    let excluded = |a: &Claim, b: &Claim| a.is_position && b.is_position && a.actor == b.actor;
    // Per direction: the first claim, and the first that is not a position of the
    // first one's actor (the only claims the first can be excluded with).
    let mut first: [Option<&Claim>; 2] = [None, None];
    let mut first_other: [Option<&Claim>; 2] = [None, None];
    let slot = |d: Direction| usize::from(d == Direction::Oppose);
    for later in group {
        let opposite = 1 - slot(later.direction);
        for earlier in [first[opposite], first_other[opposite]]
            .into_iter()
            .flatten()
        {
            if !excluded(earlier, later) {
                return Some((earlier, later));
            }
        }
        let own = slot(later.direction);
        match first[own] {
            None => first[own] = Some(later),
            Some(f) if first_other[own].is_none() && !excluded(f, later) => {
                first_other[own] = Some(later)
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, load, located};

    const SRC: &str = "sources: [{doc: d.txt, quote: q}]";

    fn position(actor: &str, stance: &str, date: &str) -> String {
        format!("  - {{actor: {actor}, issue: land, stance: {stance}, strength: firm, summary: s, date: {date}, {SRC}}}\n")
    }

    #[test]
    fn a_minister_and_the_state_on_one_day_contradict() {
        let text = format!(
            "positions:\n{}{}",
            position("russia", "oppose", "2025-02-18"),
            position("lavrov", "support", "2025-02-18")
        );
        let loaded = load(&text);
        assert_eq!(
            located(&loaded),
            vec![format!(
                "contradictory-claims@{}",
                at(&text, "actor: lavrov", "{actor")
            )]
        );
        let d = &loaded.diagnostics[0];
        assert!(
            d.message.contains("lavrov's position (support)"),
            "{}",
            d.message
        );
        assert!(
            d.message.contains("russia's position (oppose)"),
            "{}",
            d.message
        );
        assert_eq!(
            d.related[0].location.line,
            at(&text, "actor: russia", "{")
                .split(':')
                .nth(1)
                .unwrap()
                .parse::<usize>()
                .unwrap()
        );
        assert!(loaded.record.is_some(), "a warning keeps the record");
    }

    #[test]
    fn a_demand_against_the_partys_own_position_contradicts() {
        let text = format!(
            "positions:\n{}demands:\n  - {{id: d1, by: lavrov, of: [ukraine], issue: land, stance: support, text: t, priority: core, status: open, date: 2025-02-18, {SRC}}}\n",
            position("russia", "oppose", "2025-02-18"),
        );
        let loaded = load(&text);
        assert_eq!(
            located(&loaded),
            vec![format!(
                "contradictory-claims@{}",
                at(&text, "id: d1", "{id")
            )]
        );
        assert!(loaded.diagnostics[0]
            .message
            .contains("demand `d1` (support)"));
    }

    #[test]
    fn other_days_other_parties_are_not_warned_and_one_actors_own_is_warned_once() {
        let text = format!(
            "positions:\n{}{}{}",
            position("russia", "oppose", "2025-02-18"),
            position("lavrov", "support", "2025-02-19"),
            position("ukraine", "support", "2025-02-18"),
        );
        assert!(load(&text).diagnostics.is_empty());
        // One actor's two stances on a day: the same warning, reported once.
        let text = format!(
            "positions:\n{}{}",
            position("russia", "oppose", "2025-02-18"),
            position("russia", "support", "2025-02-18"),
        );
        let codes: Vec<String> = located(&load(&text));
        assert_eq!(codes.len(), 1);
        assert!(codes[0].starts_with("contradictory-claims@"));
    }

    #[test]
    fn many_claims_on_one_day_give_one_warning() {
        let mut text = "positions:\n".to_string();
        text.push_str(&position("russia", "oppose", "2025-02-18"));
        text.push_str(&position("lavrov", "support", "2025-02-18"));
        let loaded = load(&format!(
            "{text}demands:\n  - {{id: d1, by: russia, of: [ukraine], issue: land, stance: support, text: t, priority: core, status: open, date: 2025-02-18, {SRC}}}\n"
        ));
        let warnings = located(&loaded)
            .into_iter()
            .filter(|c| c.starts_with("contradictory-claims"))
            .count();
        assert_eq!(warnings, 1);
    }
}
