//! Rule metadata held against behaviour: what a rule declares about its fixes is what it does.
//! The corpus is every example of every rule page (checked against the inventory the page's
//! `json inventory` blocks make, as `rule_docs` does), the shipped examples and the fixture
//! repository, linted with every rule.

use std::path::Path;

use sdrs_lint::{InputKind, Linter, Report};

use crate::rule_docs::{blocks, page_linter};

/// The kind of input a page's code block is, when it is a request (not an inventory response).
fn request_kind(info: &str) -> Option<InputKind> {
    if info == "json inventory" {
        return None;
    }
    match info.split(' ').next() {
        Some("json") => Some(InputKind::Json),
        Some("http") => Some(InputKind::Http),
        _ => None,
    }
}

/// Every input of the corpus, linted.
fn reports() -> Vec<(String, Report)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut reports = Vec::new();
    for rule in sdrs_lint::rules() {
        let blocks = blocks(rule.docs);
        // A page whose inventory does not load is `rule_docs`' to report.
        let (linter, _) = page_linter(&blocks);
        for block in &blocks {
            let Some(kind) = request_kind(&block.info) else { continue };
            reports.push((format!("rules/{}.md", rule.id), linter.lint_input(block.body.as_bytes(), kind)));
        }
    }
    let linter = Linter::new();
    let mut dirs = vec![root.join("examples"), root.join("tests/fixtures/repo")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json" || e == "http") {
                let report = linter.lint_input(&std::fs::read(&path).unwrap(), InputKind::of_path(&path));
                reports.push((path.display().to_string(), report));
            }
        }
    }
    reports
}

#[test]
fn no_rule_offers_a_fix_beyond_what_it_declares() {
    for (name, report) in reports() {
        for d in report.diagnostics() {
            let declared = sdrs_lint::rule(d.rule).unwrap().fix;
            let offered = d.fix.as_ref().map(|f| f.applicability);
            match (declared, offered) {
                (None, Some(_)) => panic!("{name}: {} declares no fix but offers one: {d:?}", d.rule),
                (Some(max), Some(applicability)) => {
                    assert!(applicability <= max, "{name}: {} offers a {applicability:?} fix, declares {max:?}", d.rule)
                }
                _ => {}
            }
        }
    }
}

#[test]
fn every_declared_fix_is_offered_somewhere() {
    let reports = reports();
    for rule in sdrs_lint::rules() {
        let Some(declared) = rule.fix else { continue };
        let offered = reports
            .iter()
            .flat_map(|(_, r)| r.diagnostics())
            .filter(|d| d.rule == rule.id)
            .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability == declared));
        assert!(offered, "{} declares {declared:?} fixes, but no example gets one", rule.id);
    }
}
