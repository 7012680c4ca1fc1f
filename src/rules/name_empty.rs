use super::Context;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    NameEmpty {
        id: "name-empty",
        severity: Error,
        fix: None,
        summary: "`name` is the empty string.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(name) = request.string(Field::Name).filter(|s| s.value.value().is_empty()) else { return };
    ctx.report(name.value.span(), |d| {
        d.describe(name.pointer(), "`name` is empty").with_label("empty name").with_help(
            "name the protected instance: up to 64 bytes of Chinese characters, letters, digits, `.`, `_` and `-`",
        );
    });
}

#[cfg(test)]
mod tests {
    use super::NameEmpty;
    use crate::rules::testing::{assert_clean, labelled, request};

    #[test]
    fn any_character_passes() {
        assert_clean(&NameEmpty, &[request("\"name\": \"a\""), request("\"name\": \" \""), request("\"name\": 1")]);
    }

    #[test]
    fn labels_the_empty_string() {
        assert_eq!(labelled(&NameEmpty, &request("\"name\": \"\"")), ["\"\""]);
    }
}
