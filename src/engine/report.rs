//! What linting an input found, and the error a request the service would reject becomes.

use std::fmt;

use super::sink::{Sink, sort};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::http::SkippedRequest;

/// What linting one input found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
    ran: Vec<&'static str>,
    /// Diagnostics found past the limit and not kept: errors, warnings.
    omitted: (usize, usize),
    /// Requests of an HTTP file that were not linted.
    skipped: Vec<SkippedRequest>,
}

impl Report {
    /// A report of `diagnostics` (put in source order), such as configuration problems.
    pub fn from_diagnostics(mut diagnostics: Vec<Diagnostic>) -> Report {
        sort(&mut diagnostics);
        Report { diagnostics, ..Report::default() }
    }

    /// The report of what `sink` collected, from running the rules `ran`.
    pub(crate) fn new(mut sink: Sink, ran: Vec<&'static str>, skipped: Vec<SkippedRequest>) -> Report {
        sink.keep_first();
        let Sink { diagnostics, dropped, .. } = sink;
        Report { diagnostics, ran, omitted: dropped, skipped }
    }

    /// The requests of an HTTP file that were not linted (other endpoints), and why.
    pub fn skipped_requests(&self) -> &[SkippedRequest] {
        &self.skipped
    }

    /// Keeps only the diagnostics for which `keep` returns true (order and rules run kept).
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.diagnostics.retain(keep);
    }

    /// The ids of the rules that ran (all enabled rules; none for a report built from
    /// diagnostics).
    pub fn rules_run(&self) -> &[&'static str] {
        &self.ran
    }

    /// The diagnostics, in source order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Takes the diagnostics.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// How many diagnostics have `severity`, including those omitted past the limit.
    pub fn count(&self, severity: Severity) -> usize {
        let omitted = match severity {
            Severity::Error => self.omitted.0,
            Severity::Warning => self.omitted.1,
        };
        self.diagnostics.iter().filter(|d| d.severity == severity).count() + omitted
    }

    /// How many diagnostics were found past [`Linter::set_max_diagnostics`](super::Linter::set_max_diagnostics)'s limit and not
    /// kept.
    pub fn omitted(&self) -> usize {
        self.omitted.0 + self.omitted.1
    }

    /// Whether any diagnostic is an error: the service would reject the request.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// Whether there is nothing to report.
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty() && self.omitted() == 0
    }

    /// `Ok(self)` when no diagnostic is an error; otherwise a [`LintError`] that renders every
    /// diagnostic against `source` (the linted text) under the name `name`.
    ///
    /// ```
    /// let body = r#"{"protected_instance": {"server_group_id": "", "server_id": "x", "name": "a"}}"#;
    /// let err = sdrs_lint::lint(body).into_result("request.json", body).unwrap_err();
    /// assert_eq!(err.diagnostics()[0].rule, "id-empty");
    /// // `?` turns it into a `miette::Report` that prints the source with labels.
    /// let report: miette::Report = err.into();
    /// ```
    pub fn into_result(self, name: impl AsRef<str>, source: impl Into<String>) -> Result<Report, LintError> {
        if !self.has_errors() {
            return Ok(self);
        }
        Err(LintError { source: miette::NamedSource::new(name, source.into()), diagnostics: self.diagnostics })
    }
}

/// A request the service would reject, with its source, ready for miette to render.
#[derive(Debug)]
pub struct LintError {
    source: miette::NamedSource<String>,
    diagnostics: Vec<Diagnostic>,
}

impl LintError {
    /// Every diagnostic of the request (warnings included).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl fmt::Display for LintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        write!(f, "{} has {errors} error{}", self.source.name(), if errors == 1 { "" } else { "s" })
    }
}

impl std::error::Error for LintError {}

impl miette::Diagnostic for LintError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("sdrs-lint"))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(self.diagnostics.iter().map(|d| d as &dyn miette::Diagnostic)))
    }
}
