//! The characters XML 1.0 can carry, for every XML-family output (SVG through
//! DOT, the HTML page, GraphML, GEXF).
//!
//! XML 1.0 allows tab, newline, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and
//! U+10000–U+10FFFF, nothing else — not even as a character reference. A record
//! may hold any Unicode scalar (U+FFFE, U+0001, …); written raw, one of them
//! makes a map or an export that no browser or XML reader accepts. Each format's
//! escaping function asks [`is_xml_char`] and writes [`REPLACEMENT`] (U+FFFD)
//! in place of what fails (GraphML and GEXF drop it instead; docs/exporting.md).

/// What stands in for a character XML cannot carry.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether XML 1.0 can carry `c` at all.
pub fn is_xml_char(c: char) -> bool {
    matches!(c as u32,
        0x09 | 0x0A | 0x0D | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x1_0000..=0x10_FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_excludes_nonchars_and_c0() {
        for c in ['\u{FFFE}', '\u{FFFF}', '\u{1}', '\u{0}', '\u{1B}'] {
            assert!(!is_xml_char(c), "{c:?}");
        }
        for c in ['\n', 'é', '\u{1F600}', '\u{FFFD}', '\u{85}'] {
            assert!(is_xml_char(c), "{c:?}");
        }
    }
}
