//! Adding one entry to a record file as text, and proving the result says what the
//! old file said plus that entry.
//!
//! The old bytes are never rewritten: the new text is appended after them. Where
//! the file's last top-level section is the entry's, the entry continues it (in the
//! file's own indentation); otherwise it goes in as a new section, or, where the
//! file's style allows no new key at the end (a flow map, a `...` document end), as
//! a new YAML document (`---`), which the loader merges. Each candidate is parsed
//! and compared with the old file section by section; the first one that proves
//! equal to "old plus entry" is used, and none is used when none does.

use serde_json::Value;
use std::collections::BTreeMap;

/// `text` as a YAML double-quoted scalar that any YAML 1.2 parser reads back as
/// exactly `text`: characters YAML may not carry raw (C0 and C1 controls, DEL,
/// U+FFFE/U+FFFF, surrogates cannot occur in a `str`) and the BOM are escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // NEL and the Unicode line separators are line breaks to YAML 1.1 readers.
            c if printable(c) && !matches!(c, '\u{FEFF}' | '\u{85}' | '\u{2028}' | '\u{2029}') => {
                out.push(c)
            }
            c if (c as u32) <= 0xFF => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// YAML 1.2's printable set (c-printable).
fn printable(c: char) -> bool {
    matches!(c as u32,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x1_0000..=0x10_FFFF)
}

/// The line ending a file uses: CRLF if its first line ends so, else LF.
pub fn newline_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// One way of adding the entry: the bytes to append and how to say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub suffix: String,
    pub how: &'static str,
}

/// The ways to append `entry` (its lines, unindented, the first starting `- `) to
/// `old` under `section`, most natural first. None is proven yet.
pub fn candidates(old: &str, section: &str, entry: &[String]) -> Vec<Candidate> {
    let nl = newline_of(old);
    let lead = if old.is_empty() || old.ends_with('\n') {
        ""
    } else {
        nl
    };
    let block = |indent: &str| -> String {
        entry
            .iter()
            .map(|l| format!("{indent}{l}{nl}"))
            .collect::<String>()
    };
    let mut out = Vec::new();
    if let Some(indent) = last_section_indent(old, section) {
        // A file that keeps a blank line between entries gets one before this one.
        let spaced = if items_spaced(old, &indent) && !old.ends_with(&format!("{nl}{nl}")) {
            nl
        } else {
            ""
        };
        out.push(Candidate {
            suffix: format!("{lead}{spaced}{}", block(&indent)),
            how: "at the end of its section",
        });
    }
    let blank = if has_content(old) { nl } else { "" };
    out.push(Candidate {
        suffix: format!("{lead}{blank}{section}:{nl}{}", block("  ")),
        how: "as a new section at the end",
    });
    if has_content(old) {
        out.push(Candidate {
            suffix: format!("{lead}---{nl}{section}:{nl}{}", block("  ")),
            how: "as a new YAML document (`---`) at the end",
        });
    }
    out
}

fn has_content(text: &str) -> bool {
    text.lines()
        .map(|l| l.trim_start_matches('\u{FEFF}').trim())
        .any(|l| !l.is_empty() && !l.starts_with('#'))
}

/// When the file's last top-level key (a line at column 0) is `section:` with its
/// list below it, the indentation of that list's dashes.
fn last_section_indent(text: &str, section: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let key_line = lines.iter().rposition(|l| {
        let l = l.trim_start_matches('\u{FEFF}');
        !l.is_empty() && !l.starts_with([' ', '\t', '#', '-'])
    })?;
    let key = lines[key_line].trim_start_matches('\u{FEFF}');
    let rest = key.strip_prefix(section)?.trim_start().strip_prefix(':')?;
    let rest = rest.trim();
    if !rest.is_empty() && !rest.starts_with('#') {
        return None; // `actors: [...]`: a flow list cannot be continued by lines
    }
    let items = &lines[key_line + 1..];
    // A dash at column 0 is a list under the key too (`actors:\n- id: x`).
    let first_dash = items.iter().find_map(|l| {
        let trimmed = l.trim_start_matches(' ');
        trimmed
            .starts_with('-')
            .then(|| l[..l.len() - trimmed.len()].to_string())
    });
    Some(first_dash.unwrap_or_else(|| "  ".to_string()))
}

/// Whether the file's last list (dashes at `indent`) keeps a blank line before
/// each entry after its first.
fn items_spaced(text: &str, indent: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let dash = |l: &str| {
        l.strip_prefix(indent)
            .is_some_and(|rest| rest.starts_with("- ") || rest == "-")
    };
    let dashes: Vec<usize> = (0..lines.len()).filter(|&i| dash(lines[i])).collect();
    dashes.len() >= 2 && dashes[1..].iter().all(|&i| lines[i - 1].trim().is_empty())
}

/// The sections of a file as parsed: each section's items in order (documents
/// merged, as the loader merges them), and anything else kept for comparison.
#[derive(Debug, PartialEq)]
struct Sections {
    lists: BTreeMap<String, Vec<Value>>,
    other: Vec<(String, Value)>,
}

fn sections(text: &str) -> Result<Sections, String> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: 4_000_000,
            max_events: 16_000_000,
        },
    };
    let docs: Vec<Value> =
        serde_saphyr::from_str_multiple_with_options(text, options).map_err(|e| e.to_string())?;
    let mut out = Sections {
        lists: BTreeMap::new(),
        other: Vec::new(),
    };
    for doc in docs {
        match doc {
            Value::Null => {}
            Value::Object(map) => {
                for (key, value) in map {
                    match value {
                        Value::Array(items) => out.lists.entry(key).or_default().extend(items),
                        Value::Null => {
                            out.lists.entry(key).or_default();
                        }
                        v => out.other.push((key, v)),
                    }
                }
            }
            v => out.other.push((String::new(), v)),
        }
    }
    Ok(out)
}

