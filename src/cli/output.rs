//! Writes a run's outcomes in the chosen format: to standard output, to `--output-file`, or to
//! standard error when standard output carries the fixed text of `--fix -`. Skipped inputs (with
//! `--verbose`) and unreadable ones go to standard error.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::Severity;
use crate::render::human::{has_safe_fix, has_unsafe_fix};
use crate::render::safe::{multi_line, one_line};
use crate::render::{Entry, FileReport, Summary, github, human, json, junit, sarif, short, summary};
use crate::text;

use super::args::{ColorChoice, Format, LintArgs};
use super::check::count;
use super::lint::{InputReport, Outcome};

/// Renders `outcomes`; returns the totals.
pub fn write(args: &LintArgs, outcomes: &[Outcome]) -> io::Result<Summary> {
    let fixing_stdin = args.fix && linted(outcomes).any(|l| l.from_stdin);
    let mut sink = match (&args.output_file, fixing_stdin) {
        (Some(path), _) => Sink::File { path: path.clone(), buffer: Vec::new() },
        // Standard output carries the fixed text alone.
        (None, true) => Sink::Stderr(BufWriter::new(io::stderr().lock())),
        (None, false) => Sink::Stdout(BufWriter::new(io::stdout().lock())),
    };
    let totals =
        if args.diff { write_diffs(args, &mut sink, outcomes)? } else { write_report(args, &mut sink, outcomes)? };
    sink.finish()?;
    Ok(totals)
}

/// Where the report goes.
enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    Stderr(BufWriter<io::StderrLock<'static>>),
    /// `--output-file`: kept in memory and written once complete.
    File {
        path: PathBuf,
        buffer: Vec<u8>,
    },
}

impl Sink {
    fn is_terminal(&self) -> bool {
        match self {
            Sink::Stdout(_) => io::stdout().is_terminal(),
            Sink::Stderr(_) => io::stderr().is_terminal(),
            Sink::File { .. } => false,
        }
    }

    /// The terminal's width, or 100 columns when the report does not go to a terminal.
    fn width(&self) -> usize {
        let size = match self {
            Sink::Stdout(_) => terminal_size::terminal_size_of(io::stdout()),
            Sink::Stderr(_) => terminal_size::terminal_size_of(io::stderr()),
            Sink::File { .. } => None,
        };
        size.map_or(100, |(w, _)| usize::from(w.0).clamp(60, 400))
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush(),
            Sink::Stderr(mut out) => out.flush(),
            Sink::File { path, buffer } => write_file(&path, &buffer)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", one_line(&path.to_string_lossy())))),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::Stderr(out) => out.write(buf),
            Sink::File { buffer, .. } => buffer.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::Stderr(out) => out.flush(),
            Sink::File { .. } => Ok(()),
        }
    }
}

