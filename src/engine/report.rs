//! What linting an input found, and the error a request the service would reject becomes.

use std::fmt;
use std::time::Duration;

use std::sync::{Arc, OnceLock};

use super::Replay;
use super::sink::{Kept, Sink, sort};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::http::SkippedRequest;
use crate::rules::Finding;

/// What linting one input found.
///
/// A lint records each finding's rule, severity and place; the diagnostics (messages, labels,
/// help, JSON Pointers, fixes) are built the first time they are asked for, by running the
/// rules that found something once more on a copy of the input. Counting, [`Report::is_clean`]
/// and [`Report::has_errors`] never build them.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The diagnostics, once built.
    diagnostics: OnceLock<Vec<Diagnostic>>,
    /// How to build them, until they are.
    replay: Option<Box<Replay>>,
    /// Diagnostics kept: errors, warnings.
    kept: (usize, usize),
    ran: Arc<[&'static str]>,
    /// Diagnostics found past the limit and not kept: errors, warnings.
    omitted: (usize, usize),
    /// Requests of an HTTP file that were not linted.
    skipped: Vec<SkippedRequest>,
    /// How long the lint took, when the linter measured it.
    timings: Option<Timings>,
}

/// How long a lint took: in all, and in each rule that ran (for JUnit's `time` attributes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Timings {
    /// Parsing, building the view and running the rules.
    pub total: Duration,
    /// Each rule that ran, in registry order.
    pub rules: Vec<(&'static str, Duration)>,
}

/// Reports are equal when they hold the same diagnostics and say the same of the lint.
impl PartialEq for Report {
    fn eq(&self, other: &Report) -> bool {
        self.diagnostics() == other.diagnostics()
            && (&*self.ran, self.omitted, &self.skipped, &self.timings)
                == (&*other.ran, other.omitted, &other.skipped, &other.timings)
    }
}

impl Eq for Report {}

/// Counts diagnostics by severity: errors, warnings.
fn by_severity<T: Kept>(kept: &[T]) -> (usize, usize) {
    let errors = kept.iter().filter(|k| k.severity() == Severity::Error).count();
    (errors, kept.len() - errors)
}

impl Report {
    /// A report of `diagnostics` (put in source order), such as configuration problems.
    pub fn from_diagnostics(mut diagnostics: Vec<Diagnostic>) -> Report {
        sort(&mut diagnostics);
        let kept = by_severity(&diagnostics);
        Report { diagnostics: OnceLock::from(diagnostics), kept, ..Report::default() }
    }

