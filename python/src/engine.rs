//! The only file that uses the `sdrs_lint` crate: everything Python sees goes through the plain
//! types below, so a change of the crate's API is adapted here alone.
//!
//! Crate API used (all public):
//! - `sdrs_lint::Linter`: `new`, `set_level`, `severity`, `set_inventory`, `lint_input`;
//!   `InputKind`, `Level`;
//! - `sdrs_lint::Inventory`: `from_files`, `files`, `duplicates`, `has`, `count`;
//!   `InventoryFile::{name, kind, elements}`, `Duplicate`'s fields, `InventoryError`'s fields,
//!   `InventoryKind::{ALL, member, merges_into}`;
//! - `sdrs_lint::Report`: `diagnostics`, `count`, `omitted`, `retain`, `from_diagnostics`,
//!   `skipped_requests`;
//! - `sdrs_lint::{Diagnostic, Label, Fix, Edit, Severity, Applicability, SkippedRequest}`:
//!   public fields (`rule`, `severity`, `message`, `pointer`, `primary`, `secondary`, `help`,
//!   `fix`; `Label::{span, text, file}` and the label's file's `name` and `position`;
//!   `Fix::{title, applicability, edits}`; `Edit::{span, replacement}`; `SkippedRequest::{span, reason}`; `Span::{start, end}`),
//!   `Severity::as_str`, `Applicability::as_str`;
//! - `sdrs_lint::rules()` and
//!   `RuleMeta::{id, default_severity, summary, fix, docs, service_errors, needs}`;
//! - `sdrs_lint::config` (feature `config`): `parse_lenient`, `INVALID_CONFIG`,
//!   `Config::{rules, suppressions}`, `RuleSetting::{id, level}`,
//!   `Suppression::{paths, silences}`, `Patterns::is_empty`;
//! - `sdrs_lint::render::FileReport` (`new`, `position`) and `sdrs_lint::render::human`
//!   (`write`, `Style`); `sdrs_lint::render::safe::one_line`.

use std::sync::Arc;

use sdrs_lint::render::{FileReport, human};
use sdrs_lint::{
    Applicability, Diagnostic, InputKind, Inventory, InventoryKind, Label, Level, Linter, Report, Severity, config,
};

/// The width `str(report)` lays snippets out in: the command's width when not on a terminal.
const WIDTH: usize = 100;

/// Why settings could not be made.
#[derive(Debug)]
pub enum SettingsError {
    /// A severity was given for a rule id that no rule has.
    UnknownRule(String),
    /// A severity that is not `error`, `warning`, `warn` or `off`.
    UnknownLevel { id: String, level: String },
    /// The configuration file has problems that stop it being used: the rendered problems.
    Config(String),
}

/// What one call lints with: rule severities and the suppressions that apply to any input.
#[derive(Debug)]
pub struct Settings {
    linter: Linter,
    suppressions: Vec<config::Suppression>,
}

impl Settings {
    /// Defaults, then the `[rules]` of `config` (a display name and the file's text), then
    /// `severities` (rule id, level), as the command line layers the file and its flags.
    /// `[[suppress]]` entries without `paths` are kept; those with `paths` name files, and a
    /// body linted from Python is no file, so they do not apply. Returns the settings and, when
    /// `invalid-config` is a warning, the rendered problems of a file used anyway.
    pub fn new(
        severities: &[(String, String)],
        config: Option<(&str, &str)>,
    ) -> Result<(Settings, Option<String>), SettingsError> {
        let mut overrides = Vec::with_capacity(severities.len());
        for (id, name) in severities {
            let severity = name
                .parse::<Level>()
                .map_err(|_| SettingsError::UnknownLevel { id: id.clone(), level: name.clone() })?;
            overrides.push((id.as_str(), severity));
        }
        let Some((name, text)) = config else {
            let linter = linter(None, &overrides)?;
            return Ok((Settings { linter, suppressions: Vec::new() }, None));
        };
        let (parsed, mut problems) = config::parse_lenient(text);
        let linter = linter(parsed.as_ref(), &overrides)?;
        let severity = linter.severity(config::INVALID_CONFIG);
        match parsed {
            // As the command does: an error (the default) stops; a warning reports and goes on.
            Some(parsed) if problems.is_empty() || severity != Some(Severity::Error) => {
                let warning = match severity {
                    Some(severity) if !problems.is_empty() => {
                        for problem in &mut problems {
                            problem.severity = severity;
                        }
                        Some(render_diagnostics(name, text.as_bytes(), problems))
                    }
                    _ => None,
                };
                let suppressions = parsed.suppressions.into_iter().filter(|s| s.paths.is_empty()).collect();
                Ok((Settings { linter, suppressions }, warning))
            }
            _ => {
                for problem in &mut problems {
                    problem.severity = Severity::Error;
                }
                Err(SettingsError::Config(render_diagnostics(name, text.as_bytes(), problems)))
            }
        }
    }

