//! sdrs-lint diagnostics → LSP diagnostics.

use crate::{Diagnostic, Severity};
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

use super::convert::Lines;

/// The `source` of every diagnostic the server publishes.
pub const SOURCE: &str = "sdrs-lint";

/// `diagnostic` of the document at `uri`: its primary span as the range, the rule id as the
/// code, secondary labels as related information in the same document.
pub fn to_lsp(diagnostic: &Diagnostic, lines: &Lines<'_>, uri: &Uri) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: lines.range(label.span) },
            message: label.text.clone().unwrap_or_else(|| "related".to_string()),
        })
        .collect();
    lsp_types::Diagnostic {
        range: lines.range(diagnostic.primary.span),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diagnostic.rule.to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({ "rule": diagnostic.rule })),
    }
}
