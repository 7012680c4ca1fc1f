//! The `sdrs-lint` binary as a user runs it: inputs, formats, exit statuses, rule pages.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common;

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
    // Every request: those in examples/ and examples/with-inventory/ (checked against
    // examples/inventory/, whose files are responses, not requests, and are not linted).
    let requests = |dir: &str| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x != "toml"))
            .count()
    };
    let files = requests("examples") + requests("examples/with-inventory");
    assert!(!out.contains(" --> examples/inventory/"), "{out}");
    assert!(out.contains(" --> examples/with-inventory/server-already-protected.json:"), "{out}");
    let summary = out.lines().last().unwrap();
    assert!(summary.contains(&format!(" in {files} files; ")), "{out}");
    assert!(summary.ends_with(" fixable with --fix --unsafe-fixes"), "{out}");
    // The README's quick start quotes the line.
    let readme = std::fs::read_to_string("README.md").unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(readme.contains(&format!("ends with `{summary}`")), "README.md should quote {summary:?}");
    for name in [
        "eleven-tags",
        "duplicate-tag-keys",
        "tag-forbidden-chars",
        "name-too-long-chinese",
        "misspelled-flavorref",
        "dedicated-host-without-tenancy",
    ] {
        assert!(out.contains(&format!(" --> examples/{name}.json:")), "{name} missing from:\n{out}");
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
    assert_eq!(run(&["--format", "xml", "x.json"]).status.code(), Some(2));
    assert_eq!(run(&["--quiet", "--verbose", "x.json"]).status.code(), Some(2));
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

/// An empty `server_group_id` (an error without fix), a mis-cased tenancy (a safe fix) and a
/// misspelt member (an unsafe fix).
const FIXABLE: &str = r#"{"protected_instance": {"server_group_id": "", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web", "tenancy": "Dedicated", "flavorref": "s3"}}"#;

#[test]
fn human_output_marks_fixable_findings_and_counts_them_in_the_summary() {
    let o = run_stdin(&["--color", "never", "-"], FIXABLE.as_bytes());
    let out = stdout(&o);
    assert!(out.starts_with("error[id-empty]: `server_group_id`"), "no fix, no marker:\n{out}");
    assert!(out.contains("\nerror[tenancy-invalid]: [*] `tenancy`"), "{out}");
    assert!(out.contains("\n  = fix (safe): replace with `dedicated`\n"), "{out}");
    assert!(out.contains("\nwarning[unknown-field]: unknown member `flavorref`"), "{out}");
    assert!(out.contains("\n  = fix (unsafe): rename to `flavorRef`\n"), "{out}");
    assert!(
        out.ends_with(
            "\n\n2 errors, 1 warning in 1 file; [*] 1 fixable with --fix (1 more with --fix --unsafe-fixes)\n"
        ),
        "{out}"
    );
}

#[test]
fn fixing_standard_input_prints_only_the_fixed_text_and_the_report_in_its_format_on_standard_error() {
    let dir = temp_dir("fix-stdin");
    std::fs::write(dir.join("other.json"), r#"{"protected_instance": {}}"#).unwrap();
    let fixed = FIXABLE.replace("Dedicated", "dedicated");
    let run = |args: &[&str]| common::run_in(&dir, args, FIXABLE.as_bytes());

    let o = run(&["--fix", "-f", "json", "-", "other.json"]);
    assert_eq!(stdout(&o), fixed, "nothing but the fixed text, although another file was linted");
    let doc: serde_json::Value = serde_json::from_str(&stderr(&o)).unwrap();
    let files: Vec<(&str, usize)> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["diagnostics"].as_array().unwrap().len()))
        .collect();
    assert_eq!(files, [("<stdin>", 2), ("other.json", 3)], "what remains, for both inputs");
    assert_eq!(o.status.code(), Some(1));

    let o = run(&["--fix", "-f", "short", "-"]);
    assert_eq!(stdout(&o), fixed);
    let err = stderr(&o);
    let rules: Vec<&str> = err.lines().map(|l| l.split('[').nth(1).unwrap().split(']').next().unwrap()).collect();
    assert_eq!(rules, ["id-empty", "unknown-field"]);

    let o = run(&["--fix", "--color", "never", "-"]);
    assert_eq!(stdout(&o), fixed);
    let err = stderr(&o);
    assert!(err.starts_with("error[id-empty]: ") && err.contains("\n --> <stdin>:1:44\n"), "{err}");
    assert!(
        err.ends_with(
            "\n1 error, 1 warning in 1 file; fixed 1 problem in 1 file; 1 fixable with --fix --unsafe-fixes\n"
        ),
        "{err}"
    );

    // With --output-file the report goes there; standard output still has the fixed text alone.
    let o = run(&["--fix", "-f", "short", "-o", "report.txt", "-"]);
    assert_eq!((stdout(&o), stderr(&o)), (fixed.clone(), String::new()));
    assert_eq!(std::fs::read_to_string(dir.join("report.txt")).unwrap().lines().count(), 2);
}

