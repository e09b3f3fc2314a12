//! Diagnostics for people (codespan-reporting, caret under the text) and for
//! scripts (JSON with file, line, column, code, severity, message, hint).

use super::terminal::{safe, SafeSource};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::SourceFiles;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor, Config, Styles, StylesWriter};
use serde::Serialize;
use std::io::{self, Write};

/// Writes diagnostics as codespan reports, coloured with ANSI codes when `color`.
/// Every text from the record — file names, the source lines shown, messages —
/// is made terminal-safe first (`render::terminal`), with the spans moved to match.
pub fn write_human(
    out: &mut dyn Write,
    files: &SourceFiles,
    diagnostics: &[Diagnostic],
    color: bool,
) -> io::Result<()> {
    // Only the files a diagnostic points into are shown: making every file of a
    // large record safe (a copy of each) cost a tenth of a warm `check`.
    let mut shown = vec![false; files.iter().count()];
    for d in diagnostics {
        let places = d
            .location
            .iter()
            .chain(d.related.iter().map(|n| &n.location));
        for loc in places {
            if let Some(s) = shown.get_mut(loc.file) {
                *s = true;
            }
        }
    }
    let safe_sources: Vec<SafeSource> = files
        .iter()
        .zip(&shown)
        .map(|(f, &shown)| SafeSource::new(if shown { &f.text } else { "" }))
        .collect();
    let mut simple = SimpleFiles::new();
    for (file, source) in files.iter().zip(&safe_sources) {
        simple.add(safe(&file.name).into_owned(), source.text.as_str());
    }
    let config = Config::default();
    let styles = Styles::default();
    for d in diagnostics {
        let report = to_report(files, &safe_sources, d);
        let result = if color {
            let mut ansi = termcolor::Ansi::new(&mut *out);
            let mut writer = StylesWriter::new(&mut ansi, &styles);
            term::emit_to_write_style(&mut writer, &config, &simple, &report)
        } else {
            term::emit_to_io_write(&mut *out, &config, &simple, &report)
        };
        result.map_err(|e| match e {
            codespan_reporting::files::Error::Io(io) => io,
            other => io::Error::other(other.to_string()),
        })?;
    }
    Ok(())
}

/// Longest source line shown under a diagnostic. A minified or generated file can
/// hold one line of megabytes; echoing it (twice, with the caret line) would bury
/// the message, so such a place is named by file:line:column instead.
const MAX_SHOWN_LINE: usize = 400;

/// The length of the line holding byte `offset`, when it is too long to show.
fn overlong_line(text: &str, offset: usize) -> Option<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let chars = text
        .get(start..end)
        .map_or(end - start, |l| l.chars().count());
    (chars > MAX_SHOWN_LINE).then_some(chars)
}

fn to_report(files: &SourceFiles, safe_sources: &[SafeSource], d: &Diagnostic) -> Report<usize> {
    let report = match d.severity() {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    };
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let places = d
        .location
        .iter()
        .map(|loc| (loc, &d.label, true))
        .chain(d.related.iter().map(|n| (&n.location, &n.label, false)));
    for (loc, label, primary) in places {
        if let Some(chars) = overlong_line(files.text(loc.file), loc.range.start) {
            let label = if label.is_empty() {
                String::new()
            } else {
                format!(" ({label})")
            };
            notes.push(format!(
                "at {}:{}:{}{label}; the line has {chars} characters, too many to show",
                safe(files.name(loc.file)),
                loc.line,
                loc.column
            ));
        } else {
            let map = &safe_sources[loc.file];
            let range = map.map(loc.range.start)..map.map(loc.range.end);
            let label = safe(label).into_owned();
            labels.push(if primary {
                Label::primary(loc.file, range).with_message(label)
            } else {
                Label::secondary(loc.file, range).with_message(label)
            });
        }
    }
    if let Some(hint) = &d.hint {
        notes.push(format!("help: {}", safe(hint)));
    }
    report
        .with_code(d.code.as_str())
        .with_message(safe(&d.message).into_owned())
        .with_labels(labels)
        .with_notes(notes)
}

/// One diagnostic as JSON; the shape is documented in the README and stable.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    code: &'a str,
    severity: Severity,
    message: &'a str,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

pub fn write_json(
    out: &mut dyn Write,
    files: &SourceFiles,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let report = JsonReport {
        valid: errors == 0,
        errors,
        warnings: diagnostics.len() - errors,
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                file: d.location.as_ref().map(|l| files.name(l.file)),
                line: d.location.as_ref().map(|l| l.line),
                column: d.location.as_ref().map(|l| l.column),
                code: d.code.as_str(),
                severity: d.severity(),
                message: &d.message,
                hint: d.hint.as_deref(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
