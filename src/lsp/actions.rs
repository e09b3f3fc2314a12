//! Quick fixes: a diagnostic whose hint names one replacement ("did you mean
//! `russia`?") offers to write it in.

use super::analysis::Workspace;
use super::text::{Encoding, LineIndex};
use crate::diagnostic::suggested_replacement;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, NumberOrString, Range, TextEdit, Uri,
    WorkspaceEdit,
};
use std::collections::HashMap;

/// The fixes for the diagnostics of file `file` that touch `range`.
pub fn code_actions(
    workspace: &Workspace,
    file: usize,
    uri: &Uri,
    range: Range,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let Some(located) = &workspace.located else {
        return Vec::new();
    };
    let index = LineIndex::new(located.loaded.files.text(file), encoding);
    let (start, end) = (index.offset(range.start), index.offset(range.end));
    let mut actions = Vec::new();
    for diagnostic in &located.loaded.diagnostics {
        let Some(location) = diagnostic.location.as_ref().filter(|l| l.file == file) else {
            continue;
        };
        if location.range.end < start || location.range.start > end {
            continue;
        }
        let Some(fix) = diagnostic.hint.as_deref().and_then(suggested_replacement) else {
            continue;
        };
        let fix_range = index.range(&location.range);
        let edit = TextEdit::new(fix_range, fix.to_string());
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Replace with `{fix}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp_types::Diagnostic {
                range: fix_range,
                code: Some(NumberOrString::String(diagnostic.code.as_str().into())),
                message: diagnostic.message.clone(),
                ..lsp_types::Diagnostic::default()
            }]),
            edit: Some(WorkspaceEdit::new(HashMap::from([(
                uri.clone(),
                vec![edit],
            )]))),
            is_preferred: Some(true),
            ..CodeAction::default()
        }));
    }
    actions
}
