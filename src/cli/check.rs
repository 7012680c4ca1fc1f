//! `sdrs-lint PATH...`: resolve configurations, lint every input in parallel, report unused
//! suppressions, render, and choose the exit status.

use crate::text;
use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::{Diagnostic, Report, Severity};
use rayon::prelude::*;

use super::args::LintArgs;
use super::inputs::{self, Failure};
use super::lint::{self, InputReport, Job, Outcome};
use super::output;
use super::settings::{Broken, Resolver};
use super::unused;
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
    if !resolver.inventory_errors.is_empty() {
        // Checking against an inventory that cannot be read would check nothing: stop.
        let mut err = io::stderr().lock();
        for problem in &resolver.inventory_errors {
            writeln!(err, "sdrs-lint: {problem}")?;
        }
        return Ok(USAGE_OR_IO);
    }
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
    let findings = config_findings(&mut resolver, &jobs, &outcomes, args);
    outcomes.extend(findings);
    let (requests, errors, warnings, _) = count(&outcomes);
    let linted = || outcomes.iter().filter_map(|o| if let Outcome::Linted(l) = o { Some(l) } else { None });
    let failed = outcomes.iter().any(|o| matches!(o, Outcome::Failed(_))) || linted().any(|l| l.write_error.is_some());
    let status = if failed {
        USAGE_OR_IO
    } else if args.diff {
        // Like `git diff --exit-code`: 1 when there is something to apply.
        if linted().any(|l| l.diff.is_some()) { LINT_ERRORS } else { OK }
    } else if args.require_requests && requests == 0 {
        USAGE_OR_IO
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
fn config_file(path: String, text: String, report: Report) -> InputReport {
    InputReport { config_file: true, ..InputReport::new(path, text.into_bytes(), report) }
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
        writeln!(err, "sdrs-lint: {name} applies to {}", text::count(count, "input"))?;
    }
    // Each inventory in use once, with the rules that cannot run on it.
    let mut seen: Vec<*const crate::Inventory> = Vec::new();
    for job in jobs {
        let Some(inventory) = job.linter.inventory() else { continue };
        if seen.contains(&std::ptr::from_ref(inventory)) {
            continue;
        }
        seen.push(std::ptr::from_ref(inventory));
        let users = jobs.iter().filter(|j| j.linter.inventory().is_some_and(|i| std::ptr::eq(i, inventory))).count();
        let files = inventory.files().len();
        let (files, users) = (text::count(files, "file"), text::count(users, "input"));
        writeln!(err, "sdrs-lint: an inventory of {files} applies to {users}")?;
        for (kind, rules) in super::inventory::missing_kinds(inventory) {
            let rules: Vec<&str> = rules.into_iter().filter(|id| job.linter.severity(id).is_some()).collect();
            if !rules.is_empty() {
                writeln!(err, "sdrs-lint:   it holds no `{kind}`, so these rules do not run: {}", rules.join(", "))?;
            }
        }
    }
    Ok(())
}

/// Configuration files with findings: problems of configurations in use (`invalid-config`
/// as a warning) and unused suppressions, one entry per file.
fn config_findings(resolver: &mut Resolver, jobs: &[Job], outcomes: &[Outcome], args: &LintArgs) -> Vec<Outcome> {
    let mut files: BTreeMap<String, (String, Vec<Diagnostic>)> = BTreeMap::new();
    for flawed in resolver.flawed.drain(..) {
        if let Ok(report) = flawed.problem {
            files
                .entry(flawed.display)
                .or_insert_with(|| (flawed.text, Vec::new()))
                .1
                .extend(report.into_diagnostics());
        }
    }
    let texts: BTreeMap<&str, &str> =
        jobs.iter().filter_map(|j| j.config.as_deref()).map(|c| (c.display.as_str(), c.text.as_str())).collect();
    for (name, found) in unused::find(jobs, outcomes, &unused::Coverage::new(&args.paths)) {
        let text = texts.get(name.as_str()).copied().unwrap_or_default().to_string();
        files.entry(name).or_insert_with(|| (text, Vec::new())).1.extend(found);
    }
    files
        .into_iter()
        .map(|(name, (text, found))| {
            Outcome::Linted(Box::new(config_file(name, text, Report::from_diagnostics(found))))
        })
        .collect()
}

/// Totals of a run's diagnostics: requests linted (configuration files with findings are not
/// counted as files), errors, warnings, suppressed.
pub fn count(outcomes: &[Outcome]) -> (usize, usize, usize, usize) {
    let linted = outcomes.iter().filter_map(|o| if let Outcome::Linted(l) = o { Some(l) } else { None });
    linted.fold((0, 0, 0, 0), |(files, errors, warnings, suppressed), l| {
        (
            files + usize::from(!l.config_file),
            errors + l.report.count(Severity::Error),
            warnings + l.report.count(Severity::Warning),
            suppressed + l.suppressed,
        )
    })
}
