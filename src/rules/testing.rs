//! Helpers for the case tables at the bottom of each rule file.

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::input::http;
use crate::syntax;
use crate::view::RequestView;

/// Runs `rule` alone on `view`, as the engine does, adding its diagnostics to `found`.
fn check(rule: &dyn Rule, view: &RequestView<'_, '_>, found: &mut Vec<Diagnostic>) {
    let meta = rule.meta();
    let index = super::RULES.iter().position(|r| r.meta().id == meta.id).unwrap_or(usize::MAX);
    let mut ctx = Context::new(index, meta.default_severity, found);
    rule.check(view, &mut ctx);
    if rule.visits_objects() {
        for object in view.objects() {
            rule.check_object(view, &object, &mut ctx);
        }
    }
}

/// Runs `rule` alone on `src`.
pub fn run(rule: &dyn Rule, src: &str) -> Vec<Diagnostic> {
    let parsed = syntax::parse(src.as_bytes());
    let mut found = Vec::new();
    check(rule, &RequestView::new(&parsed), &mut found);
    found.sort_by_key(Diagnostic::source_order);
    found
}

/// Runs `rule` alone on the HTTP request file `text`.
pub fn run_http(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (request, parsed) in http::bodies(text).flatten() {
        check(rule, &RequestView::new(&parsed).with_http(&request), &mut found);
    }
    found.sort_by_key(Diagnostic::source_order);
    found
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
