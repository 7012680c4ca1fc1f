//! Inputs crafted to break a linter: each must end in a diagnostic or a one-line error with the
//! right exit status, never a panic, a hang, a stack overflow or a raw control character on the
//! terminal.

use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::process::Output;

use crate::common;

fn temp(name: &str) -> PathBuf {
    common::temp_dir(&format!("adversarial-{name}"))
}

fn run(args: &[&std::ffi::OsStr], stdin: &[u8]) -> Output {
    let mut all: Vec<&std::ffi::OsStr> = vec!["--color".as_ref(), "never".as_ref()];
    all.extend_from_slice(args);
    common::run_in(common::root(), &all, stdin)
}

fn lint_stdin(format: &str, input: &[u8]) -> Output {
    run(&["-f".as_ref(), format.as_ref(), "-".as_ref()], input)
}

use common::text;

fn assert_no_panic(o: &Output) {
    let err = text(&o.stderr);
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    assert!(o.status.code().is_some(), "killed by a signal: {:?}", o.status);
}

const REQUEST_HEAD: &str = r#"{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "#;

#[test]
fn deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    for depth in [100_000, 10_000_000] {
        let o = lint_stdin("short", &vec![b'['; depth]);
        assert_no_panic(&o);
        assert_eq!(o.status.code(), Some(1));
        let out = text(&o.stdout);
        assert!(out.ends_with("<stdin>:1:129: error[invalid-json]: nesting deeper than 128 levels\n"), "{out}");
        assert_eq!(out.lines().count(), 2, "and the root is not an object: {out}");
    }
}

