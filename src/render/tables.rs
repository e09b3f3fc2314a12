//! One answer, three table formats: a terminal table that fits the width it is
//! given, CSV for a spreadsheet, Markdown for a report.
//!
//! The query tables (`query_table`) build comfy-table `Table`s and prose lines
//! and hand them here; this module decides how they look. On a terminal a row
//! keeps the height its content asks for (one line per line of text) and a
//! cell too long for its column is cut with an ellipsis instead of wrapping
//! into a wall of text: the full text is one `--format csv|markdown|json` away.
//!
//! CSV is one RFC 4180 table: when an answer has several tables (bargaining's
//! open demands, red lines, trades…) the first column, `section`, names the
//! table a row belongs to, and the header is the union of their columns. Cells
//! that a spreadsheet would run as a formula (beginning `=`, `+`, `-`, `@`) are
//! prefixed with `'`. Prose lines (counts, issue titles) are not data and are left
//! out of CSV; Markdown keeps them as paragraphs and headings.

use comfy_table::{ContentArrangement, Table};
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How tables are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableStyle {
    /// Box-drawn, fitted to this many columns.
    Terminal {
        width: u16,
    },
    Csv,
    Markdown,
}

/// A table kept for CSV until every section is known.
struct Section {
    name: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// Receives an answer's prose and tables and writes them in one style.
pub struct Tables<'a> {
    out: &'a mut dyn Write,
    style: TableStyle,
    /// Names the group the next tables belong to (an issue, in `issue`'s answer).
    group: Option<String>,
    sections: Vec<Section>,
}

