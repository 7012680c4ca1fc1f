use super::Context;
use crate::request::members::TagField;
use crate::view::RequestView;

declare_rule! {
    TagKeyEmpty {
        id: "tag-key-empty",
        severity: Error,
        fix: None,
        summary: "A tag's `key` is the empty string.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    for key in request.tag_strings(TagField::Key).filter(|k| k.value.value().is_empty()) {
        ctx.report(key.value.span(), |d| {
            d.describe(key.pointer(), "tag `key` is empty")
                .with_label("empty key")
                .with_help("give the tag a key of 1 to 36 characters, or remove the tag");
        });
    }
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
