//! One SARIF 2.1.0 log for a whole run, for code-scanning services and SARIF viewers. It
//! validates against the OASIS schema (`tests/data/sarif-schema-2.1.0.json`). Columns count
//! UTF-16 code units (`run.columnKind`), regions also carry byte offsets, and strings are escaped
//! by serde_json, so no raw control character leaves.
//!
//! What GitHub code scanning needs beyond the schema: relative URIs carry the base
//! `%SRCROOT%`, which `run.originalUriBaseIds` resolves to the working directory (when the caller
//! gives it, see [`Options`]); every result has a `partialFingerprints` entry that does not move
//! with line numbers ([`FINGERPRINT_KEY`]); related locations are linked from the message text
//! (`[first used here](1)`, SARIF §3.11.6); and a run holds at most [`MAX_RESULTS`] results.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Entry, FileReport, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Label, Severity};
use crate::rules::RuleMeta;
use crate::span::Span;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

/// The most results a run holds: GitHub code scanning rejects a run with more.
pub const MAX_RESULTS: usize = 25_000;

/// The key of each result's `partialFingerprints` entry. Its value is a hash of the rule id, the
/// JSON Pointer and the first line of the offending source text (trimmed), then `:` and the
/// occurrence of that hash in the file (`3f5a…:1`): it does not change with line numbers, so an
/// edit elsewhere in a file does not turn a finding into a new alert. The `v1` changes if the
/// hash ever does.
pub const FINGERPRINT_KEY: &str = "sdrsLint/v1";

/// The base of relative artifact URIs.
const SRCROOT: &str = "%SRCROOT%";

/// What the log says about the run beyond its entries.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Options {
    /// The directory relative paths are relative to; when set, `%SRCROOT%` resolves to it
    /// (`run.originalUriBaseIds`) and it is the invocation's `workingDirectory`.
    pub working_directory: Option<PathBuf>,
}

impl Options {
    /// Relative paths are relative to `dir` (an absolute path: the command passes its working
    /// directory).
    pub fn working_directory(mut self, dir: impl Into<PathBuf>) -> Self {
        self.working_directory = Some(dir.into());
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, BaseUri>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
    /// SARIF's default is CRLF and LF; a lone CR also ends a line here (see `source.rs`).
    newline_sequences: [&'static str; 3],
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    short_description: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Help<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_configuration: Option<Configuration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RuleProperties>,
}

/// A `message`, `multiformatMessageString` or `artifactContent` with only `text`.
#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
}

impl<'a> Text<'a> {
    fn new(text: impl Into<Cow<'a, str>>) -> Self {
        Text { text: text.into() }
    }
}

#[derive(Serialize)]
struct Help<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    fix: &'static str,
    /// GitHub shows these as the alert's tags: `request`, `inventory` or `configuration`.
    tags: [&'static str; 2],
    /// How often a finding is right: the rules check documented limits exactly.
    precision: &'static str,
    /// GitHub's severity of a non-security alert: `error` or `warning`.
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
    /// The error codes the service answers with when the request is sent anyway.
    #[serde(rename = "serviceErrors", skip_serializing_if = "<[_]>::is_empty")]
    service_errors: &'static [&'static str],
}

/// An `artifactLocation` that is only a URI (`originalUriBaseIds` values, `workingDirectory`).
#[derive(Serialize)]
struct BaseUri {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    working_directory: Option<BaseUri>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text<'static>,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    /// `%SRCROOT%` for a relative URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

impl ArtifactLocation {
    /// The location of the file at `path`: a relative URI against `%SRCROOT%`, or an absolute
    /// `file:` URI.
    fn of(path: &str, index: Option<usize>) -> ArtifactLocation {
        let base = (!Path::new(path).is_absolute()).then_some(SRCROOT);
        ArtifactLocation { uri: uri(path), uri_base_id: base, index }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    fully_qualified_name: &'a str,
    kind: &'static str,
}

/// A text region (UTF-16 columns, end exclusive) that is also a binary region (bytes).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: &'static str,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn applicability(a: Applicability) -> &'static str {
    a.as_str()
}

/// `name-too-long` → `NameTooLong`.
fn upper_camel_case(id: &str) -> String {
    id.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars)
        })
        .collect()
}

