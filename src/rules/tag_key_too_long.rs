use super::Context;
use super::too_long;
use crate::measure::length::{Limit, Unit};
use crate::request::members::TagField;
use crate::view::{ObjectView, RequestView};

declare_rule! {
    TagKeyTooLong {
        id: "tag-key-too-long",
        severity: Error,
        fix: None,
        summary: "A tag's `key` exceeds 36 Unicode characters.",
        visits: [objects],
    }
}

fn check_object(_: &RequestView<'_, '_>, object: &ObjectView<'_>, ctx: &mut Context<'_>) {
    if let Some(key) = object.tag_string(TagField::Key) {
        too_long::report(ctx, &key, Limit { max: 36, unit: Unit::Chars });
    }
}

#[cfg(test)]
mod tests {
    use super::TagKeyTooLong;
    use crate::rules::testing::{assert_clean, labelled, run, with_tags};

    fn key(k: &str) -> String {
        with_tags(&format!("[{{\"key\": \"{k}\", \"value\": \"v\"}}]"))
    }

    #[test]
    fn up_to_36_characters_passes() {
        assert_clean(&TagKeyTooLong, &[key(&"k".repeat(36)), key(&"键".repeat(36)), key(&"😀".repeat(36))]);
    }

    #[test]
    fn counts_characters() {
        assert_eq!(labelled(&TagKeyTooLong, &key(&"键".repeat(37))), ["键"]);
        assert_eq!(labelled(&TagKeyTooLong, &key(&format!("{}\\ud83d\\ude00x", "k".repeat(36)))), ["\\ud83d\\ude00x"]);
    }

    #[test]
    fn names_both_counts_when_a_reader_sees_fewer() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let found = run(&TagKeyTooLong, &key(&family.repeat(8)));
        assert_eq!(
            found[0].message,
            "tag `key` is 40 characters long; a reader sees 8 characters, as combining marks and emoji sequences count as several characters; the limit is 36 characters"
        );
    }
}
