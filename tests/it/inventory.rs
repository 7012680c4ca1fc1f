//! The inventory: each rule against the snapshot in `examples/inventory/` and the requests in
//! `examples/with-inventory/` (one per rule), the kinds each rule needs, precedence, broken
//! inventory files, related locations in every output, and how users give the inventory.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::common::{self, root, text};
use sdrs_lint::{Inventory, InventoryKind, Linter, Report};

/// The example snapshot, less the files of the kinds in `without`.
fn snapshot(keep: impl Fn(InventoryKind) -> bool) -> Inventory {
    let dir = root().join("examples/inventory");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let files = files.into_iter().filter(|path| {
        let kind = InventoryKind::ALL.into_iter().find(|k| file_kind(path) == k.to_string());
        keep(kind.expect("every example inventory file is named after its kind"))
    });
    let (inventory, problems) =
        Inventory::from_files(files.map(|p| (format!("examples/inventory/{}", name(&p)), std::fs::read(&p).unwrap())));
    assert!(problems.is_empty(), "{problems:?}");
    inventory
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// `server-groups.json` → `server_groups`.
fn file_kind(path: &Path) -> String {
    name(path).trim_end_matches(".json").replace('-', "_")
}

fn lint_example(file: &str, inventory: Option<Inventory>) -> Report {
    let mut linter = Linter::new();
    if let Some(inventory) = inventory {
        linter.set_inventory(inventory);
    }
    let text = std::fs::read_to_string(root().join("examples/with-inventory").join(file)).unwrap();
    linter.lint(&text)
}

fn fired(report: &Report) -> BTreeSet<&str> {
    report.diagnostics().iter().map(|d| d.rule).collect()
}

fn inventory_rules() -> impl Iterator<Item = &'static sdrs_lint::RuleMeta> {
    sdrs_lint::rules().filter(|r| r.is_inventory_rule())
}

#[test]
fn there_are_the_twenty_rules_of_the_spec() {
    assert_eq!(inventory_rules().count(), 20);
}

#[test]
fn each_rule_fires_alone_on_its_example() {
    for rule in inventory_rules() {
        let report = lint_example(&format!("{}.json", rule.id), Some(snapshot(|_| true)));
        assert_eq!(fired(&report), BTreeSet::from([rule.id]), "examples/with-inventory/{}.json", rule.id);
        for d in report.diagnostics() {
            assert_eq!(d.severity, rule.default_severity);
            let related = d.secondary.iter().find(|l| l.file.is_some());
            assert!(related.is_some() || rule.id.ends_with("-not-found"), "{}: no place in the inventory", rule.id);
        }
    }
    let az = lint_example("dedicated-host-wrong-az.json", Some(snapshot(|_| true)));
    assert_eq!(fired(&az), BTreeSet::from(["dedicated-host-unusable"]));
}

#[test]
fn a_rule_runs_only_when_every_kind_it_needs_is_given() {
    for rule in inventory_rules() {
        let file = format!("{}.json", rule.id);
        let only = lint_example(&file, Some(snapshot(|k| rule.needs.contains(&k.merged()))));
        assert!(fired(&only).contains(rule.id), "{} does not fire with only {:?}", rule.id, rule.needs);
        for &missing in rule.needs {
            let without = lint_example(&file, Some(snapshot(|k| k.merged() != missing)));
            assert!(fired(&without).is_empty(), "{} fires without {missing}: {:?}", rule.id, fired(&without));
        }
    }
}

/// `InventoryKind::merges_into` for the tests: the detail of one group counts as groups.
trait Merged {
    fn merged(self) -> InventoryKind;
}

impl Merged for InventoryKind {
    fn merged(self) -> InventoryKind {
        self.merges_into()
    }
}

#[test]
fn without_an_inventory_no_inventory_rule_runs() {
    for entry in std::fs::read_dir(root().join("examples/with-inventory")).unwrap() {
        let file = name(&entry.unwrap().path());
        if file.ends_with(".json") {
            assert!(fired(&lint_example(&file, None)).is_empty(), "{file}");
        }
    }
}

#[test]
fn the_clean_request_is_clean_against_the_whole_snapshot() {
    let report = lint_example("clean-with-inventory.json", Some(snapshot(|_| true)));
    assert!(report.diagnostics().is_empty(), "{:?}", fired(&report));
}

/// A request to web-01 (ACTIVE, in the group's production VPC and AZ) in group `dr-web`, with
/// `server_id` replaced.
fn with_server_id(server_id: &str) -> String {
    let clean = std::fs::read_to_string(root().join("examples/with-inventory/clean-with-inventory.json")).unwrap();
    let request: Value = serde_json::from_str(&clean).unwrap();
    let old = request["protected_instance"]["server_id"].as_str().unwrap().to_string();
    clean.replace(&old, server_id)
}

