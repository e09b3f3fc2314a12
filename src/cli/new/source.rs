//! `--source`, `--quote`, `--confidence`: the entry's `sources:` list, and the
//! quote checked against its document before anything is written.

use super::fields::keyword;
use super::*;

/// `--source`, `--quote`, `--confidence` as a block list under `sources:` (the
/// bundled record's style), its lines after a leading newline.
pub(super) fn source_list(args: &NewArgs) -> Result<Option<String>, CliError> {
    let Some(doc) = &args.source else {
        return Ok(None);
    };
    let plain = !doc.is_empty()
        && !doc.starts_with(['.', '-'])
        && doc
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if !plain {
        return Err(usage(format!(
            "--source `{}` is not a file name (letters, digits, `.`, `_`, `-`) of a document in the sources folder",
            safe(doc)
        )));
    }
    let mut text = format!("\n- doc: {doc}");
    if let Some(quote) = &args.quote {
        text.push_str(&format!("\n  quote: {}", yaml::quote(quote)));
    }
    if let Some(confidence) = keyword::<Confidence>("confidence", &args.confidence)? {
        text.push_str(&format!("\n  confidence: {confidence}"));
    }
    Ok(Some(text))
}

/// What the quote check found.
pub(super) enum QuoteCheck {
    Confirmed(PathBuf),
    NotChecked(String),
}

/// `--quote` against its document, when the document is there: a quote that does
/// not occur is refused, as `check --sources` would report it.
pub(super) fn check_quote(args: &NewArgs, limits: &Limits) -> Result<QuoteCheck, CliError> {
    let (Some(doc), Some(quote)) = (&args.source, &args.quote) else {
        return Ok(QuoteCheck::NotChecked("no --quote given".into()));
    };
    let dir = match &args.sources {
        Some(dir) => dir.clone(),
        None if args.record.is_dir() => args.record.join("sources"),
        None => {
            return Ok(QuoteCheck::NotChecked(
                "no sources folder (give --sources DIR)".into(),
            ))
        }
    };
    let path = dir.join(doc);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => {
            return Ok(QuoteCheck::NotChecked(format!(
                "{} is not a regular file",
                path.display()
            )))
        }
        Err(_) => {
            return Ok(QuoteCheck::NotChecked(format!(
                "{doc} is not in {}",
                dir.display()
            )))
        }
    }
    let text = load::read_text_file(&path, limits)?;
    if load::normalise_quote(&text).contains(&load::normalise_quote(quote)) {
        Ok(QuoteCheck::Confirmed(path))
    } else {
        Err(usage(format!(
            "--quote does not occur in {}: copy a short passage exactly (quote marks, dashes and spacing may differ; words may not)",
            path.display()
        )))
    }
}

pub(super) fn report_quote(ctx: &Context, quote: &QuoteCheck) {
    if ctx.quiet {
        return;
    }
    match quote {
        QuoteCheck::Confirmed(path) => eprintln!(
            "stancemap: the quote occurs in {}",
            safe(&path.display().to_string())
        ),
        QuoteCheck::NotChecked(why) => {
            eprintln!("stancemap: the quote was not checked: {}", safe(why))
        }
    }
}