    /// Lints `source` as a request body, or as an HTTP request file when `http`; against
    /// `inventory` too when given (the inventory rules run).
    pub fn lint(&self, source: Vec<u8>, http: bool, inventory: Option<&SharedInventory>) -> Linted {
        let kind = if http { InputKind::Http } else { InputKind::Json };
        let mut report = match inventory {
            None => self.linter.lint_input(&source, kind),
            Some(inventory) => {
                // A linter is a few bytes of levels: one per call costs nothing next to a lint.
                let mut linter = self.linter.clone();
                linter.set_inventory(Arc::clone(inventory));
                linter.lint_input(&source, kind)
            }
        };
        // Without suppressions the diagnostics are not asked for here: they are built when
        // Python first looks at them, and a clean request never builds any.
        let mut suppressed = 0;
        if !self.suppressions.is_empty() {
            let before = report.diagnostics().len();
            report.retain(|d| !self.suppressions.iter().any(|s| s.silences(d)));
            suppressed = before - report.diagnostics().len();
        }
        Linted { source, report, suppressed }
    }
}

/// Defaults, then the file's severities, then the caller's.
fn linter(config: Option<&config::Config>, overrides: &[(&str, Level)]) -> Result<Linter, SettingsError> {
    let mut linter = Linter::new();
    for setting in config.map(|c| c.rules.as_slice()).unwrap_or_default() {
        // Ids in a parsed configuration are known rules.
        let _ = linter.set_level(setting.id, setting.level);
    }
    for &(id, severity) in overrides {
        linter.set_level(id, severity).map_err(|_| SettingsError::UnknownRule(id.to_string()))?;
    }
    Ok(linter)
}

/// The human rendering of `diagnostics` on `source`, as `sdrs-lint` prints them without colour.
fn render_diagnostics(name: &str, source: &[u8], diagnostics: Vec<Diagnostic>) -> String {
    let report = Report::from_diagnostics(diagnostics);
    render(name, source, &report)
}

fn render(name: &str, source: &[u8], report: &Report) -> String {
    let file = FileReport::new(name, source, report);
    let mut out = Vec::new();
    // Writing to a `Vec` cannot fail.
    let _ = human::write(&mut out, &file, human::Style { color: false, width: WIDTH });
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// One linted input: its exact bytes, what the rules found (less what was suppressed), and the
/// requests of an HTTP file that were not linted.
#[derive(Debug)]
pub struct Linted {
    source: Vec<u8>,
    report: Report,
    suppressed: usize,
}

/// A byte offset with its 1-based line and column (in characters, as the command counts).
#[derive(Clone, Copy, Debug)]
pub struct Point {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

/// A labelled place.
#[derive(Debug)]
pub struct Place<'a> {
    pub start: Point,
    pub end: Point,
    pub text: Option<&'a str>,
    /// The file the place is in when it is not the linted input (an inventory file); its
    /// offsets, lines and columns are that file's.
    pub path: Option<&'a str>,
}

/// A suggested fix.
#[derive(Debug)]
pub struct FixOut<'a> {
    pub title: &'a str,
    pub applicability: &'static str,
    /// Each edit's place, its `text` being the replacement.
    pub edits: Vec<Place<'a>>,
}

/// A diagnostic with positions.
#[derive(Debug)]
pub struct Diag<'a> {
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub pointer: &'a str,
    pub primary: Place<'a>,
    pub secondary: Vec<Place<'a>>,
    pub help: Option<&'a str>,
    pub fix: Option<FixOut<'a>>,
}

fn applicability(a: Applicability) -> &'static str {
    a.as_str()
}

fn point(file: &FileReport<'_>, offset: usize) -> Point {
    let p = file.position(offset);
    Point { offset, line: p.line, column: p.column }
}

fn label<'a>(file: &FileReport<'_>, l: &'a Label) -> Place<'a> {
    let text = l.text.as_deref();
    match &l.file {
        // A label in another file (an inventory file) is positioned in that file, as the
        // command's `json` output does.
        Some(other) => {
            let at = |offset: usize| {
                let p = other.position(offset);
                Point { offset, line: p.line, column: p.column }
            };
            Place { start: at(l.span.start), end: at(l.span.end), text, path: Some(other.name()) }
        }
        None => Place { start: point(file, l.span.start), end: point(file, l.span.end), text, path: None },
    }
}

impl Linted {
    /// Error-severity diagnostics, including any omitted past the per-input limit.
    pub fn errors(&self) -> usize {
        self.report.count(Severity::Error)
    }

    /// Warning-severity diagnostics, including any omitted past the per-input limit.
    pub fn warnings(&self) -> usize {
        self.report.count(Severity::Warning)
    }

