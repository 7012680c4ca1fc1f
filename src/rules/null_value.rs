use super::Context;
use crate::view::RequestView;

declare_rule! {
    /// An optional member is `null`.
    NullValue {
        id: "null-value",
        severity: Warning,
        fix: None,
        summary: "An optional member is `null`; omit it instead.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
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
