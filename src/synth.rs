//! A deterministic generator of large, valid synthetic records, for benchmarks.
//!
//! The output is YAML in exactly the format analysts write (so the benchmark
//! measures the real loader), spread over about 50 files, with the skew real
//! records have: a few issues draw most positions, a few actors are very active,
//! about one position in ten is a red line, dates spread over 2025. It uses the
//! whole format, so benchmarks exercise every rule: people who speak for a state,
//! analysts and marked observers, sub-issues that run against their parent
//! (`polarity: opposite`), and dated status histories. It is valid without a
//! warning: a concession is dated on or after the demand it answers, and one party
//! (its people included) never states opposite directions on one issue and day.
//! The same parameters and seed always give byte-identical files.

use std::collections::HashSet;
use std::fmt::Write as _;

/// What to generate.
#[derive(Clone, Debug)]
pub struct SynthSpec {
    pub actors: usize,
    pub issues: usize,
    pub positions: usize,
    pub demands: usize,
    pub concessions: usize,
    pub seed: u64,
    /// Roughly how many files the claims are spread over.
    pub files: usize,
}

/// splitmix64: tiny, fast and stable across versions, which a benchmark's
/// reproducibility needs more than statistical quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Skewed towards 0: index `n·u³` puts about half the draws in the first 12%.
    fn skewed(&mut self, n: usize) -> usize {
        ((n as f64) * self.unit().powi(3)) as usize % n.max(1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const STANCES: [&str; 4] = ["support", "oppose", "conditional", "ambiguous"];
const CATEGORIES: [&str; 8] = [
    "territory",
    "security",
    "sanctions",
    "economy",
    "governance",
    "process",
    "humanitarian",
    "other",
];

fn date(day_of_year: usize) -> String {
    const MONTH_DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut day = day_of_year % 365;
    for (m, &len) in MONTH_DAYS.iter().enumerate() {
        if day < len {
            return format!("2025-{:02}-{:02}", m + 1, day + 1);
        }
        day -= len;
    }
    unreachable!("day_of_year % 365 falls in a month")
}

fn source(out: &mut String, rng: &mut Rng, what: &str) {
    source_at(out, rng, what, "    ");
}

fn source_at(out: &mut String, rng: &mut Rng, what: &str, indent: &str) {
    let confidence = ["low", "medium", "high"][rng.below(3)];
    let _ = write!(
        out,
        "{indent}sources:\n{indent}  - doc: synth-{:03}.txt\n{indent}    quote: \"{what} as reported\"\n{indent}    confidence: {confidence}\n",
        rng.below(200)
    );
}

/// Half the time, a one-entry `history` saying `status` was reached on a later
/// day than `day` (the claim's own), when the claim is not in its first status.
fn history(out: &mut String, rng: &mut Rng, day: usize, status: &str, first: &str, what: &str) {
    if status == first || day >= 364 || !rng.chance(0.5) {
        return;
    }
    let later = day + 1 + rng.below(364 - day);
    let _ = write!(
        out,
        "    history:\n      - date: {}\n        status: {status}\n",
        date(later)
    );
    source_at(out, rng, &format!("{what} {status}"), "        ");
}

/// The party an actor speaks for: a person (every tenth actor) belongs to the state before it.
fn party(actor: usize) -> usize {
    if actor % 10 == 9 {
        actor - 1
    } else {
        actor
    }
}

/// Generates the record as (file name, YAML text) pairs, in file-name order.
pub fn generate(spec: &SynthSpec) -> Vec<(String, String)> {
    let mut rng = Rng(spec.seed ^ 0x5354_414E_4345);
    let actors = spec.actors.max(2);
    let issues = spec.issues.max(1);
    let claim_files = spec.files.saturating_sub(2).max(1);
    let mut files = Vec::new();

    let mut text = String::from("# Synthetic actors (stancemap synth)\nactors:\n");
    for a in 0..actors {
        let kind = match a % 100 {
            _ if a % 10 == 9 => "person",
            98 => "analyst",
            97 => "organisation",
            _ => "state",
        };
        let _ = write!(
            text,
            "  - id: actor-{a:05}\n    name: Actor {a}\n    kind: {kind}\n"
        );
        if kind == "person" {
            // A person belongs to the state before it.
            let _ = writeln!(text, "    member_of: [actor-{:05}]", a - 1);
        }
        if kind == "organisation" {
            // A commentator: an observer by the record's word, not its kind.
            text.push_str("    observer: true\n");
        }
        source(&mut text, &mut rng, &format!("Actor {a}"));
    }
    files.push(("actors.yaml".to_string(), text));

    let mut text = String::from("# Synthetic issues (stancemap synth)\nissues:\n");
    for i in 0..issues {
        let category = CATEGORIES[i % CATEGORIES.len()];
        let _ = write!(
            text,
            "  - id: issue-{i:05}\n    title: Proposition {i} holds\n    category: {category}\n"
        );
        // One issue in five is a sub-issue of an earlier top-level one; every
        // other one of those runs against its parent.
        if i % 5 == 4 {
            let _ = writeln!(text, "    parent: issue-{:05}", i - 4);
            if i % 10 == 9 {
                text.push_str("    polarity: opposite\n");
            }
        }
    }
    files.push(("issues.yaml".to_string(), text));

    let mut chunks: Vec<String> = vec![String::new(); claim_files];
    let mut taken: HashSet<(usize, usize, usize)> = HashSet::with_capacity(spec.positions);
    for p in 0..spec.positions {
        // Skewed actor and issue; retry the date until the party's (issue, day)
        // is free, so no two claims of one party contradict.
        let (actor, issue) = (rng.skewed(actors), rng.skewed(issues));
        let mut day = rng.below(365);
        let mut tries = 0;
        while !taken.insert((party(actor), issue, day)) && tries < 365 {
            day = (day + 1) % 365;
            tries += 1;
        }
        if tries == 365 {
            continue;
        }
        let stance = STANCES[(actor * 7 + issue * 3 + rng.below(4)) % 4];
        let strength = if rng.chance(0.1) {
            "red-line"
        } else {
            ["firm", "flexible", "floated"][rng.below(3)]
        };
        let out = &mut chunks[p % claim_files];
        if out.is_empty() {
            out.push_str("positions:\n");
        }
        let _ = write!(
            out,
            "  - actor: actor-{actor:05}\n    issue: issue-{issue:05}\n    stance: {stance}\n    strength: {strength}\n    summary: Actor {actor} on proposition {issue}\n    date: {}\n",
            date(day)
        );
        source(out, &mut rng, &format!("Actor {actor} position"));
    }

    // Demands and concessions go in their own section per file.
    let mut demand_chunks: Vec<String> = vec![String::new(); claim_files];
    // Per actor, the demands made of it: (demand, issue, day).
    let mut demands_of: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); actors];
    for d in 0..spec.demands {
        let by = rng.skewed(actors);
        let mut of = rng.skewed(actors);
        if of == by {
            of = (of + 1) % actors;
        }
        let issue = rng.skewed(issues);
        let stance = ["support", "oppose"][rng.below(2)];
        let priority = if rng.chance(0.1) {
            "red-line"
        } else {
            ["core", "secondary"][rng.below(2)]
        };
        let status = ["open", "open", "met", "dropped", "rejected"][rng.below(5)];
        // A day the party has not spoken on this issue yet (none left: skip it).
        let mut day = rng.below(365);
        let mut tries = 0;
        while !taken.insert((party(by), issue, day)) && tries < 365 {
            day = (day + 1) % 365;
            tries += 1;
        }
        if tries == 365 {
            continue;
        }
        demands_of[of].push((d, issue, day));
        let out = &mut demand_chunks[d % claim_files];
        if out.is_empty() {
            out.push_str("demands:\n");
        }
        let _ = write!(
            out,
            "  - id: demand-{d:06}\n    by: actor-{by:05}\n    of: [actor-{of:05}]\n    issue: issue-{issue:05}\n    stance: {stance}\n    text: Actor {of} moves on proposition {issue}\n    priority: {priority}\n    status: {status}\n    date: {}\n",
            date(day)
        );
        history(
            out,
            &mut rng,
            day,
            status,
            "open",
            &format!("Actor {by} demand"),
        );
        source(out, &mut rng, &format!("Actor {by} demand"));
    }

    let mut concession_chunks: Vec<String> = vec![String::new(); claim_files];
    for c in 0..spec.concessions {
        let by = rng.skewed(actors);
        // Answer a demand made of this actor when there is one, on its issue.
        let answered =
            (!demands_of[by].is_empty()).then(|| demands_of[by][rng.below(demands_of[by].len())]);
        let issue = answered.map_or_else(|| rng.skewed(issues), |(_, i, _)| i);
        // On or after the answered demand: an answer cannot come first.
        let earliest = answered.map_or(0, |(_, _, day)| day);
        let day = earliest + rng.below(365 - earliest);
        let mut to = rng.skewed(actors);
        if to == by {
            to = (to + 1) % actors;
        }
        let status = ["floated", "offered", "made", "withdrawn", "rejected"][rng.below(5)];
        let out = &mut concession_chunks[c % claim_files];
        if out.is_empty() {
            out.push_str("concessions:\n");
        }
        let _ = write!(
            out,
            "  - id: concession-{c:06}\n    by: actor-{by:05}\n    to: [actor-{to:05}]\n    issue: issue-{issue:05}\n    stance: {}\n",
            ["support", "oppose"][rng.below(2)]
        );
        if let Some((d, _, _)) = answered {
            let _ = writeln!(out, "    answers: [demand-{d:06}]");
        }
        let _ = write!(
            out,
            "    text: Actor {by} gives ground on proposition {issue}\n    status: {status}\n    date: {}\n",
            date(day)
        );
        let what = format!("Actor {by} concession");
        // Floated comes before offered: only later statuses get a history.
        if status != "floated" {
            history(out, &mut rng, day, status, "offered", &what);
        }
        source(out, &mut rng, &what);
    }

    for (i, ((positions, demands), concessions)) in chunks
        .into_iter()
        .zip(demand_chunks)
        .zip(concession_chunks)
        .enumerate()
    {
        let text = format!(
            "# Synthetic claims, part {i} (stancemap synth)\n{positions}{demands}{concessions}"
        );
        files.push((format!("claims-{i:03}.yaml"), text));
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let spec = SynthSpec {
            actors: 20,
            issues: 10,
            positions: 200,
            demands: 40,
            concessions: 20,
            seed: 7,
            files: 5,
        };
        assert_eq!(generate(&spec), generate(&spec));
        let other = SynthSpec {
            seed: 8,
            ..spec.clone()
        };
        assert_ne!(generate(&spec), generate(&other));
    }

    #[test]
    fn is_valid_without_warnings_and_uses_the_whole_format() {
        let spec = SynthSpec {
            actors: 200,
            issues: 40,
            positions: 3000,
            demands: 600,
            concessions: 300,
            seed: 3,
            files: 6,
        };
        let loaded = crate::load::load_texts(generate(&spec), &crate::load::Limits::default());
        let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.is_empty(), "{codes:?}");
        let record = loaded.record.expect("valid");
        assert!(record.demands.iter().any(|d| !d.history.is_empty()));
        assert!(record.concessions.iter().any(|c| !c.history.is_empty()));
        assert!(record.concessions.iter().any(|c| !c.answers.is_empty()));
        assert!(record
            .issues
            .iter()
            .any(|i| i.polarity == crate::model::Polarity::Opposite));
        assert!(record.actors.iter().any(|a| a.observer));
        assert!(record
            .actors
            .iter()
            .any(|a| a.kind == crate::model::ActorKind::Analyst));
    }

    #[test]
    fn dates_cover_the_year() {
        assert_eq!(date(0), "2025-01-01");
        assert_eq!(date(58), "2025-02-28");
        assert_eq!(date(364), "2025-12-31");
    }
}
