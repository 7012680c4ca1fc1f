use super::Context;
use crate::measure::first_seen::repeats;
use crate::request::members::TagField;
use crate::text::quote;
use crate::view::RequestView;

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
    let keys = request.tag_keys().map(|(index, key)| (index, key.value()));
    for (item, first) in repeats(keys, |i| key_of(i).map(|k| k.value.value())) {
        let (Some(key), Some(earlier)) = (key_of(item), key_of(first)) else { continue };
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

    #[test]
    fn many_tags_report_each_repeat_in_order_pointing_to_the_first() {
        let mut keys: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        keys[2] = "k0".into();
        keys[30] = "k1".into();
        keys[39] = "k35".into();
        let tags: Vec<String> = keys.iter().map(|k| format!("{{\"key\": \"{k}\", \"value\": \"\"}}")).collect();
        let src = with_tags(&format!("[{}]", tags.join(", ")));
        let found = run(&TagKeyDuplicate, &src);
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["/protected_instance/tags/2/key", "/protected_instance/tags/30/key", "/protected_instance/tags/39/key"]
        );
        let first = |k: &str| src.find(&format!("\"{k}\"")).unwrap_or(0);
        let earlier: Vec<usize> = found.iter().map(|d| d.secondary[0].span.start).collect();
        assert_eq!(earlier, [first("k0"), first("k1"), first("k35")]);
    }
}
