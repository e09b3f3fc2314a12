//! Rules of the state, each on a small record written for it, and the record
//! builders the queries' unit tests share.

#![allow(dead_code)]

use super::*;

pub fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub fn actor(id: &str, kind: ActorKind, member_of: Vec<ActorIdx>) -> Actor {
    Actor {
        id: id.into(),
        name: id.into(),
        kind,
        aliases: vec![],
        member_of,
        role: None,
        observer: false,
        notes: None,
        sources: vec![],
    }
}

pub fn issue(id: &str) -> Issue {
    Issue {
        id: id.into(),
        title: id.into(),
        category: Category::Security,
        description: None,
        parent: None,
        polarity: Polarity::Same,
        sources: vec![],
    }
}

pub fn position(actor: u32, issue: u32, stance: Stance, when: &str) -> Position {
    Position {
        id: None,
        actor: ActorIdx(actor),
        issue: IssueIdx(issue),
        stance,
        strength: Strength::Firm,
        summary: format!("{actor} {stance}"),
        date: date(when),
        conditions: None,
        event: None,
        notes: None,
        sources: vec![],
    }
}

pub fn demand(id: &str, by: u32, of: u32, issue: u32, stance: Direction) -> Demand {
    Demand {
        id: id.into(),
        by: ActorIdx(by),
        of: vec![ActorIdx(of)],
        issue: IssueIdx(issue),
        stance,
        text: id.into(),
        priority: Priority::Core,
        status: DemandStatus::Open,
        history: vec![],
        date: date("2025-02-01"),
        conflicts_with: vec![],
        event: None,
        notes: None,
        sources: vec![],
    }
}

/// Actors: 0 russia, 1 ukraine, 2 us, 3 lavrov (a person in russia).
pub fn record(positions: Vec<Position>, demands: Vec<Demand>) -> Record {
    Record::new(
        vec![
            actor("russia", ActorKind::State, vec![]),
            actor("ukraine", ActorKind::State, vec![]),
            actor("us", ActorKind::State, vec![]),
            actor("lavrov", ActorKind::Person, vec![ActorIdx(0)]),
        ],
        vec![issue("nato")],
        positions,
        demands,
        vec![],
        vec![],
    )
}

pub fn concession(
    id: &str,
    by: u32,
    to: u32,
    issue: u32,
    answers: Vec<u32>,
    when: &str,
) -> Concession {
    Concession {
        id: id.into(),
        by: ActorIdx(by),
        to: vec![ActorIdx(to)],
        issue: IssueIdx(issue),
        stance: None,
        answers: answers.into_iter().map(DemandIdx).collect(),
        answers_too_early: vec![],
        text: id.into(),
        status: ConcessionStatus::Offered,
        history: vec![],
        date: date(when),
        event: None,
        notes: None,
        sources: vec![],
    }
}

/// Actors: 0 russia, 1 ukraine, 2 us, 3 lavrov (in russia), 4 eu (a bloc),
/// 5 france (in the eu), 6 hungary (in the eu), 7 scholar (an analyst).
/// Issues: 0 nato, 1 territory, 2 crimea (under territory).
pub fn wide(
    positions: Vec<Position>,
    demands: Vec<Demand>,
    concessions: Vec<Concession>,
) -> Record {
    let mut crimea = issue("crimea");
    crimea.parent = Some(IssueIdx(1));
    Record::new(
        vec![
            actor("russia", ActorKind::State, vec![]),
            actor("ukraine", ActorKind::State, vec![]),
            actor("us", ActorKind::State, vec![]),
            actor("lavrov", ActorKind::Person, vec![ActorIdx(0)]),
            actor("eu", ActorKind::Bloc, vec![]),
            actor("france", ActorKind::State, vec![ActorIdx(4)]),
            actor("hungary", ActorKind::State, vec![ActorIdx(4)]),
            actor("scholar", ActorKind::Analyst, vec![]),
        ],
        vec![issue("nato"), issue("territory"), crimea],
        positions,
        demands,
        concessions,
        vec![],
    )
}

fn camp_of(s: &NegotiationState, party: u32, issue: u32) -> Option<Camp> {
    s.stance(ActorIdx(party), IssueIdx(issue)).map(|x| x.camp)
}

