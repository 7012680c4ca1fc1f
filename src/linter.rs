//! The engine: parse once, build the view once, run every enabled rule, sort the findings.

use std::fmt;

use crate::diagnostic::{Diagnostic, Severity};
use crate::http;
use crate::rules::{self, Context, RULES, Sink};
use crate::span::Span;
use crate::syntax;
use crate::view::RequestView;

/// Runs the rules with per-rule severities. [`Linter::default`] uses each rule's default.
#[derive(Clone, Debug)]
pub struct Linter {
    /// The severity of each rule of [`rules::all`], by position; `None` turns the rule off.
    levels: Vec<Option<Severity>>,
    /// At most this many diagnostics per input are kept; the rest are counted.
    max_diagnostics: usize,
}

/// The default of [`Linter::set_max_diagnostics`].
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 1000;

impl Default for Linter {
    fn default() -> Self {
        Linter {
            levels: rules::all().iter().map(|m| Some(m.default_severity)).collect(),
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

/// A rule id that no rule has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule `{}`", self.0)
    }
}

impl std::error::Error for UnknownRule {}

impl Linter {
    /// A linter running every rule at its default severity.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the severity of rule `id`; `None` turns it off.
    ///
    /// ```
    /// use sdrs_lint::{Linter, Severity};
    /// let mut linter = Linter::new();
    /// linter.set_severity("id-not-uuid", Some(Severity::Error))?;
    /// linter.set_severity("doc-example-value", None)?;
    /// assert!(linter.set_severity("no-such-rule", None).is_err());
    /// # Ok::<(), sdrs_lint::UnknownRule>(())
    /// ```
    pub fn set_severity(&mut self, id: &str, severity: Option<Severity>) -> Result<&mut Self, UnknownRule> {
        let index = rules::all().iter().position(|m| m.id == id).ok_or_else(|| UnknownRule(id.to_string()))?;
        if let Some(level) = self.levels.get_mut(index) {
            *level = severity;
        }
        Ok(self)
    }

    /// Keeps at most `max` diagnostics per input (the first in source order) and only counts
    /// the rest ([`Report::omitted`]); `None` keeps them all. The default is 1000.
    pub fn set_max_diagnostics(&mut self, max: Option<usize>) -> &mut Self {
        self.max_diagnostics = max.unwrap_or(usize::MAX);
        self
    }

    /// Lints a request body given as text.
    pub fn lint(&self, text: &str) -> Report {
        self.run(&syntax::parse_str(text))
    }

    /// Lints a request body given as bytes: invalid UTF-8, UTF-16 and byte-order marks are
    /// diagnosed, never a cause of failure.
    pub fn lint_bytes(&self, bytes: &[u8]) -> Report {
        self.run(&syntax::parse(bytes))
    }

    /// Lints an HTTP request file (`.http`, `.rest`): the request line and body of every
    /// create-protected-instance request in it, with spans into the file. Requests to other
    /// endpoints are not linted; the second value says which and why.
    pub fn lint_http(&self, bytes: &[u8]) -> (Report, Vec<SkippedRequest>) {
        let mut sink = self.sink();
        let text = match syntax::encoding_error(bytes) {
            None => std::str::from_utf8(bytes).unwrap_or_default(),
            Some(error) => {
                let parsed = syntax::Parsed { text: "", root: None, error: Some(error), bom: None };
                self.check(&RequestView::new(&parsed), &mut sink);
                return (self.report(sink), Vec::new());
            }
        };
        // The file's byte-order mark is reported with its first request.
        let mut bom = text.starts_with('\u{feff}').then(|| Span::new(0, '\u{feff}'.len_utf8()));
        let mut skipped = Vec::new();
        for request in http::split(text) {
            if let Err(reason) = request.purpose(text) {
                skipped.push(SkippedRequest { span: request.method_span.to(request.target_span), reason });
                continue;
            }
            let mut parsed = syntax::parse_region(text.get(..request.body.end).unwrap_or_default(), request.body.start);
            if let Some(error) = parsed.error.as_mut().filter(|_| request.body.is_empty()) {
                error.message = "the request has no body".into();
                error.label = "expected a blank line, then the JSON body".into();
            }
            parsed.bom = bom.take();
            self.check(&RequestView::new(&parsed).with_http(&request), &mut sink);
        }
        (self.report(sink), skipped)
    }

    fn run(&self, parsed: &syntax::Parsed<'_>) -> Report {
        let mut sink = self.sink();
        self.check(&RequestView::new(parsed), &mut sink);
        self.report(sink)
    }

    fn sink(&self) -> Sink {
        Sink::new(self.max_diagnostics)
    }

    fn report(&self, mut sink: Sink) -> Report {
        sink.keep_first();
        let Sink { diagnostics, dropped, .. } = sink;
        Report { diagnostics, ran: self.enabled().collect(), omitted: dropped }
    }

    /// The ids of the request rules this linter runs.
    pub fn enabled(&self) -> impl Iterator<Item = &'static str> + '_ {
        RULES
            .iter()
            .zip(rule_slots())
            .filter(|&(_, &slot)| self.levels.get(slot).is_some_and(Option::is_some))
            .map(|(rule, _)| rule.meta().id)
    }

    /// The severity rule `id` runs with; `None` when it is off (or no rule has that id).
    pub fn severity(&self, id: &str) -> Option<Severity> {
        let index = rules::all().iter().position(|m| m.id == id)?;
        self.levels.get(index).copied().flatten()
    }

    /// Runs every enabled rule on `view`.
    fn check(&self, view: &RequestView<'_, '_>, sink: &mut Sink) {
        for (rule, &slot) in RULES.iter().zip(rule_slots()) {
            if let Some(severity) = self.levels.get(slot).copied().flatten() {
                rule.check(view, &mut Context::new(rule.meta().id, severity, sink));
            }
        }
    }
}

/// The position in [`rules::all`] of each rule of [`RULES`].
fn rule_slots() -> &'static [usize] {
    static SLOTS: std::sync::LazyLock<Vec<usize>> = std::sync::LazyLock::new(|| {
        let all = rules::all();
        RULES.iter().map(|r| all.iter().position(|m| m.id == r.meta().id).unwrap_or(usize::MAX)).collect()
    });
    &SLOTS
}

/// A request of an HTTP file that was not linted, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedRequest {
    /// Its method and target.
    pub span: Span,
    /// Why it is not a create-protected-instance request.
    pub reason: String,
}

/// Source order; at one position, by rule id; a rule's own order is kept.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (a.primary.span.start, a.rule).cmp(&(b.primary.span.start, b.rule)));
}

/// What linting one input found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
    ran: Vec<&'static str>,
    /// Diagnostics found past the limit and not kept: errors, warnings.
    omitted: (usize, usize),
}

impl Report {
    /// A report of `diagnostics` (put in source order), such as configuration problems.
    pub fn from_diagnostics(mut diagnostics: Vec<Diagnostic>) -> Report {
        sort(&mut diagnostics);
        Report { diagnostics, ran: Vec::new(), omitted: (0, 0) }
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

    /// How many diagnostics were found past [`Linter::set_max_diagnostics`]'s limit and not
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
