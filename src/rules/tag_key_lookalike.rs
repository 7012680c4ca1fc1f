use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::Context;
use crate::chars::is_default_ignorable;
use crate::checks::first_seen::FirstSeen;
use crate::describe::quote;
use crate::syntax::{JsonStr, TextFlags};
use crate::view::RequestView;

declare_rule! {
    /// Two tag keys differ only in case, compatibility form, invisible or confusable characters.
    TagKeyLookalike {
        id: "tag-key-lookalike",
        severity: Warning,
        fix: None,
        summary: "Two tag keys differ only in letter case, Unicode compatibility form, invisible characters or confusable characters.",
    }
}

/// One step of the fold.
type Step = fn(&str) -> String;

/// The steps of the fold, in the spec's order, each with what it makes alike (for messages).
const STEPS: [(Step, &str); 4] = [
    (without_ignorables, "invisible characters"),
    (nfkc, "Unicode compatibility form (such as full-width letters)"),
    (lower_case, "letter case"),
    (skeleton, "confusable characters"),
];

fn without_ignorables(s: &str) -> String {
    s.chars().filter(|&c| !is_default_ignorable(c)).collect()
}

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

fn lower_case(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// The UTS #39 confusable skeleton.
fn skeleton(s: &str) -> String {
    unicode_security::skeleton(s).collect()
}

/// What two keys that look alike are compared by: without default-ignorable characters, NFKC,
/// lower case, confusable skeleton.
fn fold<'k>(key: &JsonStr<'k>) -> Cow<'k, str> {
    let text = key.value_cow();
    if !key.flags().any(TextFlags::NON_ASCII) {
        fold_ascii(text)
    } else if !key.flags().any(TextFlags::OTHER_LEAD) {
        // ASCII and U+4000–U+9FFF (CJK ideographs, hexagrams): none is default-ignorable, NFKC
        // changes none, and only ASCII letters have case; the skeleton is all that is left.
        Cow::Owned(skeleton(&text.to_ascii_lowercase()))
    } else {
        Cow::Owned(full_fold(&text))
    }
}

/// Every step of the fold, in order.
fn full_fold(s: &str) -> String {
    STEPS.iter().fold(s.to_string(), |s, (step, _)| step(&s))
}

/// The fold of an ASCII string, without the tables: no ASCII character is default-ignorable or
/// changed by NFKC, lower-casing is ASCII's, and the skeleton maps a few ASCII characters to
/// their prototypes (per character, since every prototype is made of starters already in NFD).
/// Most keys need no allocation at all.
fn fold_ascii(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.bytes().any(|b| b.is_ascii_uppercase() || ascii_prototype(b).is_some()) {
        return text;
    }
    let mut folded = String::with_capacity(text.len() + 4);
    for b in text.bytes().map(|b| b.to_ascii_lowercase()) {
        match ascii_prototype(b) {
            Some(prototype) => folded.push_str(prototype),
            None => folded.push(char::from(b)),
        }
    }
    Cow::Owned(folded)
}

/// The UTS #39 prototype of a lower-case ASCII character, when it is not the character itself
/// (confusables.txt as of Unicode 18.0.0; a test checks it against `unicode_security`).
fn ascii_prototype(b: u8) -> Option<&'static str> {
    Some(match b {
        b'"' => "''",
        b'%' => "\u{b0}/\u{2080}",
        b'0' => "O",
        b'1' | b'|' => "l",
        b'`' => "'",
        b'm' => "rn",
        _ => return None,
    })
}

