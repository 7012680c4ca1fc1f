//! The SARIF, GitHub Actions and JUnit renderers, through the library API: SARIF validated
//! against the OASIS schema, positions and escaping checked value by value, and snapshots of
//! all three formats for the shipped examples.

use std::collections::HashMap;

use regex::Regex;
use sdrs_lint::render::{Entry, FileReport, Summary, github, junit, sarif};
use sdrs_lint::{Report, Severity};
use serde_json::Value;

use crate::common;

/// An input and what linting it found; [`FileReport`]s borrow from it.
struct Input {
    path: String,
    bytes: Vec<u8>,
    report: Report,
}

fn input(path: &str, bytes: impl Into<Vec<u8>>) -> Input {
    let bytes = bytes.into();
    let report = sdrs_lint::lint_bytes(&bytes);
    Input { path: path.to_string(), bytes, report }
}

impl Input {
    fn file(&self) -> FileReport<'_> {
        FileReport::new(&self.path, &self.bytes, &self.report)
    }
}

/// Every JSON file of `examples/`, sorted by name, with paths such as `examples/x.json`.
fn examples() -> Vec<Input> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    names.iter().map(|name| input(&format!("examples/{name}"), std::fs::read(dir.join(name)).unwrap())).collect()
}

fn summary(inputs: &[Input], failed: usize) -> Summary {
    let count = |s| inputs.iter().map(|i| i.report.count(s)).sum();
    Summary { files: inputs.len() + failed, errors: count(Severity::Error), warnings: count(Severity::Warning) }
}

