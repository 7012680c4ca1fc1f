//! Every rule page in `rules/` is checked against the rule: its header matches the registry
//! (with a `- **Prevents:**` line naming the service's error codes, for a rule that has them),
//! every `json invalid` (or `http invalid`) example fires the rule, every `json valid` (or
//! `http valid`) example lints clean, and each `text output` block is exactly what
//! `--format short` prints for the example before it.
//!
//! A page about an inventory rule holds `json inventory` blocks: each the body of one saved
//! list or detail response (`{"servers": [...]}`), named after its kind (`servers.json`,
//! `server-groups.json`; a second file of a kind `servers-2.json`). All of a page's inventory
//! blocks, in page order, make one inventory, which every example of that page is checked
//! against; a block that does not load is a problem of the page. Pages without one are linted
//! with no inventory.
//!
//! `SDRS_LINT_BLESS=1 cargo test --test it rule_docs` rewrites the output blocks and the
//! README's rule table.

use std::fmt::Write as _;
use std::path::Path;

use regex::Regex;

use crate::common;
use sdrs_lint::render::{FileReport, short};
use sdrs_lint::{Applicability, InputKind, Inventory, Linter, RuleMeta};

pub(crate) struct Block {
    pub(crate) info: String,
    pub(crate) body: String,
    /// Byte range of the body in the page.
    range: std::ops::Range<usize>,
}

pub(crate) fn blocks(page: &str) -> Vec<Block> {
    let fence = Regex::new(r"(?ms)^```([^\n]*)\n(.*?)^```\s*$").unwrap();
    fence
        .captures_iter(page)
        .map(|c| {
            let body = c.get(2).unwrap();
            Block { info: c[1].trim().to_string(), body: body.as_str().to_string(), range: body.range() }
        })
        .collect()
}

/// The linter a page's examples are checked with: every rule at its default severity and, when
/// the page has `json inventory` blocks, the inventory they make (see the module's comment).
/// Returns the problems of blocks that do not load too.
pub(crate) fn page_linter(blocks: &[Block]) -> (Linter, Vec<String>) {
    let mut linter = Linter::new();
    let mut stems = Vec::new();
    let mut files = Vec::new();
    for (i, block) in blocks.iter().filter(|b| b.info == "json inventory").enumerate() {
        let bytes = block.body.as_bytes().to_vec();
        // Named as users save it, after its kind: read it alone first to learn that.
        let (alone, _) = Inventory::from_files([("inventory.json", bytes.clone())]);
        let stem = alone
            .files()
            .first()
            .map_or_else(|| format!("inventory-{}", i + 1), |f| f.kind().member().replace('_', "-"));
        let nth = stems.iter().filter(|s| **s == stem).count() + 1;
        let name = if nth == 1 { format!("{stem}.json") } else { format!("{stem}-{nth}.json") };
        stems.push(stem);
        files.push((name, bytes));
    }
    if files.is_empty() {
        return (linter, Vec::new());
    }
    let (inventory, errors) = Inventory::from_files(files);
    let problems = errors.iter().map(|e| format!("a `json inventory` block does not load: {e}")).collect();
    linter.set_inventory(inventory);
    (linter, problems)
}

/// What `sdrs-lint --format short` prints for the example, as `example.json` or `example.http`.
fn short_output(linter: &Linter, source: &str, http: bool) -> String {
    let (name, report) = if http {
        ("example.http", linter.lint_input(source.as_bytes(), InputKind::Http))
    } else {
        ("example.json", linter.lint(source))
    };
    let mut out = Vec::new();
    short::write(&mut out, &FileReport::new(name, source.as_bytes(), &report)).unwrap();
    String::from_utf8(out).unwrap()
}

/// What `sdrs-lint --format short .` prints about the configuration file of a repository
/// holding `config` as `sdrs-lint.toml` and one clean request, `requests/web.json`.
fn config_output(config: &str) -> String {
    let dir = common::temp_dir("rule-docs-config");
    std::fs::create_dir_all(dir.join("requests")).unwrap();
    std::fs::write(dir.join("sdrs-lint.toml"), config).unwrap();
    std::fs::write(dir.join("requests/web.json"), CLEAN).unwrap();
    let output = common::run_in(&dir, &["--format", "short", "."], b"");
    let stdout = String::from_utf8(output.stdout).unwrap();
    stdout.lines().filter(|l| l.starts_with("sdrs-lint.toml:")).map(|l| format!("{l}\n")).collect()
}

const CLEAN: &str = r#"{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web-01"}}"#;

/// What the example prints: a request body, an HTTP file, or a configuration file.
fn example_output(linter: &Linter, info: &str, body: &str) -> String {
    match info.split(' ').next() {
        Some("toml") => config_output(body),
        Some("http") => short_output(linter, body, true),
        _ => short_output(linter, body, false),
    }
}

fn fix_name(rule: &RuleMeta) -> &'static str {
    rule.fix.map_or("none", Applicability::as_str)
}

