//! One line per diagnostic, `path:line:col: severity[rule-id]: message`, for grep and editors'
//! error formats.

use std::io::{self, Write};

use super::FileReport;
use super::safe::one_line;

/// Writes every diagnostic of `file`, then the note on diagnostics omitted past the limit.
pub fn write(out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
    write_diagnostics(out, file)?;
    write_omitted_note(out, file)
}

/// Writes one line per diagnostic of `file`.
pub fn write_diagnostics(out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
    let path = one_line(file.path);
    for d in file.report.diagnostics() {
        let at = file.position(d.primary.span.start);
        writeln!(out, "{path}:{}:{}: {}[{}]: {}", at.line, at.column, d.severity, d.rule, one_line(&d.message))?;
    }
    Ok(())
}

/// Writes `path: note: …` when diagnostics of `file` were omitted past the limit.
pub fn write_omitted_note(out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
    if let Some(note) = super::omitted_note(file) {
        writeln!(out, "{}: note: {note}", one_line(file.path))?;
    }
    Ok(())
}