/// Renders a whole run of `inputs` followed by the unreadable `failed` inputs.
fn run_text(
    inputs: &[Input],
    failed: &[(&str, &str)],
    write: fn(&mut dyn std::io::Write, &[Entry<'_>], Summary) -> std::io::Result<()>,
) -> String {
    let files: Vec<FileReport<'_>> = inputs.iter().map(Input::file).collect();
    let mut entries: Vec<Entry<'_>> = files.iter().map(Entry::Linted).collect();
    entries.extend(failed.iter().map(|&(path, error)| Entry::Failed { path, error }));
    let mut out = Vec::new();
    write(&mut out, &entries, summary(inputs, failed.len())).unwrap();
    String::from_utf8(out).unwrap()
}

fn github_text(inputs: &[Input]) -> String {
    let mut out = Vec::new();
    for i in inputs {
        github::write(&mut out, &i.file()).unwrap();
    }
    String::from_utf8(out).unwrap()
}

// ---------------------------------------------------------------------------------------------
// SARIF

/// The SARIF log of a run, after checking it against the OASIS schema and checking every
/// artifact URI by hand (draft-04 has no `uri-reference` format, so the schema cannot).
fn sarif(inputs: &[Input], failed: &[(&str, &str)]) -> Value {
    let text = run_text(inputs, failed, sarif::write);
    assert!(text.ends_with("}\n"), "one pretty document with a final newline");
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_schema_valid(&log);
    let reference = Regex::new(r"^(file:///)?([A-Za-z0-9._~/-]|%[0-9A-F]{2})+$").unwrap();
    for uri in all_values(&log, "uri") {
        assert!(reference.is_match(uri.as_str().unwrap()), "not a percent-encoded URI reference: {uri}");
    }
    log
}

fn schema_errors(log: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(include_str!("../data/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    validator.iter_errors(log).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

fn assert_schema_valid(log: &Value) {
    let errors = schema_errors(log);
    assert!(errors.is_empty(), "the SARIF log does not match the schema:\n{}", errors.join("\n"));
}

/// Every value of a member named `key`, at any depth.
fn all_values<'v>(value: &'v Value, key: &str) -> Vec<&'v Value> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                found.extend(map.get(key));
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

fn run0(log: &Value) -> &Value {
    &log["runs"][0]
}

fn results<'v>(log: &'v Value, rule: &str) -> Vec<&'v Value> {
    run0(log)["results"].as_array().unwrap().iter().filter(|r| r["ruleId"] == rule).collect()
}

#[test]
fn sarif_for_the_examples_is_valid_and_complete() {
    let inputs = examples();
    let log = sarif(&inputs, &[]);
    assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let run = run0(&log);
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "sdrs-lint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver.get("informationUri").is_none());

    // One descriptor per registry rule, in registry order, with its metadata and page.
    let descriptors = driver["rules"].as_array().unwrap();
    let registry: Vec<_> = sdrs_lint::rules().collect();
    assert_eq!(descriptors.len(), registry.len());
    for (d, rule) in descriptors.iter().zip(&registry) {
        assert_eq!(d["id"], rule.id);
        assert_eq!(d["shortDescription"]["text"], rule.summary);
        assert_eq!(d["fullDescription"]["text"], rule.summary);
        assert_eq!(d["help"]["text"], rule.docs);
        assert_eq!(d["help"]["markdown"], rule.docs);
        assert_eq!(d["defaultConfiguration"]["level"], rule.default_severity.as_str());
    }
    let by_id: HashMap<&str, &Value> = descriptors.iter().map(|d| (d["id"].as_str().unwrap(), d)).collect();
    assert_eq!(by_id["name-too-long"]["name"], "NameTooLong");
    assert_eq!(by_id["dedicated-host-needs-dedicated-tenancy"]["name"], "DedicatedHostNeedsDedicatedTenancy");
    assert_eq!(by_id["byte-order-mark"]["properties"]["fix"], "safe");
    assert_eq!(by_id["unknown-field"]["properties"]["fix"], "unsafe");
    assert_eq!(by_id["ip-invalid"]["properties"]["fix"], "none");
    assert_eq!(by_id["tags-too-many"]["defaultConfiguration"]["level"], "error");
    assert_eq!(by_id["id-not-uuid"]["defaultConfiguration"]["level"], "warning");

    // One artifact per input, in order; one result per diagnostic, pointing at both.
    let artifacts = run["artifacts"].as_array().unwrap();
    let uris: Vec<&str> = artifacts.iter().map(|a| a["location"]["uri"].as_str().unwrap()).collect();
    let paths: Vec<&str> = inputs.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(uris, paths);
    let results = run["results"].as_array().unwrap();
    let diagnostics: Vec<(usize, &sdrs_lint::Diagnostic)> =
        inputs.iter().enumerate().flat_map(|(n, i)| i.report.diagnostics().iter().map(move |d| (n, d))).collect();
    assert_eq!(results.len(), 12, "5 errors and 7 warnings in the JSON examples");
    assert_eq!(results.len(), diagnostics.len());
    for (r, (n, d)) in results.iter().zip(&diagnostics) {
        assert_eq!(r["ruleId"], d.rule);
        assert_eq!(descriptors[r["ruleIndex"].as_u64().unwrap() as usize]["id"], d.rule);
        assert_eq!(r["level"], d.severity.as_str());
        // The message, then a link to each related location (`[first used here](1)`).
        let message = r["message"]["text"].as_str().unwrap();
        assert!(message.starts_with(&d.message), "{message}");
        assert_eq!(message.matches("](").count(), d.secondary.len(), "{message}");
        let location = &r["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], paths[*n]);
        assert_eq!(location["artifactLocation"]["index"], *n);
        assert_eq!(location["region"]["byteOffset"], d.primary.span.start);
        assert_eq!(location["region"]["byteLength"], d.primary.span.len());
    }

    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert!(invocation.get("toolExecutionNotifications").is_none());
}

#[test]
fn sarif_columns_count_utf16_code_units_after_crlf_and_emoji() {
    let text = "{\r\n  \"protected_instance\": {\r\n    \"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\",\r\n    \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\r\n    \"name\": \"web-01\",\r\n    \"description\": \"😀😀<x\"\r\n  }\r\n}\r\n";
    let inputs = [input("crlf.json", text)];
    let log = sarif(&inputs, &[]);
    let found = results(&log, "description-invalid-char");
    assert_eq!(found.len(), 1);
    let region = &found[0]["locations"][0]["physicalLocation"]["region"];
    // `    "description": "` is 20 characters; two emoji are 4 UTF-16 code units.
    assert_eq!(region["startLine"], 6);
    assert_eq!(region["startColumn"], 25);
    assert_eq!(region["endLine"], 6);
    assert_eq!(region["endColumn"], 26);
    assert_eq!(region["byteOffset"], text.find('<').unwrap());
    assert_eq!(region["byteLength"], 1);
    // The character column of the other formats counts each emoji once.
    assert_eq!(inputs[0].file().position(text.find('<').unwrap()).column, 23);
}

#[test]
fn sarif_carries_fixes_and_logical_locations() {
    let inputs =
        [input("examples/misspelled-flavorref.json", include_str!("../../examples/misspelled-flavorref.json"))];
    let log = sarif(&inputs, &[]);
    let found = results(&log, "unknown-field");
    assert_eq!(found.len(), 1);
    let result = found[0];
    assert_eq!(result["level"], "warning");
    assert_eq!(
        result["locations"][0]["logicalLocations"],
        serde_json::json!([{"fullyQualifiedName": "/protected_instance/flavorref", "kind": "member"}])
    );
    let fixes = result["fixes"].as_array().unwrap();
    assert_eq!(fixes.len(), 1);
    assert_eq!(fixes[0]["description"]["text"], "rename to `flavorRef`");
    assert_eq!(fixes[0]["properties"]["applicability"], "unsafe");
    let change = &fixes[0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "examples/misspelled-flavorref.json");
    assert_eq!(change["artifactLocation"]["index"], 0);
    let replacement = &change["replacements"][0];
    let key = inputs[0].bytes.windows(11).position(|w| w == b"\"flavorref\"").unwrap();
    assert_eq!(replacement["deletedRegion"]["byteOffset"], key);
    assert_eq!(replacement["deletedRegion"]["byteLength"], 11);
    assert_eq!(replacement["deletedRegion"]["startLine"], 6);
    assert_eq!(replacement["deletedRegion"]["startColumn"], 5);
    assert_eq!(replacement["insertedContent"]["text"], "\"flavorRef\"");
}

#[test]
fn sarif_secondary_labels_are_related_locations() {
    let inputs = [input("examples/duplicate-tag-keys.json", include_str!("../../examples/duplicate-tag-keys.json"))];
    let log = sarif(&inputs, &[]);
    let found = results(&log, "tag-key-duplicate");
    assert_eq!(found.len(), 1);
    let primary = &found[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!((&primary["startLine"], &primary["startColumn"]), (&9.into(), &16.into()));
    let related = found[0]["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["id"], 1);
    assert_eq!(related[0]["message"]["text"], "first used here");
    let region = &related[0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"], &region["endColumn"]),
        (&7.into(), &16.into(), &21.into())
    );
    assert_eq!(related[0]["physicalLocation"]["artifactLocation"]["uri"], "examples/duplicate-tag-keys.json");
}

#[test]
fn sarif_reports_unreadable_inputs_as_failed_execution() {
    let inputs = [input("ok.json", include_str!("../../examples/clean-minimal.json"))];
    let log = sarif(&inputs, &[("missing.json", "No such file or directory (os error 2)")]);
    let invocation = &run0(&log)["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"],
        serde_json::json!([{
            "level": "error",
            "message": {"text": "cannot read missing.json: No such file or directory (os error 2)"}
        }])
    );
    let artifacts = run0(&log)["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), 1, "only linted inputs are artifacts");
    assert_eq!(run0(&log)["results"], serde_json::json!([]));
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let body = include_str!("../../examples/clean-minimal.json");
    let mut paths = vec!["dir/a b/ü#1.json", "a:b.json", "<stdin>"];
    if cfg!(unix) {
        paths.push("/tmp/x y.json");
    }
    let inputs: Vec<Input> = paths.iter().map(|p| input(p, body)).collect();
    let log = sarif(&inputs, &[]);
    let uris: Vec<&str> =
        run0(&log)["artifacts"].as_array().unwrap().iter().map(|a| a["location"]["uri"].as_str().unwrap()).collect();
    let mut expected = vec!["dir/a%20b/%C3%BC%231.json", "a%3Ab.json", "%3Cstdin%3E"];
    if cfg!(unix) {
        expected.push("file:///tmp/x%20y.json");
    }
    assert_eq!(uris, expected);
}

/// The validation above would catch a broken log: the schema is really applied.
#[test]
fn sarif_schema_rejects_a_broken_log() {
    let mut log = sarif(&examples(), &[]);
    log["runs"][0]["columnKind"] = "bytes".into();
    assert!(!schema_errors(&log).is_empty());
    let mut log = sarif(&examples(), &[]);
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0.into();
    assert!(!schema_errors(&log).is_empty());
}

/// The examples' log as written, with each rule page replaced by its path (the pages are compared
/// in full above; keeping them out keeps the snapshot readable and independent of page edits).
#[test]
fn sarif_snapshot_of_the_examples() {
    let inputs = examples();
    sarif(&inputs, &[]);
    let mut text = run_text(&inputs, &[], sarif::write);
    for rule in sdrs_lint::rules() {
        let page = serde_json::to_string(rule.docs).unwrap();
        assert_eq!(text.matches(&page).count(), 2, "help.text and help.markdown of {}", rule.id);
        text = text.replace(&page, &format!("\"(rules/{}.md)\"", rule.id));
    }
    insta::assert_snapshot!(common::redact_version(&text));
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions

#[test]
fn github_lines_are_exact() {
    let text = "{\"protected_instance\": {\n  \"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e9g\",\n  \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\n  \"name\": \"web-01\",\n  \"tags\": [{\"key\": \"env\", \"value\": \"生产\"}, {\"key\": \"env\", \"value\": \"b\"}]\n}}\n";
    let out = github_text(&[input("req.json", text)]);
    assert_eq!(
        out,
        concat!(
            "::warning file=req.json,line=2,col=58,endLine=2,endColumn=59,title=id-not-uuid::",
            "`server_group_id` is not a UUID: `g` (U+0067) is not a hexadecimal digit",
            "%0Ahelp: IDs the service issues are UUIDs: 8-4-4-4-12 hexadecimal digits, such as ",
            "`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`; copy the ID from the console or the API\n",
            // Character columns: the two Chinese characters before the repeated key count one each.
            "::error file=req.json,line=5,col=51,endLine=5,endColumn=56,title=tag-key-duplicate::",
            "tag key `env` is already used by an earlier tag",
            "%0Ahelp: tag keys must be unique within a request: merge the two tags or rename one\n",
        )
    );
}

#[test]
fn github_escapes_properties_and_data() {
    let text = "{\"protected_instance\": {\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"web-01\", \"100%,a:b\": 1}}";
    let out = github_text(&[input("a,b:c%.json", text), input("x\r\ny.json", text)]);
    assert!(!out.contains('\r'), "{out:?}");
    let lines: Vec<&str> = out.split_terminator('\n').collect();
    assert_eq!(lines.len(), 2, "one line per diagnostic, whatever the path: {out:?}");
    assert!(
        lines[0].starts_with("::warning file=a%2Cb%3Ac%25.json,line=1,col=155,endLine=1,endColumn=165,"),
        "{}",
        lines[0]
    );
    // In the data, only `%` (and CR, LF) are escaped: `,` and `:` stay.
    assert!(lines[0].contains(",title=unknown-field::unknown member `100%25,a:b` in `protected_instance`%0Ahelp: "));
    // A raw CR or LF in a path is the runner's escape (which it decodes), never a line break.
    assert!(lines[1].starts_with("::warning file=x%0D%0Ay.json,line=1,"), "{}", lines[1]);
}

#[test]
fn github_never_emits_raw_escape_characters() {
    // A raw ESC (invalid JSON), and an escaped one that decodes into a name and a member name.
    let raw = "{\"protected_instance\": {\"name\": \"web\u{1b}[2J\"}}";
    let escaped = "{\"protected_instance\": {\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"web\\u001b[2J\", \"x\\u001b]0;t\\u0007\": 1}}";
    let out = github_text(&[input("evil\u{1b}[31m.json", raw), input("b.json", escaped)]);
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    let lines: Vec<&str> = out.split_terminator('\n').collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with(r"::error file=evil\u{1b}[31m.json,line=1,col=37,"), "{}", lines[0]);
    assert!(lines[0].contains("title=invalid-json::unescaped control character U+001B (escape) in a string"));
    assert!(lines[1].contains(r"title=name-invalid-char::`name` contains `\u{1b}[` (U+001B U+005B)"), "{}", lines[1]);
    assert!(lines[2].contains(r"title=unknown-field::unknown member `x\u{1b}]0;t\u{7}`"), "{}", lines[2]);
}

#[test]
fn github_snapshot_of_the_examples() {
    insta::assert_snapshot!(github_text(&examples()));
}

// ---------------------------------------------------------------------------------------------
// JUnit

/// A small well-formedness check for the XML the renderer writes: tags balance, attribute values
/// are quoted and hold no raw `<`, every `&` starts one of the five entities, and no character
/// outside XML 1.0's `Char` production (besides LF) or raw control appears.
fn assert_well_formed(xml: &str) {
    let mut rest = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").expect("the XML declaration");
    let entity = Regex::new(r"^&(amp|lt|gt|quot|apos);").unwrap();
    let tag = Regex::new(r#"^<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z]+="[^"<]*")*)\s*(/?)>"#).unwrap();
    let mut open: Vec<String> = Vec::new();
    let mut roots = 0;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let m =
                    tag.captures(rest).unwrap_or_else(|| panic!("malformed tag at {:?}", &rest[..40.min(rest.len())]));
                let (closing, name, attrs, empty) = (&m[1] == "/", &m[2], &m[3], &m[4] == "/");
                for value in attrs.split('"').skip(1).step_by(2) {
                    for (i, _) in value.match_indices('&') {
                        assert!(entity.is_match(&value[i..]), "bare & in attribute {value:?}");
                    }
                }
                if closing {
                    assert_eq!(open.pop().as_deref(), Some(name), "unbalanced </{name}>");
                } else if empty {
                    roots += usize::from(open.is_empty());
                } else {
                    roots += usize::from(open.is_empty());
                    open.push(name.to_string());
                }
                rest = &rest[m[0].len()..];
            }
            '&' => {
                let m = entity.find(rest).unwrap_or_else(|| panic!("bare & at {:?}", &rest[..20.min(rest.len())]));
                rest = &rest[m.end()..];
            }
            _ => {
                assert!(c == '\n' || !c.is_control(), "raw control {c:?}");
                assert!(!matches!(c, '\u{fffe}' | '\u{ffff}'), "non-XML character {c:?}");
                assert!(c.is_whitespace() || !open.is_empty(), "text outside the root element");
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    assert!(open.is_empty(), "unclosed elements: {open:?}");
    assert_eq!(roots, 1, "exactly one root element");
}

/// The checker above rejects what it should, so passing it means something.
#[test]
fn xml_checker_rejects_malformed_documents() {
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    assert_well_formed(&format!("{head}<a x=\"&amp;\"><b/>t &lt; u</a>\n"));
    for bad in [
        "<a><b></a></b>",
        "<a>",
        "<a x=\"1<2\"/>",
        "<a x=\"&\"/>",
        "<a>x & y</a>",
        "<a>x < y</a>",
        "<a>\u{1b}</a>",
        "<a/><b/>",
        "<a x=1/>",
    ] {
        let doc = format!("{head}{bad}\n");
        let result = std::panic::catch_unwind(|| assert_well_formed(&doc));
        assert!(result.is_err(), "accepted {bad:?}");
    }
}

fn junit(inputs: &[Input], failed: &[(&str, &str)]) -> String {
    let xml = run_text(inputs, failed, junit::write);
    assert_well_formed(&xml);
    xml
}

/// The rules that run on requests (not the two about the configuration file).
fn request_rules() -> usize {
    sdrs_lint::rules().filter(|r| !matches!(r.id, "invalid-config" | "unused-suppression")).count()
}

fn attr(xml: &str, element: &str, name: &str) -> Vec<String> {
    let re = Regex::new(&format!(r#"<{element}\b[^>]*\s{name}="([^"]*)""#)).unwrap();
    re.captures_iter(xml).map(|c| c[1].to_string()).collect()
}

#[test]
fn junit_counts_one_case_per_rule_and_input() {
    let rules = request_rules();
    let xml = junit(&examples(), &[]);
    assert_eq!(attr(&xml, "testsuites", "tests"), [(9 * rules).to_string()]);
    // Four (input, rule) pairs have errors: a duplicate key, too many tags, a long name and two
    // forbidden characters of one rule in one input.
    assert_eq!(attr(&xml, "testsuites", "failures"), ["4"]);
    assert_eq!(attr(&xml, "testsuites", "errors"), ["0"]);
    assert_eq!(attr(&xml, "testsuite", "tests"), vec![rules.to_string(); 9]);
    assert_eq!(attr(&xml, "testsuite", "failures"), ["0", "0", "0", "1", "1", "0", "1", "0", "1"]);
    assert_eq!(attr(&xml, "testcase", "name").len(), 9 * rules);
    assert_eq!(attr(&xml, "failure", "type"), ["error"; 4]);
    // Both diagnostics of the failing rule are listed in its one failure.
    assert!(xml.contains(concat!(
        "<failure type=\"error\" message=\"tag `key` contains `/` (U+002F), which is not allowed\">",
        "examples/tag-forbidden-chars.json:7:21: error[tag-invalid-char]: tag `key` contains `/` (U+002F), which is not allowed\n",
        "examples/tag-forbidden-chars.json:8:42: error[tag-invalid-char]: tag `value` contains U+0009 (tab), which is not allowed\n",
        "</failure>",
    )));
}

#[test]
fn junit_warnings_only_pass_with_system_out() {
    let inputs = [input("examples/reference-example.json", include_str!("../../examples/reference-example.json"))];
    let xml = junit(&inputs, &[]);
    assert_eq!(attr(&xml, "testsuites", "failures"), ["0"]);
    assert_eq!(attr(&xml, "testsuite", "failures"), ["0"]);
    assert!(!xml.contains("<failure"));
    let outs: Vec<&str> = xml.matches("<system-out>").collect();
    assert_eq!(outs.len(), 2, "doc-example-value and id-not-uuid");
    assert_eq!(xml.matches("warning[doc-example-value]").count(), 4);
    assert!(xml.contains(
        "<testcase classname=\"examples/reference-example.json\" name=\"id-not-uuid\" time=\"0.000000\">\n      <system-out>examples/reference-example.json:7:34: warning[id-not-uuid]: `primary_subnet_id` is not a UUID: `h` (U+0068) is not a hexadecimal digit\n</system-out>"
    ));
}

#[test]
fn junit_escapes_markup_and_controls() {
    let text = "{\"protected_instance\": {\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"web-01\", \"description\": \"a<b\", \"&'\\\"\\u001b\": 1}}";
    let path = "d&<>\"'\u{7}.json";
    let xml = junit(&[input(path, text)], &[("gone\u{1b}&.json", "denied <x>")]);
    assert!(xml.contains(r#"<testsuite name="d&amp;&lt;&gt;&quot;&apos;\u{7}.json" tests=""#), "{xml}");
    assert!(xml.contains(r#"<failure type="error" message="`description` contains `&lt;`"#), "{xml}");
    assert!(xml.contains(r#"<testcase classname="gone\u{1b}&amp;.json" name="read" time="0.000000">"#), "{xml}");
    assert!(xml.contains(r#"<error message="cannot read gone\u{1b}&amp;.json: denied &lt;x&gt;"/>"#), "{xml}");
    assert_eq!(attr(&xml, "testsuites", "errors"), ["1"]);
    assert_eq!(attr(&xml, "testsuites", "failures"), ["1"]);
    assert_eq!(attr(&xml, "testsuites", "tests"), [(request_rules() + 1).to_string()]);
}

#[test]
fn junit_snapshot_of_the_examples() {
    // The passing cases (one per rule and file) are counted in the suites' totals; only the
    // failing ones, with their messages, are worth recording.
    let xml = junit(&examples(), &[]);
    let passing = Regex::new(r"(?m)^ *<testcase [^>]*/>\n").unwrap();
    insta::assert_snapshot!(passing.replace_all(&xml, ""));
}

// ---------------------------------------------------------------------------------------------
// The formats as the command writes them

/// A request with two findings on different lines, one of them with a related location.
const TWO_FINDINGS: &str = "{\n  \"protected_instance\": {\n    \"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\",\n    \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\n    \"name\": \"web 01\",\n    \"tags\": [\n      {\"key\": \"env\", \"value\": \"a\"},\n      {\"key\": \"env\", \"value\": \"b\"}\n    ]\n  }\n}\n";

/// `sdrs-lint ARGS` run in `dir`, its SARIF log checked against the schema.
fn cli_sarif(dir: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "sarif"];
    all.extend_from_slice(args);
    let o = common::run_in(dir, &all, b"");
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let log: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_schema_valid(&log);
    log
}

/// The artifacts' URIs, each with its base resolved: what a consumer opens.
fn resolved_artifacts(log: &Value) -> Vec<String> {
    let run = run0(log);
    run["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let location = &a["location"];
            let uri = location["uri"].as_str().unwrap();
            match location["uriBaseId"].as_str() {
                Some(base) => format!("{}{uri}", run["originalUriBaseIds"][base]["uri"].as_str().unwrap()),
                None => uri.to_string(),
            }
        })
        .collect()
}

fn fingerprints(log: &Value) -> Vec<String> {
    let results = run0(log)["results"].as_array().unwrap();
    results.iter().map(|r| r["partialFingerprints"][sarif::FINGERPRINT_KEY].as_str().unwrap().to_string()).collect()
}

fn start_lines(log: &Value) -> Vec<u64> {
    let results = run0(log)["results"].as_array().unwrap();
    results.iter().map(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap()).collect()
}

#[test]
fn sarif_from_the_command_has_unique_artifacts_based_uris_and_stable_fingerprints() {
    let dir = common::temp_dir("sarif-cli");
    std::fs::create_dir_all(dir.join("requests")).unwrap();
    std::fs::write(dir.join("requests/a.json"), TWO_FINDINGS).unwrap();
    std::fs::write(dir.join("requests/b.json"), TWO_FINDINGS.replace("web 01", "web-01")).unwrap();

    // The same file named twice, and reached by the walk too: one artifact, its results once.
    let once = cli_sarif(&dir, &["requests"]);
    let twice = cli_sarif(&dir, &["requests", "requests/a.json", "./requests/a.json"]);
    let run = run0(&twice);
    let artifacts = run["artifacts"].as_array().unwrap();
    assert_eq!(
        artifacts.iter().map(|a| &a["location"]).collect::<Vec<_>>(),
        [
            &serde_json::json!({"uri": "requests/a.json", "uriBaseId": "%SRCROOT%"}),
            &serde_json::json!({"uri": "requests/b.json", "uriBaseId": "%SRCROOT%"}),
        ]
    );
    assert_eq!(run["results"].as_array().unwrap().len(), 3, "2 findings in a.json, 1 in b.json");
    assert_eq!(run["results"], run0(&once)["results"]);
    // `%SRCROOT%` is the working directory, as a `file:` URI ending in `/`.
    let root = format!("file://{}/", dir.to_str().unwrap());
    assert_eq!(run["originalUriBaseIds"], serde_json::json!({"%SRCROOT%": {"uri": root}}));
    assert_eq!(run["invocations"][0]["workingDirectory"], serde_json::json!({"uri": root}));
    for result in run["results"].as_array().unwrap() {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(location["uriBaseId"], "%SRCROOT%");
    }

    // From a subdirectory: other relative URIs, the same files once resolved, the same
    // fingerprints; and the same again on a second run.
    let sub = cli_sarif(&dir.join("requests"), &["a.json", "b.json"]);
    assert_eq!(run0(&sub)["artifacts"][0]["location"]["uri"], "a.json");
    assert_eq!(resolved_artifacts(&sub), resolved_artifacts(&twice));
    assert_eq!(resolved_artifacts(&sub), [format!("{root}requests/a.json"), format!("{root}requests/b.json")]);
    let prints = fingerprints(&twice);
    assert_eq!(fingerprints(&sub), prints);
    assert_eq!(fingerprints(&cli_sarif(&dir, &["requests"])), prints);
    let results = run["results"].as_array().unwrap();
    let uris = results.iter().map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].to_string());
    let unique: std::collections::BTreeSet<(String, &String)> = uris.zip(&prints).collect();
    assert_eq!(unique.len(), prints.len(), "no two results of a file share a fingerprint");

    // An unrelated line added above the findings moves them down, not their fingerprints.
    let edited = TWO_FINDINGS.replace("    \"name\"", "    \"description\": \"web tier\",\n    \"name\"");
    std::fs::write(dir.join("requests/a.json"), edited).unwrap();
    let moved = cli_sarif(&dir, &["requests"]);
    assert_eq!(start_lines(&moved).iter().zip(start_lines(&twice)).filter(|(a, b)| **a == *b + 1).count(), 2);
    assert_eq!(fingerprints(&moved), prints);
    // The offending text changing does change it.
    std::fs::write(dir.join("requests/a.json"), TWO_FINDINGS.replace("web 01", "web/01")).unwrap();
    let changed = fingerprints(&cli_sarif(&dir, &["requests"]));
    assert_ne!(changed[0], prints[0]);
    assert_eq!(changed[1..], prints[1..]);
}

#[test]
fn github_annotates_unreadable_inputs_and_escapes_file_names_as_the_runner_decodes_them() {
    let dir = common::temp_dir("github-cli");
    std::fs::write(dir.join("a\nb,c.json"), TWO_FINDINGS).unwrap();
    let o = common::run_in(&dir, &["--format", "github", "a\nb,c.json", "missing.json"], b"");
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("::error file=a%0Ab%2Cc.json,line=5,col=17,"), "{}", lines[0]);
    assert_eq!(
        lines[2],
        "::error file=missing.json,title=sdrs-lint::cannot read missing.json: No such file or directory (os error 2)"
    );
    // The line on standard error stays, for people reading the log.
    assert!(String::from_utf8_lossy(&o.stderr).contains("sdrs-lint: cannot read missing.json"));
}

#[test]
fn junit_from_the_command_times_every_element_and_counts_skipped_cases() {
    let dir = common::temp_dir("junit-cli");
    std::fs::write(dir.join("a.json"), TWO_FINDINGS).unwrap();
    std::fs::write(dir.join("b.json"), TWO_FINDINGS).unwrap();
    let o = common::run_in(&dir, &["--format", "junit", "--off", "name-too-long,ip-invalid", "a.json", "b.json"], b"");
    let xml = String::from_utf8(o.stdout).unwrap();
    assert_well_formed(&xml);
    assert_eq!(attr(&xml, "testsuites", "skipped"), ["4"]);
    assert_eq!(attr(&xml, "testsuite", "skipped"), ["2", "2"]);
    let seconds = |v: &String| v.parse::<f64>().unwrap();
    let suites: Vec<f64> = attr(&xml, "testsuite", "time").iter().map(seconds).collect();
    assert!(suites.iter().all(|&t| t > 0.0 && t < 10.0), "{suites:?}");
    let root = seconds(&attr(&xml, "testsuites", "time")[0]);
    assert!((root - suites.iter().sum::<f64>()).abs() < 2e-6, "{root} {suites:?}");
    assert_eq!(attr(&xml, "testcase", "time").len(), xml.matches("<testcase ").count());
}
