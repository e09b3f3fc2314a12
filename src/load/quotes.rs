//! `check --sources DIR`: every quote must occur in the document it cites.
//!
//! Analysts paste quotes from articles whose typography varies (curly or straight
//! quotes, en or em dashes, wrapped lines), so both sides are normalised before
//! comparing: whitespace runs become one space, quote marks become straight, dash
//! variants become `-`. Nothing else is forgiven: a changed word is a misquote.
//!
//! The sources folder may be shared or hostile: a document is opened only if it is
//! a regular file directly inside it (a link is not followed, so no quote is
//! "confirmed" against a file elsewhere on the machine; a FIFO is opened without
//! blocking and refused; a device such as /dev/zero is refused before a byte is
//! read) and no larger than `--max-source-size`. Every such problem is an
//! `unsafe-document` error at the citation, and the run goes on.

use super::validate::CitedQuote;
use super::LoadError;
use crate::diagnostic::{Code, Diagnostic};
use std::collections::BTreeMap;
use std::path::Path;

/// Checks the cited quotes against the documents in `dir`.
pub fn verify_quotes(
    cited: &[CitedQuote],
    dir: &Path,
    max_bytes: u64,
) -> Result<Vec<Diagnostic>, LoadError> {
    if dir.is_file() {
        return Err(LoadError::SourcesNotAFolder {
            path: dir.to_path_buf(),
        });
    }
    if !dir.is_dir() {
        return Err(LoadError::NotFound {
            path: dir.to_path_buf(),
        });
    }
    let mut by_doc: BTreeMap<&str, Vec<&CitedQuote>> = BTreeMap::new();
    for c in cited {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }
    // A wrong folder would otherwise give one `missing-document` per document:
    // when not one is there, the folder is the mistake, and one line says so.
    if let Some(first) = by_doc.keys().next() {
        let present =
            |doc: &str| is_plain_file_name(doc) && std::fs::symlink_metadata(dir.join(doc)).is_ok();
        if !by_doc.keys().any(|doc| present(doc)) {
            return Err(LoadError::NoCitedDocuments {
                path: dir.to_path_buf(),
                cited: by_doc.len(),
                first: first.to_string(),
            });
        }
    }
    let mut diagnostics = Vec::new();
    for (doc, citations) in by_doc {
        let first = citations[0];
        let more = match citations.len() {
            1 => String::new(),
            n => format!(" (cited {n} times; this is the first)"),
        };
        let read = if is_plain_file_name(doc) {
            read_document(&dir.join(doc), max_bytes)
        } else if doc.contains('\0') {
            Read::Refused("is not a file name (it holds a NUL character)".into())
        } else {
            Read::Missing
        };
        let text = match read {
            Read::Text(text) => text,
            Read::Missing => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::MissingDocument,
                        Some(first.doc_at.clone()),
                        format!("cited document `{doc}` is not in {}{more}", dir.display()),
                    )
                    .label("no such document")
                    .hint("`doc` is a file name inside the sources directory; check its spelling or add the document"),
                );
                continue;
            }
            Read::Refused(why) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnsafeDocument,
                        Some(first.doc_at.clone()),
                        format!("cited document `{doc}` in {} {why}; its quotes were not checked{more}", dir.display()),
                    )
                    .label("not read")
                    .hint("keep each cited document as a plain text file inside the sources folder (copy it in rather than linking it)"),
                );
                continue;
            }
        };
        let haystack = normalise(&text);
        for c in citations {
            let needle = normalise(&c.quote);
            if !haystack.contains(&needle) {
                let hint = closest_hint(&haystack, &needle);
                diagnostics.push(
                    Diagnostic::new(
                        Code::QuoteNotFound,
                        Some(c.quote_at.clone()),
                        format!("this quote does not occur in `{doc}`"),
                    )
                    .label("not in the cited document")
                    .hint(hint),
                );
            }
        }
    }
    Ok(diagnostics)
}

/// What reading one cited document gave.
enum Read {
    Text(String),
    Missing,
    /// Not read, and why (for the diagnostic).
    Refused(String),
}

/// Reads a document as text, only if it is a regular file within `max_bytes`.
fn read_document(path: &Path, max_bytes: u64) -> Read {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOFOLLOW: a link is refused, not followed; O_NONBLOCK: a FIFO opens
        // at once instead of waiting for a writer (it is then refused below).
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    // Looked at first without opening: a link is refused whatever it points to.
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let to = std::fs::read_link(path).unwrap_or_default();
            return Read::Refused(format!(
                "is a symbolic link (to {}), which is not followed",
                to.display()
            ));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Read::Missing,
        Err(e) => return Read::Refused(format!("cannot be inspected ({e})")),
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Read::Missing,
        Err(e) => return Read::Refused(format!("cannot be opened ({e})")),
    };
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => return Read::Refused(format!("cannot be inspected ({e})")),
    };
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Read::Refused(format!("is {kind}"));
    }
    if meta.len() > max_bytes {
        return Read::Refused(format!(
            "is {} bytes, more than --max-source-size ({} MiB)",
            meta.len(),
            max_bytes >> 20
        ));
    }
    let mut bytes = Vec::new();
    // take(): a file that grows while it is read stops at the cap.
    match std::io::Read::read_to_end(&mut std::io::Read::take(file, max_bytes + 1), &mut bytes) {
        Ok(_) if bytes.len() as u64 > max_bytes => Read::Refused(format!(
            "grew past --max-source-size ({} MiB) while being read",
            max_bytes >> 20
        )),
        Ok(_) => Read::Text(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => Read::Refused(format!("cannot be read ({e})")),
    }
}

