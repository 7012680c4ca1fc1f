//! The whole lint, as JSON and as an HTTP file, and the fix engine: no panic, diagnostics in
//! source order with spans inside the input, fixing never breaks valid JSON and converges.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdrs_lint::{Applicability, InputKind, Linter, Report};

fn check(report: &Report, len: usize) {
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