    /// The report of the findings `sink` collected, from running the rules `ran`; `replay`
    /// builds their diagnostics.
    pub(crate) fn new(
        sink: Sink<Finding>,
        ran: Arc<[&'static str]>,
        skipped: Vec<SkippedRequest>,
        replay: impl FnOnce(&[Finding]) -> Replay,
    ) -> Report {
        let (findings, mut report) = Report::of_sink(sink, ran, skipped);
        if report.omitted != (0, 0) || !findings.is_empty() {
            report.replay = Some(Box::new(replay(&findings)));
        } else {
            report.diagnostics = OnceLock::from(Vec::new());
        }
        report
    }

    /// The report of the whole diagnostics `sink` collected, from running the rules `ran`.
    pub(crate) fn built(sink: Sink<Diagnostic>, ran: Arc<[&'static str]>, skipped: Vec<SkippedRequest>) -> Report {
        let (diagnostics, report) = Report::of_sink(sink, ran, skipped);
        Report { diagnostics: OnceLock::from(diagnostics), ..report }
    }

    /// What `sink` kept, and the report of it but for the diagnostics.
    fn of_sink<T: Kept>(mut sink: Sink<T>, ran: Arc<[&'static str]>, skipped: Vec<SkippedRequest>) -> (Vec<T>, Report) {
        sink.keep_first();
        let Sink { kept, dropped, timing, .. } = sink;
        let timings = timing.map(|t| Timings {
            total: t.started.elapsed(),
            rules: crate::rules::RULES
                .iter()
                .map(|r| r.meta().id)
                .zip(t.rules)
                .filter(|(id, _)| ran.contains(id))
                .collect(),
        });
        let report = Report { kept: by_severity(&kept), ran, omitted: dropped, skipped, timings, ..Report::default() };
        (kept, report)
    }

    /// How long the lint took, when the linter was asked to measure it
    /// ([`Linter::set_timing`](super::Linter::set_timing)).
    pub(crate) fn timings(&self) -> Option<&Timings> {
        self.timings.as_ref()
    }

    /// The requests of an HTTP file that were not linted (other endpoints), and why.
    pub fn skipped_requests(&self) -> &[SkippedRequest] {
        &self.skipped
    }

    /// Keeps only the diagnostics for which `keep` returns true (order and rules run kept).
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.diagnostics();
        if let Some(diagnostics) = self.diagnostics.get_mut() {
            diagnostics.retain(keep);
            self.kept = by_severity(diagnostics);
        }
    }

    /// The ids of the rules that ran (all enabled rules; none for a report built from
    /// diagnostics).
    pub fn rules_run(&self) -> &[&'static str] {
        &self.ran
    }

    /// The diagnostics, in source order (built the first time they are asked for).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.diagnostics.get_or_init(|| {
            let diagnostics = self.replay.as_ref().map(|r| r.diagnostics()).unwrap_or_default();
            debug_assert_eq!(by_severity(&diagnostics), self.kept, "the replay found what the lint found");
            diagnostics
        })
    }

    /// Takes the diagnostics.
    pub fn into_diagnostics(mut self) -> Vec<Diagnostic> {
        self.diagnostics();
        self.diagnostics.take().unwrap_or_default()
    }

    /// How many diagnostics have `severity`, including those omitted past the limit.
    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.kept.0 + self.omitted.0,
            Severity::Warning => self.kept.1 + self.omitted.1,
        }
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
        self.kept == (0, 0) && self.omitted() == 0
    }

    /// `Ok(self)` when no diagnostic is an error; otherwise a [`LintError`] that renders every
    /// diagnostic against `source` (the linted text) under the name `name` (a file name, as
    /// users know the input).
    ///
    /// ```
    /// let body = r#"{"protected_instance": {"server_group_id": "", "server_id": "x", "name": "a"}}"#;
    /// let err = sdrs_lint::lint(body).into_result("request.json", body).unwrap_err();
    /// assert_eq!(err.diagnostics()[0].rule, "id-empty");
    /// assert!(err.to_string().starts_with("request.json: the service would reject the request (1 error, 1 warning)"));
    /// // `?` turns it into a `miette::Report` that prints the source with labels.
    /// let report: miette::Report = err.into();
    /// ```
    pub fn into_result(self, name: impl AsRef<str>, source: impl Into<String>) -> Result<Report, LintError> {
        let name = name.as_ref();
        self.into_error(Source::Named(miette::NamedSource::new(name, source.into())))
    }

    /// Like [`Report::into_result`] for an input that has no name, such as a request built in
    /// memory: the error's message then names no file.
    ///
    /// ```
    /// let body = r#"{"protected_instance": {"server_group_id": "", "server_id": "x", "name": "a"}}"#;
    /// let err = sdrs_lint::lint(body).into_result_unnamed(body).unwrap_err();
    /// assert!(err.to_string().starts_with("the service would reject the request (1 error, 1 warning)"));
    /// ```
    pub fn into_result_unnamed(self, source: impl Into<String>) -> Result<Report, LintError> {
        self.into_error(Source::Anonymous(source.into()))
    }

    fn into_error(self, source: Source) -> Result<Report, LintError> {
        if !self.has_errors() {
            return Ok(self);
        }
        Err(LintError { source, diagnostics: self.into_diagnostics() })
    }
}

/// The text a [`LintError`] was found in, with the name users know it by when it has one.
enum Source {
    Named(miette::NamedSource<String>),
    Anonymous(String),
}

impl Source {
    fn name(&self) -> Option<&str> {
        match self {
            Source::Named(named) => Some(named.name()),
            Source::Anonymous(_) => None,
        }
    }

    fn text(&self) -> &str {
        match self {
            Source::Named(named) => named.inner(),
            Source::Anonymous(text) => text,
        }
    }

    fn code(&self) -> &dyn miette::SourceCode {
        match self {
            Source::Named(named) => named,
            Source::Anonymous(text) => text,
        }
    }
}

/// A request the service would reject, with its source, ready for miette to render.
///
/// Both [`Display`](fmt::Display) and [`Debug`](fmt::Debug) (what `fn main() -> Result<…>`
/// prints when `?` returns it) list every finding, one a line, with its position, severity,
/// rule, JSON Pointer and message, under a first line naming the input when it has a name:
///
/// ```text
/// request.json: the service would reject the request (2 errors, 1 warning)
///   2:22: error[id-empty] at /protected_instance/server_group_id: `server_group_id` is empty
///   3:16: warning[id-not-uuid] at /protected_instance/server_id: `server_id` is not a UUID …
///   4:15: error[name-invalid-char] at /protected_instance/name: `name` contains a space …
/// ```
///
/// `{:?}` adds each finding's help; `{:#?}` shows the structure instead. With miette's
/// `fancy` feature, `miette::Report::from(err)` prints each finding against the source.
pub struct LintError {
    source: Source,
    diagnostics: Vec<Diagnostic>,
}

impl LintError {
    /// Every diagnostic of the request (warnings included).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The name of the input (a file name), when it has one.
    pub fn name(&self) -> Option<&str> {
        self.source.name()
    }

    /// The linted text the diagnostics' spans point into.
    pub fn source_text(&self) -> &str {
        self.source.text()
    }