/// A `doc` must name a file in the sources directory, never a path out of it.
fn is_plain_file_name(doc: &str) -> bool {
    !doc.is_empty() && !doc.starts_with('.') && !doc.contains(['/', '\\', '\0'])
}

/// The comparison form of a text: see the module header.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            other => other,
        });
    }
    out
}

/// Points at the longest prefix of the quote, in whole words, that the
/// document does contain.
fn closest_hint(haystack: &str, needle: &str) -> String {
    let longest = longest_prefix_found(haystack.as_bytes(), needle.as_bytes());
    // The normalised quote separates words by single spaces: the prefix of
    // whole words is the part up to the last space the match reaches past.
    let words: Vec<&str> = needle.split(' ').collect();
    let mut matched = 0;
    let mut end = 0;
    for (n, word) in words.iter().enumerate() {
        end += word.len();
        if end > longest {
            break;
        }
        matched = n + 1;
        end += 1;
    }
    if matched >= 2 && matched < words.len() {
        format!(
            "the document has \"{}\" but then differs at \"{}\"; copy the quote exactly",
            words[..matched].join(" "),
            words[matched]
        )
    } else {
        "copy a short passage exactly from the document (quote marks, dashes and spacing may differ; words may not)".to_string()
    }
}

/// The length of the longest prefix of `needle` that occurs somewhere in
/// `haystack`, in one pass over each (Knuth–Morris–Pratt: the matcher's state
/// after each byte of the haystack is the longest prefix of the needle ending
/// there). Searching the document again for every shorter prefix, as this once
/// did, took seconds on a long misquote.
fn longest_prefix_found(haystack: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() {
        return 0;
    }
    // fail[i]: the longest proper border of needle[..=i].
    let mut fail = vec![0usize; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            crate::work::tick(1);
            k = fail[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        fail[i] = k;
    }
    crate::work::tick(needle.len() as u64 + haystack.len() as u64);
    let (mut state, mut best) = (0, 0);
    for &byte in haystack {
        while state > 0 && (state == needle.len() || byte != needle[state]) {
            crate::work::tick(1);
            state = fail[state - 1];
        }
        if byte == needle[state] {
            state += 1;
        }
        best = best.max(state);
        if best == needle.len() {
            break;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_typography_not_words() {
        assert_eq!(
            normalise("“will  stay\nwith Russia.”"),
            "\"will stay with Russia.\""
        );
        assert_eq!(normalise("Russia’s — war"), "Russia's - war");
        assert_ne!(normalise("will stay"), normalise("will remain"));
    }

    #[test]
    fn document_names_cannot_escape_the_directory() {
        assert!(is_plain_file_name("003_x.txt"));
        assert!(!is_plain_file_name("../secret"));
        assert!(!is_plain_file_name("a/b.txt"));
        assert!(!is_plain_file_name("a\0b.txt"));
    }

    #[test]
    fn hint_names_where_a_misquote_diverges() {
        let hint = closest_hint(
            "the talks took place in riyadh",
            "the talks took place in paris",
        );
        assert!(hint.contains("differs at \"paris\""), "{hint}");
        let hint = closest_hint("a b c d", "a b x");
        assert!(
            hint.contains("has \"a b\" but then differs at \"x\""),
            "{hint}"
        );
    }

    #[test]
    fn longest_prefix_is_found_anywhere_in_the_document() {
        assert_eq!(longest_prefix_found(b"xxabcabd", b"abcabc"), 5);
        assert_eq!(longest_prefix_found(b"aaab", b"aab"), 3);
        assert_eq!(longest_prefix_found(b"zzz", b"ab"), 0);
        assert_eq!(longest_prefix_found(b"ab", b""), 0);
    }

    /// A misquote of n words against a document of n words, at two sizes.
    fn hint_steps(n: usize) -> u64 {
        let document: Vec<String> = (0..n).map(|i| format!("w{}", i % 97)).collect();
        let mut quote = document.clone();
        quote[n - 1] = "changed".into();
        let (hint, steps) =
            crate::work::count(|| closest_hint(&document.join(" "), &quote.join(" ")));
        assert!(hint.contains("differs at \"changed\""), "{hint}");
        steps
    }

    #[test]
    fn a_misquote_ten_times_longer_takes_at_most_ten_times_the_steps() {
        let (small, large) = (hint_steps(2_000), hint_steps(20_000));
        assert!(small >= 2_000, "steps are counted: {small}");
        assert!(
            large <= 10 * small + 100,
            "{small} steps for 2,000 words, {large} for 20,000"
        );
    }
}
