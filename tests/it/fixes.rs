//! `--fix`, `--unsafe-fixes` and `--diff` as a user runs them.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common;

fn temp(name: &str) -> PathBuf {
    common::temp_dir(&format!("fixes-{name}"))
}

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut all = vec!["--color", "never"];
    all.extend_from_slice(args);
    common::run_in(dir, &all, stdin.as_bytes())
}

use common::text;

/// A CRLF file with a BOM, a full-width name, a mis-cased tenancy, a misspelled member, a
/// `null` member and a dedicated host.
const BROKEN: &str = "\u{feff}{\r\n  \"protected_instance\": {\r\n    \"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\",\r\n    \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\r\n    \"name\": \"ｗｅｂ-01\",\r\n    \"tenancy\": \"Shared\",\r\n    \"flavorref\": \"s3.large.2\",\r\n    \"description\": null,\r\n    \"dedicated_host_id\": \"7d1e4c2a-3b5f-4e6d-8a9c-0b1f2e3d4c5a\"\r\n  }\r\n}\r\n";

const ALL_FIXED: &str = "{\r\n  \"protected_instance\": {\r\n    \"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\",\r\n    \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\r\n    \"name\": \"web-01\",\r\n    \"tenancy\": \"dedicated\",\r\n    \"flavorRef\": \"s3.large.2\",\r\n    \"dedicated_host_id\": \"7d1e4c2a-3b5f-4e6d-8a9c-0b1f2e3d4c5a\"\r\n  }\r\n}\r\n";

#[test]
fn fix_applies_safe_fixes_only_and_reports_what_remains() {
    let dir = temp("safe");
    std::fs::write(dir.join("r.json"), BROKEN).unwrap();
    let o = run(&dir, &["--fix", "-f", "short", "r.json"], "");
    let fixed = std::fs::read_to_string(dir.join("r.json")).unwrap();
    assert!(!fixed.starts_with('\u{feff}') && fixed.contains("\"tenancy\": \"shared\""), "{fixed}");
    assert!(fixed.contains("ｗｅｂ") && fixed.contains("flavorref") && fixed.contains("\r\n"), "unsafe fixes wait");
    let stdout = text(&o.stdout);
    let rules: Vec<&str> = stdout.lines().map(|l| l.split('[').nth(1).unwrap().split(']').next().unwrap()).collect();
    assert_eq!(rules, ["name-invalid-char", "unknown-field", "null-value", "dedicated-host-needs-dedicated-tenancy"]);
    assert_eq!(o.status.code(), Some(1), "the name error remains");
}

#[test]
fn unsafe_fixes_repeat_until_nothing_applies() {
    let dir = temp("unsafe");
    std::fs::write(dir.join("r.json"), BROKEN).unwrap();
    let o = run(&dir, &["--fix", "--unsafe-fixes", "r.json"], "");
    assert_eq!(std::fs::read_to_string(dir.join("r.json")).unwrap(), ALL_FIXED, "indentation and CRLF kept");
    assert_eq!(text(&o.stdout), "no problems in 1 file; fixed 6 problems in 1 file\n");
    assert_eq!(o.status.code(), Some(0));
    // A second run has nothing left to do.
    let again = run(&dir, &["--fix", "--unsafe-fixes", "r.json"], "");
    assert_eq!(text(&again.stdout), "no problems in 1 file; fixed 0 problems in 0 files\n");
}

#[test]
fn diff_prints_and_writes_nothing() {
    let dir = temp("diff");
    std::fs::write(dir.join("r.json"), BROKEN).unwrap();
    let o = run(&dir, &["--diff", "r.json"], "");
    assert_eq!(std::fs::read_to_string(dir.join("r.json")).unwrap(), BROKEN);
    assert_eq!(o.status.code(), Some(1));
    let diff = text(&o.stdout);
    assert!(diff.starts_with("--- a/r.json\n+++ b/r.json\n@@ -1,9 +1,9 @@\n"), "{diff}");
    assert!(diff.contains("-    \"tenancy\": \"Shared\",\r\n+    \"tenancy\": \"shared\",\r\n"), "{diff}");
    assert_eq!(text(&o.stderr), "sdrs-lint: 2 fixes would change 1 file\n");
    let clean = temp("diff-clean");
    std::fs::write(clean.join("ok.json"), ALL_FIXED).unwrap();
    let o = run(&clean, &["--diff", "ok.json"], "");
    assert_eq!((o.status.code(), text(&o.stdout)), (Some(0), String::new()));
}