    /// The first line and one line per finding; with `help`, each finding's help below it.
    fn write_findings(&self, f: &mut fmt::Formatter<'_>, help: bool) -> fmt::Result {
        let count = |severity| self.diagnostics.iter().filter(|d| d.severity == severity).count();
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        if let Some(name) = self.source.name() {
            write!(f, "{}: ", one_line(name))?;
        }
        write!(f, "the service would reject the request ({}", crate::text::count(errors, "error"))?;
        if warnings > 0 {
            write!(f, ", {}", crate::text::count(warnings, "warning"))?;
        }
        f.write_str(")")?;
        let text = self.source.text().as_bytes();
        let lines = crate::lines::LineIndex::new(text);
        for d in &self.diagnostics {
            let at = lines.position(text, d.primary.span.start);
            write!(f, "\n  {}:{}: {}[{}] ", at.line, at.column, d.severity, d.rule)?;
            if d.pointer.is_empty() {
                f.write_str("at the top level")?;
            } else {
                write!(f, "at {}", one_line(&d.pointer))?;
            }
            write!(f, ": {}", one_line(&d.message))?;
            if let Some(text) = d.help.as_deref().filter(|_| help) {
                write!(f, "\n      help: {}", one_line(text))?;
            }
        }
        Ok(())
    }
}

/// `s` on one line: control and format characters (line breaks, bidirectional overrides) as
/// `\u{…}` escapes. Messages are already safe; names and pointers come from the input.
fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || crate::text::is_format(c);
    if !s.chars().any(unsafe_char) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.into()
}

impl fmt::Display for LintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_findings(f, false)
    }
}

/// Readable rather than derived, since `fn main() -> Result<…>` prints an error with `{:?}`:
/// the [`Display`](fmt::Display) text with each finding's help. `{:#?}` shows the fields.
impl fmt::Debug for LintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return f
                .debug_struct("LintError")
                .field("name", &self.source.name())
                .field("diagnostics", &self.diagnostics)
                .finish_non_exhaustive();
        }
        self.write_findings(f, true)
    }
}

impl std::error::Error for LintError {}

impl miette::Diagnostic for LintError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("sdrs-lint"))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source.code())
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(self.diagnostics.iter().map(|d| d as &dyn miette::Diagnostic)))
    }
}

#[cfg(test)]
mod tests {
    const BODY: &str =
        "{\"protected_instance\": {\n  \"server_group_id\": \"\",\n  \"server_id\": \"x\",\n  \"name\": \"web 01\"\n}}";

    fn error(named: bool) -> super::LintError {
        let report = crate::lint(BODY);
        let result = if named { report.into_result("request.json", BODY) } else { report.into_result_unnamed(BODY) };
        result.expect_err("the body has errors")
    }

    #[test]
    fn display_lists_each_finding_with_rule_pointer_and_message_naming_the_input() {
        assert_eq!(
            error(true).to_string(),
            "request.json: the service would reject the request (2 errors, 1 warning)\n\
             \x20 2:22: error[id-empty] at /protected_instance/server_group_id: `server_group_id` is empty\n\
             \x20 3:16: warning[id-not-uuid] at /protected_instance/server_id: `server_id` is not a UUID (8-4-4-4-12 hexadecimal digits): it has 1 character in 1 group\n\
             \x20 4:15: error[name-invalid-char] at /protected_instance/name: `name` contains a space (U+0020), which is not allowed"
        );
    }

    #[test]
    fn an_input_without_a_name_is_not_given_one() {
        let text = error(false).to_string();
        assert!(
            text.starts_with("the service would reject the request (2 errors, 1 warning)\n  2:22: error[id-empty]"),
            "{text}"
        );
        assert!(!text.contains("request.json"), "{text}");
        assert_eq!(error(false).name(), None);
        assert_eq!(error(true).name(), Some("request.json"));
    }

    #[test]
    fn debug_reads_like_display_with_help_and_alternate_shows_the_fields() {
        let err = error(true);
        let debug = format!("{err:?}");
        assert!(debug.starts_with(&err.to_string().lines().take(2).collect::<Vec<_>>().join("\n")), "{debug}");
        assert!(debug.contains("\n      help: "), "{debug}");
        assert_eq!(debug.lines().filter(|l| l.starts_with("      help: ")).count(), 3, "{debug}");
        assert!(debug.len() < 1200, "no derived dump of spans and labels: {} bytes", debug.len());
        // What `fn main() -> Result<(), Box<dyn Error>>` prints after `Error: `.
        let boxed: Box<dyn std::error::Error> = Box::new(error(false));
        assert!(format!("{boxed:?}").starts_with("the service would reject the request (2 errors, 1 warning)\n"));
        let alternate = format!("{err:#?}");
        assert!(
            alternate
                .starts_with("LintError {\n    name: Some(\n        \"request.json\",\n    ),\n    diagnostics: [")
        );
    }

    #[test]
    fn names_and_pointers_from_the_input_stay_on_one_line() {
        let body = "{\"protected_instance\": {\"server_group_id\": \"\", \"server_id\": \"x\", \"name\": \"a\", \"a\\nb\": 1}}";
        let err = crate::lint(body).into_result("x\ny\u{202e}.json", body).expect_err("an error");
        let text = err.to_string();
        assert!(text.starts_with("x\\u{a}y\\u{202e}.json: "), "{text}");
        assert!(text.contains("at /protected_instance/a\\u{a}b: "), "{text}");
        assert_eq!(text.lines().count(), 1 + err.diagnostics().len());
    }
}
