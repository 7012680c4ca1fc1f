//! sdrs-lint in a repository: which files a walk lints, configuration discovery and precedence,
//! suppressions, HTTP request files, standard input with a name, and deterministic output.

use std::path::PathBuf;
use std::process::{Command, Output};

use crate::common;

struct Repo(PathBuf);

impl Repo {
    fn new(name: &str) -> Repo {
        let dir = common::temp_dir(&format!("repo-{name}"));
        Command::new("git").args(["init", "-q"]).current_dir(&dir).status().unwrap();
        Repo(dir)
    }

    fn write(&self, path: &str, text: &str) -> &Repo {
        let path = self.0.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_stdin(args, None)
    }

    fn run_stdin(&self, args: &[&str], stdin: Option<&str>) -> Output {
        common::run_in(&self.0, args, stdin.unwrap_or_default().as_bytes())
    }
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// `path: rule` for every line of `--format short` output.
fn findings(o: &Output) -> Vec<String> {
    out(o)
        .lines()
        .map(|l| {
            let path = l.split(':').next().unwrap();
            let rule = l.split('[').nth(1).unwrap().split(']').next().unwrap();
            format!("{path}: {rule}")
        })
        .collect()
}

const VALID: &str = r#"{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web-01"}}"#;

/// A request whose only finding is an `id-not-uuid` warning.
const NOT_UUID: &str = r#"{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "i-42", "name": "web-01"}}"#;

#[test]
fn a_walk_lints_requests_and_skips_everything_else() {
    let repo = Repo::new("walk");
    repo.write("requests/a.json", NOT_UUID)
        .write("requests/broken.json", "{\"protected_instance\": {")
        .write(
            "requests/create.http",
            &format!("POST https://h/v1/{{{{project}}}}/protected-instances\n\n{NOT_UUID}\n"),
        )
        .write("requests/other.http", "GET https://h/v1/p/servers\n")
        .write("package.json", r#"{"name": "x", "version": "1.0.0"}"#)
        .write("tsconfig.json", r#"{"compilerOptions": {}}"#)
        .write(".gitignore", "generated/\n")
        .write("generated/c.json", NOT_UUID)
        .write(".hidden/d.json", NOT_UUID)
        .write("notes.txt", NOT_UUID);
    let o = repo.run(&["-f", "json", "-v", "."]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let linted: Vec<&str> = doc["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(linted, ["requests/a.json", "requests/broken.json", "requests/create.http"]);
    let log = err(&o);
    assert!(log.contains("skipped package.json: no `protected_instance` member at the top level"), "{log}");
    assert!(
        log.contains("skipped requests/other.http: its one HTTP request does not create a protected instance"),
        "{log}"
    );
    assert!(!log.contains("generated/") && !log.contains(".hidden"), "ignored files are not even considered:\n{log}");
    // Named explicitly, a file is always linted.
    let o = repo.run(&["-f", "short", "package.json"]);
    assert_eq!(
        findings(&o),
        ["package.json: missing-field", "package.json: unknown-field", "package.json: unknown-field"]
    );
    // Unless told to select them as a walk does (pre-commit names every `.json` file).
    assert!(
        findings(&repo.run(&["-f", "short", "--only-requests", "package.json", "requests/a.json"]))
            == ["requests/a.json: id-not-uuid"]
    );
}

#[test]
fn include_and_exclude_select_walked_files() {
    let repo = Repo::new("select");
    repo.write("sdrs-lint.toml", "[files]\ninclude = [\"bodies/*.json\"]\nexclude = [\"drafts/**\"]\n")
        .write("bodies/minimal.json", "{}")
        .write("drafts/wip.json", NOT_UUID)
        .write("ok.json", NOT_UUID);
    assert_eq!(
        findings(&repo.run(&["-f", "short", "."])),
        ["bodies/minimal.json: missing-field", "ok.json: id-not-uuid"]
    );
    assert_eq!(findings(&repo.run(&["-f", "short", "drafts/wip.json"])), ["drafts/wip.json: id-not-uuid"]);
    assert!(findings(&repo.run(&["-f", "short", "--force-exclude", "drafts/wip.json"])).is_empty());
}

#[test]
fn configuration_precedence_nearest_file_then_command_line() {
    let repo = Repo::new("precedence");
    repo.write("sdrs-lint.toml", "[rules]\nid-not-uuid = \"error\"\n")
        .write("top.json", NOT_UUID)
        .write("team/sdrs-lint.toml", "[rules]\nid-not-uuid = \"off\"\n")
        .write("team/inner.json", NOT_UUID)
        .write("other.toml", "[rules]\nid-not-uuid = \"warning\"\n");
    let severities = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["-f", "short"];
        all.extend_from_slice(args);
        all.extend(["top.json", "team/inner.json"]);
        out(&repo.run(&all))
            .lines()
            .map(|l| format!("{} {}", l.split(':').next().unwrap(), l.split(' ').nth(1).unwrap()))
            .collect()
    };
    assert_eq!(severities(&[]), ["top.json error[id-not-uuid]:"], "the nearest file wins, without merging");
    assert_eq!(
        severities(&["--warn", "id-not-uuid"]),
        ["team/inner.json warning[id-not-uuid]:", "top.json warning[id-not-uuid]:"]
    );
    assert_eq!(
        severities(&["--isolated"]),
        ["team/inner.json warning[id-not-uuid]:", "top.json warning[id-not-uuid]:"]
    );
    assert_eq!(
        severities(&["--config", "other.toml", "--error", "id-not-uuid"]),
        ["team/inner.json error[id-not-uuid]:", "top.json error[id-not-uuid]:"]
    );
    assert_eq!(severities(&["--off", "id-not-uuid,doc-example-value"]), Vec::<String>::new());
    let exit = |args: &[&str]| repo.run(args).status.code();
    assert_eq!(exit(&["top.json"]), Some(1));
    assert_eq!(exit(&["team/inner.json"]), Some(0));
    assert_eq!(exit(&["--isolated", "team/inner.json"]), Some(0), "warnings pass");
    assert_eq!(exit(&["--isolated", "--deny-warnings", "team/inner.json"]), Some(1));
}

#[test]
fn the_config_command_shows_where_each_severity_comes_from() {
    let repo = Repo::new("show");
    repo.write("sdrs-lint.toml", "[rules]\n\nid-not-uuid = \"error\"\n");
    let shown = out(&repo.run(&["config", ".", "--off", "null-value"]));
    assert!(shown.contains("# Configuration file: sdrs-lint.toml"), "{shown}");
    assert!(
        shown.lines().any(|l| l.starts_with("id-not-uuid ") && l.ends_with("\"error\"    # sdrs-lint.toml:3")),
        "{shown}"
    );
    assert!(shown.lines().any(|l| l.starts_with("null-value ") && l.ends_with("\"off\"      # --off")), "{shown}");
    assert!(shown.lines().any(|l| l.starts_with("name-too-long ") && l.ends_with("# default")), "{shown}");
}

#[test]
fn configuration_mistakes_are_errors_with_spans_and_suggestions() {
    let repo = Repo::new("bad-config");
    repo.write("sdrs-lint.toml", "[rules]\nid-not-uid = \"error\"\n\n[file]\n").write("a.json", VALID);
    let o = repo.run(&["-f", "short", "a.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        out(&o).lines().collect::<Vec<_>>(),
        [
            "sdrs-lint.toml:2:1: error[invalid-config]: unknown rule `id-not-uid`; did you mean `id-not-uuid`?",
            "sdrs-lint.toml:4:2: error[invalid-config]: unknown key `file`; did you mean `files`?",
        ]
    );
    let o = repo.run(&["--isolated", "--error", "id-not-uid", "a.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--error id-not-uid: no such rule; did you mean `id-not-uuid`?"), "{}", err(&o));
}

#[test]
fn suppressions_silence_with_a_reason_and_unused_ones_are_reported() {
    let repo = Repo::new("suppress");
    repo.write(
        "sdrs-lint.toml",
        "[[suppress]]\nrules = [\"id-not-uuid\"]\npaths = [\"legacy/*.json\"]\npointer = \"/protected_instance/server_id\"\nreason = \"legacy servers keep their i- IDs\"\n\n[[suppress]]\nrules = [\"name-too-long\"]\nreason = \"nothing is too long any more\"\n\n[[suppress]]\nrules = [\"tags-too-many\"]\npaths = [\"archive/**\"]\nreason = \"not linted in this run\"\n",
    )
    .write("legacy/a.json", NOT_UUID)
    .write("new/b.json", NOT_UUID);
    let o = repo.run(&["-f", "short", "."]);
    assert_eq!(
        findings(&o),
        ["new/b.json: id-not-uuid", "sdrs-lint.toml: unused-suppression", "sdrs-lint.toml: unused-suppression"]
    );
    assert!(out(&o).contains("sdrs-lint.toml:7:1: warning[unused-suppression]: this suppression silenced nothing: no `name-too-long` finding in the 2 linted files it covers"), "{}", out(&o));
    assert!(
        out(&o).contains("sdrs-lint.toml:13:10: warning[unused-suppression]: the `paths` pattern `archive/**` matches no file linted here"),
        "{}",
        out(&o)
    );
    // A run on a few files cannot tell whether an entry is used elsewhere: nothing is judged,
    // and the configuration file is not counted as a linted file.
    let human = out(&repo.run(&["--color", "never", "legacy/a.json"]));
    assert!(human.ends_with("no problems in 1 file (1 suppressed by configuration)\n"), "{human}");
    let sub = repo.run(&["-f", "short", "new"]);
    assert_eq!(
        findings(&sub),
        ["new/b.json: id-not-uuid"],
        "a subdirectory is not the configuration's whole directory"
    );
    // The rule is configurable like any other.
    let off = repo.run(&["-f", "short", "--off", "unused-suppression", "."]);
    assert_eq!(findings(&off), ["new/b.json: id-not-uuid"]);
}

#[test]
fn http_files_point_into_the_file_and_stdin_takes_a_name() {
    let repo = Repo::new("http");
    let http = format!(
        "### Create\nPOST https://{{Endpoint}}/v1/{{project_id}}/protected-instances\nContent-Type: application/json\n\n{NOT_UUID}\n\n### Query\nGET https://h/v1/p/protected-instances/1\n\n###\npost /v2/0123456789abcdef0123456789abcdef/protected-instances\n\n{VALID}\n"
    );
    repo.write("api/create.http", &http).write("api/sdrs-lint.toml", "[rules]\nproject-id = \"off\"\n");
    let o = repo.run(&["-f", "short", "-v", "api/create.http"]);
    assert_eq!(
        out(&o).lines().collect::<Vec<_>>(),
        [
            "api/create.http:5:97: warning[id-not-uuid]: `server_id` is not a UUID (8-4-4-4-12 hexadecimal digits): it has 4 characters in 2 groups",
            "api/create.http:11:1: error[request-line]: the method is `post`; a protected instance is created with `POST`",
            "api/create.http:11:6: error[request-line]: the path is `/v2/0123456789abcdef0123456789abcdef/protected-instances`; it must be `/v1/{project_id}/protected-instances`",
        ]
    );
    assert!(err(&o).contains("api/create.http:8: skipped request: `GET https://h/v1/p/protected-instances/1` is another API, not create-protected-instance"), "{}", err(&o));
    // The same text on standard input, named: same configuration, same `.http` handling.
    let piped = repo.run_stdin(&["-f", "short", "--stdin-filename", "api/create.http", "-"], Some(&http));
    assert_eq!(out(&piped), out(&o));
    let unnamed = repo.run_stdin(&["-f", "short", "-"], Some(&http));
    assert!(out(&unnamed).starts_with("<stdin>:1:1: error[invalid-json]"), "{}", out(&unnamed));
}

#[test]
fn output_is_sorted_whatever_the_thread_count() {
    let repo = Repo::new("parallel");
    for i in (0..60).rev() {
        repo.write(&format!("r/{:02}/req-{i}.json", i % 7), NOT_UUID);
    }
    let one = out(&repo.run(&["-f", "short", "-j", "1", "r", "."]));
    let many = out(&repo.run(&["-f", "short", "-j", "8", ".", "r"]));
    assert_eq!(one.lines().count(), 60, "each file is linted once, though both arguments reach it");
    assert_eq!(one, many);
    let paths: Vec<&str> = one.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert!(paths.windows(2).all(|w| w[0] <= w[1]), "sorted by path");
}

#[test]
fn invalid_config_is_a_rule_with_a_severity() {
    let repo = Repo::new("invalid-config");
    repo.write("sdrs-lint.toml", "[rules]\nid-not-uuid = \"off\"\nnewer-rule = \"off\"\n").write("a.json", NOT_UUID);
    // An error (the default): the configuration is not used and nothing is linted.
    let o = repo.run(&["-f", "short", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(findings(&o), ["sdrs-lint.toml: invalid-config"]);
    // A warning: reported, and the rest of the file applies (`id-not-uuid` is off).
    let o = repo.run(&["-f", "short", "--warn", "invalid-config", "."]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        out(&o),
        "sdrs-lint.toml:3:1: warning[invalid-config]: unknown rule `newer-rule`\n",
        "a warning about the file, and the request is clean"
    );
    // Off, from the file itself.
    repo.write("sdrs-lint.toml", "[rules]\ninvalid-config = \"off\"\nid-not-uuid = \"warn\"\nnewer-rule = \"off\"\n");
    let o = repo.run(&["-f", "short", "."]);
    assert_eq!((o.status.code(), findings(&o)), (Some(0), vec!["a.json: id-not-uuid".to_string()]));
}

#[test]
fn a_run_that_lints_no_request_says_so() {
    let repo = Repo::new("no-requests");
    repo.write("package.json", r#"{"name": "x"}"#)
        .write("schema.json", r#"{"$schema": "x", "properties": {"protected_instance": {}}}"#);
    let o = repo.run(&["--color", "never", "."]);
    assert_eq!((o.status.code(), out(&o).as_str()), (Some(0), "no requests found in 2 files; see --verbose\n"));
    let o = repo.run(&["--require-requests", "-f", "json", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "sdrs-lint: no requests found in 2 files; see --verbose\n");
    let v = repo.run(&["-v", "."]);
    assert!(err(&v).contains("skipped schema.json: a JSON Schema, not a request"), "{}", err(&v));
}

/// The fixture repository `tests/fixtures/repo`: requests among `package.json`, a JSON Schema,
/// saved responses, inventory files, `.http` files with REST-client variables and a UTF-16 file
/// saved by PowerShell. Every broken request is reported, and nothing else.
const FIXTURE_FINDINGS: [&str; 12] = [
    "api/create.http:25: request-line",
    "api/create.http:33: name-invalid-char",
    "docs/reference-example.json:7: id-not-uuid",
    "requests/app-02.json:1: missing-field",
    "requests/app-02.json:2: unknown-field",
    "requests/batch-05-powershell.json:1: invalid-json",
    "requests/cache-03.json:1: invalid-json",
    "requests/db-01.json:1: missing-field",
    "requests/db-01.json:2: unknown-field",
    "requests/db-01.json:3: unknown-field",
    "requests/db-01.json:4: unknown-field",
    "requests/report-04.json:5: name-invalid-char",
];

fn fixture() -> PathBuf {
    common::root().join("tests/fixtures/repo")
}

/// `path:line: rule` for every line of `--format short` output.
fn located(o: &Output) -> Vec<String> {
    out(o)
        .lines()
        .map(|l| {
            let mut parts = l.splitn(3, ':');
            let (path, line) = (parts.next().unwrap(), parts.next().unwrap());
            let rule = l.split('[').nth(1).unwrap().split(']').next().unwrap();
            format!("{path}:{line}: {rule}")
        })
        .collect()
}

#[test]
fn the_fixture_repository_from_the_command_line() {
    let o = common::run_in(&fixture(), &["-f", "short", "-v", "."], b"");
    assert_eq!(located(&o), FIXTURE_FINDINGS);
    assert_eq!(o.status.code(), Some(1));
    let log = err(&o);
    for skipped in [
        "skipped package.json: no `protected_instance` member at the top level",
        "skipped tsconfig.json: no `protected_instance` member at the top level",
        "skipped schemas/protected-instance.schema.json: a JSON Schema, not a request",
        "skipped responses/get-protected-instance.json: a saved response",
        "skipped responses/create-job.json:",
        "skipped inventory/servers.json: an inventory response (`servers`), not a request",
        "skipped inventory/protected-instances.json: an inventory response (`protected_instances`)",
        "skipped api/servers.http: its one HTTP request does not create a protected instance",
        "api/create.http:20: skipped request: `GET {{host}}/v1/{{projectId}}/protected-instances?limit=10` lists",
    ] {
        assert!(log.contains(skipped), "{skipped}\n{log}");
    }
    // The human summary counts the requests linted: seven JSON files and one HTTP file.
    let human = common::run_in(&fixture(), &["--color", "never", "."], b"");
    assert!(
        out(&human).ends_with(
            "\n7 errors, 5 warnings in 8 files (4 suppressed by configuration); 1 fixable with --fix --unsafe-fixes\n"
        ),
        "{}",
        out(&human)
    );
}

#[test]
fn the_fixture_repository_as_pre_commit_runs_it() {
    // pre-commit names every file the hook's `files` pattern matches, with the hook's flags.
    let hook = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    let entry = hook.lines().find_map(|l| l.trim().strip_prefix("entry: sdrs-lint ")).unwrap();
    let mut args: Vec<String> = entry.split_whitespace().map(String::from).collect();
    let mut files: Vec<String> = Vec::new();
    let mut dirs = vec![PathBuf::new()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(fixture().join(&dir)).unwrap() {
            let entry = entry.unwrap();
            let path = dir.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                dirs.push(path);
            } else if ["json", "http", "rest"].iter().any(|e| path.extension().is_some_and(|x| x == *e)) {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    args.extend(files);
    let o = common::run_in(&fixture(), &args, b"");
    assert_eq!(located(&o), FIXTURE_FINDINGS);
    assert_eq!(o.status.code(), Some(1));
}