/// The properties of a rule's descriptor.
fn rule_properties(rule: &'static RuleMeta) -> RuleProperties {
    let request_rule = crate::rules::RULES.iter().any(|r| r.meta().id == rule.id);
    let kind = match (request_rule, rule.is_inventory_rule()) {
        (false, _) => "configuration",
        (true, false) => "request",
        (true, true) => "inventory",
    };
    RuleProperties {
        fix: rule.fix.map_or("none", applicability),
        tags: ["sdrs", kind],
        precision: "very-high",
        problem_severity: level(rule.default_severity),
        service_errors: rule.service_errors,
    }
}

/// Every rule, the tool's own (`invalid-config`, `unused-suppression`) included, sorted by id,
/// each with its page as help.
fn registry_descriptors() -> Vec<Descriptor<'static>> {
    crate::rules()
        .map(|rule| Descriptor {
            id: rule.id,
            name: Some(upper_camel_case(rule.id)),
            short_description: Text::new(rule.summary),
            full_description: Some(Text::new(rule.summary)),
            help: Some(Help { text: rule.docs, markdown: rule.docs }),
            default_configuration: Some(Configuration { level: level(rule.default_severity) }),
            properties: Some(rule_properties(rule)),
        })
        .collect()
}

/// The index of rule `id` in `rules`, appending a bare descriptor for an id outside the
/// registry (which only a caller building its own diagnostics can produce).
fn rule_index<'a>(rules: &mut Vec<Descriptor<'a>>, id: &'a str) -> usize {
    if let Some(i) = rules.iter().position(|r| r.id == id) {
        return i;
    }
    rules.push(Descriptor {
        id,
        name: None,
        short_description: Text::new(id),
        full_description: None,
        help: None,
        default_configuration: None,
        properties: None,
    });
    rules.len() - 1
}

/// `path` as a URI reference: relative paths stay relative, absolute ones become `file:` URIs;
/// separators become `/` and every other byte outside RFC 3986's unreserved set is
/// percent-encoded (so `:`, `?`, `#` and spaces cannot change how the URI parses). Written by
/// hand because the rule is one line of the RFC; a URL crate would be a dependency for it.
fn uri(path: &str) -> String {
    let absolute = std::path::Path::new(path).is_absolute();
    let mut out = String::with_capacity(path.len() + 8);
    if absolute {
        out.push_str("file://");
        // `C:\x` (Windows) → `file:///C:/x`; `/x` already starts with its slash.
        if !path.starts_with(std::path::is_separator) {
            out.push('/');
        }
    }
    for (i, c) in path.char_indices() {
        if std::path::is_separator(c) {
            out.push('/');
        } else if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~') {
            out.push(c);
        } else if c == ':' && i == 1 && absolute && cfg!(windows) {
            // The drive letter's colon: `file:///C:/x`.
            out.push(c);
        } else {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// The `file:` URI of directory `dir`, ending with `/` as a base URI must.
fn directory_uri(dir: &Path) -> String {
    let mut uri = uri(&dir.to_string_lossy());
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// `[` and `]` escaped, so that text from the input cannot make an embedded link (§3.11.6).
fn escape_links(text: &str) -> Cow<'_, str> {
    if !text.contains(['[', ']']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace('[', "\\[").replace(']', "\\]"))
}

/// The message of a result: the diagnostic's, then a link to each related location, so that
/// viewers (GitHub among them) show them: `… ([first used here](1))`.
fn message_text(d: &Diagnostic) -> Cow<'_, str> {
    if d.secondary.is_empty() {
        return escape_links(&d.message);
    }
    let links: Vec<String> = (1..)
        .zip(&d.secondary)
        .map(|(id, l)| format!("[{}]({id})", escape_links(l.text.as_deref().unwrap_or("related location"))))
        .collect();
    Cow::Owned(format!("{} ({})", escape_links(&d.message), links.join(", ")))
}

/// FNV-1a, 64 bits: small, fixed by its definition (unlike the standard library's hashers), and
/// enough to tell findings apart.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn eat(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// The FNV-1a hash of `parts`, each preceded by its length (so `["ab", "c"]` ≠ `["a", "bc"]`).
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash = Fnv1a::new();
    for part in parts {
        hash.eat(&(part.len() as u64).to_le_bytes());
        hash.eat(part);
    }
    hash.0
}

