//! Writes a run's outcomes in the chosen format to standard output; skipped inputs (with
//! `--verbose`) and unreadable ones go to standard error.

use std::io::{self, BufWriter, IsTerminal, Write};

use sdrs_lint::render::{
    Entry, LintedFile, Summary, github, human, json, junit, safe::one_line, sarif, short, summary,
};

use super::args::{ColorChoice, Format, LintArgs};
use super::check::count;
use super::lint::Outcome;

/// Renders `outcomes`; returns the totals.
pub fn write(args: &LintArgs, outcomes: &[Outcome]) -> io::Result<Summary> {
    let stdout = io::stdout();
    let color = use_color(args.color, stdout.is_terminal());
    let mut out = BufWriter::new(stdout.lock());
    let (linted, errors, warnings, suppressed) = count(outcomes);
    let failed = outcomes.iter().filter(|o| matches!(o, Outcome::Failed(_))).count();
    let totals = Summary { files: linted + failed, errors, warnings };
    let files: Vec<LintedFile<'_>> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Linted(l) => Some(LintedFile::new(&l.path, &l.bytes, &l.report)),
            _ => None,
        })
        .collect();
    let mut files_iter = files.iter();
    let mut entries = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Failed(f) => {
                let _ = writeln!(io::stderr(), "sdrs-lint: cannot read {}: {}", one_line(&f.path), one_line(&f.error));
                entries.push(Entry::Failed { path: &f.path, error: &f.error });
            }
            Outcome::Skipped { path, reason } => {
                if args.verbose {
                    let _ = writeln!(io::stderr(), "sdrs-lint: skipped {}: {reason}", one_line(path));
                }
            }
            Outcome::Linted(linted) => {
                let Some(file) = files_iter.next() else { continue };
                if args.verbose {
                    for span in &linted.skipped_requests {
                        let line = file.position(span.start).line;
                        let request = String::from_utf8_lossy(linted.bytes.get(span.range()).unwrap_or_default());
                        let _ = writeln!(
                            io::stderr(),
                            "sdrs-lint: {}:{line}: skipped `{}`: not a create-protected-instance request",
                            one_line(&linted.path),
                            one_line(&request)
                        );
                    }
                }
                match args.format {
                    Format::Human => human::write(&mut out, file, human::Style { color, width: terminal_width() })?,
                    Format::Short => short::write(&mut out, file)?,
                    Format::Github => github::write(&mut out, file)?,
                    Format::Json | Format::Sarif | Format::Junit => entries.push(Entry::Linted(file)),
                }
            }
        }
    }
    match args.format {
        Format::Human => {
            let mut line = summary(totals.errors, totals.warnings, totals.files);
            if suppressed > 0 {
                line.push_str(&format!(" ({suppressed} suppressed by configuration)"));
            }
            writeln!(out, "{line}")?;
        }
        Format::Json => json::write(&mut out, &entries, totals)?,
        Format::Sarif => sarif::write(&mut out, &entries, totals)?,
        Format::Junit => junit::write(&mut out, &entries, totals)?,
        Format::Short | Format::Github => {}
    }
    out.flush()?;
    Ok(totals)
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
