//! Renderers: diagnostics of linted files → text for people, editors and machines.
//! They sit on top of the core; nothing below this module knows about output.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod safe;
pub mod sarif;
pub mod short;

use crate::engine::Report;
use crate::lines::{LineIndex, Position};
use crate::span::Span;

/// One linted input as the renderers need it: its display name, bytes and report.
#[derive(Debug)]
pub struct FileReport<'a> {
    /// The name to show (a path, or `<stdin>`).
    pub path: &'a str,
    /// The exact bytes that were linted.
    pub source: &'a [u8],
    /// What the rules found.
    pub report: &'a Report,
    lines: LineIndex,
}

impl<'a> FileReport<'a> {
    /// Prepares `report` on `source` for rendering.
    pub fn new(path: &'a str, source: &'a [u8], report: &'a Report) -> Self {
        FileReport { path, source, report, lines: LineIndex::new(source) }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(self.source, offset)
    }

    /// The positions of a span's start and end.
    pub fn range(&self, span: Span) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }

    /// The 1-based line and the 1-based column in UTF-16 code units of byte `offset`, as LSP
    /// and SARIF count by default.
    pub fn position_utf16(&self, offset: usize) -> Position {
        self.lines.position_utf16(self.source, offset)
    }
}

/// Totals over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Inputs linted or attempted.
    pub files: usize,
    /// Error-severity diagnostics.
    pub errors: usize,
    /// Warning-severity diagnostics.
    pub warnings: usize,
}

/// An input of a run, for the renderers that describe a whole run (JSON, SARIF, JUnit).
#[derive(Debug)]
pub enum Entry<'a> {
    /// A linted input.
    Linted(&'a FileReport<'a>),
    /// An input that could not be read.
    Failed {
        /// The name to show.
        path: &'a str,
        /// Why it could not be read.
        error: &'a str,
    },
}

/// The closing note of a file whose diagnostics were capped, or `None`.
pub fn omitted_note(file: &FileReport<'_>) -> Option<String> {
    let omitted = file.report.omitted();
    (omitted > 0).then(|| {
        let what = if omitted == 1 { "diagnostic" } else { "diagnostics" };
        format!(
            "{omitted} more {what} omitted: only the first {} are kept per file (see --max-diagnostics)",
            file.report.diagnostics().len()
        )
    })
}

/// "2 errors, 1 warning in 3 files", or "no problems in 3 files".
pub fn summary(errors: usize, warnings: usize, files: usize) -> String {
    use crate::text::count;
    if errors + warnings == 0 {
        format!("no problems in {}", count(files, "file"))
    } else {
        format!("{}, {} in {}", count(errors, "error"), count(warnings, "warning"), count(files, "file"))
    }
}