fn conflict(s: &NegotiationState, a: u32, b: u32) -> bool {
    s.relation()
        .link(ActorIdx(a), ActorIdx(b))
        .is_some_and(|l| l.conflicts() > 0)
}

#[test]
fn the_latest_claim_wins_and_as_of_keeps_the_earlier_one() {
    let r = record(
        vec![
            position(1, 0, Stance::Support, "2025-01"),
            position(1, 0, Stance::Oppose, "2025-03-01"),
        ],
        vec![],
    );
    let now = NegotiationState::build(&r, &Filter::default());
    assert_eq!(camp_of(&now, 1, 0), Some(Camp::Against));
    let then = NegotiationState::build(
        &r,
        &Filter {
            as_of: Some(date("2025-02-01")),
            ..Filter::default()
        },
    );
    assert_eq!(camp_of(&then, 1, 0), Some(Camp::For));
    assert_eq!(
        then.stance(ActorIdx(1), IssueIdx(0)).unwrap().claims,
        vec![ClaimId::Position(PositionIdx(0))]
    );
}

#[test]
fn a_rejected_demand_is_history_not_a_conflict_or_red_line() {
    let mut d = demand("d-ru", 0, 1, 0, Direction::Oppose);
    d.priority = Priority::RedLine;
    d.status = DemandStatus::Rejected;
    let r = record(vec![position(1, 0, Stance::Support, "2025-01")], vec![d]);
    let s = NegotiationState::build(&r, &Filter::default());
    assert_eq!(s.live_demands().count(), 0);
    assert_eq!(s.demand_phase(DemandIdx(0)), Some(Phase::History));
    assert_eq!(camp_of(&s, 0, 0), None, "a rejected demand makes no stance");
    assert!(!conflict(&s, 0, 1));
    let b = crate::query::bargaining::find(&s);
    assert!(b.red_lines.is_empty() && b.blockers.is_empty() && b.open_demands.is_empty());
    assert_eq!(b.history.len(), 1);
}

#[test]
fn a_concession_dated_before_a_demand_does_not_answer_it() {
    let mut d = demand("d-ua", 1, 0, 0, Direction::Support);
    d.date = date("2025-02-10");
    let early = concession("c-early", 0, 1, 0, vec![0], "2025-02-01");
    let late = concession("c-late", 0, 1, 0, vec![0], "2025-02-11");
    let r = wide(vec![], vec![d.clone()], vec![early]);
    let s = NegotiationState::build(&r, &Filter::default());
    assert!(s.answered_by(ConcessionIdx(0)).is_empty());
    assert!(crate::query::bargaining::find(&s).answered.is_empty());
    let r = wide(vec![], vec![d], vec![late]);
    let s = NegotiationState::build(&r, &Filter::default());
    assert_eq!(s.answered_by(ConcessionIdx(0)).len(), 1);
    assert_eq!(crate::query::bargaining::find(&s).answered.len(), 1);
}

/// Regression: an actor whose only claim was a concession answering another's
/// live demand was no party, and the relation (built by `coalitions`, e.g.
/// with `--issue` on a large record) panicked on the tie between them.
#[test]
fn a_concession_only_author_is_a_party_tied_to_the_demander() {
    let d = demand("d-ua", 1, 0, 0, Direction::Support);
    let c = concession("c-us", 2, 1, 0, vec![0], "2025-02-11");
    let r = wide(vec![], vec![d], vec![c]);
    let s = NegotiationState::build(&r, &Filter::default());
    assert!(s.parties.contains(&ActorIdx(2)));
    let link = s.relation().link(ActorIdx(2), ActorIdx(1));
    assert_eq!(link.map(|l| l.agreements()), Some(1));
    let answer =
        crate::query::coalitions::find(&NegotiationState::build(&r, &Filter::default()), None);
    assert_eq!(answer.links.len(), 1);
    assert_eq!(answer.coalitions.len(), 1);
}

