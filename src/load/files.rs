//! The texts of the loaded files, kept so diagnostics can point into them.

use crate::diagnostic::Location;

#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user would recognise it.
    pub name: String,
    pub text: String,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

/// Every file the loader looked at, by index.
#[derive(Debug, Default)]
pub struct SourceFiles {
    files: Vec<SourceFile>,
}

impl SourceFiles {
    pub fn add(&mut self, name: String, text: String) -> usize {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        self.files.push(SourceFile {
            name,
            text,
            line_starts,
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
        let line = f.line_starts.partition_point(|&start| start <= offset);
        // A caret line underlines one line: a span over several stops at the first's end.
        let line_end = f
            .line_starts
            .get(line)
            .map_or(f.text.len(), |&next| next - 1);
        let end = floor_char_boundary(&f.text, (offset + len).min(line_end.max(offset)));
        let line_start = f.line_starts[line - 1];
        let column = f.text[line_start..offset].chars().count() + 1;
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
}
