//! What a rule reports: a message, labelled source spans, help and an optional fix, all as data.
//! Renderers (terminal, short, JSON) and the miette protocol read the same struct.

use std::fmt;

use serde::Serialize;

use std::sync::Arc;

use crate::lines::{LineIndex, Position};
use crate::span::Span;

/// How much a diagnostic matters. Severities may be added (`#[non_exhaustive]`): a `match`
/// needs a wildcard arm, or use [`Severity::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// The service accepts the request, but it almost certainly does not do what was meant.
    Warning,
    /// The service rejects the request.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    /// `error` or `warning`, honouring width and alignment (`{:<7}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// What a rule runs at: a severity, or off. Levels may be added with severities
/// (`#[non_exhaustive]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Level {
    /// The rule does not run.
    Off,
    /// The rule reports warnings.
    Warning,
    /// The rule reports errors.
    Error,
}

impl Level {
    /// The severity it reports with; `None` for [`Level::Off`].
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    /// `"error"`, `"warning"` or `"off"`.
    pub fn as_str(self) -> &'static str {
        self.severity().map_or("off", Severity::as_str)
    }
}

impl From<Severity> for Level {
    fn from(severity: Severity) -> Level {
        match severity {
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        }
    }
}

impl std::str::FromStr for Level {
    type Err = String;

    /// `"error"`, `"warning"` (or `"warn"`) and `"off"`, as configuration files write them.
    fn from_str(s: &str) -> Result<Level, String> {
        match s {
            "error" => Ok(Level::Error),
            "warning" | "warn" => Ok(Level::Warning),
            "off" => Ok(Level::Off),
            other => Err(format!("`{other}` is not a level: use \"error\", \"warning\" (or \"warn\") or \"off\"")),
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A span of the source with an optional text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The labelled source text: in the linted input, or in `file` when set.
    pub span: Span,
    /// What the label says about it.
    pub text: Option<String>,
    /// The file the span is in when it is not the linted input (an inventory file).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "file_name")]
    pub file: Option<Arc<SourceFile>>,
}

/// A label's file, written as its name.
fn file_name<S: serde::Serializer>(file: &Option<Arc<SourceFile>>, serializer: S) -> Result<S::Ok, S::Error> {
    match file {
        Some(file) => serializer.serialize_str(file.name()),
        None => serializer.serialize_none(),
    }
}

impl Label {
    /// A label in the linted input.
    pub fn new(span: Span, text: Option<String>) -> Label {
        Label { span, text, file: None }
    }
}

/// A file a label may point into other than the linted input, such as an inventory file that
/// proves a finding: its name and bytes, with a line index for positions (built when a
/// position is first asked for: most of a large inventory file is never pointed at).
#[derive(Debug)]
pub struct SourceFile {
    name: String,
    bytes: Vec<u8>,
    lines: std::sync::OnceLock<LineIndex>,
}

impl SourceFile {
    /// The file named `name` (as users see it) holding `bytes`.
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> SourceFile {
        SourceFile { name: name.into(), bytes, lines: std::sync::OnceLock::new() }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.bytes))
    }

    /// The name users see.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The 1-based line and column (characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        self.lines().position(&self.bytes, offset)
    }

    /// The 1-based line and the 1-based column in UTF-16 code units of byte `offset`.
    pub fn position_utf16(&self, offset: usize) -> Position {
        self.lines().position_utf16(&self.bytes, offset)
    }

    /// The 0-based line and column in `unit`s of byte `offset`, as LSP counts.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the language server.
    pub(crate) fn line_column(&self, offset: usize, unit: crate::lines::ColumnUnit) -> (usize, usize) {
        self.lines().line_column(&self.bytes, offset, unit)
    }
}

/// Files are equal when they have the same name and bytes.
impl PartialEq for SourceFile {
    fn eq(&self, other: &SourceFile) -> bool {
        self.name == other.name && self.bytes == other.bytes
    }
}

impl Eq for SourceFile {}

/// Whether applying a fix is certain to keep the request's meaning. Kinds may be added
/// (`#[non_exhaustive]`): a `match` needs a wildcard arm, or use [`Applicability::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Applicability {
    /// Meaning is certainly preserved (removing a byte-order mark, `"Dedicated"` → `"dedicated"`).
    Safe,
    /// Changes what is sent (renaming a member, adding `tenancy`); needs a person's consent.
    Unsafe,
}