/// The hash part of a result's fingerprint: the rule, the pointer and the first line of the
/// offending text, without surrounding white space (re-indenting is not a change).
fn fingerprint_hash(file: &FileReport<'_>, d: &Diagnostic) -> String {
    let text = file.source.get(d.primary.span.range()).unwrap_or_default();
    let first_line = text.split(|&b| b == b'\n' || b == b'\r').next().unwrap_or_default();
    let trimmed = first_line.trim_ascii();
    format!("{:016x}", fnv1a(&[d.rule.as_bytes(), d.pointer.as_bytes(), trimmed]))
}

fn region(file: &FileReport<'_>, span: Span) -> Region {
    let start = file.position_utf16(span.start);
    let end = file.position_utf16(span.end);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_offset: span.start,
        byte_length: span.len(),
    }
}

fn physical(file: &FileReport<'_>, artifact: &ArtifactLocation, span: Span) -> PhysicalLocation {
    PhysicalLocation { artifact_location: artifact.clone(), region: region(file, span) }
}

fn related<'a>(file: &FileReport<'_>, artifact: &ArtifactLocation, id: usize, label: &'a Label) -> Location<'a> {
    let physical_location = match &label.file {
        // A label in another file (an inventory file): its own artifact and region.
        Some(other) => {
            let (start, end) = (other.position_utf16(label.span.start), other.position_utf16(label.span.end));
            let region = Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
                byte_offset: label.span.start,
                byte_length: label.span.len(),
            };
            PhysicalLocation { artifact_location: ArtifactLocation::of(other.name(), None), region }
        }
        None => physical(file, artifact, label.span),
    };
    Location {
        id: Some(id),
        physical_location,
        logical_locations: Vec::new(),
        message: label.text.as_deref().map(Text::new),
    }
}

fn result<'a>(
    file: &FileReport<'_>,
    artifact: &ArtifactLocation,
    rule_index: usize,
    d: &'a Diagnostic,
    fingerprint: String,
) -> SarifResult<'a> {
    let logical_locations = if d.pointer.is_empty() {
        Vec::new()
    } else {
        vec![LogicalLocation { fully_qualified_name: &d.pointer, kind: "member" }]
    };
    let fixes = d.fix.iter().map(|fix| SarifFix {
        description: Text::new(fix.title.as_str()),
        artifact_changes: [ArtifactChange {
            artifact_location: artifact.clone(),
            replacements: fix
                .edits
                .iter()
                .map(|e| Replacement {
                    deleted_region: region(file, e.span),
                    inserted_content: Text::new(e.replacement.as_str()),
                })
                .collect(),
        }],
        properties: FixProperties { applicability: applicability(fix.applicability) },
    });
    SarifResult {
        rule_id: d.rule,
        rule_index,
        level: level(d.severity),
        message: Text::new(message_text(d)),
        locations: [Location {
            id: None,
            physical_location: physical(file, artifact, d.primary.span),
            logical_locations,
            message: None,
        }],
        related_locations: d.secondary.iter().zip(1..).map(|(l, id)| related(file, artifact, id, l)).collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        fixes: fixes.collect(),
    }
}

