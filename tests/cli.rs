//! The `sdrs-lint` binary as a user runs it: inputs, formats, exit statuses, rule pages.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sdrs-lint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    common::run_in(common::root(), args, input)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir(&format!("cli-{name}"))
}

const CLEAN: &str = r#"{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90",
  "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web-01"}}"#;

#[test]
fn the_reference_example_gets_one_id_not_uuid_and_four_placeholders() {
    let o = run(&["--format", "short", "examples/reference-example.json"]);
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", stderr(&o));
    let out = stdout(&o);
    let rules: Vec<&str> = out.lines().map(|l| l.split('[').nth(1).unwrap().split(']').next().unwrap()).collect();
    assert_eq!(
        rules,
        ["doc-example-value", "doc-example-value", "doc-example-value", "id-not-uuid", "doc-example-value"]
    );
    // The `h` of "a32217fh-…" on line 7: `    "primary_subnet_id": "a32217f` is 33 characters.
    assert!(out.contains("examples/reference-example.json:7:34: warning[id-not-uuid]"), "{out}");
}

#[test]
fn linting_the_examples_directory_reports_every_file_and_fails() {
    let o = run(&["examples/"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let files = std::fs::read_dir("examples").unwrap().count();
    assert!(out.ends_with(&format!(" in {files} files\n")), "{out}");
    for name in [
        "eleven-tags",
        "duplicate-tag-keys",
        "tag-forbidden-chars",
        "name-too-long-chinese",
        "misspelled-flavorref",
        "dedicated-host-without-tenancy",
    ] {
        assert!(out.contains(&format!("examples/{name}.json:")), "{name} missing from:\n{out}");
    }
    assert!(!out.contains("clean-"), "clean examples have no diagnostics:\n{out}");
}

#[test]
fn clean_input_exits_zero_with_a_summary() {
    let o = run_stdin(&["-"], CLEAN.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "no problems in 1 file\n");
}

#[test]
fn standard_input_is_named_in_diagnostics() {
    let o = run_stdin(&["-f", "short", "-"], br#"{"protected_instance": {}}"#);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("<stdin>:1:24: error[missing-field]:"), "{}", stdout(&o));
}

#[test]
fn unreadable_paths_are_one_line_errors_and_exit_2() {
    let o = run(&["-f", "short", "no/such/file.json", "examples/clean-minimal.json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("sdrs-lint: cannot read no/such/file.json: "), "{err}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["--format", "xml", "x.json"]).status.code(), Some(2));
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("Exit status"));
    assert_eq!(run(&["--version"]).status.code(), Some(0));
}

#[test]
fn directories_are_walked_for_requests_in_name_order() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("b/nested")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    for path in ["b/nested/z.json", "a.JSON", "c.json", ".hidden/x.json", "notes.txt"] {
        std::fs::write(dir.join(path), r#"{"protected_instance": {}}"#).unwrap();
    }
    let o = run(&["-f", "short", dir.to_str().unwrap()]);
    let mut files: Vec<String> = stdout(&o)
        .lines()
        .map(|l| Path::new(l.split(':').next().unwrap()).strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
        .collect();
    files.dedup();
    assert_eq!(files, ["a.JSON", "b/nested/z.json", "c.json"]);
}

#[test]
fn json_output_is_one_versioned_document() {
    let o = run(&["-f", "json", "examples/misspelled-flavorref.json", "missing.json"]);
    assert_eq!(o.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["files"], 1, "an unreadable input is an error of its own, not a linted file");
    let d = &doc["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "unknown-field");
    assert_eq!(d["pointer"], "/protected_instance/flavorref");
    assert_eq!(d["span"]["start"]["line"], 6);
    assert_eq!(d["span"]["start"]["column"], 5);
    assert_eq!(d["fix"]["edits"][0]["replacement"], "\"flavorRef\"");
    assert_eq!(d["fix"]["applicability"], "unsafe");
    assert_eq!(doc["files"][1]["path"], "missing.json");
    assert!(doc["files"][1]["error"].is_string());
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_without_no_color() {
    let input = br#"{"protected_instance": {}}"#;
    assert!(!run_stdin(&["-"], input).stdout.contains(&0x1b), "not a terminal: no colour");
    assert!(run_stdin(&["--color", "always", "-"], input).stdout.contains(&0x1b));
    let mut cmd = bin();
    cmd.args(["--color", "never", "-"]).env("NO_COLOR", "1");
    let o = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap().wait_with_output().unwrap();
    assert!(!o.stdout.contains(&0x1b));
}

#[test]
fn input_control_characters_never_reach_the_terminal_raw() {
    let input = "{\"protected_instance\": {\"name\": \"a\u{1b}[2Jb\u{202e}c\", \"description\": \"\u{7}\"}}\r";
    for format in ["human", "short", "json"] {
        let o = run_stdin(&["--color", "never", "-f", format, "-"], input.as_bytes());
        let out = stdout(&o);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}') && !out.contains('\u{7}'), "{format}:\n{out}");
        assert!(!out.contains('\r'), "{format}: a lone CR would rewrite the line");
    }
}

#[test]
fn rules_lists_every_rule_and_rule_prints_its_page() {
    let o = run(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 1 + sdrs_lint::rules().count());
    let page = std::fs::read_to_string("rules/name-too-long.md").unwrap();
    assert_eq!(stdout(&run(&["rule", "name-too-long"])), page);
    assert_eq!(stdout(&run(&["--explain", "name-too-long"])), page);
    let unknown = run(&["rule", "name-to-long"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean `name-too-long`?"));
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = temp_dir("pipe");
    for i in 0..200 {
        std::fs::write(dir.join(format!("{i:03}.json")), r#"{"protected_instance": {"name": " "}}"#).unwrap();
    }
    let mut child = bin()
        .args(["-f", "short", dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here; the child's next writes fail with EPIPE.
    let o = child.wait_with_output().unwrap();
    assert_eq!(stderr(&o), "", "no panic or error message");
    assert_eq!(o.status.code(), Some(1), "the errors found before the pipe closed still count");
}

#[test]
fn byte_level_problems_are_diagnostics_not_failures() {
    for (input, rule) in [
        (&b"\xef\xbb\xbf{}"[..], "byte-order-mark"),
        (b"{\"a\": \"\xff\"}", "invalid-json"),
        (b"\xff\xfe{\x00}\x00", "invalid-json"),
        (b"", "invalid-json"),
    ] {
        let o = run_stdin(&["-f", "short", "-"], input);
        assert!(stdout(&o).contains(&format!("[{rule}]")), "{input:?}: {}", stdout(&o));
        assert_ne!(o.status.code(), Some(2), "{input:?}");
    }
}
