//! Bringing coded data from other tools into a stancemap record.
//!
//! `dna` reads a DNA 3 database; this module turns its statements into record
//! files: organisations become parties, persons are `member_of` the
//! organisations they spoke for, concepts become issues (the concept's text is
//! the proposition, as DNA coders phrase concepts), and each statement a dated
//! position whose source is its document's title with the coded text as quote.
//! Statements repeating one another (same speaker, concept, agreement and day)
//! become one position with a source per statement, so the record passes
//! `check` and `network --count statements` still counts every statement.
//! Same-day statements pointing both ways stay two positions, as coded.

pub mod dna;

use crate::query::network::window::date_of;
use std::collections::{BTreeMap, HashMap};

/// What the import made, for the command to write and report.
#[derive(Debug, Default)]
pub struct Imported {
    /// (file name, YAML text), in writing order.
    pub files: Vec<(String, String)>,
    pub organisations: usize,
    pub persons: usize,
    pub issues: usize,
    pub positions: usize,
    pub statements: usize,
    /// Names whose slug was taken by another name: (name, id given).
    pub renamed: Vec<(String, String)>,
    /// Same speaker, concept and day, coded both ways: (speaker id, issue id, date).
    pub contradictions: Vec<(String, String, String)>,
}

/// Ids for names, unique within one section: a lowercase slug, and `-2`, `-3`
/// on collisions (reported).
#[derive(Default)]
struct Ids {
    by_name: HashMap<String, String>,
    taken: HashMap<String, String>,
    renamed: Vec<(String, String)>,
}

impl Ids {
    fn id(&mut self, name: &str, fallback: &str) -> String {
        if let Some(id) = self.by_name.get(name) {
            return id.clone();
        }
        let base = slug(name, fallback);
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        if id != base {
            self.renamed.push((name.to_string(), id.clone()));
        }
        self.taken.insert(id.clone(), name.to_string());
        self.by_name.insert(name.to_string(), id.clone());
        id
    }
}

/// Lowercase ASCII letters and digits joined by single dashes, at most 60
/// characters (cut at a dash); `fallback` when nothing is left.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > 60 {
        let cut = out[..60].rfind('-').unwrap_or(60);
        out.truncate(cut);
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// A YAML scalar that reads back as exactly `text`: a JSON string is a YAML
/// double-quoted scalar.
fn q(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

struct Claim<'a> {
    speaker: String,
    issue: String,
    date: String,
    agreement: bool,
    statements: Vec<&'a dna::DnaStatement>,
}

