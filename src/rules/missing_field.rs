use super::Context;
use crate::request::members;
use crate::span::Span;
use crate::view::{ObjectKind, ObjectView, RequestView};

declare_rule! {
    MissingField {
        id: "missing-field",
        severity: Error,
        fix: None,
        summary: "A required member is absent.",
        visits: [objects],
    }
}

fn check_object(_: &RequestView<'_, '_>, object: &ObjectView<'_>, ctx: &mut Context<'_>) {
    // An object cut short by a syntax error may hold its members after the error.
    if !object.object.closed {
        return;
    }
    for (spec, _) in object.documented().filter(|(spec, member)| spec.required && member.is_none()) {
        let brace = Span::new(object.node.span().start, object.node.span().start + 1);
        ctx.report(brace, |d| {
            let wrapped_inner = object.kind == ObjectKind::Root
                && object.object.members().any(|m| members::find(members::INSTANCE, m.key().value()).is_some());
            let help = if wrapped_inner {
                "these members belong inside `protected_instance`: send `{\"protected_instance\": {…}}`".to_string()
            } else {
                format!("add `\"{}\"`: {}", spec.name, spec.meaning)
            };
            d.describe(
                object.kind.member_pointer(spec.name),
                format!("{} lacks the required member `{}`", object.kind.describe(), spec.name),
            )
            .with_label(format!("no `{}` in this object", spec.name))
            .with_help(help);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::MissingField;
    use crate::rules::testing::{assert_clean, labelled, run, with_tags};

    #[test]
    fn complete_requests_pass() {
        assert_clean(&MissingField, &[with_tags("[{\"key\": \"k\", \"value\": \"\"}]"), "[]".into(), "{\"a\":".into()]);
    }

    #[test]
    fn labels_the_opening_brace_once_per_member() {
        let src = "{\"protected_instance\": {\"name\": \"x\"}}";
        assert_eq!(labelled(&MissingField, src), ["{", "{"]);
        let found = run(&MissingField, src);
        assert_eq!(found[0].primary.span.start, 23);
        assert_eq!(found[0].pointer, "/protected_instance/server_group_id");
        assert_eq!(found[1].pointer, "/protected_instance/server_id");
    }

    #[test]
    fn root_and_tags() {
        assert_eq!(labelled(&MissingField, "{}"), ["{"]);
        let found = run(&MissingField, &with_tags("[{\"key\": \"k\"}, {}]"));
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["/protected_instance/tags/0/value", "/protected_instance/tags/1/key", "/protected_instance/tags/1/value"]
        );
    }

    #[test]
    fn suggests_wrapping_an_unwrapped_instance() {
        let found = run(&MissingField, "{\"server_id\": \"x\"}");
        assert!(found[0].help.as_deref().unwrap_or_default().contains("inside `protected_instance`"));
    }
}
