//! Go to definition, find references, rename and hover, over the id sites the
//! loader located in the last check.

use super::analysis::Workspace;
use crate::diagnostic::Code;
use crate::load::{IdKind, IdSite, SourceSite};
use crate::model::DemandStatus;
use std::path::Path;

/// The id site under byte `offset` of file `file`.
pub fn site_at(workspace: &Workspace, file: usize, offset: usize) -> Option<&IdSite> {
    workspace.ids().iter().find(|s| {
        s.location.file == file
            && s.location.range.start <= offset
            && offset <= s.location.range.end
    })
}

/// Every site of the id `site` names (same kind, same id), definitions first.
pub fn sites_of<'w>(workspace: &'w Workspace, kind: IdKind, id: &str) -> Vec<&'w IdSite> {
    let mut sites: Vec<&IdSite> = workspace
        .ids()
        .iter()
        .filter(|s| s.kind == kind && s.id == id)
        .collect();
    sites.sort_by_key(|s| (!s.definition, s.location.file, s.location.range.start));
    sites
}

/// Why a rename cannot be done.
#[derive(Debug, PartialEq, Eq)]
pub enum RenameRefused {
    NotASlug,
    Clash,
}

/// Checks that `new_id` can replace `old` (an id of `kind`).
pub fn check_rename(
    workspace: &Workspace,
    kind: IdKind,
    new_id: &str,
) -> Result<(), RenameRefused> {
    let slug = crate::model::is_slug(new_id);
    if !slug {
        return Err(RenameRefused::NotASlug);
    }
    // Demand and position ids share `conflicts_with`, so they must not clash either.
    let clashing: &[IdKind] = match kind {
        IdKind::Demand | IdKind::Position => &[IdKind::Demand, IdKind::Position],
        _ => std::slice::from_ref(&kind),
    };
    if workspace
        .ids()
        .iter()
        .any(|s| s.definition && clashing.contains(&s.kind) && s.id == new_id)
    {
        return Err(RenameRefused::Clash);
    }
    Ok(())
}

/// Hover text (Markdown) for an id site.
pub fn hover_id(workspace: &Workspace, site: &IdSite) -> String {
    let definition = workspace
        .ids()
        .iter()
        .find(|s| s.definition && s.kind == site.kind && s.id == site.id);
    let mut out = format!("**{}** `{}`", site.kind.as_str(), site.id);
    match definition {
        Some(d) if !d.detail.is_empty() => out.push_str(&format!(": {}", d.detail)),
        Some(_) => {}
        None => out.push_str(" (not defined in the record)"),
    }
    if let Some(d) = definition {
        if !d.aliases.is_empty() {
            out.push_str(&format!("\n\nalso called: {}", d.aliases.join(", ")));
        }
    }
    let count_uses = |section: &str, field: &str| {
        workspace
            .ids()
            .iter()
            .filter(|s| {
                !s.definition
                    && s.kind == site.kind
                    && s.id == site.id
                    && s.section == section
                    && s.field == field
            })
            .count()
    };
    match site.kind {
        IdKind::Actor => {
            out.push_str(&format!(
                "\n\npositions: {}",
                count_uses("positions", "actor")
            ));
            if let Some(open) = open_demands(workspace, &site.id) {
                out.push_str(&format!(" · open demands: {open}"));
            }
        }
        IdKind::Issue => {
            out.push_str(&format!(
                "\n\npositions: {} · demands: {}",
                count_uses("positions", "issue"),
                count_uses("demands", "issue")
            ));
        }
        _ => {}
    }
    out
}

/// Open demands the actor makes, from the model (the last valid one while the
/// record has errors).
fn open_demands(workspace: &Workspace, actor: &str) -> Option<usize> {
    let record = workspace.record()?;
    let idx = record
        .actors
        .binary_search_by(|a| a.id.as_str().cmp(actor))
        .ok()?;
    Some(
        record
            .demands
            .iter()
            .filter(|d| d.by.index() == idx && d.status == DemandStatus::Open)
            .count(),
    )
}

/// The cited source under byte `offset` of file `file`.
pub fn source_at(workspace: &Workspace, file: usize, offset: usize) -> Option<&SourceSite> {
    let located = workspace.located.as_ref()?;
    located.sources.iter().find(|s| {
        s.location.file == file
            && s.location.range.start <= offset
            && offset <= s.location.range.end
            || [&s.doc_location, &s.quote_location]
                .into_iter()
                .flatten()
                .any(|l| l.file == file && l.range.start <= offset && offset <= l.range.end)
    })
}

/// Hover text for a cited source: its document and whether the quote is in it.
pub fn hover_source(
    workspace: &Workspace,
    source: &SourceSite,
    sources_dir: Option<&Path>,
) -> String {
    let doc = source.doc.as_deref().unwrap_or("(no `doc`)");
    let mut out = format!("**source** `{doc}`");
    let Some(dir) = sources_dir else {
        out.push_str("\n\nquote not checked: start the server with `stancemap lsp --sources DIR`");
        return out;
    };
    let Some(located) = &workspace.located else {
        return out;
    };
    let text_at = |l: &crate::diagnostic::Location| {
        located
            .loaded
            .files
            .text(l.file)
            .get(l.range.clone())
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let missing = located.loaded.diagnostics.iter().any(|d| {
        d.code == Code::MissingDocument
            && d.location
                .as_ref()
                .is_some_and(|l| text_at(l).trim_matches(['"', '\'']) == doc)
    });
    let not_found = located.loaded.diagnostics.iter().any(|d| {
        d.code == Code::QuoteNotFound
            && d.location.as_ref().map(|l| (l.file, l.range.start))
                == source
                    .quote_location
                    .as_ref()
                    .map(|l| (l.file, l.range.start))
    });
    out.push_str(&format!(" in {}\n\n", dir.display()));
    out.push_str(if missing {
        "the document is not in the sources directory"
    } else if not_found {
        "the quote is **not found** in the document"
    } else if source.quote.is_some() {
        "the quote is found in the document"
    } else {
        "no quote"
    });
    out
}