/// The record files for `data`; `origin` names the database in the files' header.
pub fn from_dna(data: &dna::DnaData, origin: &str) -> Imported {
    let mut actor_ids = Ids::default();
    let mut issue_ids = Ids::default();
    // Organisations first, so a person named like an organisation gets the suffix.
    let mut orgs: BTreeMap<String, &dna::DnaStatement> = BTreeMap::new();
    let mut persons: BTreeMap<String, (Vec<String>, &dna::DnaStatement)> = BTreeMap::new();
    let mut concepts: BTreeMap<String, &dna::DnaStatement> = BTreeMap::new();
    for s in &data.statements {
        if !s.organisation.is_empty() {
            orgs.entry(s.organisation.clone()).or_insert(s);
        }
        concepts.entry(s.concept.clone()).or_insert(s);
    }
    let org_id: BTreeMap<String, String> = orgs
        .keys()
        .map(|o| (o.clone(), actor_ids.id(o, "organisation")))
        .collect();
    for s in &data.statements {
        if s.person.is_empty() {
            continue;
        }
        let entry = persons.entry(s.person.clone()).or_insert((Vec::new(), s));
        if !s.organisation.is_empty() {
            let id = org_id[&s.organisation].clone();
            if !entry.0.contains(&id) {
                entry.0.push(id);
            }
        }
    }
    let person_id: BTreeMap<String, String> = persons
        .keys()
        .map(|p| (p.clone(), actor_ids.id(p, "person")))
        .collect();
    let concept_id: BTreeMap<String, String> = concepts
        .keys()
        .map(|c| (c.clone(), issue_ids.id(c, "concept")))
        .collect();

    let source = |s: &dna::DnaStatement| {
        format!(
            "      - doc: {}\n        quote: {}\n        confidence: high\n",
            q(&s.document),
            q(&s.text)
        )
    };
    let header = |what: &str| {
        format!(
            "# {what}.\n# Imported from {origin} (a DNA 3 database) by `stancemap import dna`.\n"
        )
    };

    let mut actors = header("Organisations and the persons who spoke for them");
    actors.push_str("actors:\n");
    for (name, s) in &orgs {
        actors.push_str(&format!(
            "  - id: {}\n    name: {}\n    kind: organisation\n    sources:\n{}",
            org_id[name],
            q(name),
            source(s)
        ));
    }
    for (name, (member_of, s)) in &persons {
        actors.push_str(&format!(
            "  - id: {}\n    name: {}\n    kind: person\n",
            person_id[name],
            q(name)
        ));
        if !member_of.is_empty() {
            actors.push_str(&format!("    member_of: [{}]\n", member_of.join(", ")));
        }
        actors.push_str(&format!("    sources:\n{}", source(s)));
    }

    let mut issues = header("Concepts, each a proposition that statements agree or disagree with");
    issues.push_str("issues:\n");
    for (name, s) in &concepts {
        issues.push_str(&format!(
            "  - id: {}\n    title: {}\n    category: other\n    sources:\n{}",
            concept_id[name],
            q(name),
            source(s)
        ));
    }

    // One position per speaker, concept, day and agreement; its statements are its sources.
    let mut claims: BTreeMap<(String, String, String, bool), Claim> = BTreeMap::new();
    for s in &data.statements {
        let speaker = if s.person.is_empty() {
            org_id[&s.organisation].clone()
        } else {
            person_id[&s.person].clone()
        };
        let issue = concept_id[&s.concept].clone();
        let date = date_of(s.seconds.div_euclid(86_400)).to_string();
        claims
            .entry((speaker.clone(), issue.clone(), date.clone(), s.agreement))
            .or_insert_with(|| Claim {
                speaker,
                issue,
                date,
                agreement: s.agreement,
                statements: Vec::new(),
            })
            .statements
            .push(s);
    }
    let mut contradictions = Vec::new();
    let mut positions = header(
        "Each statement as a dated position; repeated statements are sources of one position",
    );
    positions.push_str("positions:\n");
    let mut last: Option<(&str, &str, &str)> = None;
    for c in claims.values() {
        let key = (c.speaker.as_str(), c.issue.as_str(), c.date.as_str());
        if last == Some(key) {
            contradictions.push((c.speaker.clone(), c.issue.clone(), c.date.clone()));
        }
        last = Some(key);
        let first = c.statements[0];
        let who = match (first.person.is_empty(), first.organisation.is_empty()) {
            (false, false) => format!("{} ({})", first.person, first.organisation),
            (false, true) => first.person.clone(),
            _ => first.organisation.clone(),
        };
        let ids: Vec<String> = c.statements.iter().map(|s| s.id.to_string()).collect();
        positions.push_str(&format!(
            "  - actor: {}\n    issue: {}\n    stance: {}\n    strength: firm\n    summary: {}\n    date: {}\n    notes: {}\n    sources:\n",
            c.speaker,
            c.issue,
            if c.agreement { "support" } else { "oppose" },
            q(&format!("{who} {}: {}", if c.agreement { "agrees" } else { "disagrees" }, first.concept)),
            c.date,
            q(&format!("DNA statement{} {}", if ids.len() == 1 { "" } else { "s" }, ids.join(", "))),
        ));
        for s in &c.statements {
            positions.push_str(&source(s));
        }
    }

    let mut renamed = actor_ids.renamed;
    renamed.extend(issue_ids.renamed);
    Imported {
        files: vec![
            ("actors.yaml".into(), actors),
            ("issues.yaml".into(), issues),
            ("positions.yaml".into(), positions),
        ],
        organisations: orgs.len(),
        persons: persons.len(),
        issues: concepts.len(),
        positions: claims.len(),
        statements: data.statements.len(),
        renamed,
        contradictions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids_and_collisions_get_a_suffix() {
        assert_eq!(
            slug("U.S. Public Interest Research Group", "x"),
            "u-s-public-interest-research-group"
        );
        assert_eq!(slug("  ?? ", "concept"), "concept");
        assert!(slug(&"word ".repeat(40), "x").len() <= 60);
        let mut ids = Ids::default();
        assert_eq!(ids.id("CO2 tax", "x"), "co2-tax");
        assert_eq!(ids.id("CO2-tax", "x"), "co2-tax-2");
        assert_eq!(ids.id("CO2 tax", "x"), "co2-tax");
        assert_eq!(
            ids.renamed,
            vec![("CO2-tax".to_string(), "co2-tax-2".to_string())]
        );
    }

    #[test]
    fn repeated_statements_merge_and_contradictions_stay() {
        let s = |id, agreement, seconds| dna::DnaStatement {
            id,
            organisation: "Org".into(),
            person: "Ann Lee".into(),
            concept: "Tax CO2".into(),
            agreement,
            seconds,
            document: "Doc 1".into(),
            text: format!("text {id}"),
        };
        let data = dna::DnaData {
            statements: vec![
                s(1, true, 86_400),
                s(2, true, 86_400 + 5),
                s(3, false, 86_400),
                s(4, true, 3 * 86_400),
            ],
            skipped: 0,
        };
        let out = from_dna(&data, "t.dna");
        assert_eq!(out.positions, 3);
        assert_eq!(
            out.contradictions,
            vec![("ann-lee".into(), "tax-co2".into(), "1970-01-02".into())]
        );
        assert!(out.files[0].1.contains("member_of: [org]"));
        assert!(out.files[2].1.contains("notes: \"DNA statements 1, 2\""));
    }
}
