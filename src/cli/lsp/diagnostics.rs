//! sdrs-lint diagnostics → LSP diagnostics.

use crate::{Diagnostic, Severity};
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range, Uri};

use super::convert::Lines;

/// The `source` of every diagnostic the server publishes.
pub const SOURCE: &str = "sdrs-lint";

/// `diagnostic` of the document at `uri`: its primary span as the range, the rule id as the
/// code, secondary labels as related information in the same document.
pub fn to_lsp(diagnostic: &Diagnostic, lines: &Lines<'_>, uri: &Uri) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .secondary
        .iter()
        .filter_map(|label| {
            let location = match &label.file {
                // A label in another file (an inventory file): that file's URI and positions.
                Some(file) => {
                    let position = |offset| {
                        let (line, character) = file.line_column(offset, lines.unit());
                        let as_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                        Position { line: as_u32(line), character: as_u32(character) }
                    };
                    let range = Range { start: position(label.span.start), end: position(label.span.end) };
                    Location { uri: file_uri(std::path::Path::new(file.name()))?, range }
                }
                None => Location { uri: uri.clone(), range: lines.range(label.span) },
            };
            let message = label.text.clone().unwrap_or_else(|| "related".to_string());
            Some(DiagnosticRelatedInformation { location, message })
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

/// The `file:` URI of `path` (made absolute), its bytes outside RFC 3986's unreserved set and
/// `/` percent-encoded.
fn file_uri(path: &std::path::Path) -> Option<Uri> {
    let absolute = std::path::absolute(path).ok()?;
    let mut uri = String::from("file://");
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.parse().ok()
}
