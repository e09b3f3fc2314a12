//! Each party's current stance on each issue, built in one pass over the claims.
//!
//! A party's stance is its latest claim on the issue (positions and open
//! demands, its people's folded in) whose date has started by the as-of date;
//! claims of that same latest date all stand behind it, and opposite ones make
//! it `mixed`. Older claims still standing and pointing the same way stay behind
//! it too: the party's latest position (a later position replaces an earlier
//! one) and its open demands (a demand stands until its status changes). A bloc's stance then counts for each
//! member silent on the issue; a member's own differing stance wins and is
//! recorded as a departure. Sub-issues fold into their parents last ([`super::fold`]).

use super::parties::{self, bloc_members};
use super::*;

/// One claim that may stand behind a stance.
struct Candidate {
    issue: IssueIdx,
    party: ActorIdx,
    date: Date,
    claim: ClaimId,
}

pub(super) fn build(record: &Record, filter: Filter) -> NegotiationState<'_> {
    let f = &filter;
    let issues: Vec<IssueIdx> = (0..record.issues.len() as u32)
        .map(IssueIdx)
        .filter(|&i| f.keeps_issue(record, i))
        .collect();
    let party_of = |a: ActorIdx| parties::fold(record, f, a);
    let counts = |a: ActorIdx| parties::is_party(record, f, a);

    let mut candidates: Vec<Candidate> = vec![];
    let mut observer_candidates: Vec<Candidate> = vec![];
    let mut observer_claims: Vec<ClaimId> = vec![];
    let mut positions = vec![];
    for (i, p) in record.positions.iter().enumerate() {
        if !f.keeps_claim(record, p.issue, p.date, &p.sources) {
            continue;
        }
        let idx = PositionIdx(i as u32);
        let c = Candidate {
            issue: p.issue,
            party: party_of(p.actor),
            date: p.date,
            claim: ClaimId::Position(idx),
        };
        if counts(p.actor) {
            positions.push(idx);
            candidates.push(c);
        } else {
            observer_claims.push(c.claim);
            observer_candidates.push(c);
        }
    }
    let mut demand_status = vec![None; record.demands.len()];
    let mut demands = vec![];
    let mut demands_by_issue: HashMap<IssueIdx, Vec<DemandIdx>> = HashMap::new();
    for (i, d) in record.demands.iter().enumerate() {
        if !f.keeps_claim(record, d.issue, d.date, &d.sources) {
            continue;
        }
        let idx = DemandIdx(i as u32);
        let status = lifecycle::demand_status(record, idx, f);
        let c = Candidate {
            issue: d.issue,
            party: party_of(d.by),
            date: d.date,
            claim: ClaimId::Demand(idx),
        };
        let live = lifecycle::demand_phase(status) == Phase::Live;
        if counts(d.by) {
            demand_status[i] = Some(status);
            demands.push(idx);
            demands_by_issue.entry(d.issue).or_default().push(idx);
            if live {
                candidates.push(c);
            }
        } else {
            observer_claims.push(c.claim);
            if live {
                observer_candidates.push(c);
            }
        }
    }
    let mut concession_status = vec![None; record.concessions.len()];
    let mut concessions = vec![];
    for (i, c) in record.concessions.iter().enumerate() {
        if !f.keeps_claim(record, c.issue, c.date, &c.sources) {
            continue;
        }
        let idx = ConcessionIdx(i as u32);
        if counts(c.by) {
            concession_status[i] = Some(lifecycle::concession_status(record, idx, f));
            concessions.push(idx);
        } else {
            observer_claims.push(ClaimId::Concession(idx));
        }
    }
    let events = (0..record.events.len() as u32)
        .map(EventIdx)
        .filter(|&e| {
            let e = record.event(e);
            f.keeps_date(e.date) && f.keeps_sources(&e.sources)
        })
        .collect();

    let mut per_issue: Vec<Vec<PartyStance>> = vec![vec![]; record.issues.len()];
    for s in stances_of(record, candidates) {
        per_issue[s.issue.index()].push(s);
    }
    let observer_stances = stances_of(record, observer_candidates);
    let departures = inherit_from_blocs(record, f, &mut per_issue);
    super::fold::fold_sub_issues(record, &issues, &mut per_issue);

    let actor_rank = crate::query::ranks(record.actors.iter().map(|a| a.id.as_str()));
    let mut stances = vec![];
    let mut by_issue = vec![(0, 0); record.issues.len()];
    let mut index = HashMap::new();
    let mut seen = vec![false; record.actors.len()];
    for (i, mut list) in per_issue.into_iter().enumerate() {
        list.sort_by_key(|s| actor_rank[s.party.index()]);
        let from = stances.len() as u32;
        for s in list {
            index.insert((s.party, s.issue), stances.len() as u32);
            seen[s.party.index()] = true;
            stances.push(s);
        }
        by_issue[i] = (from, stances.len() as u32);
    }
    // A concession's author is a party like a demand's: a concession answering
    // a live demand ties the two, on an issue where its author may hold no stance.
    for &c in &concessions {
        seen[party_of(record.concession(c).by).index()] = true;
    }
    for &d in &demands {
        let demand = record.demand(d);
        seen[party_of(demand.by).index()] = true;
        for &a in &demand.of {
            if counts(a) {
                seen[party_of(a).index()] = true;
            }
        }
    }
    let mut parties: Vec<ActorIdx> = (0..record.actors.len() as u32)
        .map(ActorIdx)
        .filter(|a| seen[a.index()])
        .collect();
    parties.sort_by_key(|a| actor_rank[a.index()]);

    NegotiationState {
        record,
        filter,
        issues,
        parties,
        positions,
        demands,
        concessions,
        events,
        observer_claims,
        observer_stances,
        departures,
        stances,
        by_issue,
        index,
        demands_by_issue,
        demand_status,
        concession_status,
        actor_rank,
        relation: OnceLock::new(),
    }
}