#[test]
fn standard_input_gets_the_fixed_text_on_standard_output() {
    let dir = temp("stdin");
    let o = run(&dir, &["--fix", "--unsafe-fixes", "-"], BROKEN);
    assert_eq!(text(&o.stdout), ALL_FIXED);
    assert_eq!(text(&o.stderr), "no problems in 1 file; fixed 6 problems in 1 file\n");
    // What remains goes to standard error, in the format asked for.
    let o = run(&dir, &["--fix", "-f", "short", "-"], BROKEN);
    assert!(text(&o.stdout).contains("\"tenancy\": \"shared\""));
    assert!(text(&o.stderr).starts_with("<stdin>:5:14: error[name-invalid-char]"), "{}", text(&o.stderr));
    let o = run(&dir, &["--fix", "-"], BROKEN);
    assert!(text(&o.stdout).contains("\"tenancy\": \"shared\""));
    assert!(text(&o.stderr).starts_with("error[name-invalid-char]: "), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("\n --> <stdin>:5:14\n"), "{}", text(&o.stderr));
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let dir = temp("suppressed");
    std::fs::write(
        dir.join("sdrs-lint.toml"),
        "[[suppress]]\nrules = [\"unknown-field\"]\nreason = \"flavorref is what our gateway expects\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("r.json"), BROKEN).unwrap();
    run(&dir, &["--fix", "--unsafe-fixes", "r.json"], "");
    assert!(std::fs::read_to_string(dir.join("r.json")).unwrap().contains("\"flavorref\""));
}

#[test]
fn http_files_are_fixed_in_place() {
    let dir = temp("http");
    let request = "post https://{Endpoint}/v1/0123456789abcdef0123456789abcdef/protected-instances\n\n{\"protected_instance\": {\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"web\", \"tenancy\": \"DEDICATED\"}}\n";
    std::fs::write(dir.join("create.http"), request).unwrap();
    let o = run(&dir, &["--fix", "create.http"], "");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.join("create.http")).unwrap(),
        request.replace("post", "POST").replace("DEDICATED", "dedicated")
    );
}

/// Whether `git` can be run here.
fn git_available() -> bool {
    std::process::Command::new("git").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// `git apply --check` of `diff` in `dir`; its standard error when it refuses.
fn git_apply_check(dir: &Path, diff: &str) -> Result<(), String> {
    use std::io::Write as _;
    let mut child = std::process::Command::new("git")
        .args(["apply", "--check", "-"])
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(diff.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    if o.status.success() { Ok(()) } else { Err(text(&o.stderr)) }
}

#[test]
fn diffs_of_absolute_paths_are_accepted_by_git_apply() {
    if !git_available() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let repo = temp("git-apply");
    assert!(std::process::Command::new("git").args(["init", "-q"]).current_dir(&repo).status().unwrap().success());
    std::fs::create_dir_all(repo.join("sub")).unwrap();
    let file = repo.join("sub/r.json");
    std::fs::write(&file, BROKEN).unwrap();
    let absolute = file.to_str().unwrap();

    // Run inside the repository: the path is made relative to it.
    let o = run(&repo, &["--diff", absolute], "");
    let diff = text(&o.stdout);
    assert!(diff.starts_with("--- a/sub/r.json\n+++ b/sub/r.json\n"), "{diff}");
    git_apply_check(&repo, &diff).unwrap();
    // Relative paths as before.
    let diff = text(&run(&repo, &["--diff", "sub/r.json"], "").stdout);
    git_apply_check(&repo, &diff).unwrap();

    // Run from elsewhere: the path without its root, as `git diff --no-index` writes it,
    // which `git apply` takes from `/`.
    let elsewhere = temp("git-apply-elsewhere");
    let diff = text(&run(&elsewhere, &["--diff", absolute], "").stdout);
    let rootless = absolute.trim_start_matches('/');
    assert!(diff.starts_with(&format!("--- a/{rootless}\n+++ b/{rootless}\n")), "{diff}");
    git_apply_check(Path::new("/"), &diff).unwrap();
    // What it used to write (`a//tmp/…`) is refused, so the check above means something.
    let old = diff
        .replace(&format!("a/{rootless}"), &format!("a/{absolute}"))
        .replace(&format!("b/{rootless}"), &format!("b/{absolute}"));
    assert!(git_apply_check(Path::new("/"), &old).is_err());
}