#[test]
fn an_analyst_is_in_no_camp_or_coalition_unless_observers_are_included() {
    let r = wide(
        vec![
            position(0, 0, Stance::Oppose, "2025-01"),
            position(7, 0, Stance::Oppose, "2025-01"),
        ],
        vec![],
        vec![],
    );
    let s = NegotiationState::build(&r, &Filter::default());
    assert_eq!(camp_of(&s, 7, 0), None);
    assert!(!s.parties.contains(&ActorIdx(7)));
    assert_eq!(s.observer_stances.len(), 1, "its claim is kept apart");
    assert!(crate::query::coalitions::find(&s, None)
        .coalitions
        .is_empty());
    let with = NegotiationState::build(
        &r,
        &Filter {
            include_observers: true,
            ..Filter::default()
        },
    );
    assert_eq!(camp_of(&with, 7, 0), Some(Camp::Against));
    assert_eq!(
        crate::query::coalitions::find(&with, None).coalitions.len(),
        1
    );
}

#[test]
fn a_blocs_claim_puts_silent_members_in_its_camp_and_an_own_claim_wins() {
    let r = wide(
        vec![
            position(4, 0, Stance::Support, "2025-01"),
            position(6, 0, Stance::Oppose, "2025-01"),
            position(0, 0, Stance::Oppose, "2025-01"),
        ],
        vec![],
        vec![],
    );
    let s = NegotiationState::build(&r, &Filter::default());
    let france = s.stance(ActorIdx(5), IssueIdx(0)).unwrap();
    assert_eq!(france.camp, Camp::For);
    assert_eq!(france.basis, Basis::Bloc(ActorIdx(4)));
    assert!(conflict(&s, 5, 0), "france now conflicts with russia");
    assert_eq!(
        camp_of(&s, 6, 0),
        Some(Camp::Against),
        "hungary's own claim wins"
    );
    assert_eq!(s.departures.len(), 1);
    assert_eq!(s.departures[0].member, ActorIdx(6));
    let camps = crate::query::camps::issue_camps(&s, IssueIdx(0));
    assert!(camps.departures[0]
        .note
        .contains("hungary departs from its bloc eu"));
}

/// The UK in the E3 in the P5+1, as in examples/iran-2015.
fn nested_blocs(positions: Vec<Position>) -> Record {
    Record::new(
        vec![
            actor("iran", ActorKind::State, vec![]),
            actor("p5", ActorKind::Bloc, vec![]),
            actor("e3", ActorKind::Bloc, vec![ActorIdx(1)]),
            actor("uk", ActorKind::State, vec![ActorIdx(2)]),
            actor("france", ActorKind::State, vec![ActorIdx(2)]),
            actor("china", ActorKind::State, vec![ActorIdx(1)]),
        ],
        vec![issue("embargo")],
        positions,
        vec![],
        vec![],
        vec![],
    )
}

#[test]
fn a_silent_member_inherits_through_nested_blocs() {
    let r = nested_blocs(vec![
        position(1, 0, Stance::Support, "2015-06"),
        position(0, 0, Stance::Oppose, "2015-06"),
    ]);
    let s = NegotiationState::build(&r, &Filter::default());
    let uk = s.stance(ActorIdx(3), IssueIdx(0)).expect("uk inherits");
    assert_eq!(uk.camp, Camp::For);
    assert_eq!(uk.basis, Basis::Bloc(ActorIdx(2)), "from its nearest bloc");
    assert_eq!(uk.claims, vec![ClaimId::Position(PositionIdx(0))]);
    assert_eq!(camp_of(&s, 2, 0), Some(Camp::For), "the e3 passes it on");
    assert_eq!(camp_of(&s, 5, 0), Some(Camp::For));
    assert!(conflict(&s, 3, 0), "the uk now conflicts with iran");
    assert!(s.departures.is_empty());

    // The E3 speaking for itself wins for its members; France's own claim wins
    // and departs from the E3, not from the P5+1 it is not directly in.
    let r = nested_blocs(vec![
        position(1, 0, Stance::Support, "2015-06"),
        position(2, 0, Stance::Oppose, "2015-07"),
        position(4, 0, Stance::Support, "2015-07"),
    ]);
    let s = NegotiationState::build(&r, &Filter::default());
    assert_eq!(camp_of(&s, 3, 0), Some(Camp::Against));
    assert_eq!(camp_of(&s, 5, 0), Some(Camp::For));
    let departures: Vec<(u32, u32)> = s
        .departures
        .iter()
        .map(|d| (d.member.0, d.bloc.0))
        .collect();
    assert_eq!(departures, vec![(2, 1), (4, 2)]);
}