/// What sets two colliding keys apart, for the message: each step of the fold that changes
/// either key while they still differ.
fn difference(a: &str, b: &str) -> String {
    let (mut a, mut b) = (a.to_string(), b.to_string());
    let mut reasons = Vec::new();
    for (step, reason) in STEPS {
        if a == b {
            break;
        }
        let (next_a, next_b) = (step(&a), step(&b));
        if next_a != a || next_b != b {
            reasons.push(reason);
        }
        (a, b) = (next_a, next_b);
    }
    reasons.join(" and ")
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    // Folded key → the first key with that fold.
    let mut first = FirstSeen::default();
    // Spellings of the keys reported here: a later key spelt like one of them, or like the first
    // key of its fold, is an exact duplicate, `tag-key-duplicate`'s alone.
    let mut lookalikes = FirstSeen::default();
    for key in request.tags().filter_map(|t| t.string("key")) {
        let spelling = key.value.value();
        let Some(earlier) = first.first_or_insert(fold(key.value), key.value) else { continue };
        let earlier_spelling = earlier.value();
        if earlier_spelling == spelling || lookalikes.first_or_insert(spelling, ()).is_some() {
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
    use proptest::prelude::*;

    use super::{TagKeyLookalike, fold, fold_ascii, full_fold as slow_fold};
    use crate::rules::testing::{assert_clean, labelled, run, with_tags};
    use crate::span::Span;
    use crate::syntax::JsonStr;

    fn keys(keys: &[&str]) -> String {
        let tags: Vec<String> = keys.iter().map(|k| format!("{{\"key\": \"{k}\", \"value\": \"\"}}")).collect();
        with_tags(&format!("[{}]", tags.join(", ")))
    }

    /// (labelled text, secondary label's text) of each diagnostic.
    fn pairs(keys_: &[&str]) -> Vec<(String, String)> {
        let src = keys(keys_);
        run(&TagKeyLookalike, &src)
            .iter()
            .map(|d| (src[d.primary.span.range()].to_string(), src[d.secondary[0].span.range()].to_string()))
            .collect()
    }

    /// `fold` of a key whose decoded value is `s`, through the fast paths the flags allow.
    fn fast_fold(s: &str) -> String {
        fold(&JsonStr::new(Span::empty(0), s, s.into())).into_owned()
    }

    #[test]
    fn different_or_identical_keys_pass() {
        assert_clean(
            &TagKeyLookalike,
            &[keys(&["env", "app"]), keys(&["env", "env"]), keys(&["key1", "key"]), keys(&["0", "o"])],
        );
    }

    #[test]
    fn case_compatibility_and_invisible_differences() {
        let found = run(&TagKeyLookalike, &keys(&["env", "Env", "ｅｎｖ", "e\u{200b}nv"]));
        assert_eq!(found.len(), 3);
        assert!(found[0].message.ends_with("letter case"), "{}", found[0].message);
        assert!(found[1].message.ends_with("compatibility form (such as full-width letters)"), "{}", found[1].message);
        assert!(found[2].message.ends_with("invisible characters"), "{}", found[2].message);
        assert!(found.iter().all(|d| d.secondary[0].span == found[0].secondary[0].span));
    }

    #[test]
    fn confusable_characters_collide() {
        // Cyrillic е (U+0435) and Latin e; `rn` and `m`; `1`, `l` and `I`.
        assert_eq!(pairs(&["env", "\u{435}nv"]), [("\"\u{435}nv\"".into(), "\"env\"".into())]);
        assert_eq!(pairs(&["rn", "m"]), [("\"m\"".into(), "\"rn\"".into())]);
        assert_eq!(pairs(&["l1", "1l", "|l", "II"]).len(), 2);
        let found = run(&TagKeyLookalike, &keys(&["env", "\u{435}nv"]));
        assert!(found[0].message.ends_with("they differ only in confusable characters"));
        let found = run(&TagKeyLookalike, &keys(&["Env", "\u{435}nv"]));
        assert!(found[0].message.ends_with("they differ only in letter case and confusable characters"));
    }

    #[test]
    fn ignorables_are_removed_before_normalisation() {
        // e + soft hyphen + combining acute: without the soft hyphen, NFKC composes é.
        assert_eq!(pairs(&["\u{e9}", "e\\u00ad\\u0301"]).len(), 1);
        assert_eq!(pairs(&["", "\\u200b"]), [("\"\\u200b\"".into(), "\"\"".into())]);
    }

    #[test]
    fn an_exact_repeat_of_any_earlier_key_is_left_to_tag_key_duplicate() {
        // `env, Env, Env`: a look-alike on the second, only a duplicate on the third.
        assert_eq!(pairs(&["env", "Env", "Env"]), [("\"Env\"".into(), "\"env\"".into())]);
        // `env, ENV, env`: a look-alike on the second, only a duplicate on the third.
        assert_eq!(pairs(&["env", "ENV", "env"]), [("\"ENV\"".into(), "\"env\"".into())]);
        // Every other look-alike points back to the first key it collides with.
        let found = pairs(&["env", "Env", "env", "ENV", "Env", "eNv"]);
        assert_eq!(
            found,
            [
                ("\"Env\"".into(), "\"env\"".into()),
                ("\"ENV\"".into(), "\"env\"".into()),
                ("\"eNv\"".into(), "\"env\"".into())
            ]
        );
        assert!(
            run(&TagKeyLookalike, &keys(&["env", "Env"]))[0]
                .message
                .ends_with("the earlier key `env`: they differ only in letter case")
        );
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

    #[test]
    fn many_keys_use_the_same_fold() {
        let mut names: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        names.push("K7".into());
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(pairs(&refs), [("\"K7\"".into(), "\"k7\"".into())]);
    }

    #[test]
    fn the_ascii_fold_is_the_fold_on_every_short_ascii_string() {
        let ascii: Vec<char> = (0u8..0x80).map(char::from).collect();
        let mut strings: Vec<String> = ascii.iter().map(|c| c.to_string()).collect();
        for a in &ascii {
            for b in &ascii {
                strings.push(format!("{a}{b}"));
            }
        }
        for s in strings {
            assert_eq!(fold_ascii(s.as_str().into()), slow_fold(&s), "{s:?}");
        }
    }

    #[test]
    fn the_cjk_fold_is_the_fold_on_every_ideograph() {
        for c in '\u{4000}'..='\u{9fff}' {
            let s = format!("A{c}");
            assert_eq!(fast_fold(&s), slow_fold(&s), "{c:?}");
        }
    }

    proptest! {
        #[test]
        fn the_ascii_fold_is_the_fold_on_ascii_strings(s in "[\\x00-\\x7f]{0,24}") {
            prop_assert_eq!(fold_ascii(s.as_str().into()), slow_fold(&s));
            prop_assert_eq!(fast_fold(&s), slow_fold(&s));
        }

        #[test]
        fn the_cjk_fold_is_the_fold_on_mixed_strings(s in "[\\x00-\\x7f\u{4000}-\u{9fff}]{0,16}") {
            prop_assert_eq!(fast_fold(&s), slow_fold(&s));
        }
    }
}
