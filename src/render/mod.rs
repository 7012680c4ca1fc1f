//! Renderers: diagnostics of linted files → text for people, editors and machines.
//! They sit on top of the core; nothing below this module knows about output.

#[cfg(feature = "cli")]
pub mod human;
pub mod json;
pub mod safe;
pub mod short;

use crate::linter::Report;
use crate::source::{LineIndex, Position};
use crate::span::Span;

/// One linted input as the renderers need it: its display name, bytes and report.
#[derive(Debug)]
pub struct LintedFile<'a> {
    /// The name to show (a path, or `<stdin>`).
    pub path: &'a str,
    /// The exact bytes that were linted.
    pub source: &'a [u8],
    /// What the rules found.
    pub report: &'a Report,
    lines: LineIndex,
}

impl<'a> LintedFile<'a> {
    /// Prepares `report` on `source` for rendering.
    pub fn new(path: &'a str, source: &'a [u8], report: &'a Report) -> Self {
        LintedFile { path, source, report, lines: LineIndex::new(source) }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(self.source, offset)
    }

    /// The positions of a span's start and end.
    pub fn range(&self, span: Span) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }
}

/// "2 errors, 1 warning in 3 files", or "no problems in 3 files".
pub fn summary(errors: usize, warnings: usize, files: usize) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    if errors + warnings == 0 {
        format!("no problems in {}", count(files, "file"))
    } else {
        format!("{}, {} in {}", count(errors, "error"), count(warnings, "warning"), count(files, "file"))
    }
}