#[test]
fn a_value_that_breaks_a_body_rule_gets_no_inventory_diagnostic() {
    let mut linter = Linter::new();
    linter.set_inventory(snapshot(|_| true));
    for (id, body_rule) in [
        ("web-01", "id-not-uuid"),
        ("", "id-empty"),
        // The reference's own placeholder.
        ("0bc41598-1b5a-4bd2-872a-82e6abb82e68", "doc-example-value"),
    ] {
        let report = linter.lint(&with_server_id(id));
        let rules = fired(&report);
        assert!(rules.iter().all(|r| !r.starts_with("server-")), "{id:?}: {rules:?}");
        assert!(rules.contains(body_rule), "{id:?}: {rules:?}");
    }
}

#[test]
fn a_resource_not_found_is_reported_once_with_the_count_and_the_closest_id() {
    let inventory = snapshot(|_| true);
    let servers: Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/inventory/servers.json")).unwrap()).unwrap();
    let known = servers["servers"][0]["id"].as_str().unwrap().to_string();
    // One hex digit changed.
    let mut typo = known.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '0' { '1' } else { '0' });
    let mut linter = Linter::new();
    linter.set_inventory(inventory);
    let report = linter.lint(&with_server_id(&typo));
    assert_eq!(fired(&report), BTreeSet::from(["server-not-found"]));
    let d = &report.diagnostics()[0];
    assert!(d.message.contains("holds 10 servers from examples/inventory/servers.json"), "{}", d.message);
    assert!(d.message.ends_with(&format!("; did you mean `{known}`?")), "{}", d.message);
}

