use super::{Context, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::view::RequestView;

/// An optional member is `null`.
pub struct NullValue;

static META: RuleMeta = RuleMeta {
    id: "null-value",
    default_severity: Severity::Warning,
    summary: "An optional member is `null`; omit it instead.",
    fix: None,
    docs: include_str!("../../rules/null-value.md"),
};

impl Rule for NullValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
        for object in request.objects() {
            for spec in object.kind.spec().iter().filter(|s| !s.required) {
                let Some(member) = object.get(spec.name).filter(|m| m.value.is_null()) else { continue };
                let subject = object.kind.subject(spec.name);
                ctx.report(object.kind.member_pointer(spec.name), member.value.span, format!("{subject} is `null`"))
                    .with_label("`null`")
                    .with_help(format!(
                        "leave {subject} out instead: the reference documents it as optional, not as nullable"
                    ));
            }
        }
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
    fn labels_each_null() {
        assert_eq!(labelled(&NullValue, &request("\"tenancy\": null, \"tags\": null")), ["null", "null"]);
    }
}