/// The stance of each (party, issue) the candidates speak to, in no set order.
fn stances_of(record: &Record, mut candidates: Vec<Candidate>) -> Vec<PartyStance> {
    candidates.sort_by(|a, b| {
        (a.issue, a.party, a.date, a.claim).cmp(&(b.issue, b.party, b.date, b.claim))
    });
    let mut out = vec![];
    let mut start = 0;
    while start < candidates.len() {
        let (issue, party) = (candidates[start].issue, candidates[start].party);
        let mut end = start;
        while end < candidates.len()
            && candidates[end].issue == issue
            && candidates[end].party == party
        {
            end += 1;
        }
        out.push(stance_of(record, &candidates[start..end]));
        start = end;
    }
    out
}

/// One party's stance on one issue from its claims there, sorted by date.
fn stance_of(record: &Record, group: &[Candidate]) -> PartyStance {
    let latest = group[group.len() - 1].date;
    let newest: Vec<&Candidate> = group.iter().filter(|c| c.date == latest).collect();
    let mut camp = Camp::Ambiguous;
    for c in &newest {
        let claim_camp = match c.claim {
            ClaimId::Position(p) => match record.position(p).stance {
                crate::model::Stance::Support => Camp::For,
                crate::model::Stance::Conditional => Camp::Conditional,
                crate::model::Stance::Oppose => Camp::Against,
                crate::model::Stance::Ambiguous => Camp::Ambiguous,
            },
            other => match other.direction(record) {
                Some(Direction::Support) => Camp::For,
                Some(Direction::Oppose) => Camp::Against,
                None => Camp::Ambiguous,
            },
        };
        camp = if camp == Camp::Ambiguous {
            claim_camp
        } else {
            camp.merge(claim_camp)
        };
    }
    let mut claims: Vec<ClaimId> = newest.iter().map(|c| c.claim).collect();
    if let Some(dir) = camp.direction() {
        // A later position replaces an earlier one; a demand stands while open.
        let last_position = group
            .iter()
            .filter(|c| matches!(c.claim, ClaimId::Position(_)))
            .map(|c| c.date)
            .max();
        for c in group.iter().filter(|c| c.date != latest) {
            let standing = match c.claim {
                ClaimId::Position(_) => Some(c.date) == last_position,
                _ => true,
            };
            if standing && c.claim.direction(record) == Some(dir) {
                claims.push(c.claim);
            }
        }
    }
    claims.sort();
    PartyStance {
        party: group[0].party,
        issue: group[0].issue,
        camp,
        hardness: hardest(record, &claims),
        claims,
        basis: Basis::Own,
    }
}