#[test]
fn the_later_file_wins_when_an_id_repeats_and_the_duplicate_is_recorded() {
    let server = |status: &str| {
        format!(r#"{{"servers": [{{"id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web-01", "status": "{status}"}}]}}"#)
            .into_bytes()
    };
    let (inventory, problems) =
        Inventory::from_files([("page-1.json", server("ERROR")), ("page-2.json", server("ACTIVE"))]);
    assert!(problems.is_empty());
    assert_eq!(inventory.count(InventoryKind::Servers), 1);
    let duplicate = &inventory.duplicates()[0];
    assert_eq!((duplicate.used.as_str(), duplicate.ignored.as_str()), ("page-2.json", "page-1.json"));
    let mut linter = Linter::new();
    linter.set_inventory(inventory);
    let report = linter.lint(&with_server_id("9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47"));
    assert!(!fired(&report).contains("server-status"), "{:?}", fired(&report));
}

#[test]
fn files_that_are_not_inventory_responses_are_errors_that_say_why() {
    let (inventory, problems) = Inventory::from_files([
        ("broken.json", b"{\"servers\": [".to_vec()),
        ("response.json", b"{\"error_code\": \"SDRS.1013\", \"error_msg\": \"no\"}".to_vec()),
        ("subnets.json", b"{\"subnets\": []}".to_vec()),
    ]);
    assert_eq!(inventory.files().len(), 1);
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(lines[0].starts_with("broken.json: not valid JSON"), "{lines:?}");
    assert!(lines[1].starts_with("response.json: unknown kind of inventory file"), "{lines:?}");
    assert!(lines[1].contains("`server_groups`") && lines[1].contains("`dedicated_hosts`"), "{lines:?}");
}

// The command line.

fn run(args: &[&str]) -> (i32, String, String) {
    let output = common::run_in(root(), args, b"");
    (output.status.code().unwrap(), text(&output.stdout), text(&output.stderr))
}

#[test]
fn the_command_line_reports_the_place_in_the_inventory_in_every_format() {
    let file = "examples/with-inventory/group-status.json";
    let (status, human, _) = run(&["--isolated", "--inventory", "examples/inventory", file]);
    assert_eq!(status, 1);
    assert!(
        human.contains("= note: inventory: examples/inventory/server-groups.json:34:17 (the group's status)"),
        "{human}"
    );

    let (_, json, _) = run(&["--isolated", "--inventory", "examples/inventory", "--format", "json", file]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let related = &json["files"][0]["diagnostics"][0]["secondary"][0];
    assert_eq!(related["path"], "examples/inventory/server-groups.json");
    assert_eq!(related["span"]["start"]["line"], 34);

    let (_, sarif, _) = run(&["--isolated", "--inventory", "examples/inventory", "--format", "sarif", file]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let location = &sarif["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"];
    assert!(location["artifactLocation"]["uri"].as_str().unwrap().ends_with("examples/inventory/server-groups.json"));
    assert_eq!(location["region"]["startLine"], 34);
}

#[test]
fn the_configuration_names_the_inventory_and_the_flags_replace_or_ignore_it() {
    let file = "examples/with-inventory/group-status.json";
    // examples/with-inventory/sdrs-lint.toml: paths = ["../inventory/"].
    let (status, out, _) = run(&["--format", "short", file]);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("[group-status]"), "{out}");
    let (status, out, _) = run(&["--format", "short", "--no-inventory", file]);
    assert_eq!((status, out.as_str()), (0, ""));
    let (status, out, _) = run(&["--format", "short", "--inventory", "examples/inventory/servers.json", file]);
    assert_eq!((status, out.as_str()), (0, ""), "only servers: group-status cannot run");
}

#[test]
fn verbose_names_the_rules_that_cannot_run_for_want_of_a_kind() {
    let (_, _, stderr) = run(&[
        "-v",
        "--isolated",
        "--inventory",
        "examples/inventory/servers.json",
        "examples/with-inventory/group-status.json",
    ]);
    assert!(stderr.contains("an inventory of 1 file applies to 1 input"), "{stderr}");
    assert!(
        stderr.contains("it holds no `server_groups`, so these rules do not run: group-not-found, group-status"),
        "{stderr}"
    );
}

#[test]
fn an_inventory_that_cannot_be_used_stops_the_run_with_status_2() {
    let dir = common::temp_dir("inventory-broken");
    std::fs::write(dir.join("request.json"), with_server_id("9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47")).unwrap();
    std::fs::create_dir(dir.join("inventory")).unwrap();
    std::fs::write(dir.join("inventory/error.json"), r#"{"error_code": "APIGW.0301"}"#).unwrap();
    let output = common::run_in(&dir, &["--isolated", "--inventory", "inventory", "request.json"], b"");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error.json: unknown kind of inventory file"), "{stderr}");
    assert!(text(&output.stdout).is_empty());
    let output = common::run_in(&dir, &["--isolated", "--inventory", "missing", "request.json"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("cannot read the inventory"), "{}", text(&output.stderr));
}

#[test]
fn the_inventory_command_shows_files_kinds_duplicates_and_skipped_files() {
    let dir = common::temp_dir("inventory-command");
    let page = |status: &str| {
        format!(
            r#"{{"servers": [{{"id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web-01", "status": "{status}"}}]}}"#
        )
    };
    std::fs::write(dir.join("servers-1.json"), page("ERROR")).unwrap();
    std::fs::write(dir.join("servers-2.json"), page("ACTIVE")).unwrap();
    let output = common::run_in(&dir, &["inventory", "."], b"");
    let out = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("files read (2):"), "{out}");
    assert!(out.contains("servers                    1"), "{out}");
    assert!(out.contains("duplicate IDs (1; the later file wins):"), "{out}");
    assert!(out.contains("none: server_groups not given; not run: group-not-found, group-status"), "{out}");
    std::fs::write(dir.join("notes.json"), "{}").unwrap();
    let output = common::run_in(&dir, &["inventory", "."], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stdout).contains("skipped (1):"), "{}", text(&output.stdout));
}

#[test]
fn a_service_error_code_finds_the_rule_that_prevents_it() {
    let (status, page, _) = run(&["rule", "SDRS.1305"]);
    assert_eq!(status, 0);
    assert!(page.starts_with("# server-already-protected\n"), "{page}");
    let (_, list, _) = run(&["rules"]);
    let line = list.lines().find(|l| l.starts_with("group-status ")).unwrap();
    assert!(line.ends_with("(prevents SDRS.1323, SDRS.1325)"), "{line}");
}

#[test]
fn the_docs_table_of_inventory_rules_matches_the_registry() {
    let docs = std::fs::read_to_string(root().join("docs/inventory.md")).unwrap();
    let table = &docs[docs.find("## The rules").unwrap()..];
    let mut listed = 0;
    for line in table.lines().filter(|l| l.starts_with("| [`")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let id = cells[1].split('`').nth(1).unwrap();
        let rule = sdrs_lint::rule(id).unwrap_or_else(|| panic!("docs/inventory.md names `{id}`"));
        assert_eq!(cells[2], rule.default_severity.as_str(), "{id}");
        assert_eq!(cells[3], rule.service_errors.join(", "), "{id}");
        listed += 1;
    }
    assert_eq!(listed, inventory_rules().count());
}

#[test]
fn a_server_the_servers_do_not_list_is_only_reported_as_not_found() {
    let server = "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47";
    let protected = format!(
        r#"{{"protected_instances": [{{"id": "0e4b7a52-55c1-4f0e-9a3c-2d6f8b1e7c90", "name": "", "status": "protected", "source_server": "{server}"}}]}}"#
    );
    let servers =
        br#"{"servers": [{"id": "3c1d9e7a-8b2f-4a6c-9d0e-5f7b1a2c3d4e", "name": "db-01", "status": "ACTIVE"}]}"#;
    let mut linter = Linter::new();
    let (inventory, _) = Inventory::from_files([("protected.json", protected.into_bytes())]);
    linter.set_inventory(inventory);
    let report = linter.lint(&with_server_id(server));
    assert_eq!(fired(&report), BTreeSet::from(["server-already-protected"]));
    // Named by its ID when its name is empty.
    assert!(
        report.diagnostics()[0].message.contains("protected instance `0e4b7a52-"),
        "{}",
        report.diagnostics()[0].message
    );
    let protected = format!(
        r#"{{"protected_instances": [{{"id": "0e4b7a52-55c1-4f0e-9a3c-2d6f8b1e7c90", "source_server": "{server}"}}]}}"#
    );
    let (inventory, _) =
        Inventory::from_files([("protected.json", protected.into_bytes()), ("servers.json", servers.to_vec())]);
    linter.set_inventory(inventory);
    assert_eq!(fired(&linter.lint(&with_server_id(server))), BTreeSet::from(["server-not-found"]));
}
