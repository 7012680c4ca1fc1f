//! Helpers for the case tables at the bottom of each rule file.

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::syntax;
use crate::view::RequestView;

/// Runs `rule` alone on `src`.
pub fn run(rule: &dyn Rule, src: &str) -> Vec<Diagnostic> {
    let parsed = syntax::parse(src.as_bytes());
    let view = RequestView::new(&parsed);
    let mut sink = super::Sink::new(usize::MAX);
    let meta = rule.meta();
    rule.check(&view, &mut Context::new(meta.id, meta.default_severity, &mut sink));
    crate::linter::sort(&mut sink.diagnostics);
    sink.diagnostics
}

/// Runs `rule` alone on the HTTP request file `text`.
pub fn run_http(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    let mut linter = crate::Linter::new();
    for other in super::RULES.iter().filter(|r| r.meta().id != rule.meta().id) {
        let _ = linter.set_severity(other.meta().id, None);
    }
    linter.lint_http(text.as_bytes()).0.into_diagnostics()
}

/// The source text under each primary label `rule` reports on `src`.
pub fn labelled(rule: &dyn Rule, src: &str) -> Vec<String> {
    run(rule, src).iter().map(|d| src.get(d.primary.span.range()).unwrap_or("<bad span>").to_string()).collect()
}

/// Asserts that `rule` reports nothing on any of `sources`.
pub fn assert_clean(rule: &dyn Rule, sources: &[String]) {
    for src in sources {
        let found = run(rule, src);
        assert!(found.is_empty(), "{} fired on {src}:\n{found:#?}", rule.meta().id);
    }
}

/// A request holding `members` in `protected_instance`, plus valid required members it lacks.
pub fn request(members: &str) -> String {
    let mut all = Vec::new();
    for (name, value) in [
        ("server_group_id", "\"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\""),
        ("server_id", "\"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\""),
        ("name", "\"web-01\""),
    ] {
        if !members.contains(&format!("\"{name}\"")) {
            all.push(format!("\"{name}\": {value}"));
        }
    }
    if !members.trim().is_empty() {
        all.push(members.to_string());
    }
    format!("{{\"protected_instance\": {{{}}}}}", all.join(", "))
}

/// A request whose `tags` member is `tags`.
pub fn with_tags(tags: &str) -> String {
    request(&format!("\"tags\": {tags}"))
}
