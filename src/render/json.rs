//! One versioned JSON document for a whole run; its schema is documented in
//! `docs/json-output.md`. Strings are escaped by serde_json, so no raw control character leaves.

use std::io::{self, Write};

use serde::Serialize;

use super::{Entry, FileReport, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Label, Severity};
use crate::span::Span;

/// Version of the document's schema; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Diagnostics found past the per-file limit and not listed.
    omitted: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    pointer: &'a str,
    span: Range,
    label: Option<&'a str>,
    secondary: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    /// The label's file when it is not the input's (an inventory file).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    span: Range,
    label: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    span: Range,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Range {
    start: Point,
    end: Point,
}

#[derive(Serialize)]
struct Point {
    offset: usize,
    line: usize,
    column: usize,
}

fn range(file: &FileReport<'_>, span: Span) -> Range {
    let (start, end) = file.range(span);
    Range {
        start: Point { offset: span.start, line: start.line, column: start.column },
        end: Point { offset: span.end, line: end.line, column: end.column },
    }
}

fn label<'a>(file: &FileReport<'_>, l: &'a Label) -> JsonLabel<'a> {
    let span = match &l.file {
        // A label in another file (an inventory file) is positioned in that file.
        Some(other) => {
            let (start, end) = (other.position(l.span.start), other.position(l.span.end));
            Range {
                start: Point { offset: l.span.start, line: start.line, column: start.column },
                end: Point { offset: l.span.end, line: end.line, column: end.column },
            }
        }
        None => range(file, l.span),
    };
    JsonLabel { path: l.file.as_ref().map(|f| f.name()), span, label: l.text.as_deref() }
}

fn diagnostic<'a>(file: &FileReport<'_>, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        rule: d.rule,
        severity: d.severity,
        message: &d.message,
        pointer: &d.pointer,
        span: range(file, d.primary.span),
        label: d.primary.text.as_deref(),
        secondary: d.secondary.iter().map(|l| label(file, l)).collect(),
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            title: &f.title,
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit { span: range(file, e.span), replacement: &e.replacement })
                .collect(),
        }),
    }
}

/// Writes the document for `entries`, pretty-printed, with a final newline.
pub fn write(out: &mut dyn Write, entries: &[Entry<'_>], summary: Summary) -> io::Result<()> {
    let files = entries
        .iter()
        .map(|entry| match entry {
            Entry::Linted(file) => File {
                path: file.path,
                error: None,
                diagnostics: file.report.diagnostics().iter().map(|d| diagnostic(file, d)).collect(),
                omitted: file.report.omitted(),
            },
            Entry::Failed { path, error } => File { path, error: Some(error), diagnostics: Vec::new(), omitted: 0 },
        })
        .collect();
    let document = Document {
        version: FORMAT_VERSION,
        tool: Tool { name: "sdrs-lint", version: env!("CARGO_PKG_VERSION") },
        files,
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