pub(super) fn hardest(record: &Record, claims: &[ClaimId]) -> Hardness {
    claims
        .iter()
        .map(|&c| Hardness::of(record, c))
        .min()
        .unwrap_or(Hardness::Soft)
}

/// A bloc's stance counts for each member party with no stance of its own on
/// the issue; a member's own stance pointing another way is a departure. Blocs
/// nest (the UK in the E3 in the P5+1): a bloc silent on an issue passes on the
/// stance it inherits, so a silent member takes its nearest speaking bloc's.
fn inherit_from_blocs(
    record: &Record,
    filter: &Filter,
    per_issue: &mut [Vec<PartyStance>],
) -> Vec<Departure> {
    let members = bloc_members(record);
    if members.iter().all(Vec::is_empty) {
        return vec![];
    }
    // The blocs each actor belongs to directly, from the same membership lists.
    let mut blocs_of: Vec<Vec<ActorIdx>> = vec![vec![]; record.actors.len()];
    for (b, list) in members.iter().enumerate() {
        for &m in list {
            blocs_of[m.index()].push(ActorIdx(b as u32));
        }
    }
    let inherits: Vec<ActorIdx> = (0..record.actors.len() as u32)
        .map(ActorIdx)
        .filter(|&m| {
            !blocs_of[m.index()].is_empty()
                && parties::fold(record, filter, m) == m
                && parties::is_party(record, filter, m)
        })
        .collect();
    let mut departures = vec![];
    for list in per_issue.iter_mut() {
        if !list.iter().any(|s| !members[s.party.index()].is_empty()) {
            continue;
        }
        let mut chain = BlocChain {
            own: list
                .iter()
                .filter(|s| s.basis == Basis::Own)
                .map(|s| (s.party, s))
                .collect(),
            blocs_of: &blocs_of,
            memo: HashMap::new(),
        };
        let mut added: Vec<PartyStance> = vec![];
        for &m in &inherits {
            if let Some(own) = chain.own.get(&m).copied() {
                for &b in &blocs_of[m.index()] {
                    if let Some(bloc) = chain.effective(b) {
                        if own.camp.direction() != bloc.camp.direction() {
                            departures.push(Departure {
                                member: m,
                                bloc: b,
                                issue: own.issue,
                                member_camp: own.camp,
                                bloc_camp: bloc.camp,
                            });
                        }
                    }
                }
            } else if let Some(s) = chain.inherited(m) {
                added.push(s);
            }
        }
        list.extend(added);
    }
    departures.sort_by_key(|d| (d.issue, d.member, d.bloc));
    departures
}

/// Stances passed down the bloc memberships on one issue.
struct BlocChain<'a> {
    /// Each party's own stance on the issue.
    own: HashMap<ActorIdx, &'a PartyStance>,
    blocs_of: &'a [Vec<ActorIdx>],
    /// Inherited stances worked out so far (`None` also while being worked
    /// out, so a membership cycle ends instead of looping).
    memo: HashMap<ActorIdx, Option<PartyStance>>,
}

impl BlocChain<'_> {
    /// What a bloc says on the issue: its own stance, else what it inherits.
    fn effective(&mut self, bloc: ActorIdx) -> Option<PartyStance> {
        match self.own.get(&bloc) {
            Some(&s) => Some(s.clone()),
            None => self.inherited(bloc),
        }
    }

    /// A silent actor's stance from the blocs it belongs to directly; a member
    /// of two blocs that both say something takes both.
    fn inherited(&mut self, m: ActorIdx) -> Option<PartyStance> {
        if let Some(done) = self.memo.get(&m) {
            return done.clone();
        }
        self.memo.insert(m, None);
        let mut out: Option<PartyStance> = None;
        let blocs_of = self.blocs_of;
        for &b in &blocs_of[m.index()] {
            let Some(bloc) = self.effective(b) else {
                continue;
            };
            match &mut out {
                Some(s) => {
                    s.camp = s.camp.merge(bloc.camp);
                    s.claims.extend_from_slice(&bloc.claims);
                    s.claims.sort();
                    s.claims.dedup();
                    s.hardness = s.hardness.min(bloc.hardness);
                }
                None => {
                    out = Some(PartyStance {
                        party: m,
                        basis: Basis::Bloc(b),
                        ..bloc
                    })
                }
            }
        }
        self.memo.insert(m, out.clone());
        out
    }
}