#[test]
fn same_day_opposite_claims_make_a_mixed_stance_with_both_claims() {
    let r = wide(
        vec![
            position(0, 0, Stance::Oppose, "2025-02-10"),
            position(3, 0, Stance::Support, "2025-02-10"),
            position(1, 0, Stance::Support, "2025-02-10"),
        ],
        vec![],
        vec![],
    );
    let s = NegotiationState::build(&r, &Filter::default());
    let russia = s.stance(ActorIdx(0), IssueIdx(0)).unwrap();
    assert_eq!(russia.camp, Camp::Mixed);
    assert_eq!(russia.claims.len(), 2);
    assert!(!conflict(&s, 0, 1), "a mixed stance points no way");
}

#[test]
fn sub_issue_stances_fold_into_the_parent() {
    let r = wide(
        vec![
            position(0, 2, Stance::Support, "2025-01"),
            position(1, 1, Stance::Support, "2025-01"),
        ],
        vec![],
        vec![],
    );
    let s = NegotiationState::build(&r, &Filter::default());
    let folded = s.stance(ActorIdx(0), IssueIdx(1)).unwrap();
    assert_eq!(folded.camp, Camp::For);
    assert!(matches!(folded.basis, Basis::SubIssues { .. }));
    assert!(!conflict(&s, 0, 1));
}

#[test]
fn opposed_stances_conflict_and_ambiguous_or_own_party_never_does() {
    let r = record(
        vec![
            position(0, 0, Stance::Oppose, "2025-01"),
            position(1, 0, Stance::Conditional, "2025-01"),
            position(2, 0, Stance::Ambiguous, "2025-01"),
            position(3, 0, Stance::Support, "2024-12"),
        ],
        vec![],
    );
    let s = NegotiationState::build(&r, &Filter::default());
    assert!(conflict(&s, 0, 1));
    assert!(!conflict(&s, 0, 2) && !conflict(&s, 1, 2));
    // Lavrov's older claim is superseded by russia's own: no self-conflict.
    assert_eq!(camp_of(&s, 0, 0), Some(Camp::Against));
    let people = NegotiationState::build(
        &r,
        &Filter {
            people: true,
            ..Filter::default()
        },
    );
    assert!(
        conflict(&people, 0, 3),
        "kept apart, the minister conflicts"
    );
}

#[test]
fn pairs_rows_are_the_relations_conflicts() {
    let mut red_a = position(0, 0, Stance::Oppose, "2025-01");
    red_a.strength = Strength::RedLine;
    let mut red_b = position(1, 0, Stance::Support, "2025-01");
    red_b.strength = Strength::RedLine;
    let r = record(
        vec![red_a, red_b],
        vec![demand("d", 0, 1, 0, Direction::Oppose)],
    );
    let s = NegotiationState::build(&r, &Filter::default());
    let rows = crate::query::conflicts::find(&s).conflicts;
    assert_eq!(
        rows.len(),
        2,
        "position and demand, each against ukraine's position"
    );
    assert_eq!(rows[0].severity, Severity::Critical);
    assert!(rows
        .iter()
        .all(|c| c.a.id == "russia" && c.b.id == "ukraine"));
    assert_eq!(
        s.relation()
            .link(ActorIdx(0), ActorIdx(1))
            .unwrap()
            .severity(None),
        Some(Severity::Critical)
    );
}

