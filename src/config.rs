//! `sdrs-lint.toml`: rule severities, which walked files to lint, and suppressions.
//!
//! ```toml
//! [rules]
//! id-not-uuid = "error"          # "error", "warning" or "off"
//!
//! [files]
//! include = ["requests/**/*.json"]  # walked files linted even without `protected_instance`
//! exclude = ["fixtures/**"]         # walked files never linted
//!
//! [[suppress]]
//! rules = ["doc-example-value"]
//! paths = ["docs/**/*.json"]        # optional; relative to this file's directory
//! pointer = "/protected_instance"   # optional; this member and everything below it
//! reason = "the docs reproduce the reference's example"
//! ```
//!
//! Parsing only: finding the file and reading it is the caller's business. Every problem is a
//! diagnostic (`invalid-config`) with a span into the file and, for names, a did-you-mean.

use std::path::Path;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::checks::similar;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;

/// The name of the configuration file.
pub const FILE_NAME: &str = "sdrs-lint.toml";

/// The rule id of configuration problems.
pub const INVALID_CONFIG: &str = "invalid-config";

/// A parsed configuration file.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Severity settings, in file order; `None` turns the rule off.
    pub rules: Vec<RuleSetting>,
    /// Walked files to lint even when they do not look like requests.
    pub include: Patterns,
    /// Walked files never to lint.
    pub exclude: Patterns,
    /// Findings to silence, each with its reason.
    pub suppressions: Vec<Suppression>,
}

/// `id = "level"` in `[rules]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSetting {
    /// The rule id.
    pub id: &'static str,
    /// The severity; `None` is `"off"`.
    pub severity: Option<Severity>,
    /// Where the setting is in the file.
    pub span: Span,
}

/// Glob patterns, matched against paths relative to the configuration file's directory.
/// `*` stays within a directory; `**` crosses directories.
#[derive(Clone, Debug, Default)]
pub struct Patterns {
    /// The patterns as written.
    pub patterns: Vec<String>,
    set: GlobSet,
}

impl Patterns {
    fn new(patterns: Vec<String>, globs: Vec<Glob>) -> Patterns {
        let mut builder = GlobSetBuilder::new();
        for glob in globs {
            builder.add(glob);
        }
        Patterns { patterns, set: builder.build().unwrap_or_else(|_| GlobSet::empty()) }
    }

    /// The first pattern matching `path`, if any.
    pub fn matching(&self, path: &Path) -> Option<&str> {
        let index = self.set.matches(path).into_iter().min()?;
        self.patterns.get(index).map(String::as_str)
    }

    /// Whether there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// A `[[suppress]]` entry.
#[derive(Clone, Debug)]
pub struct Suppression {
    /// The rules it silences.
    pub rules: Vec<&'static str>,
    /// The files it applies to; empty means every file under the configuration's directory.
    pub paths: Patterns,
    /// The member it applies to, with everything below it; `None` means the whole file.
    pub pointer: Option<String>,
    /// Why the findings are acceptable.
    pub reason: String,
    /// Where the entry is in the file.
    pub span: Span,
}

impl Suppression {
    /// Whether the entry applies to the file at `path` (relative to the configuration).
    pub fn covers(&self, path: &Path) -> bool {
        self.paths.is_empty() || self.paths.matching(path).is_some()
    }

    /// Whether the entry silences `diagnostic` in a file it covers.
    pub fn silences(&self, diagnostic: &Diagnostic) -> bool {
        self.rules.contains(&diagnostic.rule)
            && self.pointer.as_deref().is_none_or(|p| {
                diagnostic.pointer == p
                    || (diagnostic.pointer.starts_with(p) && diagnostic.pointer.as_bytes().get(p.len()) == Some(&b'/'))
            })
    }
}

/// Parses the text of a configuration file.
pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    let mut errors = Errors(Vec::new());
    let (document, syntax) = DeTable::parse_recoverable(text);
    for e in syntax {
        let span = e.span().map_or(Span::empty(0), |r| Span::new(r.start, r.end));
        errors.add(span, format!("invalid TOML: {}", e.message().trim_end_matches('.')), "the file must be TOML");
    }
    // Settings read from a tree rebuilt around a syntax error would only mislead.
    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    let mut config = Config::default();
    for (key, value) in document.get_ref() {
        match key.get_ref().as_ref() {
            "rules" => config.rules = rules(value, &mut errors),
            "files" => {
                for (key, value) in errors.table(value, "`files`") {
                    match key.get_ref().as_ref() {
                        "include" => config.include = patterns(value, &mut errors),
                        "exclude" => config.exclude = patterns(value, &mut errors),
                        _ => errors.unknown_key(key, &["include", "exclude"]),
                    }
                }
            }
            "suppress" => config.suppressions = suppressions(value, &mut errors),
            _ => errors.unknown_key(key, &["rules", "files", "suppress"]),
        }
    }
    if errors.0.is_empty() { Ok(config) } else { Err(errors.0) }
}

fn span<T>(spanned: &Spanned<T>) -> Span {
    let range = spanned.span();
    Span::new(range.start, range.end)
}

/// Collects problems as `invalid-config` diagnostics.
struct Errors(Vec<Diagnostic>);

impl Errors {
    fn add(&mut self, at: Span, message: String, label: &str) -> &mut Diagnostic {
        self.0.push_mut(Diagnostic::new(INVALID_CONFIG, Severity::Error, String::new(), at, message)).with_label(label)
    }

