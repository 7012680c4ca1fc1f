use super::Context;
use super::too_long;
use crate::measure::length::{Limit, Unit};
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    DescriptionTooLong {
        id: "description-too-long",
        severity: Error,
        fix: None,
        summary: "`description` exceeds 64 UTF-8 bytes.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    if let Some(description) = request.string(Field::Description) {
        too_long::report(ctx, &description, Limit { max: 64, unit: Unit::Bytes });
    }
}

#[cfg(test)]
mod tests {
    use super::DescriptionTooLong;
    use crate::rules::testing::{assert_clean, labelled, request};

    fn described(text: &str) -> String {
        request(&format!("\"description\": \"{text}\""))
    }

    #[test]
    fn up_to_64_bytes_passes() {
        assert_clean(&DescriptionTooLong, &[described(""), described(&"x".repeat(64)), described(&"描".repeat(21))]);
    }

    #[test]
    fn labels_what_does_not_fit() {
        assert_eq!(labelled(&DescriptionTooLong, &described(&"描".repeat(23))), ["描描"]);
        assert_eq!(labelled(&DescriptionTooLong, &described(&format!("{}\\n", "x".repeat(64)))), ["\\n"]);
    }
}
