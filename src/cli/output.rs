//! Lints every input and writes the chosen format to standard output.

use std::io::{self, BufWriter, IsTerminal, Write};

use sdrs_lint::render::{Entry, LintedFile, Summary, human, json, safe::one_line, short, summary};
use sdrs_lint::{Linter, Severity};

use super::args::{ColorChoice, Format, LintArgs};
use super::inputs::{self, Failure};
use super::{LINT_ERRORS, OK, USAGE_OR_IO};

/// Lints the inputs named by `args`; returns the exit status.
pub fn lint(args: &LintArgs) -> io::Result<i32> {
    let mut totals = Summary::default();
    let mut failures = Vec::new();
    match lint_all(args, &mut totals, &mut failures) {
        // The reader went away (`sdrs-lint … | head -1`): stop quietly with what was found.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        result => result?,
    }
    Ok(if !failures.is_empty() {
        USAGE_OR_IO
    } else if totals.errors > 0 {
        LINT_ERRORS
    } else {
        OK
    })
}

fn lint_all(args: &LintArgs, totals: &mut Summary, failures: &mut Vec<Failure>) -> io::Result<()> {
    let (inputs, walk_failures) = inputs::collect(&args.paths);
    for failure in walk_failures {
        report_failure(&failure);
        failures.push(failure);
    }
    let linter = Linter::default();
    let stdout = io::stdout();
    let color = use_color(args.color, stdout.is_terminal());
    let mut out = BufWriter::new(stdout.lock());
    let mut linted = Vec::new();
    for input in inputs {
        let path = input.display();
        let bytes = match input.read() {
            Ok(bytes) => bytes,
            Err(e) => {
                let failure = Failure { path, error: e.to_string() };
                report_failure(&failure);
                failures.push(failure);
                continue;
            }
        };
        let report = linter.lint_bytes(&bytes);
        totals.files += 1;
        totals.errors += report.count(Severity::Error);
        totals.warnings += report.count(Severity::Warning);
        match args.format {
            Format::Human => {
                let style = human::Style { color, width: terminal_width() };
                human::write(&mut out, &LintedFile::new(&path, &bytes, &report), style)?;
            }
            Format::Short => short::write(&mut out, &LintedFile::new(&path, &bytes, &report))?,
            // One document for the whole run: keep the inputs until the end.
            Format::Json => linted.push((path, bytes, report)),
        }
    }
    match args.format {
        Format::Human => writeln!(out, "{}", summary(totals.errors, totals.warnings, totals.files))?,
        Format::Short => {}
        Format::Json => {
            let files: Vec<LintedFile<'_>> = linted.iter().map(|(p, b, r)| LintedFile::new(p, b, r)).collect();
            let mut entries: Vec<Entry<'_>> = files.iter().map(Entry::Linted).collect();
            entries.extend(failures.iter().map(|f| Entry::Failed { path: &f.path, error: &f.error }));
            let summary = Summary { files: totals.files + failures.len(), ..*totals };
            json::write(&mut out, &entries, summary)?;
        }
    }
    out.flush()
}

fn report_failure(failure: &Failure) {
    let _ = writeln!(io::stderr(), "sdrs-lint: cannot read {}: {}", one_line(&failure.path), one_line(&failure.error));
}

fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// The terminal's width when writing to one, else 100 columns.
fn terminal_width() -> usize {
    terminal_size::terminal_size().map_or(100, |(w, _)| usize::from(w.0).clamp(60, 200))
}
