//! Rendered output exactly as users see it, for the shipped examples and for inputs that are
//! hard to render (CRLF, multi-byte characters, escapes, controls). Colourless, 100 columns.

use crate::common;

fn sdrs_lint(args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut all = vec!["--color", "never"];
    all.extend_from_slice(args);
    common::text(&common::run_in(common::root(), &all, stdin.unwrap_or_default()).stdout)
}

#[test]
fn examples_human() {
    insta::assert_snapshot!(sdrs_lint(&["examples/"], None));
}

#[test]
fn examples_short() {
    insta::assert_snapshot!(sdrs_lint(&["--format", "short", "examples/"], None));
}

#[test]
fn examples_json() {
    insta::assert_snapshot!(common::redact_version(&sdrs_lint(&["--format", "json", "examples/"], None)));
}

/// CRLF line ends, Chinese text before the labels, escapes labelled whole, a bidi override
/// shown escaped, and a duplicate key with two labels.
const TRICKY: &str = "{\r\n  \"protected_instance\": {\r\n    \"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\",\r\n    \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\r\n    \"name\": \"数据库\\u003c主\u{202e}节点\",\r\n    \"tags\": [{\"key\": \"环境\\/区域\", \"value\": \"生产\\u001b[31m\"}],\r\n    \"name\": \"数据库主节点\"\r\n  }\r\n}\r\n";

#[test]
fn tricky_input_human() {
    insta::assert_snapshot!(sdrs_lint(&["-"], Some(TRICKY.as_bytes())));
}

#[test]
fn tricky_input_short() {
    insta::assert_snapshot!(sdrs_lint(&["--format", "short", "-"], Some(TRICKY.as_bytes())));
}

/// Raw control bytes and a lone CR: shown escaped, never sent to the terminal.
#[test]
fn raw_control_characters_human() {
    let input = "{\"protected_instance\": {\"name\": \"web\u{1b}[2J\"}}\r{}";
    insta::assert_snapshot!(sdrs_lint(&["-"], Some(input.as_bytes())));
}

/// A minified request on one 5 KB line with a finding in its middle: the line is shown as a
/// window around the label, cut with `…` on both sides, the underline still under the value.
#[test]
fn minified_request_human() {
    let input = format!(
        "{{\"protected_instance\": {{\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"web-01\", \"flavorRef\": \"{}\", \"tenancy\": \"Dedicated\", \"cluster_id\": \"{}\"}}}}",
        "s3.large.2-".repeat(230),
        "c".repeat(2400)
    );
    assert!(input.len() > 5000 && !input.contains('\n'));
    insta::assert_snapshot!(sdrs_lint(&["-"], Some(input.as_bytes())));
}

/// An HTTP request file whose request line and body are longer than the terminal: a window
/// around the project ID at the end of the request line; a label longer than the window shows
/// its start, its underline running on under the `…`.
#[test]
fn long_http_lines_human() {
    let input = format!(
        "### long lines\nPOST https://sdrs.{}myhuaweicloud.com/v1/{{project_id}}/protected-instances\nContent-Type: application/json\n\n{{\"protected_instance\": {{\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"{}\"}}}}\n",
        "cn-north-4-".repeat(25),
        "web-".repeat(30)
    );
    insta::assert_snapshot!(sdrs_lint(&["--stdin-filename", "create.http", "-"], Some(input.as_bytes())));
}

/// Labels over several lines (a bar down the left) and far apart on one long line (a window
/// each), fixes of both kinds, and the summary's fixable counts.
#[test]
fn multi_line_labels_and_fixes_human() {
    let tags: Vec<String> = (0..12).map(|i| format!("    {{\"key\": \"k{i}\", \"value\": \"v\"}}")).collect();
    let input = format!(
        "{{\"protected_instance\": {{\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"web-01\", \"description\": \"{}\", \"name\": \"web-02\", \"tenancy\": \"Shared\", \"flavorref\": \"s3\",\n  \"tags\": [\n{}\n  ]}}}}\n",
        "d".repeat(40),
        tags.join(",\n")
    );
    insta::assert_snapshot!(sdrs_lint(&["-"], Some(input.as_bytes())));
}
