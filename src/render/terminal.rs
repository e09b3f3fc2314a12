//! Text from a record or a path, made safe to print on a terminal.
//!
//! A shared record is untrusted input: an id, a name or a file name holding ESC
//! could clear the screen, retitle the window (OSC 0), plant a hyperlink (OSC 8)
//! or set the clipboard (OSC 52); bidi controls can make text read differently
//! from what it is. Everything printed for people (tables, diagnostics with their
//! source lines, messages naming files or ids) goes through [`safe`] or
//! [`SafeWriter`]: control characters (C0 but newline and tab, DEL, C1) and bidi
//! controls are shown escaped as `\u{1b}`. JSON output is not touched: it is exact,
//! and JSON escapes control characters itself.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal raw.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escape_into(out: &mut String, c: char) {
    out.push_str(&format!("\\u{{{:x}}}", c as u32));
}

/// `text` with every unsafe character escaped (`\u{1b}`); borrowed when clean.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A whole source file made safe to show under a diagnostic, with the map from
/// old byte offsets to new ones (line ends, CRLF included, are kept).
pub struct SafeSource {
    pub text: String,
    /// (old offset of an escaped character, extra bytes added up to and including it).
    shifts: Vec<(usize, usize)>,
}

impl SafeSource {
    pub fn new(text: &str) -> SafeSource {
        let mut out = String::new();
        let mut shifts = Vec::new();
        let mut extra = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let crlf = c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n');
            if is_unsafe(c) && !crlf {
                let before = out.len();
                escape_into(&mut out, c);
                extra += out.len() - before - c.len_utf8();
                shifts.push((i, extra));
            } else {
                out.push(c);
            }
        }
        SafeSource { text: out, shifts }
    }

    /// Where byte `old` of the original text is in the safe text.
    pub fn map(&self, old: usize) -> usize {
        let n = self.shifts.partition_point(|&(at, _)| at < old);
        old + if n == 0 { 0 } else { self.shifts[n - 1].1 }
    }
}

/// A writer that escapes unsafe characters in UTF-8 text passing through it.
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes out what is pending (an incomplete character as U+FFFD) and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending.clear();
            self.inner.write_all(safe(&rest).as_bytes())?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(text) => {
                    let text = safe(text).into_owned();
                    self.pending.clear();
                    self.inner.write_all(text.as_bytes())?;
                    break;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    let text = safe(std::str::from_utf8(&self.pending[..valid]).unwrap_or(""))
                        .into_owned();
                    self.inner.write_all(text.as_bytes())?;
                    match e.error_len() {
                        // An incomplete character at the end: wait for the rest.
                        None => {
                            self.pending.drain(..valid);
                            break;
                        }
                        Some(bad) => {
                            self.inner.write_all("\u{FFFD}".as_bytes())?;
                            self.pending.drain(..valid + bad);
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_keeps_text() {
        assert_eq!(safe("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(safe("\u{9b}\u{7f}\u{202e}"), "\\u{9b}\\u{7f}\\u{202e}");
        assert!(matches!(safe("Zelenskyy — «ok»\n\t"), Cow::Borrowed(_)));
    }

    #[test]
    fn source_offsets_follow_the_escapes() {
        let s = SafeSource::new("ab\u{1b}cd\r\ne");
        assert_eq!(s.text, "ab\\u{1b}cd\r\ne");
        assert_eq!(s.map(2), 2);
        assert_eq!(s.map(3), 3 + "\\u{1b}".len() - 1);
        assert_eq!(&s.text[s.map(3)..s.map(5)], "cd");
    }

    #[test]
    fn the_writer_escapes_across_split_writes() {
        let mut out = Vec::new();
        let mut w = SafeWriter::new(&mut out);
        let text = "é\u{1b}[2Jü".as_bytes();
        for b in text {
            w.write_all(&[*b]).unwrap();
        }
        w.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "é\\u{1b}[2Jü");
    }
}
