use super::Context;
use crate::syntax::{JsonType, Node};
use crate::view::{ObjectView, RequestView};

declare_rule! {
    WrongType {
        id: "wrong-type",
        severity: Error,
        fix: None,
        summary: "A member's value has the wrong JSON type.",
        visits: [request, objects],
    }
}

/// The values that are not objects where objects belong: the body, the elements of `tags`.
fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    if let Some(root) = request.parsed.root().filter(|r| r.json_type() != JsonType::Object) {
        report(ctx, JsonType::Object, &root, || (String::new(), "the request body".into()));
    }
    if let Some((_, tags)) = request.tag_array() {
        for (i, item) in tags.items().enumerate() {
            if !matches!(item.json_type(), JsonType::Object | JsonType::Unknown) {
                let target = || (format!("/protected_instance/tags/{i}"), "each element of `tags`".into());
                report(ctx, JsonType::Object, &item, target);
            }
        }
    }
}

/// The documented members of an object.
fn check_object(_: &RequestView<'_, '_>, object: &ObjectView<'_>, ctx: &mut Context<'_>) {
    for (spec, member) in object.documented() {
        let Some(member) = member else { continue };
        let found = member.value().json_type();
        // An optional `null` is `null-value`'s; a required one is a wrong type.
        let optional_null = found == JsonType::Null && !spec.required;
        // A REST-client variable's type is known only when the request is sent.
        if found != spec.ty && found != JsonType::Unknown && !optional_null {
            let target = || (object.kind.member_pointer(spec.name), object.kind.subject(spec.name));
            report(ctx, spec.ty, &member.value(), target);
        }
    }
}

/// Reports `value`, which is not of type `expected`; `target` gives the JSON Pointer of the
/// value and how messages name it.
fn report(ctx: &mut Context<'_>, expected: JsonType, value: &Node<'_>, target: impl FnOnce() -> (String, String)) {
    let found = value.json_type();
    ctx.report(value.span(), |d| {
        let (pointer, subject) = target();
        let help = match (expected, found) {
            (JsonType::String, JsonType::Number | JsonType::Boolean) => {
                "write the value in double quotes: IDs and names are strings".to_string()
            }
            (_, JsonType::Null) => format!("{subject} is required; give it {}", expected.with_article()),
            (JsonType::Array, JsonType::Object) => {
                "write the tags as an array: `[{\"key\": …, \"value\": …}]`".to_string()
            }
            (JsonType::Object, _) if pointer.is_empty() => {
                "a request body is an object: `{\"protected_instance\": {…}}`".to_string()
            }
            _ => format!("give {subject} {}", expected.with_article()),
        };
        d.describe(pointer, format!("{subject} must be {}, found {}", expected.with_article(), found.with_article()))
            .with_label(found.with_article())
            .with_help(help);
    });
}

#[cfg(test)]
mod tests {
    use super::WrongType;
    use crate::rules::testing::{assert_clean, labelled, request, with_tags};

    #[test]
    fn right_types_and_optional_nulls_pass() {
        assert_clean(
            &WrongType,
            &[request("\"description\": null, \"tags\": [{\"key\": \"a\", \"value\": \"\"}]"), request("\"tags\": []")],
        );
    }

    #[test]
    fn labels_the_value() {
        assert_eq!(labelled(&WrongType, &request("\"server_id\": 42")), ["42"]);
        assert_eq!(labelled(&WrongType, &request("\"server_id\": null")), ["null"]);
        assert_eq!(labelled(&WrongType, &request("\"tags\": {\"key\": \"a\"}")), ["{\"key\": \"a\"}"]);
        assert_eq!(labelled(&WrongType, "[1]"), ["[1]"]);
        assert_eq!(labelled(&WrongType, "{\"protected_instance\": \"x\"}"), ["\"x\""]);
    }

    #[test]
    fn a_null_tag_is_a_wrong_type() {
        assert_eq!(labelled(&WrongType, &with_tags("[null]")), ["null"]);
    }

    #[test]
    fn tag_elements_and_members() {
        assert_eq!(
            labelled(&WrongType, &with_tags("[null, 3, {\"key\": true, \"value\": null}]")),
            ["null", "3", "true", "null"]
        );
    }

    #[test]
    fn checks_the_last_of_repeated_members() {
        assert_eq!(labelled(&WrongType, &request("\"name\": 1, \"name\": \"ok\"")).len(), 0);
        assert_eq!(labelled(&WrongType, &request("\"name\": \"ok\", \"name\": 1")), ["1"]);
    }
}