impl<'a> Tables<'a> {
    pub fn new(out: &'a mut dyn Write, style: TableStyle) -> Tables<'a> {
        Tables {
            out,
            style,
            group: None,
            sections: Vec::new(),
        }
    }

    /// The width a terminal table is fitted to; `None` for CSV and Markdown,
    /// which keep every cell whole.
    pub fn terminal_width(&self) -> Option<u16> {
        match self.style {
            TableStyle::Terminal { width } => Some(width),
            _ => None,
        }
    }

    /// A line of prose: printed on a terminal and in Markdown, not part of CSV.
    pub fn line(&mut self, text: impl std::fmt::Display) -> io::Result<()> {
        match self.style {
            TableStyle::Terminal { width } => {
                for line in text.to_string().split('\n') {
                    writeln!(self.out, "{}", cut(line, width as usize))?;
                }
                Ok(())
            }
            TableStyle::Markdown => {
                let text = text.to_string();
                if text.trim().is_empty() {
                    Ok(())
                } else {
                    writeln!(self.out, "{}\n", markdown_text(&text))
                }
            }
            TableStyle::Csv => Ok(()),
        }
    }

    /// Starts a group of tables (one issue of several): a heading in Markdown, a
    /// line on a terminal, and the prefix of the `section` column in CSV.
    pub fn group(&mut self, key: &str, heading: impl std::fmt::Display) -> io::Result<()> {
        self.group = Some(key.to_string());
        match self.style {
            TableStyle::Markdown => {
                writeln!(self.out, "## {}\n", markdown_text(&heading.to_string()))
            }
            _ => self.line(heading),
        }
    }

    /// A titled table, or a line saying it is empty.
    pub fn section(&mut self, title: &str, table: Table, empty: bool) -> io::Result<()> {
        match self.style {
            TableStyle::Terminal { .. } => {
                writeln!(self.out, "{title}")?;
                if empty {
                    writeln!(self.out, "  (none)")
                } else {
                    self.table(Some(title), table)
                }
            }
            TableStyle::Markdown => {
                writeln!(self.out, "### {}\n", markdown_text(title))?;
                if empty {
                    writeln!(self.out, "(none)\n")
                } else {
                    self.table(Some(title), table)
                }
            }
            TableStyle::Csv => self.table(Some(title), table),
        }
    }

    /// A table, titled when the answer has several.
    pub fn table(&mut self, title: Option<&str>, table: Table) -> io::Result<()> {
        match self.style {
            TableStyle::Terminal { width } => match fit(&table, width) {
                Fitted::Table(t) => writeln!(self.out, "{t}"),
                Fitted::Stacked(text) => write!(self.out, "{text}"),
            },
            TableStyle::Markdown => write_markdown(self.out, &table),
            TableStyle::Csv => {
                let name = match (&self.group, title) {
                    (Some(g), Some(t)) => format!("{g}: {t}"),
                    (Some(g), None) => g.clone(),
                    (None, Some(t)) => t.to_string(),
                    (None, None) => String::new(),
                };
                let header = table
                    .header()
                    .map(|h| h.cell_iter().map(|c| c.content()).collect())
                    .unwrap_or_default();
                let rows = table
                    .row_iter()
                    .map(|r| r.cell_iter().map(|c| c.content()).collect())
                    .collect();
                self.sections.push(Section { name, header, rows });
                Ok(())
            }
        }
    }

    /// Writes what was kept back (the CSV) and flushes.
    pub fn finish(self) -> io::Result<()> {
        if self.style == TableStyle::Csv {
            write_csv(self.out, &self.sections)?;
        }
        self.out.flush()
    }
}

/// Fits a table to `width` columns. Each column gets its natural width if the
/// table fits; otherwise the room is shared out max-min fairly (narrow columns
/// such as ids keep their whole width, long text shares the rest), and every
/// line longer than its column is cut with an ellipsis. A row keeps its height:
/// nothing wraps, so one claim stays one row of a few lines.
///
/// When even that leaves a column too narrow to read (a nine-column table on 80
/// columns), each row is printed as a block of `column  value` lines instead,
/// cut to the width the same way.
fn fit(table: &Table, width: u16) -> Fitted {
    let cells =
        |row: &comfy_table::Row| -> Vec<String> { row.cell_iter().map(|c| c.content()).collect() };
    let header: Vec<String> = table.header().map(cells).unwrap_or_default();
    let rows: Vec<Vec<String>> = table.row_iter().map(cells).collect();
    let n = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut natural = vec![1usize; n];
    for row in std::iter::once(&header).chain(&rows) {
        for (i, cell) in row.iter().enumerate() {
            let w = cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
            natural[i] = natural[i].max(w);
        }
    }
    // UTF8_FULL_CONDENSED: "│ " + cells joined by " ┆ " + " │".
    let room = (width as usize).saturating_sub(3 * n + 1);
    let widths = share(&natural, room);
    if widths
        .iter()
        .zip(&natural)
        .any(|(&w, &n)| w < n.min(MIN_READABLE))
    {
        return Fitted::Stacked(stacked(&header, &rows, width as usize));
    }
    let cut_row = |row: &Vec<String>| -> Vec<String> {
        row.iter()
            .enumerate()
            .map(|(i, cell)| {
                cell.lines()
                    .map(|l| cut(l, widths[i]))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    };
    let mut fitted = Table::new();
    fitted
        .load_style(table.style())
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty();
    if !header.is_empty() {
        fitted.set_header(cut_row(&header));
    }
    for row in &rows {
        fitted.add_row(cut_row(row));
    }
    Fitted::Table(Box::new(fitted))
}

/// Narrower than this, a column is more ellipsis than text.
const MIN_READABLE: usize = 12;

enum Fitted {
    Table(Box<Table>),
    Stacked(String),
}

/// Rows as blocks of `column  value` lines, numbered, each line cut to `width`.
fn stacked(header: &[String], rows: &[Vec<String>], width: usize) -> String {
    let label = header.iter().map(|h| h.width()).max().unwrap_or(0);
    let value_width = width.saturating_sub(label + 2).max(MIN_READABLE);
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        let title = format!("── {} of {} ", r + 1, rows.len());
        let rule = width.saturating_sub(title.width());
        out.push_str(&format!("{title}{}\n", "─".repeat(rule)));
        for (i, cell) in row.iter().enumerate() {
            let name = header.get(i).map(String::as_str).unwrap_or("");
            for (k, line) in cell.lines().enumerate() {
                let shown = if k == 0 { name } else { "" };
                let pad = label - shown.width();
                let text = format!("{shown}{}  {}", " ".repeat(pad), cut(line, value_width));
                out.push_str(text.trim_end());
                out.push('\n');
            }
        }
    }
    out
}

/// Max-min fair shares of `room` for columns wanting `natural` widths (at least
/// 3 each: a letter and an ellipsis still say something).
fn share(natural: &[usize], room: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= room {
        return natural.to_vec();
    }
    let mut widths = vec![0; natural.len()];
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| (natural[i], i));
    let mut left = room;
    for (k, &i) in order.iter().enumerate() {
        let fair = left / (order.len() - k);
        widths[i] = natural[i].min(fair).max(3);
        left = left.saturating_sub(widths[i]);
    }
    widths
}

/// `line` cut to `width` display columns, ending in an ellipsis when cut.
fn cut(line: &str, width: usize) -> String {
    if line.width() <= width {
        return line.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    format!("{}…", out.trim_end())
}

/// A cell a spreadsheet would evaluate as a formula, made inert with a leading `'`.
pub fn inert(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn write_csv(out: &mut dyn Write, sections: &[Section]) -> io::Result<()> {
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let to_io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    };
    // One untitled table needs no section column.
    if let [only] = sections {
        if only.name.is_empty() {
            csv.write_record(only.header.iter().map(|h| inert(h)))
                .map_err(to_io)?;
            for row in &only.rows {
                csv.write_record(row.iter().map(|c| inert(c)))
                    .map_err(to_io)?;
            }
            return csv.flush();
        }
    }
    let mut columns: Vec<&str> = Vec::new();
    for s in sections {
        for h in &s.header {
            if !columns.contains(&h.as_str()) {
                columns.push(h);
            }
        }
    }
    let mut header = vec!["section".to_string()];
    header.extend(columns.iter().map(|c| inert(c)));
    csv.write_record(&header).map_err(to_io)?;
    for s in sections {
        for row in &s.rows {
            let mut record = vec![inert(&s.name)];
            for column in &columns {
                let cell = s
                    .header
                    .iter()
                    .position(|h| h == column)
                    .and_then(|i| row.get(i))
                    .map(String::as_str)
                    .unwrap_or("");
                record.push(inert(cell));
            }
            csv.write_record(&record).map_err(to_io)?;
        }
    }
    csv.flush()
}

/// Text with Markdown's inline syntax and HTML escaped, so a quote from the
/// record reads as written and never becomes markup.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A cell: escaped, its lines joined by `<br>` (a GFM cell is one line).
fn markdown_cell(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| markdown_text(l.trim())).collect();
    let cell = lines.join("<br>");
    if cell.is_empty() {
        " ".to_string()
    } else {
        cell
    }
}

fn write_markdown(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let header: Vec<String> = table
        .header()
        .map(|h| h.cell_iter().map(|c| markdown_cell(&c.content())).collect())
        .unwrap_or_default();
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|{}", " --- |".repeat(header.len()))?;
    for row in table.row_iter() {
        let mut cells: Vec<String> = row
            .cell_iter()
            .map(|c| markdown_cell(&c.content()))
            .collect();
        cells.resize(header.len(), " ".to_string());
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_inert() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)"] {
            assert_eq!(inert(bad), format!("'{bad}"));
        }
        assert_eq!(inert("russia"), "russia");
    }

    #[test]
    fn narrow_columns_keep_their_width_and_long_ones_share_the_rest() {
        assert_eq!(share(&[6, 100, 100], 50), vec![6, 22, 22]);
        assert_eq!(share(&[6, 10], 50), vec![6, 10]);
        assert_eq!(cut("Ukraine seeks to join NATO.", 10), "Ukraine s…");
        assert_eq!(cut("short", 10), "short");
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(
            markdown_text("a|b <script> *x*"),
            "a\\|b &lt;script&gt; \\*x\\*"
        );
    }
}
