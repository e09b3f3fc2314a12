//! The texts of the loaded files, kept so diagnostics can point into them.
//!
//! A column counts characters from the start of its line. Counting them afresh for
//! every diagnostic made a file written on one long line (flow style, a minified
//! export) quadratic: N problems on a line of length L cost N·L. Past one block of
//! a line, the count starts from a table of characters before each block of the
//! file, built once per file on first need, so each location costs at most a block.

use crate::diagnostic::Location;
use std::sync::OnceLock;

/// Bytes per block of the character-count table.
const BLOCK: usize = 1024;

#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user would recognise it.
    pub name: String,
    pub text: String,
    /// Byte offset of the start of each line (u32, as everywhere in the loader:
    /// a large record has millions of lines).
    line_starts: Vec<u32>,
    /// Characters before each `BLOCK`-byte block of `text`; built only when a
    /// location falls more than a block past its line's start.
    chars_before: OnceLock<Vec<u32>>,
}

impl SourceFile {
    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_to(&self, offset: usize) -> usize {
        let table = self.chars_before.get_or_init(|| {
            crate::work::tick((self.text.len() / BLOCK) as u64 + 1);
            // One entry per block start, the text's end included.
            let mut table = Vec::with_capacity(self.text.len() / BLOCK + 1);
            let mut before = 0u32;
            table.push(before);
            for block in self.text.as_bytes().chunks(BLOCK) {
                before += chars_in(block) as u32;
                table.push(before);
            }
            table
        });
        let block = offset / BLOCK;
        crate::work::tick((offset - block * BLOCK) as u64 + 1);
        table[block] as usize + chars_in(&self.text.as_bytes()[block * BLOCK..offset])
    }

    /// Characters in `text[start..end]` (both on character boundaries).
    fn chars_between(&self, start: usize, end: usize) -> usize {
        if end - start <= BLOCK {
            crate::work::tick((end - start) as u64 + 1);
            chars_in(&self.text.as_bytes()[start..end])
        } else {
            self.chars_to(end) - self.chars_to(start)
        }
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Every file the loader looked at, by index.
#[derive(Debug, Default)]
pub struct SourceFiles {
    files: Vec<SourceFile>,
}

impl SourceFiles {
    pub fn add(&mut self, name: String, text: String) -> usize {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
            .collect();
        self.files.push(SourceFile {
            name,
            text,
            line_starts,
            chars_before: OnceLock::new(),
        });
        self.files.len() - 1
    }

    pub fn get(&self, file: usize) -> &SourceFile {
        &self.files[file]
    }

    pub fn text(&self, file: usize) -> &str {
        &self.files[file].text
    }

    pub fn name(&self, file: usize) -> &str {
        &self.files[file].name
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    /// A location from a byte offset and length, with its line and column.
    pub fn location_at(&self, file: usize, offset: usize, len: usize) -> Location {
        let f = &self.files[file];
        let offset = floor_char_boundary(&f.text, offset.min(f.text.len()));
        let line = f
            .line_starts
            .partition_point(|&start| start as usize <= offset);
        // A caret line underlines one line: a span over several stops at the first's end.
        let line_end = f
            .line_starts
            .get(line)
            .map_or(f.text.len(), |&next| next as usize - 1);
        let end = floor_char_boundary(&f.text, (offset + len).min(line_end.max(offset)));
        let line_start = f.line_starts[line - 1] as usize;
        let column = f.chars_between(line_start, offset) + 1;
        Location {
            file,
            range: offset..end,
            line,
            column,
        }
    }

    /// The byte offset of a 1-based line and character column.
    pub fn offset_of(&self, file: usize, line: usize, column: usize) -> usize {
        let f = &self.files[file];
        let Some(&start) = f.line_starts.get(line.saturating_sub(1)) else {
            return f.text.len();
        };
        let start = start as usize;
        f.text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(f.text.len(), |(i, _)| start + i)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let mut files = SourceFiles::default();
        let f = files.add("a.yaml".into(), "ab\n‘c’: d\n".into());
        let loc = files.location_at(f, "ab\n‘c’: ".len(), 1);
        assert_eq!((loc.line, loc.column), (2, 6));
        assert_eq!(files.offset_of(f, 2, 6), "ab\n‘c’: ".len());
    }

    #[test]
    fn columns_far_along_a_long_line_count_characters() {
        let mut files = SourceFiles::default();
        let line = "é‘x’".repeat(3 * BLOCK);
        let f = files.add("a.yaml".into(), format!("a\n{line}\n"));
        for chars in [
            0,
            1,
            5,
            BLOCK - 1,
            BLOCK,
            2 * BLOCK + 3,
            4 * BLOCK,
            12 * BLOCK - 1,
        ] {
            let offset = 2 + line.char_indices().nth(chars).unwrap().0;
            let loc = files.location_at(f, offset, 1);
            assert_eq!(
                (loc.line, loc.column),
                (2, chars + 1),
                "{chars} characters in"
            );
        }
    }
}
