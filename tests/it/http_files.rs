//! HTTP request files as REST clients write them: variable definitions, comments and `###`
//! anywhere, `{{variables}}` in the request line and the body, near-miss paths, a byte-order
//! mark. Linted through the public API; each case asserts the exact (rule, labelled text) list.

use sdrs_lint::{InputKind, Linter};

fn findings(file: &str) -> Vec<(&'static str, String)> {
    let report = Linter::new().lint_input(file.as_bytes(), InputKind::Http);
    report.diagnostics().iter().map(|d| (d.rule, file[d.primary.span.range()].to_string())).collect()
}

fn skipped(file: &str) -> Vec<String> {
    let report = Linter::new().lint_input(file.as_bytes(), InputKind::Http);
    report.skipped_requests().iter().map(|s| s.reason.clone()).collect()
}

const BODY: &str = r#"{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web-01"}}"#;

fn owned(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|&(r, t)| (r, t.to_string())).collect()
}

#[test]
fn variable_definitions_and_comments_before_the_request_line() {
    let file = format!(
        "@projectId = 0123456789abcdef0123456789abcdef\n@host=https://sdrs.example.com\n# @name create\n// note\nPOST {{{{host}}}}/v1/{{{{projectId}}}}/protected-instances\nContent-Type: application/json\n\n{}\n",
        BODY.replace("web-01", "web 01")
    );
    assert_eq!(findings(&file), owned(&[("name-invalid-char", " ")]));
}

#[test]
fn separators_anywhere_and_a_bare_url() {
    let file = format!(
        "###\n\n### first\n\n@x = 1\n###\nPOST /v1/0123456789abcdef0123456789abcdef/protected-instances\n\n{BODY}\n###\nhttps://h/v1/p/protected-instances\n"
    );
    assert_eq!(findings(&file), []);
    assert_eq!(
        skipped(&file),
        [
            "`https://h/v1/p/protected-instances` lists or deletes protected instances; only `POST` with a body creates one"
        ]
    );
}

#[test]
fn whole_values_that_are_variables_have_an_unknown_type() {
    let file = "POST /v1/{{p}}/protected-instances\n\n{\"protected_instance\": {\"server_group_id\": {{group}}, \"server_id\": \"{{server}}\", \"name\": \"{{name}}\", \"tags\": {{tags}}, \"flavorRef\": null}}\n";
    assert_eq!(findings(file), owned(&[("null-value", "null")]));
}

#[test]
fn value_rules_say_nothing_about_values_with_variables() {
    let members = [
        r#""server_id": "i-{{n}}""#,
        r#""name": "{{prefix}}-web-01-with-a-name-far-longer-than-sixty-four-bytes-in-all""#,
        r#""primary_subnet_id": "{{subnet}}", "primary_ip_address": "10.0.{{n}}.5""#,
        r#""tenancy": "{{tenancy}}", "dedicated_host_id": "{{host}}""#,
        r#""tags": [{"key": "{{k}}", "value": "v"}, {"key": "{{k}}", "value": "{{v}}"}]"#,
    ];
    for member in members {
        let body = BODY.replace(r#""name": "web-01""#, &format!(r#""name": "web-01", {member}"#));
        let body = if member.contains("\"name\"") { body.replacen(r#""name": "web-01", "#, "", 1) } else { body };
        let body = if member.contains("\"server_id\"") {
            body.replacen(r#""server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "#, "", 1)
        } else {
            body
        };
        let file = format!("POST /v1/{{{{p}}}}/protected-instances\n\n{body}\n");
        assert_eq!(findings(&file), [], "{member}");
    }
}

#[test]
fn character_rules_check_the_text_around_variables() {
    let file = "POST /v1/{{p}}/protected-instances\n\n{\"protected_instance\": {\"server_group_id\": \"{{g}}\", \"server_id\": \"{{s}}\", \"name\": \"web {{env}}\", \"description\": \"<{{d}}>\", \"tags\": [{\"key\": \"a/{{k}}\", \"value\": \"{{v}}\\u200b\"}]}}\n";
    assert_eq!(
        findings(file),
        owned(&[
            ("name-invalid-char", " "),
            ("description-invalid-char", "<"),
            ("description-invalid-char", ">"),
            ("tag-invalid-char", "/"),
            ("invisible-char", "\\u200b"),
        ])
    );
}

#[test]
fn structural_rules_still_apply() {
    let file = "POST /v1/{{p}}/protected-instances\n\n{\"protected_instance\": {\"server_id\": \"{{s}}\", \"name\": \"{{n}}\", \"nmae\": \"{{n}}\", \"name\": \"x\"}}\n";
    let rules: Vec<&str> = findings(file).into_iter().map(|(r, _)| r).collect();
    assert_eq!(rules, ["missing-field", "unknown-field", "duplicate-key"]);
}

#[test]
fn near_miss_paths_are_linted_and_other_calls_skipped() {
    let file = format!(
        "POST /v1/{{{{p}}}}/protected-instance\n\n{BODY}\n###\nPOST /v2/{{{{p}}}}/protected-instances\n\n{BODY}\n###\nPOST /v1/protected-instances\n\n{BODY}\n###\nGET /v1/p/cloudservers/detail\n###\nGET /v1/p/protected-instances\n"
    );
    assert_eq!(
        findings(&file),
        owned(&[
            ("request-line", "/v1/{{p}}/protected-instance"),
            ("request-line", "/v2/{{p}}/protected-instances"),
            ("project-id", "/v1/protected-instances"),
            ("request-line", "/v1/protected-instances"),
        ])
    );
    assert_eq!(skipped(&file).len(), 2);
}

#[test]
fn a_byte_order_mark_is_reported_once() {
    let file = format!(
        "\u{feff}POST /v1/{{{{p}}}}/protected-instances\n\n{BODY}\n###\nPOST /v1/{{{{p}}}}/protected-instances\n\n{BODY}\n"
    );
    assert_eq!(findings(&file), owned(&[("byte-order-mark", "\u{feff}")]));
}

#[test]
fn utf16_files_are_named() {
    let text = format!("POST /v1/p/protected-instances\n\n{BODY}\n");
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let report = Linter::new().lint_input(&bytes, InputKind::Http);
    let found: Vec<(&str, &str)> = report.diagnostics().iter().map(|d| (d.rule, d.message.as_str())).collect();
    assert_eq!(found, [("invalid-json", "the input is UTF-16 (little-endian), not UTF-8")]);
}