#[test]
fn as_of_before_a_dated_rejection_shows_the_demand_open() {
    let mut d = demand("d-ru", 0, 1, 0, Direction::Oppose);
    d.priority = Priority::RedLine;
    d.status = DemandStatus::Rejected;
    d.history = vec![crate::model::StatusChange {
        date: date("2025-03-01"),
        status: DemandStatus::Rejected,
        sources: vec![],
    }];
    let r = record(vec![position(1, 0, Stance::Support, "2025-01")], vec![d]);
    let before = NegotiationState::build(
        &r,
        &Filter {
            as_of: Some(date("2025-02-20")),
            ..Filter::default()
        },
    );
    assert_eq!(before.demand_status(DemandIdx(0)), Some(DemandStatus::Open));
    assert!(conflict(&before, 0, 1));
    assert_eq!(crate::query::bargaining::find(&before).red_lines.len(), 1);
    let after = NegotiationState::build(&r, &Filter::default());
    assert_eq!(after.demand_phase(DemandIdx(0)), Some(Phase::History));
    assert!(!conflict(&after, 0, 1));
}

#[test]
fn supporters_of_an_opposite_sub_issue_conflict_with_the_parents_supporters() {
    let mut r = wide(
        vec![
            position(0, 2, Stance::Support, "2025-01"),
            position(1, 1, Stance::Support, "2025-01"),
        ],
        vec![],
        vec![],
    );
    r.issues[2].polarity = Polarity::Opposite;
    let s = NegotiationState::build(&r, &Filter::default());
    let folded = s.stance(ActorIdx(0), IssueIdx(1)).unwrap();
    assert_eq!(folded.camp, Camp::Against);
    assert_eq!(
        folded.basis,
        Basis::SubIssues {
            from: vec![IssueIdx(2)],
            flipped: vec![IssueIdx(2)]
        }
    );
    assert!(conflict(&s, 0, 1));
    let camps = crate::query::camps::issue_camps(&s, IssueIdx(1));
    assert_eq!(camps.flipped, vec!["crimea".to_string()]);
    let rows = crate::query::conflicts::find(&s).conflicts;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].issue, "territory");
}

/// The parts of the relation the maps gather (one sign, the pairs touching a
/// party, the pairs within a group) and the friendly pairs found without the
/// relation are exactly the whole relation's, cut the same way.
#[test]
fn parts_of_the_relation_are_the_whole_relation_cut() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let r = crate::load::load(&root, &crate::load::Limits::default(), None)
        .expect("data/ loads")
        .record
        .expect("data/ is valid");
    for people in [false, true] {
        let s = NegotiationState::build(
            &r,
            &Filter {
                people,
                ..Filter::default()
            },
        );
        // Found before the relation is built: the path without it.
        let friendly = relation::friendly_neighbours(&s);
        let whole = s.relation();
        assert_eq!(friendly, whole.friendly_neighbours());
        assert!(friendly.iter().any(|l| !l.is_empty()));
        let links = |rel: &Relation| -> Vec<(ActorIdx, ActorIdx, Vec<Tie>)> {
            rel.links()
                .map(|(a, b, l)| (a, b, l.ties.clone()))
                .collect()
        };
        let expect = |keep: &dyn Fn(ActorIdx, ActorIdx, &Tie) -> bool| {
            whole
                .links()
                .map(|(a, b, l)| {
                    let ties: Vec<Tie> = l.ties.iter().copied().filter(|t| keep(a, b, t)).collect();
                    (a, b, ties)
                })
                .filter(|(_, _, t)| !t.is_empty())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            links(&Relation::part(&s, Wanted::ALL)),
            expect(&|_, _, _| true)
        );
        let russia = r.find_actor("russia").unwrap();
        let near = |a: ActorIdx| a == russia;
        let group = |a: ActorIdx| s.actor_rank(a).is_multiple_of(3);
        for sign in [Sign::Agree, Sign::Conflict] {
            let part = Relation::part(
                &s,
                Wanted {
                    sign: Some(sign),
                    among: Among::Touching(&near),
                },
            );
            let want = expect(&|a, b, t| t.sign == sign && (a == russia || b == russia));
            assert!(!want.is_empty(), "{sign:?}");
            assert_eq!(links(&part), want, "{sign:?}");
            let part = Relation::part(
                &s,
                Wanted {
                    sign: Some(sign),
                    among: Among::Within(&group),
                },
            );
            let want = expect(&|a, b, t| t.sign == sign && group(a) && group(b));
            assert!(!want.is_empty(), "{sign:?}");
            assert_eq!(links(&part), want, "{sign:?}");
        }
    }
}
