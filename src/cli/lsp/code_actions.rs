//! `textDocument/codeAction`: a quick fix per fixable diagnostic that the request's context
//! lists or whose span meets the requested range, and one action applying every safe fix of the
//! document.

use std::collections::HashMap;

use crate::lines::ColumnUnit;
use crate::{Applicability, Span};
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit};

use super::analysis::Analysis;
use super::convert::Lines;
use super::diagnostics;
use super::documents::Document;

/// The title of the action that applies every safe fix.
pub const FIX_ALL_TITLE: &str = "Fix all safe problems (sdrs-lint)";

/// The actions for `params` on `document`, recomputed from its current text.
pub fn actions(document: &Document, params: &CodeActionParams, unit: ColumnUnit) -> Vec<CodeActionOrCommand> {
    // A configuration that cannot be used reports nothing, so it offers nothing either.
    let Ok(analysis) = Analysis::of(document) else { return Vec::new() };
    let uri = &params.text_document.uri;
    let text = document.text.as_str();
    let lines = Lines::new(text, unit);
    let report = analysis.lint(text.as_bytes());
    let requested = lines.span(params.range);
    let only = params.context.only.as_deref();
    let mut actions = Vec::new();
    if wanted(only, &CodeActionKind::QUICKFIX) {
        for diagnostic in report.diagnostics() {
            let Some(fix) = diagnostic.fix.as_ref().filter(|f| !f.edits.is_empty()) else { continue };
            let published = diagnostics::to_lsp(diagnostic, &lines, uri);
            // Clients send the diagnostics under the cursor, or those of the whole line, or the
            // one the user picked from a list wherever the cursor is.
            let listed = params.context.diagnostics.iter().any(|d| same(d, &published));
            if !listed && !overlaps(diagnostic.primary.span, requested) {
                continue;
            }
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit { range: lines.range(e.span), new_text: e.replacement.clone() })
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![published]),
                edit: Some(edit(uri, edits)),
                is_preferred: (fix.applicability == Applicability::Safe).then_some(true),
                ..CodeAction::default()
            }));
        }
    }
    let any_safe = report
        .diagnostics()
        .iter()
        .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe && !f.edits.is_empty()));
    if any_safe && wanted(only, &CodeActionKind::SOURCE_FIX_ALL) {
        let fixed = String::from_utf8(analysis.fix_safe(text.as_bytes()).text).ok().filter(|t| t != text);
        if let Some(new_text) = fixed {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: FIX_ALL_TITLE.to_string(),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(edit(uri, vec![TextEdit { range: lines.whole(), new_text }])),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }
}

/// Whether the client's `context` diagnostic `sent` is the server's `published` one: its rule
/// and range (the message and the other fields may have been rewritten by the client).
fn same(sent: &lsp_types::Diagnostic, published: &lsp_types::Diagnostic) -> bool {
    sent.code == published.code
        && sent.range == published.range
        && sent.source.as_deref().is_none_or(|s| s == diagnostics::SOURCE)
}

/// Whether the client's `only` filter admits `kind`: a listed kind admits itself and the
/// kinds below it (`source` admits `source.fixAll`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    let Some(only) = only else { return true };
    only.iter().any(|k| {
        let k = k.as_str();
        k.is_empty() || kind.as_str() == k || kind.as_str().strip_prefix(k).is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Whether two spans touch: a cursor (an empty range) at either end of a diagnostic counts.
fn overlaps(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filters_by_kind_prefix() {
        assert!(wanted(None, &CodeActionKind::QUICKFIX));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &CodeActionKind::SOURCE_FIX_ALL));
        assert!(!wanted(Some(&[CodeActionKind::SOURCE]), &CodeActionKind::QUICKFIX));
        assert!(!wanted(Some(&[CodeActionKind::from("source.fix")]), &CodeActionKind::SOURCE_FIX_ALL));
        assert!(wanted(Some(&[CodeActionKind::QUICKFIX]), &CodeActionKind::QUICKFIX));
    }
}