/// Checks one page; returns its problems and, in bless mode, the page with fresh outputs.
fn check_page(rule: &RuleMeta, page: &str) -> (Vec<String>, String) {
    let mut problems = Vec::new();
    let mut problem = |p: String| problems.push(format!("rules/{}.md: {p}", rule.id));
    let mut lines = page.lines().filter(|l| !l.trim().is_empty());
    if lines.next() != Some(&format!("# {}", rule.id)) {
        problem("the first line must be `# <id>`".into());
    }
    if lines.next() != Some(rule.summary) {
        problem(format!("the first paragraph must be the summary: {:?}", rule.summary));
    }
    // The service's error codes, so that a user who met one finds the page.
    let codes: Vec<String> = rule.service_errors.iter().map(|c| format!("`{c}`")).collect();
    let prevents = (!codes.is_empty()).then(|| format!("- **Prevents:** {}", codes.join(", ")));
    for expected in [
        Some(format!("- **Default severity:** {}", rule.default_severity)),
        Some(format!("- **Fix:** {}", fix_name(rule))),
        prevents.clone(),
        Some("## What it checks".into()),
        Some("## Why".into()),
        Some("## Example".into()),
        Some("## Corrected".into()),
    ]
    .into_iter()
    .flatten()
    {
        if !page.lines().any(|l| l == expected) {
            problem(format!("missing the line `{expected}`"));
        }
    }
    if let Some(line) = page.lines().find(|l| l.starts_with("- **Prevents:**") && Some(*l) != prevents.as_deref()) {
        problem(format!("`{line}` does not name the rule's service errors {:?}", rule.service_errors));
    }
    let blocks = blocks(page);
    let (linter, inventory_problems) = page_linter(&blocks);
    for p in inventory_problems {
        problem(p);
    }
    let (mut invalid, mut valid) = (0, 0);
    let mut blessed = page.to_string();
    // Rewrite from the end so earlier ranges stay valid.
    let mut replacements = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block.info.as_str() {
            "json invalid" | "http invalid" | "toml invalid" => {
                invalid += 1;
                let output = example_output(&linter, &block.info, &block.body);
                for message in output.lines().filter_map(|l| l.split_once("]: ").map(|(_, m)| m)) {
                    // Messages start in lower case (or with a quoted name) and end without a period.
                    let starts_well = message.starts_with(|c: char| c.is_lowercase() || c == '`' || !c.is_alphabetic());
                    if !starts_well || message.ends_with('.') {
                        problem(format!("message breaks the conventions: {message:?}"));
                    }
                }
                if !output.contains(&format!("[{}]", rule.id)) {
                    problem(format!("invalid example {invalid} does not fire the rule; it prints:\n{output}"));
                }
                match blocks.get(i + 1).filter(|b| b.info == "text output") {
                    Some(expected) if expected.body != output => {
                        problem(format!(
                            "output of invalid example {invalid} differs:\n--- page\n{}--- actual\n{output}",
                            expected.body
                        ));
                        replacements.push((expected.range.clone(), output));
                    }
                    Some(_) => {}
                    None => problem(format!("invalid example {invalid} needs a `text output` block after it")),
                }
            }
            "json valid" | "http valid" | "toml valid" => {
                valid += 1;
                let output = example_output(&linter, &block.info, &block.body);
                if !output.is_empty() {
                    problem(format!("valid example {valid} is not clean:\n{output}"));
                }
            }
            "json inventory" | "text output" | "json" | "http" | "text" | "sh" | "toml" => {}
            other => problem(format!("unknown code block kind `{other}`")),
        }
    }
    if invalid == 0 || valid == 0 {
        problem(format!("needs at least one `json invalid` and one `json valid` example ({invalid}, {valid})"));
    }
    for (range, output) in replacements.into_iter().rev() {
        blessed.replace_range(range, &output);
    }
    (problems, blessed)
}

#[test]
fn every_rule_page_matches_its_rule() {
    let bless = std::env::var_os("SDRS_LINT_BLESS").is_some();
    let mut problems = Vec::new();
    for rule in sdrs_lint::rules() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules").join(format!("{}.md", rule.id));
        let page = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(page, rule.docs, "{} is compiled into the binary; rebuild", path.display());
        let (found, blessed) = check_page(rule, &page);
        if bless && blessed != page {
            std::fs::write(&path, blessed).unwrap();
        }
        problems.extend(found);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_page_belongs_to_a_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut orphans = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let id = name.trim_end_matches(".md");
        if sdrs_lint::rule(id).is_none() {
            let _ = writeln!(orphans, "rules/{name}");
        }
    }
    assert!(orphans.is_empty(), "pages without a rule:\n{orphans}");
}

/// The README's rule table as the registry says it should be.
fn readme_table() -> String {
    let mut table = String::from("| rule | severity | fix | summary |\n|---|---|---|---|\n");
    for rule in sdrs_lint::rules() {
        let fix = if rule.fix.is_some() { fix_name(rule) } else { "-" };
        let _ = writeln!(
            table,
            "| [`{0}`](rules/{0}.md) | {1} | {fix} | {2} |",
            rule.id, rule.default_severity, rule.summary
        );
    }
    table
}

#[test]
fn the_readme_lists_every_rule() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find("| rule | severity | fix | summary |").expect("the README has a rule table");
    let end = readme[start..].find("\n\n").map_or(readme.len(), |n| start + n + 1);
    let expected = readme_table();
    if std::env::var_os("SDRS_LINT_BLESS").is_some() && readme[start..end] != expected {
        std::fs::write(&path, format!("{}{expected}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    assert_eq!(readme[start..end], expected, "README.md's rule table (SDRS_LINT_BLESS=1 rewrites it)");
}