/// Writes one SARIF 2.1.0 log for `entries`, pretty-printed, with a final newline: one run,
/// every rule as a `reportingDescriptor`, one artifact per linted input, one result per
/// diagnostic (at most [`MAX_RESULTS`]), and an error notification per input that could not be
/// read. `_summary` is accepted for symmetry with [`super::json::write`]; the log's contents
/// come from `entries`. Relative URIs carry the base `%SRCROOT%`, left unresolved: see
/// [`write_with`].
pub fn write(out: &mut dyn Write, entries: &[Entry<'_>], _summary: Summary) -> io::Result<()> {
    write_with(out, entries, &Options::default())
}

/// [`write()`], with what `options` says about the run (the working directory `%SRCROOT%`
/// stands for).
pub fn write_with(out: &mut dyn Write, entries: &[Entry<'_>], options: &Options) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(entries, options, MAX_RESULTS))?;
    writeln!(out)
}

/// The log of `entries`, with at most `max_results` results.
fn log<'a>(entries: &[Entry<'a>], options: &Options, max_results: usize) -> Log<'a> {
    let mut rules = registry_descriptors();
    let mut artifacts: Vec<Artifact> = Vec::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    let mut omitted = 0;
    for entry in entries {
        match entry {
            Entry::Linted(file) => {
                // An input given twice is one artifact (the schema wants them unique).
                let location = ArtifactLocation::of(file.path, None);
                let index = match artifacts.iter().position(|a| a.location.uri == location.uri) {
                    Some(index) => index,
                    None => {
                        artifacts.push(Artifact { location: location.clone() });
                        artifacts.len() - 1
                    }
                };
                let artifact = ArtifactLocation { index: Some(index), ..location };
                let mut seen: BTreeMap<String, usize> = BTreeMap::new();
                for d in file.report.diagnostics() {
                    let hash = fingerprint_hash(file, d);
                    let occurrence = seen.entry(hash.clone()).or_default();
                    *occurrence += 1;
                    if results.len() == max_results {
                        omitted += 1;
                        continue;
                    }
                    let index = rule_index(&mut rules, d.rule);
                    results.push(result(file, &artifact, index, d, format!("{hash}:{occurrence}")));
                }
                if let Some(note) = super::omitted_note(file) {
                    notifications
                        .push(Notification { level: "note", message: Text::new(format!("{}: {note}", file.path)) });
                }
            }
            Entry::Failed { path, error } => notifications
                .push(Notification { level: "error", message: Text::new(format!("cannot read {path}: {error}")) }),
        }
    }
    if omitted > 0 {
        let what = if omitted == 1 { "result" } else { "results" };
        notifications.push(Notification {
            level: "warning",
            message: Text::new(format!(
                "{omitted} more {what} omitted: a run holds at most {max_results} results (GitHub code scanning rejects runs with more); lint fewer files per run to see them"
            )),
        });
    }
    let base = options.working_directory.as_deref().map(directory_uri);
    Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool { driver: Driver { name: "sdrs-lint", version: env!("CARGO_PKG_VERSION"), rules } },
            invocations: [Invocation {
                execution_successful: notifications.iter().all(|n| n.level != "error"),
                working_directory: base.clone().map(|uri| BaseUri { uri }),
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: base.map(|uri| (SRCROOT, BaseUri { uri })).into_iter().collect(),
            artifacts,
            results,
            column_kind: "utf16CodeUnits",
            newline_sequences: ["\r\n", "\n", "\r"],
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_upper_camel_case_names() {
        assert_eq!(upper_camel_case("name-too-long"), "NameTooLong");
        assert_eq!(upper_camel_case("ip-invalid"), "IpInvalid");
    }

    #[test]
    fn a_rule_outside_the_registry_is_appended_once() {
        let mut rules = registry_descriptors();
        let n = rules.len();
        assert_eq!(rule_index(&mut rules, "byte-order-mark"), 0);
        assert!(rule_index(&mut rules, "unused-suppression") < n, "the tool's rules are registered");
        assert_eq!(rule_index(&mut rules, "not-a-rule"), n);
        assert_eq!(rule_index(&mut rules, "not-a-rule"), n);
        assert_eq!(rules.len(), n + 1);
        let added = rules.last().unwrap();
        assert_eq!(added.short_description.text, "not-a-rule");
        assert!(added.name.is_none() && added.help.is_none() && added.default_configuration.is_none());
    }

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(uri("examples/a.json"), "examples/a.json");
        assert_eq!(uri("../x y/ü.json"), "../x%20y/%C3%BC.json");
        assert_eq!(uri("a:b?c#d%e.json"), "a%3Ab%3Fc%23d%25e.json");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        if cfg!(unix) {
            assert_eq!(uri("/tmp/a b.json"), "file:///tmp/a%20b.json");
            assert_eq!(uri("a\\b"), "a%5Cb", "a backslash is a file-name character on Unix");
        }
        if cfg!(windows) {
            assert_eq!(uri("C:\\x y\\a.json"), "file:///C:/x%20y/a.json");
            assert_eq!(uri("x\\a.json"), "x/a.json");
        }
    }

    fn file_log(path: &str, text: &str, options: &Options, max_results: usize) -> serde_json::Value {
        let report = crate::lint(text);
        let file = FileReport::new(path, text.as_bytes(), &report);
        serde_json::to_value(log(&[Entry::Linted(&file)], options, max_results)).unwrap()
    }

    /// The fingerprint of each result of the log's run.
    fn fingerprints(log: &serde_json::Value) -> Vec<&str> {
        let results = log["runs"][0]["results"].as_array().unwrap();
        results.iter().map(|r| r["partialFingerprints"][FINGERPRINT_KEY].as_str().unwrap()).collect()
    }

    const DUPLICATE_TAGS: &str = "{\"protected_instance\": {\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"web\",\n  \"tags\": [{\"key\": \"a\", \"value\": \"\"}, {\"key\": \"a\", \"value\": \"\"}, {\"key\": \"a\", \"value\": \"\"}]}}";

    #[test]
    fn fingerprints_are_pinned_and_count_repeats() {
        let log = file_log("r.json", DUPLICATE_TAGS, &Options::default(), MAX_RESULTS);
        let prints = fingerprints(&log);
        // The hash is part of the output's contract: a change here changes every alert.
        let mut fnv = Fnv1a::new();
        fnv.eat(b"a");
        assert_eq!(fnv.0, 0xaf63_dc4c_8601_ec8c, "FNV-1a's published test vector");
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
        // rule `tag-key-duplicate`, pointer `/protected_instance/tags/1/key`, text `"a"`
        // (checked with an independent implementation).
        assert_eq!(prints[0], "81efb4cf43831a19:1");
        assert_eq!(prints.len(), 2, "two repeats of the first key: {prints:?}");
        assert_ne!(prints[0], prints[1], "different pointers");
        assert!(prints.iter().all(|p| p.len() == 18 && p.ends_with(":1")), "{prints:?}");
    }

    #[test]
    fn identical_findings_in_one_file_get_successive_occurrences() {
        // Two members of one object both missing: same rule, same span, different pointers; and
        // the same finding twice in an HTTP file (one per request) would share rule, pointer and
        // text: the occurrence tells them apart.
        let mut linter = crate::Linter::new();
        linter.set_level("project-id", crate::Level::Off).unwrap();
        let http = "POST /v1/0123456789abcdef0123456789abcdef/protected-instances\n\n{\"protected_instance\": {}}\n\n###\nPOST /v1/0123456789abcdef0123456789abcdef/protected-instances\n\n{\"protected_instance\": {}}\n";
        let report = linter.lint_input(http.as_bytes(), crate::InputKind::Http);
        let file = FileReport::new("c.http", http.as_bytes(), &report);
        let log = serde_json::to_value(log(&[Entry::Linted(&file)], &Options::default(), MAX_RESULTS)).unwrap();
        let prints = fingerprints(&log);
        assert_eq!(prints.len(), 6, "three missing members in each request: {prints:?}");
        assert_eq!(prints[0].split(':').next(), prints[3].split(':').next());
        assert!(prints[0].ends_with(":1") && prints[3].ends_with(":2"), "{prints:?}");
    }

    #[test]
    fn more_results_than_a_run_may_hold_are_cut_with_a_notification() {
        let log = file_log("r.json", DUPLICATE_TAGS, &Options::default(), 1);
        let run = &log["runs"][0];
        assert_eq!(run["results"].as_array().unwrap().len(), 1);
        let notes = run["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0]["level"], "warning");
        let text = notes[0]["message"]["text"].as_str().unwrap();
        assert!(text.starts_with("1 more result omitted: a run holds at most 1 results"), "{text}");
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    }

    #[test]
    fn related_locations_are_linked_from_the_message_and_brackets_escaped() {
        let log = file_log("r.json", DUPLICATE_TAGS, &Options::default(), MAX_RESULTS);
        let result = &log["runs"][0]["results"][0];
        assert_eq!(result["message"]["text"], "tag key `a` is already used by an earlier tag ([first used here](1))");
        assert_eq!(result["relatedLocations"][0]["id"], 1);
        let mut d =
            crate::Diagnostic::new("x", Severity::Warning, String::new(), Span::new(0, 1), "`a](2)` [b]".into());
        d.with_secondary(Span::new(0, 1), "here [1]");
        assert_eq!(message_text(&d), r"`a\](2)` \[b\] ([here \[1\]](1))");
    }

    #[test]
    fn relative_uris_have_a_base_that_the_working_directory_resolves() {
        let options = Options::default().working_directory("/work/x y");
        let log = file_log("a/r.json", DUPLICATE_TAGS, &options, MAX_RESULTS);
        let run = &log["runs"][0];
        let expected = serde_json::json!({"uri": "a/r.json", "uriBaseId": "%SRCROOT%"});
        assert_eq!(run["artifacts"][0]["location"], expected);
        assert_eq!(run["originalUriBaseIds"], serde_json::json!({"%SRCROOT%": {"uri": "file:///work/x%20y/"}}));
        assert_eq!(run["invocations"][0]["workingDirectory"], serde_json::json!({"uri": "file:///work/x%20y/"}));
        let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(location, &serde_json::json!({"uri": "a/r.json", "uriBaseId": "%SRCROOT%", "index": 0}));
        // Absolute paths need no base; without a working directory there is nothing to resolve.
        let log = file_log("/abs/r.json", DUPLICATE_TAGS, &Options::default(), MAX_RESULTS);
        assert_eq!(log["runs"][0]["artifacts"][0]["location"], serde_json::json!({"uri": "file:///abs/r.json"}));
        assert!(log["runs"][0].get("originalUriBaseIds").is_none());
        assert!(log["runs"][0]["invocations"][0].get("workingDirectory").is_none());
    }

    #[test]
    fn every_descriptor_has_tags_precision_and_problem_severity() {
        for d in registry_descriptors() {
            let meta = crate::rule(d.id).unwrap();
            let properties = d.properties.as_ref().unwrap();
            assert_eq!(properties.precision, "very-high");
            assert_eq!(properties.problem_severity, meta.default_severity.as_str());
            assert_eq!(properties.service_errors, meta.service_errors);
            assert!(d.full_description.is_some() && d.help.is_some() && d.default_configuration.is_some());
        }
        let kind = |id| registry_descriptors().into_iter().find(|d| d.id == id).unwrap().properties.unwrap().tags;
        assert_eq!(kind("unused-suppression"), ["sdrs", "configuration"]);
        assert_eq!(kind("invalid-config"), ["sdrs", "configuration"]);
        assert_eq!(kind("name-too-long"), ["sdrs", "request"]);
        assert_eq!(kind("dedicated-host-not-found"), ["sdrs", "inventory"]);
        assert_eq!(kind("server-shared-disk"), ["sdrs", "inventory"]);
    }
}
