use super::Context;
use super::too_long;
use crate::measure::length::{Limit, Unit};
use crate::request::members::TagField;
use crate::view::{ObjectView, RequestView};

declare_rule! {
    TagValueTooLong {
        id: "tag-value-too-long",
        severity: Error,
        fix: None,
        summary: "A tag's `value` exceeds 43 Unicode characters.",
        visits: [objects],
    }
}

fn check_object(_: &RequestView<'_, '_>, object: &ObjectView<'_>, ctx: &mut Context<'_>) {
    if let Some(value) = object.tag_string(TagField::Value) {
        too_long::report(ctx, &value, Limit { max: 43, unit: Unit::Chars });
    }
}

#[cfg(test)]
mod tests {
    use super::TagValueTooLong;
    use crate::rules::testing::{assert_clean, labelled, with_tags};

    fn value(v: &str) -> String {
        with_tags(&format!("[{{\"key\": \"k\", \"value\": \"{v}\"}}]"))
    }

    #[test]
    fn up_to_43_characters_passes() {
        assert_clean(&TagValueTooLong, &[value(""), value(&"v".repeat(43)), value(&"值".repeat(43))]);
    }

    #[test]
    fn labels_the_characters_beyond_43() {
        assert_eq!(labelled(&TagValueTooLong, &value(&"值".repeat(45))), ["值值"]);
    }
}
