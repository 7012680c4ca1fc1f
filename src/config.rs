//! `sdrs-lint.toml`: rule severities, which walked files to lint, and suppressions.
//!
//! ```toml
//! [rules]
//! id-not-uuid = "error"          # "error", "warning" or "off"
//!
//! [files]
//! include = ["requests/"]        # walked files linted even when they do not look like requests
//! exclude = ["fixtures/"]        # walked files never linted
//!
//! [[suppress]]
//! rules = ["doc-example-value"]
//! paths = ["docs/*.json"]        # optional; relative to this file's directory
//! pointer = "/protected_instance"   # optional; this member and everything below it
//! reason = "the docs reproduce the reference's example"
//!
//! [inventory]
//! paths = ["inventory/"]         # saved responses to check requests against (docs/inventory.md)
//! ```
//!
//! Path patterns follow `.gitignore` (the `ignore` crate's matcher): a pattern without a slash
//! matches at any depth, one with a slash is relative to this file's directory, a trailing
//! slash means a directory and everything in it, `**` crosses directories, `!` re-includes,
//! and a leading `./` is allowed.
//!
//! Parsing only: finding the file and reading it is the caller's business. Every problem is a
//! diagnostic (`invalid-config`) with a span into the file and, for names, a did-you-mean.

use std::path::Path;

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::measure::similar;
use crate::span::Span;

/// The name of the configuration file.
pub const FILE_NAME: &str = "sdrs-lint.toml";

/// The rule id of configuration problems.
pub const INVALID_CONFIG: &str = "invalid-config";

/// The rule id of suppressions that have no effect.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

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
    /// `[inventory] paths`: the inventory's files and directories, relative to this file's
    /// directory, with where each is written.
    pub inventory: Vec<(String, Span)>,
}

/// `id = "level"` in `[rules]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSetting {
    /// The rule id.
    pub id: &'static str,
    /// What the rule runs at.
    pub level: Level,
    /// Where the setting is in the file.
    pub span: Span,
}

/// `.gitignore`-style path patterns, matched against file paths relative to the configuration
/// file's directory (see the module documentation).
#[derive(Clone, Debug)]
pub struct Patterns {
    /// The patterns as written.
    pub patterns: Vec<String>,
    /// Where each pattern is in the file.
    pub spans: Vec<Span>,
    /// All patterns, in order (a later `!pattern` re-includes).
    all: Gitignore,
    /// Each pattern alone, to tell which patterns match no file.
    each: Vec<Gitignore>,
}

impl Default for Patterns {
    fn default() -> Self {
        Patterns { patterns: Vec::new(), spans: Vec::new(), all: Gitignore::empty(), each: Vec::new() }
    }
}

/// A pattern as the matcher takes it: a leading `./` (which `.gitignore` does not know, but
/// people write) means the configuration's directory, as a leading `/` does.
fn normalise(pattern: &str) -> std::borrow::Cow<'_, str> {
    match pattern.strip_prefix("./") {
        Some(rest) => format!("/{rest}").into(),
        None => pattern.into(),
    }
}

fn matcher(patterns: &[&str]) -> Result<Gitignore, ignore::Error> {
    // The root is only used to strip absolute paths; paths given here are relative.
    let mut builder = GitignoreBuilder::new("");
    for pattern in patterns {
        builder.add_line(None, &normalise(pattern))?;
    }
    builder.build()
}

/// Whether `matcher` selects the file at `path` (relative), or a directory above it.
fn selects(matcher: &Gitignore, path: &Path) -> Option<String> {
    // The matcher wants paths below its root: an absolute path (outside the configuration's
    // directory) is matched by no pattern.
    if path.has_root() || path.as_os_str().is_empty() {
        return None;
    }
    match matcher.matched_path_or_any_parents(path, false) {
        Match::Ignore(glob) => Some(glob.original().to_string()),
        Match::None | Match::Whitelist(_) => None,
    }
}

impl Patterns {
    /// The pattern that selects `path`, if any, as written.
    pub fn matching(&self, path: &Path) -> Option<&str> {
        let original = selects(&self.all, path)?;
        let index = self.patterns.iter().position(|p| normalise(p) == original)?;
        self.patterns.get(index).map(String::as_str)
    }

    /// Whether pattern `index` alone selects `path` (a `!` pattern never does).
    pub fn pattern_matches(&self, index: usize, path: &Path) -> bool {
        self.each.get(index).is_some_and(|m| selects(m, path).is_some())
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

/// Parses the text of a configuration file: the settings, or every problem found.
pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    match parse_lenient(text) {
        (Some(config), problems) if problems.is_empty() => Ok(config),
        (_, problems) => Err(problems),
    }
}

/// Parses the text of a configuration file, keeping what is valid: the settings without the
/// entries that have problems (none when the text is not TOML), and the problems.
pub fn parse_lenient(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
    let mut errors = Errors(Vec::new());
    let (document, syntax) = DeTable::parse_recoverable(text);
    for e in syntax {
        let span = e.span().map_or(Span::empty(0), |r| Span::new(r.start, r.end));
        errors.add(span, format!("invalid TOML: {}", e.message().trim_end_matches('.')), "the file must be TOML");
    }
    // Settings read from a tree rebuilt around a syntax error would only mislead.
    if !errors.0.is_empty() {
        return (None, errors.0);
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
            "inventory" => {
                for (key, value) in errors.table(value, "`inventory`") {
                    match key.get_ref().as_ref() {
                        "paths" => {
                            let paths = errors.strings(value, "`paths`");
                            config.inventory = paths.into_iter().map(|(p, at)| (p.to_string(), at)).collect();
                        }
                        _ => errors.unknown_key(key, &["paths"]),
                    }
                }
            }
            _ => errors.unknown_key(key, &["rules", "files", "suppress", "inventory"]),
        }
    }
    (Some(config), errors.0)
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
        let written = errors.string(level, "a rule's severity");
        let parsed = match written.map(|w| (w, w.parse::<Level>())) {
            Some((_, Ok(parsed))) => Some(parsed),
            Some((written, Err(_))) => {
                errors
                    .add(span(level), format!("`{written}` is not a severity"), "not a severity")
                    .with_help("use \"error\", \"warning\" (or \"warn\") or \"off\"");
                None
            }
            None => None,
        };
        if let (Some(id), Some(parsed)) = (id, parsed) {
            settings.push(RuleSetting { id, level: parsed, span: span(key).to(span(level)) });
        }
    }
    settings
}

fn patterns(value: &Spanned<DeValue<'_>>, errors: &mut Errors) -> Patterns {
    let mut result = Patterns::default();
    let mut each = Vec::new();
    for (pattern, at) in errors.strings(value, "a list of path patterns") {
        match matcher(&[pattern]) {
            Ok(alone) => {
                result.patterns.push(pattern.to_string());
                result.spans.push(at);
                each.push(alone);
            }
            Err(e) => {
                errors
                    .add(at, format!("invalid path pattern: {e}"), "not a pattern")
                    .with_help("patterns follow .gitignore: `*.json`, `docs/`, `requests/**/*.json`, `!keep.json`");
            }
        }
    }
    let written: Vec<&str> = result.patterns.iter().map(String::as_str).collect();
    result.all = matcher(&written).unwrap_or_else(|_| Gitignore::empty());
    result.each = each;
    result
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
        let problems_before = errors.0.len();
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
        // An entry with a problem would silence something other than what its author meant.
        if errors.0.len() == problems_before {
            suppressions.push(suppression);
        }
    }
    suppressions
}

#[cfg(test)]
mod tests;
