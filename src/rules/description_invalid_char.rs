use super::Context;
use crate::measure::matching_ascii;
use crate::request::members::Field;
use crate::syntax::AsciiSet;
use crate::text::describe_char;
use crate::view::RequestView;

declare_rule! {
    DescriptionInvalidChar {
        id: "description-invalid-char",
        severity: Error,
        fix: None,
        summary: "`description` contains `<` or `>`.",
    }
}

const ANGLE_BRACKETS: AsciiSet = AsciiSet::of(b"<>");

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(description) = request.text(Field::Description) else { return };
    if !description.value.bytes().any_ascii(ANGLE_BRACKETS) {
        return;
    }
    for (c, span) in matching_ascii(&description.value, &ANGLE_BRACKETS) {
        ctx.report(span, |d| {
            d.describe(
                description.pointer(),
                format!("`description` contains {}, which is not allowed", describe_char(c)),
            )
            .with_label("not allowed")
            .with_help("the reference forbids `<` and `>` in a description; remove them or use words");
        });
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