impl Applicability {
    /// `"safe"` or `"unsafe"`, as the JSON and SARIF outputs write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

impl fmt::Display for Applicability {
    /// `safe` or `unsafe`, honouring width and alignment.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Replace the source text at `span` with `replacement` (an empty span inserts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A suggested change: text edits that resolve the diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in the imperative ("replace with `dedicated`").
    pub title: String,
    /// Whether it is safe to apply without review.
    pub applicability: Applicability,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix made of one edit.
    pub fn replace(title: impl Into<String>, applicability: Applicability, span: Span, text: impl Into<String>) -> Fix {
        Fix { title: title.into(), applicability, edits: vec![Edit { span, replacement: text.into() }] }
    }
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The rule id, such as `name-too-long`.
    pub rule: &'static str,
    /// The severity the rule ran with.
    pub severity: Severity,
    /// What is wrong, with the limit and the actual figure.
    pub message: String,
    /// JSON Pointer (RFC 6901) of the member concerned; `""` is the whole document.
    pub pointer: String,
    /// The main place.
    pub primary: Label,
    /// Related places, such as the first of two duplicate keys.
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// Edits that fix it, when the rule can tell.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of rule `rule` at `span` about the member at JSON Pointer `pointer`.
    pub fn new(rule: &'static str, severity: Severity, pointer: String, span: Span, message: String) -> Self {
        Diagnostic {
            rule,
            severity,
            message,
            pointer,
            primary: Label::new(span, None),
            secondary: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Sets what the diagnostic is about (the member's JSON Pointer) and what is wrong.
    pub(crate) fn describe(&mut self, pointer: String, message: impl Into<String>) -> &mut Self {
        self.pointer = pointer;
        self.message = message.into();
        self
    }

    /// Sets the text of the primary label.
    pub fn with_label(&mut self, text: impl Into<String>) -> &mut Self {
        self.primary.text = Some(text.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(&mut self, span: Span, text: impl Into<String>) -> &mut Self {
        self.secondary.push(Label::new(span, Some(text.into())));
        self
    }

    /// Adds a secondary label in another file (the inventory file that proves the finding).
    pub fn with_related(&mut self, file: Arc<SourceFile>, span: Span, text: impl Into<String>) -> &mut Self {
        self.secondary.push(Label { span, text: Some(text.into()), file: Some(file) });
        self
    }

    /// Sets the help text.
    pub fn with_help(&mut self, text: impl Into<String>) -> &mut Self {
        self.help = Some(text.into());
        self
    }

    /// Attaches a fix.
    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// The order reports list diagnostics in: by position, then by rule id.
    pub(crate) fn source_order(&self) -> (usize, &'static str) {
        (self.primary.span.start, self.rule)
    }

    /// Every label, primary first.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        std::iter::once(&self.primary).chain(&self.secondary)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

/// Diagnostics carry no source text: attach it with [`crate::LintError`] or a renderer.
impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let primary = miette::LabeledSpan::new_primary_with_span(self.primary.text.clone(), self.primary.span);
        // miette shows one source: labels in other files are left out.
        let local = self.secondary.iter().filter(|l| l.file.is_none());
        let secondary = local.map(|l| miette::LabeledSpan::new_with_span(l.text.clone(), l.span));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_levels_and_applicabilities_honour_width_and_alignment() {
        assert_eq!(format!("{:<8}|", Severity::Error), "error   |");
        assert_eq!(format!("{:>8}|", Severity::Warning), " warning|");
        assert_eq!(format!("{:^9}|", Severity::Error), "  error  |");
        assert_eq!(format!("{:.3}|", Severity::Warning), "war|", "precision truncates, as for str");
        assert_eq!(format!("{}", Severity::Warning), "warning");
        assert_eq!(format!("{:<5}|", Level::Off), "off  |");
        assert_eq!(format!("{:>7}|", Applicability::Safe), "   safe|");
        assert_eq!(Applicability::Unsafe.to_string(), "unsafe");
    }
}
