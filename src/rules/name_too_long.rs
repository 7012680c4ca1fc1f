use super::Context;
use super::too_long;
use crate::measure::length::{Limit, Unit};
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    NameTooLong {
        id: "name-too-long",
        severity: Error,
        fix: None,
        summary: "`name` exceeds 64 UTF-8 bytes.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    if let Some(name) = request.string(Field::Name) {
        too_long::report(ctx, &name, Limit { max: 64, unit: Unit::Bytes });
    }
}

#[cfg(test)]
mod tests {
    use super::NameTooLong;
    use crate::rules::testing::{assert_clean, labelled, request, run};

    fn named(name: &str) -> String {
        request(&format!("\"name\": \"{name}\""))
    }

    #[test]
    fn up_to_64_bytes_passes() {
        assert_clean(
            &NameTooLong,
            &[named(&"a".repeat(64)), named(&"文".repeat(21)), named(&format!("{}a", "文".repeat(21)))],
        );
    }

    #[test]
    fn counts_bytes_not_characters() {
        assert_eq!(labelled(&NameTooLong, &named(&"文".repeat(22))), ["文"]);
        assert_eq!(labelled(&NameTooLong, &named(&"a".repeat(65))), ["a"]);
        let found = run(&NameTooLong, &named(&"文".repeat(22)));
        assert_eq!(found[0].message, "`name` is 66 bytes long (22 characters); the limit is 64 bytes");
    }

    #[test]
    fn a_straddling_character_does_not_fit() {
        // 63 ASCII bytes then a 3-byte character: bytes 64..66 straddle the limit.
        assert_eq!(labelled(&NameTooLong, &named(&format!("{}文b", "a".repeat(63)))), ["文b"]);
    }

    #[test]
    fn label_covers_escapes_whole() {
        let src = named(&format!("{}\\u6587", "a".repeat(62)));
        assert_eq!(labelled(&NameTooLong, &src), ["\\u6587"]);
    }

    #[test]
    fn mentions_what_a_reader_sees() {
        let found = run(&NameTooLong, &named(&"e\u{301}".repeat(33)));
        assert!(found[0].message.contains("a reader sees 33 characters"), "{}", found[0].message);
    }
}