    fn unknown_key(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>, known: &[&str]) {
        let name = key.get_ref();
        let mut message = format!("unknown key `{name}`");
        if let Some(close) = similar::closest(name, known.iter().copied()) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        self.add(span(key), message, "not a setting").with_help(format!("known keys here: {}", known.join(", ")));
    }

    fn table<'v, 'i>(
        &mut self,
        value: &'v Spanned<DeValue<'i>>,
        what: &str,
    ) -> Vec<(&'v Spanned<std::borrow::Cow<'i, str>>, &'v Spanned<DeValue<'i>>)> {
        match value.get_ref() {
            DeValue::Table(table) => table.iter().collect(),
            _ => {
                self.add(span(value), format!("{what} must be a table"), "not a table");
                Vec::new()
            }
        }
    }

    fn string<'v>(&mut self, value: &'v Spanned<DeValue<'_>>, what: &str) -> Option<&'v str> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.as_ref()),
            _ => {
                self.add(span(value), format!("{what} must be a string"), "not a string");
                None
            }
        }
    }

    fn strings<'v>(&mut self, value: &'v Spanned<DeValue<'_>>, what: &str) -> Vec<(&'v str, Span)> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| self.string(item, &format!("each of {what}")).map(|s| (s, span(item))))
                .collect(),
            _ => {
                self.add(span(value), format!("{what} must be an array of strings"), "not an array");
                Vec::new()
            }
        }
    }
}

fn rule_id(errors: &mut Errors, name: &str, at: Span) -> Option<&'static str> {
    let found = crate::rule(name).map(|r| r.id);
    if found.is_none() {
        let mut message = format!("unknown rule `{name}`");
        if let Some(close) = similar::closest(name, crate::rules().map(|r| r.id)) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        errors.add(at, message, "no such rule").with_help("`sdrs-lint rules` lists every rule id");
    }
    found
}

fn rules(value: &Spanned<DeValue<'_>>, errors: &mut Errors) -> Vec<RuleSetting> {
    let mut settings = Vec::new();
    for (key, level) in errors.table(value, "`rules`") {
        let id = rule_id(errors, key.get_ref(), span(key));
        let severity = match errors.string(level, "a rule's severity") {
            Some("error") => Some(Some(Severity::Error)),
            Some("warning") => Some(Some(Severity::Warning)),
            Some("off") => Some(None),
            Some(other) => {
                errors
                    .add(span(level), format!("`{other}` is not a severity"), "not a severity")
                    .with_help("use \"error\", \"warning\" or \"off\"");
                None
            }
            None => None,
        };
        if let (Some(id), Some(severity)) = (id, severity) {
            settings.push(RuleSetting { id, severity, span: span(key).to(span(level)) });
        }
    }
    settings
}

fn patterns(value: &Spanned<DeValue<'_>>, errors: &mut Errors) -> Patterns {
    let mut written = Vec::new();
    let mut globs = Vec::new();
    for (pattern, at) in errors.strings(value, "a list of glob patterns") {
        match GlobBuilder::new(pattern).literal_separator(true).build() {
            Ok(glob) => {
                written.push(pattern.to_string());
                globs.push(glob);
            }
            Err(e) => {
                errors.add(at, format!("invalid glob pattern: {}", e.kind()), "not a glob");
            }
        }
    }
    Patterns::new(written, globs)
}

fn suppressions(value: &Spanned<DeValue<'_>>, errors: &mut Errors) -> Vec<Suppression> {
    let DeValue::Array(entries) = value.get_ref() else {
        errors.add(
            span(value),
            "`suppress` must be an array of tables: write `[[suppress]]`".into(),
            "not `[[suppress]]`",
        );
        return Vec::new();
    };
    let mut suppressions = Vec::new();
    for entry in entries {
        let at = span(entry);
        let mut suppression = Suppression {
            rules: Vec::new(),
            paths: Patterns::default(),
            pointer: None,
            reason: String::new(),
            span: at,
        };
        let (mut has_rules, mut has_reason) = (false, false);
        for (key, value) in errors.table(entry, "a `[[suppress]]` entry") {
            match key.get_ref().as_ref() {
                "rules" => {
                    has_rules = true;
                    for (name, at) in errors.strings(value, "`rules`") {
                        suppression.rules.extend(rule_id(errors, name, at));
                    }
                }
                "paths" => suppression.paths = patterns(value, errors),
                "pointer" => match errors.string(value, "`pointer`") {
                    Some(p) if p.is_empty() || p.starts_with('/') => suppression.pointer = Some(p.to_string()),
                    Some(_) => {
                        errors
                            .add(span(value), "`pointer` must be a JSON Pointer".into(), "not a JSON Pointer")
                            .with_help("a JSON Pointer starts with `/`, such as \"/protected_instance/tags\"");
                    }
                    None => {}
                },
                "reason" => {
                    has_reason = true;
                    let reason = errors.string(value, "`reason`").unwrap_or_default().trim().to_string();
                    if reason.is_empty() {
                        errors.add(span(value), "`reason` is empty".into(), "empty reason").with_help(
                            "say why these findings are acceptable, so the suppression can be reviewed later",
                        );
                    }
                    suppression.reason = reason;
                }
                _ => errors.unknown_key(key, &["rules", "paths", "pointer", "reason"]),
            }
        }
        for (present, key) in [(has_rules, "rules"), (has_reason, "reason")] {
            if !present {
                errors
                    .add(at, format!("this `[[suppress]]` entry has no `{key}`"), "incomplete entry")
                    .with_help("every suppression names its `rules` and gives a `reason`");
            }
        }
        suppressions.push(suppression);
    }
    suppressions
}

#[cfg(test)]
mod tests;