#[test]
fn a_fifty_megabyte_string_is_measured_and_not_printed() {
    let mut input = REQUEST_HEAD.as_bytes().to_vec();
    input.extend_from_slice(br#""name": ""#);
    input.extend(std::iter::repeat_n(b'a', 50_000_000));
    input.extend_from_slice(br#""}}"#);
    let o = lint_stdin("human", &input);
    assert_no_panic(&o);
    let out = text(&o.stdout);
    assert!(out.contains("`name` is 50000000 bytes long (50000000 characters); the limit is 64 bytes"), "{out}");
    assert!(out.len() < 2_000, "the 50 MB line is not echoed: {} bytes of output", out.len());
}

#[test]
fn a_hundred_megabyte_request_is_linted_whole() {
    // Linted in-process: the time and memory this takes are measured by `cargo bench --bench
    // scale` (about 7x the input in memory, linear time), not asserted here.
    let mut input = REQUEST_HEAD.to_string() + r#""name": "web", "tags": ["#;
    let mut i = 0;
    while input.len() < 100_000_000 {
        input.push_str(&format!(r#"{{"key": "key-{i:08}", "value": "production-{i}"}},"#));
        i += 1;
    }
    input.push_str(r#"{"key": "key-00000007", "value": ""}]}}"#);
    let report = sdrs_lint::lint(&input);
    let rules: Vec<&str> = report.diagnostics().iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["tags-too-many", "tag-key-duplicate"], "{} tags", i + 1);
    let duplicate = &report.diagnostics()[1];
    assert_eq!(duplicate.pointer, format!("/protected_instance/tags/{i}/key"));
    assert_eq!(&input[duplicate.secondary[0].span.range()], "\"key-00000007\"");
}

#[test]
fn a_million_tags_give_capped_diagnostics_and_a_closing_note() {
    let mut input = REQUEST_HEAD.to_string() + r#""name": "web", "tags": ["#;
    let tags: Vec<String> = (0..1_000_000).map(|i| format!(r#"{{"key": "k/{i}", "value": ""}}"#)).collect();
    input.push_str(&tags.join(","));
    input.push_str("]}}");
    let o = lint_stdin("short", input.as_bytes());
    assert_no_panic(&o);
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1001, "1000 diagnostics and the note");
    assert!(lines[0].contains("error[tag-invalid-char]"), "{}", lines[0]);
    assert!(out.contains("error[tags-too-many]: `tags` holds 1000000 tags; at most 10 are allowed"), "{out:.400}");
    assert_eq!(
        lines[1000],
        "<stdin>: note: 999001 more diagnostics omitted: only the first 1000 are kept per file (see --max-diagnostics)"
    );
    let json = lint_stdin("json", input.as_bytes());
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["files"][0]["omitted"], 999_001);
    assert_eq!(doc["summary"]["errors"], 1_000_001, "the summary counts what was omitted");
}

#[test]
fn every_control_character_raw_and_escaped() {
    for byte in (0u8..0x20).chain([0x7f]) {
        // Raw inside a string: invalid JSON (except DEL, which JSON allows), at that byte.
        let mut raw = format!("{REQUEST_HEAD}\"name\": \"a").into_bytes();
        let at = raw.len();
        raw.push(byte);
        raw.extend_from_slice(b"b\"}}");
        let o = lint_stdin("json", &raw);
        assert_no_panic(&o);
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let first = &doc["files"][0]["diagnostics"][0];
        if byte == 0x7f {
            assert_eq!(first["rule"], "name-invalid-char", "DEL is legal JSON but not a name character");
        } else {
            assert_eq!(
                (first["rule"].as_str(), first["span"]["start"]["offset"].as_u64()),
                (Some("invalid-json"), Some(at as u64))
            );
        }
        // Escaped in a tag key: one `tag-invalid-char` on the escape, shown escaped.
        let escaped = format!(
            "{REQUEST_HEAD}\"name\": \"web\", \"tags\": [{{\"key\": \"a\\u{byte:04x}\", \"value\": \"\"}}]}}}}"
        );
        let o = lint_stdin("short", escaped.as_bytes());
        let out = text(&o.stdout);
        if byte < 0x20 {
            assert!(out.contains(&format!("tag `key` contains U+{byte:04X}")), "{byte:#x}: {out}");
        }
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{byte:#x}: raw control in output");
    }
}

#[test]
fn invalid_utf8_at_start_middle_and_end() {
    let body = format!("{REQUEST_HEAD}\"name\": \"web\"}}}}").into_bytes();
    let middle = body.iter().position(|&b| b == b'w').unwrap();
    // Labelled at the first byte of the ill-formed sequence; a character cut short after the
    // body is trailing data that no continuation could make valid, so it is labelled too.
    for (input, offset) in [
        ([&b"\xff"[..], &body].concat(), 0),
        ([&body[..middle], b"\xc3\x28", &body[middle..]].concat(), middle),
        ([&body[..], b"\xe2\x82"].concat(), body.len()),
    ] {
        let o = lint_stdin("json", &input);
        assert_no_panic(&o);
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let d = &doc["files"][0]["diagnostics"][0];
        assert_eq!(d["rule"], "invalid-json");
        assert!(d["message"].as_str().unwrap().starts_with("invalid UTF-8"), "{d}");
        assert_eq!(d["span"]["start"]["offset"], offset);
    }
}

#[test]
fn encodings_bom_line_ends_nul_and_empty_input() {
    let cases: [(&[u8], &str); 8] = [
        (b"\xff\xfe{\x00}\x00", "the input is UTF-16 (little-endian), not UTF-8"),
        (b"\xfe\xff\x00{\x00}", "the input is UTF-16 (big-endian), not UTF-8"),
        (b"\xff\xfe\x00\x00{\x00\x00\x00", "the input is UTF-32 (little-endian), not UTF-8"),
        (b"\x00\x00\xfe\xff\x00\x00\x00{", "the input is UTF-32 (big-endian), not UTF-8"),
        (b"\xef\xbb\xbf{}", "the input starts with a byte-order mark (U+FEFF)"),
        (b"{\"a\":\x00}", "unexpected U+0000 (NUL)"),
        (b"", "the input is empty"),
        (b"{\r\"protected_instance\":\r{}}", "<stdin>:3:1: error[missing-field]"),
    ];
    for (input, expected) in cases {
        let o = lint_stdin("short", input);
        assert_no_panic(&o);
        assert!(text(&o.stdout).contains(expected), "{input:?}: {}", text(&o.stdout));
    }
}

#[test]
fn a_directory_symlink_loop_ends() {
    let dir = temp("loop");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("a/back")).unwrap();
    std::fs::write(dir.join("a/r.json"), format!("{REQUEST_HEAD}\"name\": \"web\"}}}}")).unwrap();
    let o = run(&["-f".as_ref(), "short".as_ref(), dir.as_os_str()], b"");
    assert_no_panic(&o);
    assert_eq!((o.status.code(), text(&o.stdout)), (Some(0), String::new()));
}

#[test]
fn unreadable_and_non_utf8_paths() {
    let dir = temp("paths");
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("dangling.json")).unwrap();
    let o = run(&[dir.join("dangling.json").as_os_str()], b"");
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stderr).lines().count(), 1, "{}", text(&o.stderr));

    let name = std::ffi::OsStr::from_bytes(b"bad-\xff-\x1b[2J.json");
    let path = dir.join(name);
    std::fs::write(&path, r#"{"protected_instance": {}}"#).unwrap();
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let o = run(&["-f".as_ref(), format.as_ref(), path.as_os_str()], b"");
        assert_no_panic(&o);
        let out = String::from_utf8_lossy(&o.stdout);
        let shown = if format == "sarif" { "bad-%EF%BF%BD-%1B" } else { "bad-\u{fffd}-" };
        assert!(out.contains(shown), "{format}: the name is shown lossily: {out:.300}");
        assert!(!out.contains('\u{1b}'), "{format}: ESC from the file name reached the output");
    }
}

#[test]
fn bidirectional_overrides_and_escapes_never_reach_the_terminal() {
    let input = format!(
        "{REQUEST_HEAD}\"name\": \"a\u{202e}b\", \"description\": \"\\u001b[2J\u{2066}x\", \"tags\": [{{\"key\": \"k\u{1b}\", \"value\": \"\"}}]}}}}"
    );
    for format in ["human", "short", "github", "junit"] {
        let o = lint_stdin(format, input.as_bytes());
        assert_no_panic(&o);
        let out = text(&o.stdout);
        let raw = out
            .chars()
            .find(|&c| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'));
        assert_eq!(raw, None, "{format} printed a raw {raw:?}");
    }
    for format in ["json", "sarif"] {
        let o = lint_stdin(format, input.as_bytes());
        let out = text(&o.stdout);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'), "{format}");
        let _: serde_json::Value = serde_json::from_str(&out).unwrap();
    }
}

#[test]
fn help_and_rule_pages_are_safe_to_pipe() {
    let o = run(&["rule".as_ref(), "name-\u{1b}[31m".as_ref()], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(!text(&o.stderr).contains('\u{1b}'), "{}", text(&o.stderr));
}