#[test]
fn unsafe_fixes_without_fix_or_diff_is_a_usage_error() {
    let o = run(&["--unsafe-fixes", "examples/clean-minimal.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<--fix|--diff>"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn paths_named_like_subcommands_and_options_before_a_subcommand() {
    let dir = temp_dir("subcommand-names");
    for name in ["config", "rules", "rule", "lsp", "completions"] {
        std::fs::create_dir_all(dir.join(name)).unwrap();
        std::fs::write(dir.join(name).join("r.json"), r#"{"protected_instance": {}}"#).unwrap();
    }
    let linted = |o: &Output| -> Vec<String> {
        let mut files: Vec<String> = stdout(o).lines().map(|l| l.split(':').next().unwrap().to_string()).collect();
        files.dedup();
        files
    };
    let o = common::run_in(&dir, &["-f", "short", "./config", "./rules", "./rule", "./lsp", "./completions"], b"");
    assert_eq!(linted(&o), ["completions/r.json", "config/r.json", "lsp/r.json", "rule/r.json", "rules/r.json"]);
    // After a path, a subcommand's name is a path too.
    let o = common::run_in(&dir, &["-f", "short", "./lsp", "rules"], b"");
    assert_eq!(linted(&o), ["lsp/r.json", "rules/r.json"]);
    // Options before a subcommand: the configuration options apply to `config`...
    let o = common::run_in(&dir, &["--isolated", "--off", "name-empty", "config", "."], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("# Configuration file: none (--isolated)\n"), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("name-empty") && l.contains("\"off\"") && l.ends_with("# --off")),
        "{out}"
    );
    // ... and the others are usage errors, never paths.
    for (args, flag, command) in [
        (&["-v", "rules"][..], "--verbose", "rules"),
        (&["--format", "json", "config"][..], "--format", "config"),
        (&["--fix", "rule", "name-empty"][..], "--fix", "rule"),
        (&["--isolated", "lsp"][..], "--isolated", "lsp"),
    ] {
        let o = common::run_in(&dir, args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&o),
            format!(
                "sdrs-lint: {flag} does not apply to `sdrs-lint {command}`; to lint a path named `{command}`, write `./{command}`\n"
            )
        );
        assert_eq!(stdout(&o), "");
    }
}

#[test]
fn statistics_count_findings_per_rule_most_first() {
    let input = FIXABLE.replace(r#""server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47""#, r#""server_id": """#);
    let o = run_stdin(&["--statistics", "-"], input.as_bytes());
    let summary = |id: &str| sdrs_lint::rule(id).unwrap().summary;
    assert_eq!(
        stdout(&o),
        format!(
            "2  id-empty         error        {}\n1  tenancy-invalid  error    [*] {}\n1  unknown-field    warning      {}\n\
             3 errors, 1 warning in 1 file; [*] 1 fixable with --fix (1 more with --fix --unsafe-fixes)\n",
            summary("id-empty"),
            summary("tenancy-invalid"),
            summary("unknown-field")
        )
    );
    assert_eq!(o.status.code(), Some(1));
    let o = run_stdin(&["--statistics", "-q", "-f", "short", "-"], input.as_bytes());
    assert_eq!(stdout(&o).lines().count(), 3, "no summary with --quiet: {}", stdout(&o));
    let o = run_stdin(&["--statistics", "-f", "json", "-"], input.as_bytes());
    assert_eq!(
        (o.status.code(), stderr(&o)),
        (Some(2), "sdrs-lint: --statistics works with --format human or short\n".into())
    );
}

#[test]
fn exit_zero_keeps_status_2_for_usage_and_input_errors() {
    let o = run_stdin(&["--exit-zero", "-f", "short", "-"], br#"{"protected_instance": {}}"#);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 3, "the findings are still reported");
    assert_eq!(run(&["--exit-zero", "no/such/file.json"]).status.code(), Some(2));
    assert_eq!(run(&["--exit-zero", "--format", "xml"]).status.code(), Some(2));
}

#[test]
fn output_file_receives_the_report_whole() {
    let dir = temp_dir("output-file");
    let input = br#"{"protected_instance": {}}"#;
    let o = common::run_in(&dir, &["-f", "json", "--output-file", "report.json", "-"], input);
    assert_eq!((o.status.code(), stdout(&o), stderr(&o)), (Some(1), String::new(), String::new()));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(doc["summary"]["errors"], 3);
    // Replaced, not appended to, and no temporary file left behind.
    let o = common::run_in(&dir, &["-f", "short", "-o", "report.json", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        std::fs::read_to_string(dir.join("report.json")).unwrap().starts_with("<stdin>:1:24: error[missing-field]")
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // A place that cannot be written: one line, status 2.
    let o = common::run_in(&dir, &["-o", "no/such/dir/report.txt", "-"], input);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("sdrs-lint: cannot write output: no/such/dir/report.txt: ") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn quiet_prints_the_diagnostics_only() {
    let input = br#"{"protected_instance": {}}"#;
    let loud = stdout(&run_stdin(&["--color", "never", "-"], input));
    let quiet = stdout(&run_stdin(&["--color", "never", "-q", "-"], input));
    assert!(loud.ends_with("\n3 errors, 0 warnings in 1 file\n"), "{loud}");
    assert_eq!(quiet, loud.strip_suffix("3 errors, 0 warnings in 1 file\n").unwrap());
    let short = stdout(&run_stdin(&["-f", "short", "--max-diagnostics", "1", "-q", "-"], input));
    assert_eq!(short.lines().count(), 1, "no note about the omitted ones: {short}");
}

#[test]
fn no_path_lints_the_working_directory() {
    let dir = temp_dir("default-path");
    std::fs::create_dir_all(dir.join("requests")).unwrap();
    std::fs::write(dir.join("requests/a.json"), r#"{"protected_instance": {}}"#).unwrap();
    std::fs::write(dir.join("package.json"), r#"{"name": "x"}"#).unwrap();
    let o = common::run_in(&dir, &["-f", "short"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).lines().all(|l| l.starts_with("requests/a.json:1:24: error[missing-field]")), "{}", stdout(&o));
}

#[test]
fn quoted_globs_are_expanded_and_one_matching_nothing_is_an_error() {
    let dir = temp_dir("globs");
    for path in ["requests/a/x.json", "requests/b.json", "requests/notes.txt", "requests/c.http", "other/d.json"] {
        std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
        let body = r#"{"protected_instance": {}}"#;
        let text = if path.ends_with(".http") {
            format!("POST /v1/{{project_id}}/protected-instances\n\n{body}\n")
        } else {
            body.into()
        };
        std::fs::write(dir.join(path), text).unwrap();
    }
    let files = |o: &Output| -> Vec<String> {
        let mut files: Vec<String> = stdout(o).lines().map(|l| l.split(':').next().unwrap().to_string()).collect();
        files.dedup();
        files
    };
    let o = common::run_in(&dir, &["-f", "short", "requests/**/*.json"], b"");
    assert_eq!(files(&o), ["requests/a/x.json", "requests/b.json"]);
    let o = common::run_in(&dir, &["-f", "short", "requests/*.{json,http}", "other/d.json"], b"");
    assert_eq!(files(&o), ["other/d.json", "requests/b.json", "requests/c.http"]);
    let o = common::run_in(&dir, &["-f", "short", "**/d.json"], b"");
    assert_eq!(files(&o), ["other/d.json"]);
    let o = common::run_in(&dir, &["requests/**/*.yaml", "requests/b.json"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "sdrs-lint: no file matches `requests/**/*.yaml`\n");
    assert_eq!(stdout(&o), "");
}

#[test]
fn shell_completions_for_every_supported_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains("sdrs-lint") && script.contains("max-diagnostics"), "{shell}:\n{script}");
    }
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_readme_option_table_lists_every_option_of_help() {
    let help = stdout(&run(&["--help"]));
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table: Vec<&str> = readme.lines().filter(|l| l.starts_with("| `-")).collect();
    let option = regex::Regex::new(r"^\s+(?:-\w, )?(--[a-z][a-z-]*)").unwrap();
    let options: Vec<&str> =
        help.lines().filter_map(|l| option.captures(l)).map(|c| c.get(1).unwrap().as_str()).collect();
    assert!(options.len() > 20, "{help}");
    for option in options {
        let listed = regex::Regex::new(&format!("`[^`]*{option}([^a-z-]|$)")).unwrap();
        assert!(table.iter().any(|row| listed.is_match(row)), "{option} is missing from README's option table");
    }
}

#[test]
fn the_readme_example_is_what_the_tool_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let block = readme.split("```text\n$ sdrs-lint ").nth(1).unwrap().split("```").next().unwrap();
    let (command, expected) = block.split_once('\n').unwrap();
    let mut args = vec!["--color", "never"];
    args.extend(command.split_whitespace());
    assert_eq!(stdout(&run(&args)), expected);
}

#[test]
fn json_files_are_sorted_by_path_and_summary_files_counts_the_entries() {
    let dir = temp_dir("json-order");
    std::fs::write(dir.join("sdrs-lint.toml"), "[[suppress]]\nrules = [\"name-empty\"]\nreason = \"old requests\"\n")
        .unwrap();
    for name in ["b.json", "a.json", "Z.json"] {
        std::fs::write(dir.join(name), r#"{"protected_instance": {}}"#).unwrap();
    }
    let o = common::run_in(&dir, &["-f", "json", "b.json", "missing.json", "a.json", "Z.json", "-"], b"{}");
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = doc["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["<stdin>", "Z.json", "a.json", "b.json", "missing.json"]);
    assert_eq!(doc["summary"]["files"], 4, "the linted requests: not the unreadable input");
    // A walk of the configuration's whole directory judges its suppressions: the configuration
    // file is listed for its own diagnostic, and not counted as a linted file.
    let o = common::run_in(&dir, &["-f", "json", "."], b"");
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = doc["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["Z.json", "a.json", "b.json", "sdrs-lint.toml"]);
    assert_eq!(doc["summary"]["files"], 3);
    assert_eq!(doc["files"][3]["diagnostics"][0]["rule"], "unused-suppression");
}
