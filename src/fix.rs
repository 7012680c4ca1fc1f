//! Applying the fixes diagnostics carry: choose non-overlapping fixes of the allowed
//! applicability, apply their edits, lint again, and repeat until nothing more applies.
//!
//! Every pass is checked: a pass that would make valid JSON invalid is discarded, so a fixed
//! file is never worse than the original. Edits are local (a token, a member), so the file's
//! indentation and line endings stay as they were.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::engine::{InputKind, Linter, Report};

/// Passes before giving up on convergence; real files settle in one or two.
const MAX_PASSES: usize = 10;

/// The result of fixing an input.
#[derive(Clone, Debug)]
pub struct Fixed {
    /// The fixed bytes (the input itself when nothing applied).
    pub text: Vec<u8>,
    /// The rule id of every fix applied, in the order applied.
    pub applied: Vec<&'static str>,
    /// What remains: the report of linting the fixed bytes.
    pub report: Report,
}

impl Linter {
    /// Applies every fix up to `allow` (`Safe`, or `Unsafe` for both) until none applies; a
    /// pass that would turn valid JSON invalid is discarded.
    pub fn fix(&self, bytes: &[u8], kind: InputKind, allow: Applicability) -> Fixed {
        fix_with(bytes, allow, |text| self.lint_input_built(text, kind))
    }
}

/// Applies every fix up to `allow` (`Safe`, or `Unsafe` for both) until none applies, with
/// `lint` between passes ([`crate::Linter::fix`], or a lint that drops suppressed diagnostics,
/// whose fixes must not be applied).
pub fn fix_with(input: &[u8], allow: Applicability, lint: impl Fn(&[u8]) -> Report) -> Fixed {
    let mut text = input.to_vec();
    let mut report = lint(&text);
    let mut applied = Vec::new();
    for _ in 0..MAX_PASSES {
        let Some((next, rules)) = apply(&text, report.diagnostics(), allow) else { break };
        let next_report = lint(&next);
        if broke_syntax(&report, &next_report) {
            break;
        }
        text = next;
        report = next_report;
        applied.extend(rules);
    }
    Fixed { text, applied, report }
}

fn is_syntax_error(d: &Diagnostic) -> bool {
    d.rule == "invalid-json"
}

/// Whether a pass turned valid JSON invalid.
fn broke_syntax(before: &Report, after: &Report) -> bool {
    !before.diagnostics().iter().any(is_syntax_error) && after.diagnostics().iter().any(is_syntax_error)
}

/// One pass: the fixes of `diagnostics` allowed by `allow`, in source order, skipping any that
/// overlaps one already taken; `None` when none applies.
pub fn apply(text: &[u8], diagnostics: &[Diagnostic], allow: Applicability) -> Option<(Vec<u8>, Vec<&'static str>)> {
    let mut fixes: Vec<(&'static str, &[Edit])> = diagnostics
        .iter()
        .filter_map(|d| {
            d.fix.as_ref().filter(|f| f.applicability <= allow && !f.edits.is_empty()).map(|f| (d.rule, &f.edits[..]))
        })
        .collect();
    fixes.sort_by_key(|(_, edits)| edits.iter().map(|e| e.span.start).min());
    let mut taken: Vec<&Edit> = Vec::new();
    let mut rules = Vec::new();
    for (rule, edits) in fixes {
        let in_bounds = edits.iter().all(|e| e.span.start <= e.span.end && e.span.end <= text.len());
        if in_bounds && edits.iter().all(|e| taken.iter().all(|t| !overlaps(e, t))) {
            taken.extend(edits);
            rules.push(rule);
        }
    }
    if taken.is_empty() {
        return None;
    }
    taken.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_vec();
    for edit in taken {
        out.splice(edit.span.range(), edit.replacement.bytes());
    }
    Some((out, rules))
}

/// Edits overlap when their ranges share a byte, or when both insert at one point (their
/// order would be arbitrary), or when one inserts strictly inside the other's range.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    if a.is_empty() && b.is_empty() {
        return a.start == b.start;
    }
    if a.is_empty() {
        return b.start < a.start && a.start < b.end;
    }
    if b.is_empty() {
        return a.start < b.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn edit(start: usize, end: usize, text: &str) -> Edit {
        Edit { span: Span::new(start, end), replacement: text.into() }
    }

    #[test]
    fn overlap_rules() {
        assert!(overlaps(&edit(0, 3, ""), &edit(2, 4, "")));
        assert!(!overlaps(&edit(0, 2, ""), &edit(2, 4, "")), "adjacent ranges do not overlap");
        assert!(overlaps(&edit(2, 2, "a"), &edit(2, 2, "b")), "two insertions at one point");
        assert!(!overlaps(&edit(2, 2, "a"), &edit(0, 2, "")), "an insertion at a range's end");
        assert!(overlaps(&edit(1, 1, "a"), &edit(0, 2, "")));
    }

    #[test]
    fn safe_fixes_only_unless_unsafe_is_allowed() {
        let text = "\u{feff}{\"protected_instance\": {\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"ｗｅｂ\", \"tenancy\": \"Shared\"}}";
        let safe = crate::Linter::new().fix(text.as_bytes(), crate::InputKind::Json, Applicability::Safe);
        assert_eq!(safe.applied, ["byte-order-mark", "tenancy-invalid"]);
        let remaining: Vec<&str> = safe.report.diagnostics().iter().map(|d| d.rule).collect();
        assert_eq!(remaining, ["name-invalid-char"]);
        let all = crate::Linter::new().fix(text.as_bytes(), crate::InputKind::Json, Applicability::Unsafe);
        assert!(all.report.is_clean(), "{:?}", all.report);
        assert_eq!(
            String::from_utf8_lossy(&all.text),
            text.trim_start_matches('\u{feff}').replace("ｗｅｂ", "web").replace("Shared", "shared")
        );
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        // Two diagnostics whose fixes edit the same bytes: only the first is applied per pass.
        let d = |rule: &'static str, text: &str| {
            let mut d = Diagnostic::new(rule, crate::Severity::Error, String::new(), Span::new(0, 3), String::new());
            d.with_fix(crate::Fix::replace("x", Applicability::Safe, Span::new(0, 3), text));
            d
        };
        let (out, rules) = apply(b"abcdef", &[d("one", "X"), d("two", "Y")], Applicability::Safe).unwrap_or_default();
        assert_eq!((out.as_slice(), rules.as_slice()), (&b"Xdef"[..], &["one"][..]));
    }

    #[test]
    fn a_pass_that_breaks_the_syntax_is_discarded() {
        let text = r#"{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "a"}}"#;
        // A lint whose only finding offers a fix that turns the body into invalid JSON.
        let lint = |bytes: &[u8]| {
            let mut found = crate::lint_bytes(bytes).into_diagnostics();
            if found.is_empty() {
                let mut bad = Diagnostic::new("x", crate::Severity::Error, String::new(), Span::new(0, 1), "x".into());
                bad.with_fix(crate::Fix::replace("break", Applicability::Safe, Span::new(0, 1), "["));
                found.push(bad);
            }
            Report::from_diagnostics(found)
        };
        let fixed = fix_with(text.as_bytes(), Applicability::Safe, lint);
        assert_eq!(fixed.text, text.as_bytes(), "the breaking pass is not applied");
        assert!(fixed.applied.is_empty());
        assert_eq!(fixed.report.diagnostics().len(), 1, "what remains is the report of the unchanged text");
    }
}
