use super::{Context, Rule, RuleMeta};
use crate::checks::matching_chars;
use crate::describe::describe_char;
use crate::diagnostic::Severity;
use crate::schema::Field;
use crate::view::RequestView;

/// `description` contains `<` or `>`.
pub struct DescriptionInvalidChar;

static META: RuleMeta = RuleMeta {
    id: "description-invalid-char",
    default_severity: Severity::Error,
    summary: "`description` contains `<` or `>`.",
    fix: None,
    docs: include_str!("../../rules/description-invalid-char.md"),
};

impl Rule for DescriptionInvalidChar {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
        let Some(description) = request.string(Field::Description) else { return };
        for (c, span) in matching_chars(description.value, |c| c == '<' || c == '>') {
            ctx.report(
                description.pointer(),
                span,
                format!("`description` contains {}, which is not allowed", describe_char(c)),
            )
            .with_label("not allowed")
            .with_help("the reference forbids `<` and `>` in a description; remove them or use words");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DescriptionInvalidChar;
    use crate::rules::testing::{assert_clean, labelled, request};

    #[test]
    fn other_punctuation_passes() {
        assert_clean(&DescriptionInvalidChar, &[request("\"description\": \"a & b = c / d; ＜ok＞ «x»\"")]);
    }

    #[test]
    fn one_diagnostic_per_bracket_at_its_source() {
        let src = request("\"description\": \"<b>\\u003c\\u003E\"");
        assert_eq!(labelled(&DescriptionInvalidChar, &src), ["<", ">", "\\u003c", "\\u003E"]);
    }
}
