//! Random records built from the model's shape, with random fields removed or
//! broken: the kind of input the mutation targets never reach, because they start
//! from a valid record and rarely remove a required field while keeping every
//! reference to its entry. (An issue without `category`, answered through a
//! demand on it, panicked `check` and was found this way.)

use crate::harness::VALUES;

/// A cursor over fuzz bytes; zeros when they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.u8() as usize % n
        }
    }
}

/// One field as written, or dropped, or broken — decided by the bytes.
fn field(b: &mut Bytes, name: &str, value: String, refs: &[String]) -> Option<String> {
    let value = match b.u8() % 16 {
        // Zero (also where the bytes run out) keeps the field as written, so
        // an empty input is a valid record to mutate from.
        1 => return None,                                           // removed
        2 => VALUES[b.below(VALUES.len())].to_string(),             // broken
        3 if !refs.is_empty() => refs[b.below(refs.len())].clone(), // another id
        4 => "nowhere".to_string(),                                 // a dangling reference
        _ => value,
    };
    Some(format!("{name}: {value}"))
}

fn entry(fields: Vec<Option<String>>) -> String {
    let fields: Vec<String> = fields.into_iter().flatten().collect();
    format!("  - {{{}}}\n", fields.join(", "))
}

const STANCES: &[&str] = &["support", "oppose", "conditional", "ambiguous"];
const CATEGORIES: &[&str] = &["security", "territory", "sanctions", "economy"];

/// A record of one to three files from `data`.
pub fn record(data: &[u8]) -> Vec<(String, String)> {
    let mut b = Bytes(data);
    let n_actors = 1 + b.below(5);
    let n_issues = 1 + b.below(4);
    let actors: Vec<String> = (0..n_actors).map(|i| format!("a{i}")).collect();
    let issues: Vec<String> = (0..n_issues).map(|i| format!("i{i}")).collect();
    let demands: Vec<String> = (0..b.below(4)).map(|i| format!("d{i}")).collect();
    let all: Vec<String> = actors
        .iter()
        .chain(&issues)
        .chain(&demands)
        .cloned()
        .collect();
    let src = "sources: [{doc: d.txt, quote: q}]";
    let pick = |b: &mut Bytes, from: &[String]| from[b.below(from.len())].clone();
    let date = |b: &mut Bytes| format!("2025-0{}-1{}", 1 + b.below(9), b.below(10));

    let mut text = String::from("actors:\n");
    for (i, id) in actors.iter().enumerate() {
        let kind = if i > 0 && b.u8() % 3 == 0 {
            "person"
        } else {
            "state"
        };
        let member = if kind == "person" {
            field(&mut b, "member_of", format!("[{}]", actors[0]), &all)
        } else {
            None
        };
        text += &entry(vec![
            field(&mut b, "id", id.clone(), &all),
            field(&mut b, "name", format!("Actor {i}"), &all),
            field(&mut b, "kind", kind.into(), &all),
            member,
            Some(src.into()),
        ]);
    }
    text += "issues:\n";
    for (i, id) in issues.iter().enumerate() {
        let parent = (i > 0 && b.u8() % 2 == 0).then(|| issues[b.below(i)].clone());
        let category = CATEGORIES[b.below(CATEGORIES.len())];
        text += &entry(vec![
            field(&mut b, "id", id.clone(), &all),
            field(&mut b, "title", format!("Issue {i}"), &all),
            field(&mut b, "category", category.into(), &all),
            parent.and_then(|p| field(&mut b, "parent", p, &all)),
        ]);
    }
    let mut claims = String::from("positions:\n");
    for _ in 0..b.below(6) {
        let (actor, issue) = (pick(&mut b, &actors), pick(&mut b, &issues));
        let (stance, d) = (STANCES[b.below(4)], date(&mut b));
        claims += &entry(vec![
            field(&mut b, "actor", actor, &all),
            field(&mut b, "issue", issue, &all),
            field(&mut b, "stance", stance.into(), &all),
            field(&mut b, "strength", "firm".into(), &all),
            field(&mut b, "summary", "s".into(), &all),
            field(&mut b, "date", d, &all),
            Some(src.into()),
        ]);
    }
    claims += "demands:\n";
    for id in &demands {
        let (by, of, issue) = (
            pick(&mut b, &actors),
            pick(&mut b, &actors),
            pick(&mut b, &issues),
        );
        let (stance, d) = (STANCES[b.below(2)], date(&mut b));
        claims += &entry(vec![
            field(&mut b, "id", id.clone(), &all),
            field(&mut b, "by", by, &all),
            field(&mut b, "of", format!("[{of}]"), &all),
            field(&mut b, "issue", issue, &all),
            field(&mut b, "stance", stance.into(), &all),
            field(&mut b, "text", "t".into(), &all),
            field(&mut b, "priority", "core".into(), &all),
            field(&mut b, "status", "open".into(), &all),
            field(&mut b, "date", d, &all),
            Some(src.into()),
        ]);
    }
    claims += "concessions:\n";
    for i in 0..b.below(4) {
        let (by, to, issue) = (
            pick(&mut b, &actors),
            pick(&mut b, &actors),
            pick(&mut b, &issues),
        );
        let answers = if demands.is_empty() {
            None
        } else {
            let d = pick(&mut b, &demands);
            field(&mut b, "answers", format!("[{d}]"), &all)
        };
        let d = date(&mut b);
        claims += &entry(vec![
            field(&mut b, "id", format!("c{i}"), &all),
            field(&mut b, "by", by, &all),
            field(&mut b, "to", format!("[{to}]"), &all),
            field(&mut b, "issue", issue, &all),
            answers,
            field(&mut b, "text", "t".into(), &all),
            field(&mut b, "status", "offered".into(), &all),
            field(&mut b, "date", d, &all),
            Some(src.into()),
        ]);
    }
    claims += "events:\n";
    for i in 0..b.below(3) {
        let (p, d) = (pick(&mut b, &actors), date(&mut b));
        claims += &entry(vec![
            field(&mut b, "id", format!("e{i}"), &all),
            field(&mut b, "kind", "talks".into(), &all),
            field(&mut b, "title", "T".into(), &all),
            field(&mut b, "date", d, &all),
            field(&mut b, "participants", format!("[{p}]"), &all),
        ]);
    }
    match b.u8() % 3 {
        0 => vec![("r.yaml".into(), text + &claims)],
        1 => vec![("a.yaml".into(), text), ("c.yaml".into(), claims)],
        _ => vec![
            ("a.yaml".into(), text),
            ("c.yaml".into(), claims),
            ("empty.yaml".into(), "# nothing\n".into()),
        ],
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_bytes_give_a_valid_record() {
        let loaded =
            stancemap::load::load_texts(super::record(&[]), &crate::harness::fuzz_limits());
        assert!(loaded.record.is_some(), "{:#?}", loaded.diagnostics);
    }
}
