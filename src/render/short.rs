//! One line per diagnostic, `path:line:col: severity[rule-id]: message`, for grep and editors'
//! error formats.

use std::io::{self, Write};

use super::LintedFile;
use super::safe::one_line;

/// Writes every diagnostic of `file`.
pub fn write(out: &mut dyn Write, file: &LintedFile<'_>) -> io::Result<()> {
    let path = one_line(file.path);
    for d in file.report.diagnostics() {
        let at = file.position(d.primary.span.start);
        writeln!(out, "{path}:{}:{}: {}[{}]: {}", at.line, at.column, d.severity, d.rule, one_line(&d.message))?;
    }
    if let Some(note) = super::omitted_note(file) {
        writeln!(out, "{path}: note: {note}")?;
    }
    Ok(())
}
