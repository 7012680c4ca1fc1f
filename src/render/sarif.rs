//! One SARIF 2.1.0 log for a whole run, for code-scanning services and SARIF viewers. It
//! validates against the OASIS schema (`tests/data/sarif-schema-2.1.0.json`). Columns count
//! UTF-16 code units (`run.columnKind`), regions also carry byte offsets, and strings are escaped
//! by serde_json, so no raw control character leaves.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::{Entry, FileReport, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Label, Severity};
use crate::span::Span;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
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
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
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
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
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
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    }
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

/// The registry's rules, in registry order.
fn registry_descriptors() -> Vec<Descriptor<'static>> {
    crate::rules()
        .map(|rule| Descriptor {
            id: rule.id,
            name: Some(upper_camel_case(rule.id)),
            short_description: Text::new(rule.summary),
            full_description: Some(Text::new(rule.summary)),
            help: Some(Help { text: rule.docs, markdown: rule.docs }),
            default_configuration: Some(Configuration { level: level(rule.default_severity) }),
            properties: Some(RuleProperties { fix: rule.fix.map_or("none", applicability) }),
        })
        .collect()
}

/// The index of rule `id` in `rules`, appending a bare descriptor for an id outside the
/// registry (a tool diagnostic such as `unused-suppression`).
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
            PhysicalLocation { artifact_location: ArtifactLocation { uri: uri(other.name()), index: None }, region }
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
        message: Text::new(d.message.as_str()),
        locations: [Location {
            id: None,
            physical_location: physical(file, artifact, d.primary.span),
            logical_locations,
            message: None,
        }],
        related_locations: d.secondary.iter().zip(1..).map(|(l, id)| related(file, artifact, id, l)).collect(),
        fixes: fixes.collect(),
    }
}

/// Writes one SARIF 2.1.0 log for `entries`, pretty-printed, with a final newline: one run,
/// every registry rule as a `reportingDescriptor`, one artifact per linted input, one result per
/// diagnostic, and an error notification per input that could not be read. `_summary` is
/// accepted for symmetry with [`super::json::write`]; the log's contents come from `entries`.
pub fn write(out: &mut dyn Write, entries: &[Entry<'_>], _summary: Summary) -> io::Result<()> {
    let mut rules = registry_descriptors();
    let mut artifacts = Vec::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for entry in entries {
        match entry {
            Entry::Linted(file) => {
                let artifact = ArtifactLocation { uri: uri(file.path), index: Some(artifacts.len()) };
                for d in file.report.diagnostics() {
                    let index = rule_index(&mut rules, d.rule);
                    results.push(result(file, &artifact, index, d));
                }
                if let Some(note) = super::omitted_note(file) {
                    notifications
                        .push(Notification { level: "note", message: Text::new(format!("{}: {note}", file.path)) });
                }
                artifacts.push(Artifact { location: ArtifactLocation { index: None, ..artifact } });
            }
            Entry::Failed { path, error } => notifications
                .push(Notification { level: "error", message: Text::new(format!("cannot read {path}: {error}")) }),
        }
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool { driver: Driver { name: "sdrs-lint", version: env!("CARGO_PKG_VERSION"), rules } },
            invocations: [Invocation {
                execution_successful: notifications.iter().all(|n| n.level != "error"),
                tool_execution_notifications: notifications,
            }],
            artifacts,
            results,
            column_kind: "utf16CodeUnits",
            newline_sequences: ["\r\n", "\n", "\r"],
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
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
}