    /// Diagnostics found past the per-input limit (1000) and not kept.
    pub fn omitted(&self) -> usize {
        self.report.omitted()
    }

    /// Diagnostics silenced by the configuration's suppressions.
    pub fn suppressed(&self) -> usize {
        self.suppressed
    }

    /// Diagnostics kept.
    pub fn len(&self) -> usize {
        self.report.diagnostics().len()
    }

    /// The bytes that were linted.
    pub fn source(&self) -> &[u8] {
        &self.source
    }

    /// The diagnostics in source order, with lines and columns.
    pub fn diagnostics(&self) -> Vec<Diag<'_>> {
        let file = FileReport::new("", &self.source, &self.report);
        self.report
            .diagnostics()
            .iter()
            .map(|d| Diag {
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                pointer: &d.pointer,
                primary: label(&file, &d.primary),
                secondary: d.secondary.iter().map(|l| label(&file, l)).collect(),
                help: d.help.as_deref(),
                fix: d.fix.as_ref().map(|f| FixOut {
                    title: &f.title,
                    applicability: applicability(f.applicability),
                    edits: f
                        .edits
                        .iter()
                        .map(|e| Place {
                            start: point(&file, e.span.start),
                            end: point(&file, e.span.end),
                            text: Some(e.replacement.as_str()),
                            path: None,
                        })
                        .collect(),
                }),
            })
            .collect()
    }

    /// The requests of an HTTP file that were not linted: where each starts, and why.
    pub fn skipped(&self) -> Vec<(Point, &str)> {
        let file = FileReport::new("", &self.source, &self.report);
        self.report.skipped_requests().iter().map(|s| (point(&file, s.span.start), s.reason.as_str())).collect()
    }

    /// The command's human report of this input (no colour, 100 columns), shown as `name`.
    pub fn render(&self, name: &str) -> String {
        render(name, &self.source, &self.report)
    }
}

/// A rule's metadata.
#[derive(Debug)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: &'static str,
    pub summary: &'static str,
    pub fix: Option<&'static str>,
    pub docs: &'static str,
    /// The errors the service answers when the check is skipped (`SDRS.1305`).
    pub service_errors: &'static [&'static str],
    /// The kinds of inventory response the rule needs (top-level members), none for the rules
    /// on the request alone.
    pub needs: Vec<&'static str>,
}

/// Every rule, sorted by id.
pub fn rules() -> Vec<RuleInfo> {
    sdrs_lint::rules()
        .map(|r| RuleInfo {
            id: r.id,
            severity: r.default_severity.as_str(),
            summary: r.summary,
            fix: r.fix.map(applicability),
            docs: r.docs,
            service_errors: r.service_errors,
            needs: r.needs.iter().map(|k| k.member()).collect(),
        })
        .collect()
}

/// An inventory, shared by the lints that use it.
pub type SharedInventory = Arc<Inventory>;

/// `text` for a one-line message: unsafe characters escaped, as the command writes them.
pub fn one_line(text: &str) -> String {
    sdrs_lint::render::safe::one_line(text).into_owned()
}

/// An inventory read from response bodies (each with the name diagnostics show for it), and
/// every file that could not be used, one line each as the command says it:
/// `inventory file NAME: REASON`.
pub fn read_inventory(files: Vec<(String, Vec<u8>)>) -> (SharedInventory, Vec<String>) {
    let (inventory, errors) = Inventory::from_files(files);
    let problems =
        errors.iter().map(|e| format!("inventory file {}: {}", one_line(&e.file), one_line(&e.reason))).collect();
    (Arc::new(inventory), problems)
}

/// The files of `inventory`: `(name, kind, elements)`, in the order read.
pub fn inventory_files(inventory: &Inventory) -> Vec<(&str, &'static str, usize)> {
    inventory.files().iter().map(|f| (f.name(), f.kind().member(), f.elements())).collect()
}

/// The IDs found twice: `(kind, id, file used, file ignored)`.
pub fn inventory_duplicates(inventory: &Inventory) -> Vec<(&'static str, &str, &str, &str)> {
    inventory
        .duplicates()
        .iter()
        .map(|d| (d.kind.member(), d.id.as_str(), d.used.as_str(), d.ignored.as_str()))
        .collect()
}

/// The member name of every kind of inventory file the engine reads, in the documentation's order.
pub fn inventory_kinds() -> Vec<&'static str> {
    InventoryKind::ALL.into_iter().map(InventoryKind::member).collect()
}

/// How many distinct elements of each kind `inventory` holds, for the kinds it holds (a
/// protection group's details count as protection groups), in the documentation's order.
pub fn inventory_counts(inventory: &Inventory) -> Vec<(&'static str, usize)> {
    InventoryKind::ALL
        .into_iter()
        .filter(|&kind| kind.merges_into() == kind && inventory.has(kind))
        .map(|kind| (kind.member(), inventory.count(kind)))
        .collect()
}
