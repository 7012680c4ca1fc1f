use super::Context;
use crate::request::members::TagField;
use crate::view::{ObjectView, RequestView};

declare_rule! {
    TagKeyEmpty {
        id: "tag-key-empty",
        severity: Error,
        fix: None,
        summary: "A tag's `key` is the empty string.",
        visits: [objects],
    }
}

fn check_object(_: &RequestView<'_, '_>, object: &ObjectView<'_>, ctx: &mut Context<'_>) {
    let Some(key) = object.tag_string(TagField::Key).filter(|k| k.value.value().is_empty()) else { return };
    ctx.report(key.value.span(), |d| {
        d.describe(key.pointer(), "tag `key` is empty")
            .with_label("empty key")
            .with_help("give the tag a key of 1 to 36 characters, or remove the tag");
    });
}

#[cfg(test)]
mod tests {
    use super::TagKeyEmpty;
    use crate::rules::testing::{assert_clean, labelled, with_tags};

    #[test]
    fn keys_and_empty_values_pass() {
        assert_clean(&TagKeyEmpty, &[with_tags("[{\"key\": \" \", \"value\": \"\"}]")]);
    }

    #[test]
    fn labels_the_empty_key() {
        assert_eq!(
            labelled(
                &TagKeyEmpty,
                &with_tags("[{\"key\": \"a\", \"value\": \"\"}, {\"key\": \"\", \"value\": \"b\"}]")
            ),
            ["\"\""]
        );
    }
}
