//! Writes a run's outcomes in the chosen format to standard output; skipped inputs (with
//! `--verbose`) and unreadable ones go to standard error.

use std::io::{self, BufWriter, IsTerminal, Write};

use sdrs_lint::render::safe::{multi_line, one_line};
use sdrs_lint::render::{Entry, LintedFile, Summary, github, human, json, junit, sarif, short, summary};

use super::args::{ColorChoice, Format, LintArgs};
use super::check::count;
use super::lint::Outcome;

/// Renders `outcomes`; returns the totals.
pub fn write(args: &LintArgs, outcomes: &[Outcome]) -> io::Result<Summary> {
    if args.diff {
        return write_diffs(outcomes);
    }
    let stdout = io::stdout();
    let color = use_color(args.color, stdout.is_terminal());
    let mut out = BufWriter::new(stdout.lock());
    let (linted, errors, warnings, suppressed) = count(outcomes);
    // Unreadable inputs are errors of their own (on standard error and in the status), not
    // linted files.
    let totals = Summary { files: linted, errors, warnings };
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
                if let Some(error) = &linted.write_error {
                    let _ = writeln!(
                        io::stderr(),
                        "sdrs-lint: cannot write {}: {}",
                        one_line(&linted.path),
                        one_line(error)
                    );
                }
                if linted.from_stdin && args.fix {
                    // The fixed text is the output; what remains goes to standard error.
                    out.write_all(&linted.bytes)?;
                    short::write(&mut io::stderr().lock(), file)?;
                    continue;
                }
                if args.verbose {
                    for skipped in &linted.skipped_requests {
                        let line = file.position(skipped.span.start).line;
                        let _ = writeln!(
                            io::stderr(),
                            "sdrs-lint: {}:{line}: skipped request: {}",
                            one_line(&linted.path),
                            one_line(&skipped.reason)
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
        Format::Human if linted == 0 => writeln!(out, "{}", no_requests(outcomes))?,
        Format::Human => {
            let mut line = summary(totals.errors, totals.warnings, totals.files);
            if suppressed > 0 {
                line.push_str(&format!(" ({suppressed} suppressed by configuration)"));
            }
            if args.fix {
                line.push_str(&fixed_summary(outcomes));
            }
            // With `--fix -`, standard output carries the fixed text alone.
            let fixed_stdin = args.fix && outcomes.iter().any(|o| matches!(o, Outcome::Linted(l) if l.from_stdin));
            if fixed_stdin {
                let _ = writeln!(io::stderr(), "{line}");
            } else {
                writeln!(out, "{line}")?;
            }
        }
        _ if linted == 0 => {
            let _ = writeln!(io::stderr(), "sdrs-lint: {}", no_requests(outcomes));
            write_report(&mut out, args.format, &entries, totals)?;
        }
        _ => write_report(&mut out, args.format, &entries, totals)?,
    }
    out.flush()?;
    Ok(totals)
}

/// The machine-readable formats' one document about the whole run.
fn write_report(out: &mut dyn Write, format: Format, entries: &[Entry<'_>], totals: Summary) -> io::Result<()> {
    match format {
        Format::Json => json::write(out, entries, totals),
        Format::Sarif => sarif::write(out, entries, totals),
        Format::Junit => junit::write(out, entries, totals),
        Format::Human | Format::Short | Format::Github => Ok(()),
    }
}

/// What a run that linted no request says, instead of "no problems".
fn no_requests(outcomes: &[Outcome]) -> String {
    let considered = outcomes.iter().filter(|o| matches!(o, Outcome::Skipped { .. })).count();
    format!("no requests found in {considered} file{}; see --verbose", if considered == 1 { "" } else { "s" })
}

/// "; fixed 3 problems in 2 files" after a `--fix` run.
fn fixed_summary(outcomes: &[Outcome]) -> String {
    let fixed: Vec<usize> = outcomes
        .iter()
        .filter_map(|o| if let Outcome::Linted(l) = o { Some(l.fixes) } else { None })
        .filter(|&n| n > 0)
        .collect();
    let problems: usize = fixed.iter().sum();
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    format!("; fixed {} in {}", plural(problems, "problem"), plural(fixed.len(), "file"))
}

/// `--diff`: the diffs on standard output, a one-line summary on standard error.
fn write_diffs(outcomes: &[Outcome]) -> io::Result<Summary> {
    // A piped diff stays exact for `git apply`; on a terminal, controls are shown escaped.
    let terminal = io::stdout().is_terminal();
    let mut out = BufWriter::new(io::stdout().lock());
    let (mut fixes, mut files) = (0, 0);
    for outcome in outcomes {
        match outcome {
            Outcome::Linted(linted) => {
                if let Some(diff) = &linted.diff {
                    let shown = if terminal { multi_line(diff) } else { diff.into() };
                    out.write_all(shown.as_bytes())?;
                    fixes += linted.fixes;
                    files += 1;
                }
            }
            Outcome::Failed(f) => {
                let _ = writeln!(io::stderr(), "sdrs-lint: cannot read {}: {}", one_line(&f.path), one_line(&f.error));
            }
            Outcome::Skipped { .. } => {}
        }
    }
    out.flush()?;
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let fixes = format!("{fixes} {}", if fixes == 1 { "fix" } else { "fixes" });
    let _ = writeln!(io::stderr(), "sdrs-lint: {fixes} would change {}", plural(files, "file"));
    let (linted, errors, warnings, _) = count(outcomes);
    Ok(Summary { files: linted, errors, warnings })
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
