use super::Context;
use crate::diagnostic::{Applicability, Fix};
use crate::view::{ObjectView, RequestView};

declare_rule! {
    NullValue {
        id: "null-value",
        severity: Warning,
        fix: Some(Applicability::Unsafe),
        summary: "An optional member is `null`; omit it instead.",
        visits: [objects],
    }
}

fn check_object(_: &RequestView<'_, '_>, object: &ObjectView<'_>, ctx: &mut Context<'_>) {
    for (spec, member) in object.documented() {
        let Some(member) = member.filter(|m| !spec.required && m.value().is_null()) else { continue };
        ctx.report(member.value().span(), |d| {
            let subject = object.kind.subject(spec.name);
            d.describe(object.kind.member_pointer(spec.name), format!("{subject} is `null`"))
                .with_label("`null`")
                .with_help(format!(
                    "leave {subject} out instead: the reference documents it as optional, not as nullable"
                ));
            // Unsafe: whether the service treats `null` like an absent member is not documented.
            if let Some(span) = object.object.removal_span(spec.name) {
                d.with_fix(Fix::replace(format!("remove `{}`", spec.name), Applicability::Unsafe, span, ""));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::NullValue;
    use crate::rules::testing::{assert_clean, labelled, request};

    #[test]
    fn absent_or_set_passes() {
        assert_clean(&NullValue, &[request(""), request("\"description\": \"d\""), request("\"server_id\": null")]);
    }

    #[test]
    fn the_fix_removes_the_member_and_one_comma() {
        let fixed = |src: &str| {
            let report = crate::Linter::new().lint(src);
            let (text, _) = crate::fix::apply(src.as_bytes(), report.diagnostics(), crate::Applicability::Unsafe)
                .unwrap_or_default();
            String::from_utf8(text).unwrap_or_default()
        };
        let pretty = "{\n  \"protected_instance\": {\n    \"description\": null,\n    \"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\",\n    \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\n    \"name\": \"web\",\n    \"tags\": null\n  }\n}\n";
        assert_eq!(
            fixed(pretty),
            "{\n  \"protected_instance\": {\n    \"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\",\n    \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\n    \"name\": \"web\"\n  }\n}\n"
        );
    }

    #[test]
    fn labels_each_null() {
        assert_eq!(labelled(&NullValue, &request("\"tenancy\": null, \"tags\": null")), ["null", "null"]);
    }
}
