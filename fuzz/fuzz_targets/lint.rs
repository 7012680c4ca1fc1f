//! The whole lint, as JSON and as an HTTP file, and the fix engine: no panic, diagnostics in
//! source order with spans inside the input, the diagnostics built on demand agree with the
//! findings counted by the lint, fixing never breaks valid JSON and converges.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdrs_lint::{Applicability, InputKind, Linter, Report, Severity};

fn check(report: &Report, len: usize) {
    // Counted from the findings before the diagnostics are built, then compared with them.
    let counted = (report.count(Severity::Error), report.count(Severity::Warning), report.is_clean());
    let errors = report.diagnostics().iter().filter(|d| d.severity == Severity::Error).count();
    let found = report.diagnostics().len() + report.omitted();
    assert_eq!(counted.0 + counted.1, found, "the replay found other diagnostics than the lint counted");
    assert!(errors <= counted.0 && counted.2 == (found == 0));
    let mut last = 0;
    for d in report.diagnostics() {
        assert!(d.primary.span.start >= last);
        last = d.primary.span.start;
        for label in d.labels() {
            assert!(label.span.start <= label.span.end && label.span.end <= len, "{d:?}");
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(edit.span.end <= len, "{d:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let linter = Linter::new();
    let report = linter.lint_bytes(data);
    check(&report, data.len());
    let http = linter.lint_input(data, InputKind::Http);
    check(&http, data.len());
    let valid = !report.diagnostics().iter().any(|d| d.rule == "invalid-json");
    let fixed = linter.fix(data, InputKind::Json, Applicability::Unsafe);
    if valid {
        assert!(!fixed.report.diagnostics().iter().any(|d| d.rule == "invalid-json"), "a fix broke the JSON");
    }
    let _ = linter.fix(data, InputKind::Http, Applicability::Unsafe);
});
