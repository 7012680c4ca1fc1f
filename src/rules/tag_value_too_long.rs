use super::{Context, Rule, RuleMeta};
use crate::checks::length::{self, Limit, Unit};
use crate::diagnostic::Severity;
use crate::view::RequestView;

/// A tag's `value` is longer than 43 characters.
pub struct TagValueTooLong;

static META: RuleMeta = RuleMeta {
    id: "tag-value-too-long",
    default_severity: Severity::Error,
    summary: "A tag's `value` exceeds 43 Unicode characters.",
    fix: None,
    docs: include_str!("../../rules/tag-value-too-long.md"),
};

impl Rule for TagValueTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
        for value in request.tags.iter().filter_map(|t| t.string("value")) {
            length::check(ctx, &value, Limit { max: 43, unit: Unit::Chars });
        }
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
