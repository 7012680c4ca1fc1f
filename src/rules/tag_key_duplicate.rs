use super::Context;
use crate::measure::first_seen::FirstIndex;
use crate::request::members::TagField;
use crate::text::quote;
use crate::view::{ObjectKind, RequestView};

declare_rule! {
    TagKeyDuplicate {
        id: "tag-key-duplicate",
        severity: Error,
        fix: None,
        summary: "Two tags have the same `key`.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let key_of = |i: u32| request.tag(i as usize).and_then(|tag| tag.tag_string(TagField::Key));
    let mut first = FirstIndex::expecting(request.tag_array().map_or(0, |(_, tags)| tags.len()));
    for key in request.tag_strings(TagField::Key) {
        let ObjectKind::Tag(index) = key.owner else { continue };
        let text_of = |i| key_of(i).map(|k| k.value.value());
        let Some(earlier) = first.first_or_insert(key.value.value(), index as u32, text_of).and_then(key_of) else {
            continue;
        };
        ctx.report(key.value.span(), |d| {
            d.describe(
                key.pointer(),
                format!("tag key {} is already used by an earlier tag", quote(key.value.value(), 40)),
            )
            .with_label("repeated key")
            .with_secondary(earlier.value.span(), "first used here")
            .with_help("tag keys must be unique within a request: merge the two tags or rename one");
        });
    }
}

#[cfg(test)]
mod tests {
    use super::TagKeyDuplicate;
    use crate::rules::testing::{assert_clean, labelled, run, with_tags};

    #[test]
    fn distinct_keys_pass_even_if_only_case_differs() {
        assert_clean(
            &TagKeyDuplicate,
            &[with_tags("[{\"key\": \"env\", \"value\": \"a\"}, {\"key\": \"Env\", \"value\": \"a\"}]")],
        );
    }

    #[test]
    fn later_repeats_point_to_the_first() {
        let src = with_tags(
            "[{\"key\": \"env\", \"value\": \"a\"}, {\"key\": \"env\", \"value\": \"b\"}, {\"key\": \"e\\u006ev\", \"value\": \"c\"}]",
        );
        assert_eq!(labelled(&TagKeyDuplicate, &src), ["\"env\"", "\"e\\u006ev\""]);
        let found = run(&TagKeyDuplicate, &src);
        assert_eq!(found[0].secondary[0].span, found[1].secondary[0].span);
    }
}