/// Replaces `path` with `bytes` through a temporary file and a rename, so that a report is
/// never left half-written; a new file gets the permissions a plain create would give, an
/// existing one keeps its own. Something other than a regular file (`/dev/stdout`, a pipe) is
/// written directly.
fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return std::fs::write(path, bytes);
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sdrs-lint-report-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with this mode less the umask, as `File::create` would.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    if let Some(existing) = existing {
        temp.as_file().set_permissions(existing.permissions())?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn linted(outcomes: &[Outcome]) -> impl Iterator<Item = &InputReport> {
    outcomes.iter().filter_map(|o| if let Outcome::Linted(l) = o { Some(l.as_ref()) } else { None })
}

/// The diagnostics (or `--statistics`) in the chosen format, then the summary.
fn write_report(args: &LintArgs, out: &mut Sink, outcomes: &[Outcome]) -> io::Result<Summary> {
    let color = use_color(args.color, out.is_terminal());
    let style = human::Style { color, width: out.width() };
    let (linted_count, errors, warnings, suppressed) = count(outcomes);
    // Unreadable inputs are errors of their own (on standard error and in the status), not
    // linted files.
    let totals = Summary { files: linted_count, errors, warnings };
    let files: Vec<FileReport<'_>> = linted(outcomes).map(|l| FileReport::new(&l.path, &l.bytes, &l.report)).collect();
    let mut files_iter = files.iter();
    let mut entries = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Failed(f) => {
                let _ = writeln!(io::stderr(), "sdrs-lint: cannot read {}: {}", one_line(&f.path), one_line(&f.error));
                if args.format == Format::Github {
                    // An annotation too: the log of a CI step is not where people look.
                    github::write_unreadable(out, &f.path, &f.error)?;
                }
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
                    write_fixed_text(&linted.bytes)?;
                }
                if args.verbose {
                    report_skipped_requests(linted, file);
                }
                if args.statistics {
                    continue;
                }
                match args.format {
                    Format::Human => {
                        human::write_diagnostics(out, file, style)?;
                        if !args.quiet {
                            human::write_omitted_note(out, file, style)?;
                        }
                    }
                    Format::Short => {
                        short::write_diagnostics(out, file)?;
                        if !args.quiet {
                            short::write_omitted_note(out, file)?;
                        }
                    }
                    Format::Github => github::write(out, file)?,
                    Format::Json | Format::Sarif | Format::Junit => entries.push(Entry::Linted(file)),
                }
            }
        }
    }
    if args.statistics {
        write_statistics(out, outcomes)?;
    }
    match args.format {
        Format::Human | Format::Short if args.statistics || args.format == Format::Human => {
            if args.quiet {
            } else if linted_count == 0 {
                writeln!(out, "{}", no_requests(outcomes))?;
            } else {
                writeln!(out, "{}", summary_line(args, outcomes, totals, suppressed))?;
            }
        }
        _ if linted_count == 0 && !args.quiet => {
            let _ = writeln!(io::stderr(), "sdrs-lint: {}", no_requests(outcomes));
            write_run_document(out, args.format, &entries, totals)?;
        }
        _ => write_run_document(out, args.format, &entries, totals)?,
    }
    Ok(totals)
}

