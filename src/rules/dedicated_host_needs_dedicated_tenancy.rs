use super::Context;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::request::members::{Field, Tenancy};
use crate::span::Span;
use crate::syntax::{Member, NodeKind};
use crate::view::RequestView;

declare_rule! {
    DedicatedHostNeedsDedicatedTenancy {
        id: "dedicated-host-needs-dedicated-tenancy",
        severity: Warning,
        fix: Some(Applicability::Unsafe),
        summary: "`dedicated_host_id` is set while `tenancy` is absent or `shared`, so the host is ignored.",
    }
}

/// How to fix it.
const HELP: &str =
    "set `\"tenancy\": \"dedicated\"` to create the DR-site server on this host, or remove `dedicated_host_id`";

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(host) = request.field(Field::DedicatedHostId).filter(|m| !m.value().is_null()) else { return };
    let tenancy = request.field(Field::Tenancy);
    let why = match tenancy.map(|t| t.value().kind()) {
        None => "`tenancy` is absent",
        Some(NodeKind::Null) => "`tenancy` is `null`",
        Some(NodeKind::String(s)) if s.value() == Tenancy::Shared.as_str() => "`tenancy` is `shared`",
        // Any other value is `tenancy-invalid`'s to report.
        Some(_) => return,
    };
    ctx.report(host.key().span(), |d| {
        let fix = match tenancy {
            Some(t) => Edit { span: t.value().span(), replacement: "\"dedicated\"".into() },
            None => insert_after(request.parsed.text, &host),
        };
        d.describe(Field::DedicatedHostId.pointer(), format!("`dedicated_host_id` is ignored because {why}"))
            .with_label("takes effect only with `\"tenancy\": \"dedicated\"`")
            .with_help(HELP)
            .with_fix(Fix {
                title: "set `\"tenancy\": \"dedicated\"`".into(),
                applicability: Applicability::Unsafe,
                edits: vec![fix],
            });
        if let Some(t) = tenancy {
            d.with_secondary(t.value().span(), "set here");
        }
    });
}

/// Inserts `"tenancy": "dedicated"` after `host`, on a line of its own when `host` has one.
fn insert_after(text: &str, host: &Member<'_>) -> Edit {
    let key_start = host.key().span().start;
    let line_start = text.get(..key_start).and_then(|t| t.rfind(['\n', '\r'])).map_or(0, |i| i + 1);
    let indent = text.get(line_start..key_start).unwrap_or_default();
    let separator = if indent.chars().all(|c| c == ' ' || c == '\t') && line_start > 0 {
        let newline = if text.get(..line_start).is_some_and(|t| t.ends_with("\r\n")) { "\r\n" } else { "\n" };
        format!("{newline}{indent}")
    } else {
        " ".to_string()
    };
    Edit { span: Span::empty(host.value().span().end), replacement: format!(",{separator}\"tenancy\": \"dedicated\"") }
}

#[cfg(test)]
mod tests {
    use super::DedicatedHostNeedsDedicatedTenancy as Rule;
    use crate::rules::testing::{assert_clean, labelled, request, run};

    const HOST: &str = "\"dedicated_host_id\": \"7d1e4c2a-3b5f-4e6d-8a9c-0b1f2e3d4c5a\"";

    #[test]
    fn dedicated_tenancy_or_no_host_passes() {
        assert_clean(
            &Rule,
            &[
                request(&format!("{HOST}, \"tenancy\": \"dedicated\"")),
                request("\"tenancy\": \"shared\""),
                request("\"dedicated_host_id\": null"),
                request(&format!("{HOST}, \"tenancy\": \"Dedicated\"")),
            ],
        );
    }

    #[test]
    fn labels_the_host_key() {
        for tenancy in ["", ", \"tenancy\": null", ", \"tenancy\": \"shared\""] {
            assert_eq!(labelled(&Rule, &request(&format!("{HOST}{tenancy}"))), ["\"dedicated_host_id\""]);
        }
        let found = run(&Rule, &request(&format!("\"tenancy\": \"shared\", {HOST}")));
        assert_eq!(found[0].secondary.len(), 1);
    }

    #[test]
    fn a_host_is_set_whatever_its_type_or_value() {
        for host in ["\"\"", "\" \"", "42", "{}", "\"x\""] {
            let src = request(&format!("\"dedicated_host_id\": {host}"));
            assert_eq!(labelled(&Rule, &src), ["\"dedicated_host_id\""], "{host}");
        }
    }

    #[test]
    fn any_other_tenancy_is_left_to_tenancy_invalid_or_wrong_type() {
        let others = ["\"Shared\"", "\"\"", "\"shared \"", "1", "true", "[\"shared\"]", "{}"];
        let sources: Vec<String> = others.iter().map(|t| request(&format!("{HOST}, \"tenancy\": {t}"))).collect();
        assert_clean(&Rule, &sources);
        // "exactly `shared`" is the decoded value.
        assert_eq!(run(&Rule, &request(&format!("{HOST}, \"tenancy\": \"sh\\u0061red\""))).len(), 1);
    }

    #[test]
    fn fix_inserts_on_its_own_line_keeping_indentation_and_line_endings() {
        let src = format!("{{\r\n  \"protected_instance\": {{\r\n    {HOST}\r\n  }}\r\n}}");
        let found = run(&Rule, &src);
        let edit = &found[0].fix.as_ref().map(|f| f.edits[0].clone());
        assert_eq!(edit.as_ref().map(|e| e.replacement.as_str()), Some(",\r\n    \"tenancy\": \"dedicated\""));
        let compact = run(&Rule, &request(HOST));
        assert_eq!(
            compact[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()),
            Some(", \"tenancy\": \"dedicated\"")
        );
    }
}
