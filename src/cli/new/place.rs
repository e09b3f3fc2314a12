//! Where the entry goes: the file `--append` picks, the text `--dry-run`
//! shows, and the append itself, judged against the record's old errors.

use super::*;

/// The record file `--append` without a FILE means: the one holding the most
/// entries of this kind on the entry's issue, else the most of this kind.
pub(super) fn chosen_file(
    loaded: &Loaded,
    kind: EntryKind,
    issue: Option<&str>,
) -> Option<PathBuf> {
    let section_key = format!("{}:", kind.section());
    let mut best: Option<(usize, usize, &str)> = None;
    for file in loaded.files.iter() {
        let name = file.name.as_str();
        if !(name.ends_with(".yaml") || name.ends_with(".yml")) {
            continue;
        }
        let Some(start) = file
            .text
            .lines()
            .position(|l| l.trim_end().starts_with(&section_key))
        else {
            continue;
        };
        // Entries of the section: dash lines after its key, up to the next top-level key.
        let body: Vec<&str> = file
            .text
            .lines()
            .skip(start + 1)
            .take_while(|l| l.is_empty() || l.starts_with([' ', '-', '#']))
            .collect();
        let entries = body
            .iter()
            .filter(|l| l.trim_start().starts_with("- ") && !l.starts_with("      "))
            .count();
        let on_issue = issue.map_or(0, |id| {
            body.iter()
                .filter(|l| {
                    l.trim_start()
                        .trim_start_matches("- ")
                        .trim_start_matches('{')
                        .split([',', '}'])
                        .next()
                        .is_some_and(|kv| kv.trim() == format!("issue: {id}"))
                })
                .count()
        });
        if best.is_none_or(|(i, e, _)| (on_issue, entries) > (i, e)) {
            best = Some((on_issue, entries, name));
        }
    }
    best.map(|(_, _, name)| PathBuf::from(name))
}

/// `--dry-run`: the bytes `--append` would add, and where, without writing.
pub(super) fn dry_run(
    file: &Path,
    kind: EntryKind,
    lines: &[String],
    limits: &Limits,
) -> Result<(), CliError> {
    let old = if file.exists() {
        load::read_text_file(file, limits)?
    } else {
        String::new()
    };
    let (new, how) = crate::write::yaml::append(&old, kind.section(), lines)
        .map_err(|reason| usage(format!("--append {}: {reason}", file.display())))?;
    let mut stdout = std::io::stdout().lock();
    let text = format!(
        "# would add to {} ({how}); nothing written\n{}",
        safe(&file.display().to_string()),
        &new[old.len()..]
    );
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(CliError::io("writing to stdout"))
}

/// The errors of a loaded record, by where and what they are: the old part of the
/// file keeps its bytes, so an old error keeps its place.
pub(super) fn error_keys(loaded: &Loaded) -> Vec<(String, usize, usize, String)> {
    let mut keys: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d: &Diagnostic| {
            let (file, start, end) = d.location.as_ref().map_or((String::new(), 0, 0), |l| {
                (
                    loaded.files.name(l.file).to_string(),
                    l.range.start,
                    l.range.end,
                )
            });
            (file, start, end, d.message.clone())
        })
        .collect();
    keys.sort();
    keys
}

pub(super) fn append(
    ctx: &Context,
    record_path: &Path,
    file: &Path,
    kind: EntryKind,
    lines: &[String],
    limits: &Limits,
) -> Result<(), CliError> {
    let load_keys = || {
        load::load(record_path, limits, None)
            .map(|l| error_keys(&l))
            .map_err(|e| e.to_string())
    };
    let appended = append_entry(file, kind.section(), lines, load_keys, |before| {
        let loaded = load::load(record_path, limits, None).map_err(|e| e.to_string())?;
        let new: Vec<_> = error_keys(&loaded)
            .into_iter()
            .filter(|k| !before.contains(k))
            .collect();
        match new.first() {
            None => Ok(loaded),
            Some((name, _, _, message)) => Err(format!(
                "it would add {} error{} to the record, the first in {name}: {message}",
                new.len(),
                if new.len() == 1 { "" } else { "s" }
            )),
        }
    })
    .map_err(|e| CliError::Write(Box::new(e)))?;
    let loaded = appended.verified;
    let errors = loaded.error_count();
    let shown: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error() || !ctx.quiet)
        .cloned()
        .collect();
    let mut stderr = std::io::stderr().lock();
    diagnostics::write_human(&mut stderr, &loaded.files, &shown, ctx.color)
        .map_err(CliError::io("writing diagnostics"))?;
    if !ctx.quiet || errors > 0 {
        let _ = writeln!(
            stderr,
            "stancemap: added a {} to {} ({}); {} now has {} error{} and {} warning{}{}",
            kind.section().trim_end_matches('s'),
            safe(&file.display().to_string()),
            appended.how,
            safe(&record_path.display().to_string()),
            errors,
            if errors == 1 { "" } else { "s" },
            loaded.warning_count(),
            if loaded.warning_count() == 1 { "" } else { "s" },
            if errors > 0 {
                " (all of them there before this entry)"
            } else {
                ""
            }
        );
    }
    if errors > 0 {
        return Err(CliError::Invalid);
    }
    Ok(())
}