/// Proves that `new` says exactly what `old` says plus `entry` at the end of
/// `section`; the error says how it differs.
pub fn prove(old: &str, new: &str, section: &str, entry: &[String]) -> Result<(), String> {
    let entry_text: String = std::iter::once(format!("{section}:\n"))
        .chain(entry.iter().map(|l| format!("  {l}\n")))
        .collect();
    let entry_value = sections(&entry_text)
        .map_err(|e| format!("the new entry is not valid YAML: {e}"))?
        .lists
        .remove(section)
        .and_then(|mut items| items.pop())
        .ok_or("the new entry is empty")?;
    let mut expected =
        sections(old).map_err(|e| format!("the file is not valid YAML as it is: {e}"))?;
    expected
        .lists
        .entry(section.to_string())
        .or_default()
        .push(entry_value);
    let got = sections(new).map_err(|e| format!("the appended file would not parse: {e}"))?;
    if got != expected {
        return Err("the appended file would not read as the old one plus the entry".into());
    }
    Ok(())
}

/// The first candidate that proves right, as the full new text.
pub fn append(
    old: &str,
    section: &str,
    entry: &[String],
) -> Result<(String, &'static str), String> {
    let mut last = String::from("no way to append was found");
    // What the record's loader refuses (a YAML tag in a value, say) must not get
    // in through an append, even where serde-saphyr reads it.
    let old_reads = crate::load::yaml_problem(old).is_none();
    for c in candidates(old, section, entry) {
        let new = format!("{old}{}", c.suffix);
        match prove(old, &new, section, entry) {
            Ok(()) if old_reads => {
                if let Some(problem) = crate::load::yaml_problem(&new) {
                    return Err(format!("the entry would not read as a record: {problem}"));
                }
                return Ok((new, c.how));
            }
            Ok(()) => return Ok((new, c.how)),
            Err(e) if e.starts_with("the file is not valid YAML") => return Err(e),
            Err(e) => last = e,
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Vec<String> {
        vec![
            "- id: x".to_string(),
            format!(
                "  name: {}",
                quote("X\u{7f}\u{fffe}\u{1b}]0;t\u{7}\u{85}\"\\")
            ),
        ]
    }

    fn appended(old: &str) -> String {
        let (new, _) = append(old, "actors", &entry()).unwrap_or_else(|e| panic!("{old:?}: {e}"));
        assert!(new.starts_with(old), "old bytes kept");
        new
    }

    #[test]
    fn an_entry_holding_a_yaml_tag_is_refused() {
        let old = "actors:\n  - id: a\n    name: A\n";
        let entry = vec![
            "- id: !!binary aGVsbG8=".to_string(),
            "  name: B".to_string(),
        ];
        let err = append(old, "actors", &entry).unwrap_err();
        assert!(err.contains("tag"), "{err}");
    }

    #[test]
    fn a_file_that_spaces_its_entries_gets_a_spaced_entry() {
        let spaced = "actors:\n  - id: a\n    name: A\n\n  - id: b\n    name: B\n";
        let new = appended(spaced);
        assert!(new[spaced.len()..].starts_with("\n  - id: x"), "{new}");
        let tight = "actors:\n  - id: a\n  - id: b\n";
        let new = appended(tight);
        assert!(new[tight.len()..].starts_with("  - id: x"), "{new}");
    }

    #[test]
    fn quoted_values_read_back_exactly() {
        for s in [
            "plain",
            "a\"b\\c",
            "\u{85}\u{2028}",
            "\u{7f}\u{fffe}\u{ffff}\u{feff}\u{9b}\u{0}",
            "\u{1F600} é",
        ] {
            let yaml = format!("v: {}\n", quote(s));
            let v: BTreeMap<String, String> = serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(v["v"], s);
        }
    }

    #[test]
    fn continues_the_last_section_in_its_own_indentation() {
        let new = appended("# head\nactors:\n    - id: a   # keep\n      name: A\n");
        assert!(
            new.contains("      name: A\n    - id: x\n      name: \""),
            "{new}"
        );
    }

    #[test]
    fn every_valid_style_stays_valid() {
        for old in [
            "\u{FEFF}actors:\n  - id: a\n",
            "{\"actors\": [{\"id\": \"a\"}], \"issues\": []}\n",
            "\"actors\":\n  - id: a\n",
            "? actors\n: - id: a\n",
            "actors :\n  - id: a\n",
            "actors:\n  - id: a\n...\n",
            "actors:\n  - id: a\n    name: \"two\n      lines\"\n",
            "issues:\n  - id: i\nactors:\n- id: a\n",
            "actors:\n  - id: a\nissues:\n  - id: i\n",
            "actors:\r\n  - id: a\r\n",
            "actors:\n  - id: a",
            "",
            "# only a comment",
            "actors: []\n",
        ] {
            appended(old);
        }
    }

    #[test]
    fn crlf_stays_crlf() {
        let new = appended("actors:\r\n  - id: a\r\n");
        assert!(!new.replace("\r\n", "").contains('\n'), "{new:?}");
    }

    #[test]
    fn a_file_that_does_not_parse_is_left_alone() {
        assert!(append("actors: [\n", "actors", &entry()).is_err());
    }
}
