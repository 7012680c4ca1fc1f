use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::Context;
use crate::checks::first_seen::FirstSeen;
use crate::describe::{is_format, quote};
use crate::syntax::{JsonStr, TextFlags};
use crate::view::RequestView;

declare_rule! {
    /// Two tag keys differ only in case, compatibility form or invisible characters.
    TagKeyLookalike {
        id: "tag-key-lookalike",
        severity: Warning,
        fix: None,
        summary: "Two tag keys differ only in letter case, Unicode compatibility form or invisible characters.",
    }
}

/// NFKC, then lower case, then without category-Cf characters.
fn fold<'k>(key: &JsonStr<'k>) -> Cow<'k, str> {
    let text = key.value_cow();
    // ASCII and U+4000–U+9FFF (CJK ideographs) are NFKC-stable, never compose and are not Cf:
    // lower-casing ASCII is the whole fold, and most keys need no allocation at all.
    if !key.flags().any(TextFlags::OTHER_LEAD) {
        return if key.flags().any(TextFlags::UPPERCASE) { Cow::Owned(text.to_ascii_lowercase()) } else { text };
    }
    Cow::Owned(text.nfkc().flat_map(char::to_lowercase).filter(|&c| !is_format(c)).collect())
}

/// What sets two colliding keys apart, for the message: one or more of invisible characters,
/// letter case and compatibility form.
fn difference(a: &str, b: &str) -> String {
    let visible = |s: &str| -> String { s.chars().filter(|&c| !is_format(c)).collect() };
    let (a_visible, b_visible) = (visible(a), visible(b));
    let mut reasons = Vec::new();
    if a_visible != a || b_visible != b {
        reasons.push("invisible characters");
    }
    if a_visible != b_visible {
        let nfkc = |s: &str| -> String { s.nfkc().collect() };
        let (a_nfkc, b_nfkc) = (nfkc(&a_visible), nfkc(&b_visible));
        if a_nfkc != a_visible || b_nfkc != b_visible {
            reasons.push("Unicode compatibility form (such as full-width letters)");
        }
        if a_nfkc != b_nfkc {
            reasons.push("letter case");
        }
    }
    reasons.join(" and ")
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    // Folded key → the first key with that fold. An exact repeat of the first key is
    // `tag-key-duplicate`'s to report.
    let mut first = FirstSeen::default();
    for key in request.tags().filter_map(|t| t.string("key")) {
        let spelling = key.value.value();
        let Some(earlier) = first.first_or_insert(fold(key.value), key.value) else { continue };
        let earlier_spelling = earlier.value();
        if earlier_spelling == spelling {
            continue;
        }
        ctx.report(
            key.pointer(),
            key.value.span(),
            format!(
                "tag key {} looks like the earlier key {}: they differ only in {}",
                quote(spelling, 40),
                quote(earlier_spelling, 40),
                difference(spelling, earlier_spelling)
            ),
        )
        .with_label("looks like an earlier key")
        .with_secondary(earlier.span(), "the earlier key")
        .with_help("the service keeps both as different keys, but people cannot tell them apart; use one spelling");
    }
}

#[cfg(test)]
mod tests {
    use super::TagKeyLookalike;
    use crate::rules::testing::{assert_clean, labelled, run, with_tags};

    fn keys(keys: &[&str]) -> String {
        let tags: Vec<String> = keys.iter().map(|k| format!("{{\"key\": \"{k}\", \"value\": \"\"}}")).collect();
        with_tags(&format!("[{}]", tags.join(", ")))
    }

    #[test]
    fn different_or_identical_keys_pass() {
        assert_clean(&TagKeyLookalike, &[keys(&["env", "app"]), keys(&["env", "env"])]);
    }

    #[test]
    fn case_compatibility_and_invisible_differences() {
        let found = run(&TagKeyLookalike, &keys(&["env", "Env", "ｅｎｖ", "e\u{200b}nv"]));
        assert_eq!(found.len(), 3);
        assert!(found[0].message.ends_with("letter case"), "{}", found[0].message);
        assert!(found[1].message.contains("compatibility form"), "{}", found[1].message);
        assert!(found[2].message.ends_with("invisible characters"), "{}", found[2].message);
        assert!(found.iter().all(|d| d.secondary[0].span == found[0].secondary[0].span));
    }

    #[test]
    fn an_exact_repeat_is_left_to_tag_key_duplicate_and_all_point_to_the_first() {
        let found = run(&TagKeyLookalike, &keys(&["env", "Env", "env", "ENV"]));
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|d| d.message.ends_with("the earlier key `env`: they differ only in letter case")));
    }

    #[test]
    fn names_every_difference() {
        let found = run(&TagKeyLookalike, &keys(&["env", "E\u{200b}nv", "ＥＮＶ"]));
        assert!(found[0].message.ends_with("invisible characters and letter case"), "{}", found[0].message);
        assert!(
            found[1].message.ends_with("compatibility form (such as full-width letters) and letter case"),
            "{}",
            found[1].message
        );
    }

    #[test]
    fn labels_the_later_key() {
        assert_eq!(labelled(&TagKeyLookalike, &keys(&["Env", "env"])), ["\"env\""]);
    }
}
