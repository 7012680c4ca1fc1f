//! `sdrs-lint PATH...`: resolve configurations, lint every input in parallel, report unused
//! suppressions, render, and choose the exit status.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use rayon::prelude::*;
use sdrs_lint::{Report, Severity};

use super::args::LintArgs;
use super::inputs::{self, Failure};
use super::lint::{self, Job, Linted, Outcome};
use super::output;
use super::settings::{self, Broken, Loaded, Resolver};
use super::{LINT_ERRORS, OK, USAGE_OR_IO};

/// Lints the inputs named by `args`; returns the exit status.
pub fn run(args: &LintArgs) -> io::Result<i32> {
    let mut resolver = match Resolver::new(&args.settings) {
        Ok(resolver) => resolver,
        Err(message) => {
            writeln!(io::stderr(), "sdrs-lint: {message}")?;
            return Ok(USAGE_OR_IO);
        }
    };
    let (inputs, walk_failures) = inputs::collect(&args.paths, args.stdin_filename.as_deref());
    let jobs: Vec<Job> = inputs
        .into_iter()
        .map(|input| {
            let config = resolver.for_input(input.path.as_deref());
            let linter = resolver.linter_for(config.as_ref());
            Job { input, config, linter }
        })
        .collect();
    if !resolver.broken.is_empty() {
        // A configuration that cannot be read would lint with the wrong settings: stop.
        let outcomes: Vec<Outcome> = resolver.broken.drain(..).map(broken_outcome).collect();
        output::write(args, &outcomes)?;
        return Ok(USAGE_OR_IO);
    }
    if args.verbose {
        report_configs(&jobs)?;
    }
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build().map_err(io::Error::other)?;
    let mut outcomes: Vec<Outcome> = pool.install(|| jobs.par_iter().map(|job| lint::run(job, args)).collect());
    outcomes.extend(walk_failures.into_iter().map(Outcome::Failed));
    // Sorted by path whatever the thread count; a stable sort keeps repeats in argument order.
    outcomes.sort_by(|a, b| a.path().cmp(b.path()));
    outcomes.extend(unused_suppressions(&outcomes));
    let (_, errors, warnings, _) = count(&outcomes);
    let linted = || outcomes.iter().filter_map(|o| if let Outcome::Linted(l) = o { Some(l) } else { None });
    let failed = outcomes.iter().any(|o| matches!(o, Outcome::Failed(_))) || linted().any(|l| l.write_error.is_some());
    let status = if failed {
        USAGE_OR_IO
    } else if args.diff {
        // Like `git diff --exit-code`: 1 when there is something to apply.
        if linted().any(|l| l.diff.is_some()) { LINT_ERRORS } else { OK }
    } else if errors > 0 || (resolver.deny_warnings() && warnings > 0) {
        LINT_ERRORS
    } else {
        OK
    };
    match output::write(args, &outcomes) {
        // The reader went away (`sdrs-lint … | head -1`): stop quietly with what was found.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(status),
        result => result.map(|_| status),
    }
}

fn broken_outcome(broken: Broken) -> Outcome {
    match broken.problem {
        Ok(report) => Outcome::Linted(Box::new(config_file(broken.display, broken.text, report))),
        Err(error) => Outcome::Failed(Failure { path: broken.display, error }),
    }
}

/// A configuration file as an output entry, with diagnostics about it.
fn config_file(path: String, text: String, report: Report) -> Linted {
    Linted::new(path, text.into_bytes(), report)
}

/// Says which configuration governs how many inputs.
fn report_configs(jobs: &[Job]) -> io::Result<()> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for job in jobs {
        let name = job.config.as_ref().map_or_else(|| "no configuration file".into(), |c| c.display.clone());
        *counts.entry(name).or_default() += 1;
    }
    let mut err = io::stderr().lock();
    for (name, count) in counts {
        writeln!(err, "sdrs-lint: {name} applies to {count} input{}", if count == 1 { "" } else { "s" })?;
    }
    Ok(())
}

/// `unused-suppression` warnings: an entry that covered linted files but silenced nothing in
/// them. Entries that covered no linted file are not judged (a pre-commit run lints a few files).
fn unused_suppressions(outcomes: &[Outcome]) -> Vec<Outcome> {
    /// Per suppression entry: how many linted files it covered, and whether it silenced anything.
    type Usage = BTreeMap<usize, (usize, bool)>;
    let mut per_config: BTreeMap<String, (Arc<Loaded>, Usage)> = BTreeMap::new();
    for linted in outcomes.iter().filter_map(|o| if let Outcome::Linted(l) = o { Some(l) } else { None }) {
        let Some(config) = &linted.config else { continue };
        let (_, entries) =
            per_config.entry(config.display.clone()).or_insert_with(|| (config.clone(), BTreeMap::new()));
        for &i in &linted.covered_by {
            let (files, used) = entries.entry(i).or_default();
            *files += 1;
            *used |= linted.used.contains(&i);
        }
    }
    per_config
        .into_values()
        .filter_map(|(config, entries)| {
            let diagnostics: Vec<_> = entries
                .into_iter()
                .filter(|(_, (_, used))| !used)
                .filter_map(|(i, (files, _))| settings::unused_suppression(&config, i, files))
                .collect();
            (!diagnostics.is_empty()).then(|| {
                let report = Report::from_diagnostics(diagnostics);
                Outcome::Linted(Box::new(config_file(config.display.clone(), config.text.clone(), report)))
            })
        })
        .collect()
}

/// Totals of a run's diagnostics.
pub fn count(outcomes: &[Outcome]) -> (usize, usize, usize, usize) {
    let linted = outcomes.iter().filter_map(|o| if let Outcome::Linted(l) = o { Some(l) } else { None });
    linted.fold((0, 0, 0, 0), |(files, errors, warnings, suppressed), l| {
        (
            files + 1,
            errors + l.report.count(Severity::Error),
            warnings + l.report.count(Severity::Warning),
            suppressed + l.suppressed,
        )
    })
}
