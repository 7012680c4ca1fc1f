//! Linting one input: skip it if the configuration or its content says so, lint it as JSON or
//! as an HTTP request file, then apply the configuration's suppressions.

use std::path::Path;
use std::sync::Arc;

use sdrs_lint::{Linter, Report, Span};

use super::args::LintArgs;
use super::inputs::{Failure, Input, looks_like_request};
use super::settings::Loaded;

/// An input with the configuration that governs it.
pub struct Job {
    pub input: Input,
    pub config: Option<Arc<Loaded>>,
    pub linter: Arc<Linter>,
}

/// What became of an input.
pub enum Outcome {
    Linted(Linted),
    Skipped { path: String, reason: String },
    Failed(Failure),
}

/// A linted input.
pub struct Linted {
    pub path: String,
    pub bytes: Vec<u8>,
    pub report: Report,
    /// Request lines of an HTTP file's requests to other endpoints.
    pub skipped_requests: Vec<Span>,
    pub config: Option<Arc<Loaded>>,
    /// Diagnostics silenced by suppressions.
    pub suppressed: usize,
    /// Suppression entries (by index) whose `paths` cover this file, and those that silenced
    /// something in it.
    pub covered_by: Vec<usize>,
    pub used: Vec<usize>,
}

impl Outcome {
    pub fn path(&self) -> &str {
        match self {
            Outcome::Linted(l) => &l.path,
            Outcome::Skipped { path, .. } => path,
            Outcome::Failed(f) => &f.path,
        }
    }
}

/// Lints one input.
pub fn run(job: &Job, args: &LintArgs) -> Outcome {
    // Named files are always linted, unless the command line says to select them as a walk does.
    let named = job.input.explicit && !args.only_requests;
    let path = job.input.display();
    let relative = job.config.as_ref().zip(job.input.path.as_deref()).map(|(c, p)| c.relative(p));
    let excluded =
        job.config.as_ref().zip(relative.as_ref()).and_then(|(c, r)| c.config.exclude.matching(r).map(|p| (c, p)));
    if let Some((config, pattern)) = excluded.filter(|_| !named || args.force_exclude) {
        return Outcome::Skipped { path, reason: format!("excluded by `{pattern}` in {}", config.display) };
    }
    let bytes = match job.input.read() {
        Ok(bytes) => bytes,
        Err(e) => return Outcome::Failed(Failure { path, error: e.to_string() }),
    };
    let http = job.input.is_http();
    let included =
        job.config.as_ref().zip(relative.as_ref()).is_some_and(|(c, r)| c.config.include.matching(r).is_some());
    if !named && !included && !looks_like_request(&bytes, http) {
        let reason = if http {
            "no request to …/protected-instances"
        } else {
            "not a create-protected-instance request (no `protected_instance` member)"
        };
        return Outcome::Skipped { path, reason: reason.into() };
    }
    let (report, skipped_requests) =
        if http { job.linter.lint_http(&bytes) } else { (job.linter.lint_bytes(&bytes), Vec::new()) };
    let mut linted = Linted {
        path,
        bytes,
        report,
        skipped_requests,
        config: job.config.clone(),
        suppressed: 0,
        covered_by: Vec::new(),
        used: Vec::new(),
    };
    if let (Some(config), Some(relative)) = (&job.config, &relative) {
        suppress(&mut linted, config, relative);
    }
    Outcome::Linted(linted)
}

/// Drops the diagnostics the configuration suppresses for this file, noting which entries
/// covered it and which silenced something.
fn suppress(linted: &mut Linted, config: &Loaded, relative: &Path) {
    let silenced = apply_suppressions(&mut linted.report, config, relative);
    linted.covered_by = silenced.covered_by;
    linted.used = silenced.used;
    linted.suppressed = silenced.count;
}

/// What the suppressions did to one report.
#[derive(Debug, Default)]
pub struct Silenced {
    /// Entries (by index) whose `paths` cover the file.
    pub covered_by: Vec<usize>,
    /// Entries that silenced at least one diagnostic.
    pub used: Vec<usize>,
    /// Diagnostics silenced.
    pub count: usize,
}

/// Removes from `report` what `config`'s suppressions silence in the file at `relative`.
pub fn apply_suppressions(report: &mut Report, config: &Loaded, relative: &Path) -> Silenced {
    let entries: Vec<(usize, &sdrs_lint::config::Suppression)> =
        config.config.suppressions.iter().enumerate().filter(|(_, s)| s.covers(relative)).collect();
    let mut silenced = Silenced { covered_by: entries.iter().map(|(i, _)| *i).collect(), ..Silenced::default() };
    if entries.is_empty() {
        return silenced;
    }
    report.retain(|diagnostic| match entries.iter().find(|(_, s)| s.silences(diagnostic)) {
        Some((i, _)) => {
            silenced.count += 1;
            if !silenced.used.contains(i) {
                silenced.used.push(*i);
            }
            false
        }
        None => true,
    });
    silenced
}