/// The machine-readable formats' one document about the whole run.
fn write_run_document(out: &mut Sink, format: Format, entries: &[Entry<'_>], totals: Summary) -> io::Result<()> {
    match format {
        Format::Json => json::write(out, entries, totals),
        Format::Sarif => {
            // Relative paths are relative to the working directory: `%SRCROOT%` resolves to it.
            let mut options = sarif::Options::default();
            if let Ok(dir) = std::env::current_dir() {
                options = options.working_directory(dir);
            }
            sarif::write_with(out, entries, &options)
        }
        Format::Junit => junit::write(out, entries, totals),
        Format::Human | Format::Short | Format::Github => Ok(()),
    }
}

/// What a run that linted no request says, instead of "no problems".
fn no_requests(outcomes: &[Outcome]) -> String {
    let considered = outcomes.iter().filter(|o| matches!(o, Outcome::Skipped { .. })).count();
    format!("no requests found in {}; see --verbose", text::count(considered, "file"))
}

/// `--fix -`: the fixed text on standard output, exact when piped, escaped on a terminal.
fn write_fixed_text(bytes: &[u8]) -> io::Result<()> {
    let stdout = io::stdout();
    let mut stdout = stdout.lock();
    if stdout.is_terminal() {
        stdout.write_all(multi_line(&String::from_utf8_lossy(bytes)).as_bytes())?;
    } else {
        stdout.write_all(bytes)?;
    }
    stdout.flush()
}

/// `--verbose`: the requests of an HTTP file that were not linted.
fn report_skipped_requests(linted: &InputReport, file: &FileReport<'_>) {
    for skipped in linted.report.skipped_requests() {
        let line = file.position(skipped.span.start).line;
        let _ = writeln!(
            io::stderr(),
            "sdrs-lint: {}:{line}: skipped request: {}",
            one_line(&linted.path),
            one_line(&skipped.reason)
        );
    }
}

/// "2 errors, 1 warning in 3 files", what was suppressed and fixed, and what `--fix` could fix.
fn summary_line(args: &LintArgs, outcomes: &[Outcome], totals: Summary, suppressed: usize) -> String {
    let mut line = summary(totals.errors, totals.warnings, totals.files);
    if suppressed > 0 {
        line.push_str(&format!(" ({suppressed} suppressed by configuration)"));
    }
    if args.fix {
        line.push_str(&fixed_summary(outcomes));
    }
    let diagnostics = || linted(outcomes).flat_map(|l| l.report.diagnostics());
    // What the flags given would already have applied is not offered again.
    let safe = if args.fix { 0 } else { diagnostics().filter(|d| has_safe_fix(d)).count() };
    let risky = if args.fix && args.unsafe_fixes { 0 } else { diagnostics().filter(|d| has_unsafe_fix(d)).count() };
    match (safe, risky) {
        (0, 0) => {}
        (safe, 0) => line.push_str(&format!("; [*] {safe} fixable with --fix")),
        (0, risky) => line.push_str(&format!("; {risky} fixable with --fix --unsafe-fixes")),
        (safe, risky) => {
            line.push_str(&format!("; [*] {safe} fixable with --fix ({risky} more with --fix --unsafe-fixes)"));
        }
    }
    line
}

/// "; fixed 3 problems in 2 files" after a `--fix` run.
fn fixed_summary(outcomes: &[Outcome]) -> String {
    let fixed: Vec<usize> = linted(outcomes).map(|l| l.fixes).filter(|&n| n > 0).collect();
    let problems: usize = fixed.iter().sum();
    format!("; fixed {} in {}", text::count(problems, "problem"), text::count(fixed.len(), "file"))
}

/// `--statistics`: one line per rule and severity, most findings first: the count, the rule,
/// the severity, `[*]` when `--fix` can fix some of them, and the rule's summary.
fn write_statistics(out: &mut dyn Write, outcomes: &[Outcome]) -> io::Result<()> {
    let mut rows: BTreeMap<(&'static str, Severity), (usize, bool)> = BTreeMap::new();
    let mut omitted = 0;
    for l in linted(outcomes) {
        for d in l.report.diagnostics() {
            let (count, fixable) = rows.entry((d.rule, d.severity)).or_default();
            *count += 1;
            *fixable |= has_safe_fix(d);
        }
        omitted += l.report.omitted();
    }
    let mut rows: Vec<_> = rows.into_iter().collect();
    rows.sort_by(|(a_key, (a, _)), (b_key, (b, _))| b.cmp(a).then(a_key.cmp(b_key)));
    let count_width = rows.iter().map(|(_, (n, _))| *n).chain([omitted]).max().unwrap_or(0).to_string().len();
    let rule_width = rows.iter().map(|((rule, _), _)| rule.len()).max().unwrap_or(0);
    let any_fixable = rows.iter().any(|(_, (_, fixable))| *fixable);
    for ((rule, severity), (n, fixable)) in rows {
        let summary = crate::rule(rule).map_or("", |r| r.summary);
        let marker = match (any_fixable, fixable) {
            (false, _) => "",
            (true, true) => "[*] ",
            (true, false) => "    ",
        };
        let line = format!("{n:>count_width$}  {rule:<rule_width$}  {:<7}  {marker}{summary}", severity.as_str());
        writeln!(out, "{}", line.trim_end())?;
    }
    if omitted > 0 {
        writeln!(out, "{omitted:>count_width$}  (not listed: past --max-diagnostics)")?;
    }
    Ok(())
}

/// `--diff`: the diffs, then a one-line summary on standard error.
fn write_diffs(args: &LintArgs, out: &mut Sink, outcomes: &[Outcome]) -> io::Result<Summary> {
    // A diff is exact for `git apply` unless it goes to a terminal, where controls are escaped.
    let terminal = out.is_terminal();
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
    if !args.quiet {
        let fixes = format!("{fixes} {}", if fixes == 1 { "fix" } else { "fixes" });
        let _ = writeln!(io::stderr(), "sdrs-lint: {fixes} would change {}", text::count(files, "file"));
    }
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
