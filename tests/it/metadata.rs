//! Rule metadata held against behaviour: what a rule declares about its fixes is what it does.
//! The corpus is every example of every rule page, the shipped examples and the fixture
//! repository, linted with every rule.

use std::path::Path;

use sdrs_lint::{InputKind, Linter, Report};

use crate::rule_docs::blocks;

/// Every input of the corpus, with its kind.
fn corpus() -> Vec<(String, Vec<u8>, InputKind)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    for rule in sdrs_lint::rules() {
        for block in blocks(rule.docs) {
            let kind = match block.info.split(' ').next() {
                Some("json") => InputKind::Json,
                Some("http") => InputKind::Http,
                _ => continue,
            };
            inputs.push((format!("rules/{}.md", rule.id), block.body.into_bytes(), kind));
        }
    }
    let mut dirs = vec![root.join("examples"), root.join("tests/fixtures/repo")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json" || e == "http") {
                inputs.push((path.display().to_string(), std::fs::read(&path).unwrap(), InputKind::of_path(&path)));
            }
        }
    }
    inputs
}

fn reports() -> Vec<(String, Report)> {
    let linter = Linter::new();
    corpus().into_iter().map(|(name, bytes, kind)| (name, linter.lint_input(&bytes, kind))).collect()
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
