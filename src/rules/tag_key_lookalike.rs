use unicode_normalization::UnicodeNormalization;

use super::Context;
use crate::measure::first_seen::{FirstSeen, repeats};
use crate::request::members::TagField;
use crate::syntax::{JsonStr, LeadSet};
use crate::text::is_default_ignorable;
use crate::text::quote;
use crate::view::RequestView;

declare_rule! {
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

/// Lead bytes of characters outside U+4000–U+9FFF (CJK ideographs and hexagrams, E4–E9): keys
/// holding one take the full fold.
const BEYOND_CJK: LeadSet = LeadSet::range(0xE4, 0xE9).complement();

/// What two keys that look alike are compared by: without default-ignorable characters, NFKC,
/// lower case, confusable skeleton.
fn fold<'k>(key: &JsonStr<'k>) -> Fold<'k> {
    let text = key.value();
    let bytes = key.bytes();
    if bytes.any_lead(BEYOND_CJK) {
        Fold::Done(full_fold(text))
    } else if bytes.non_ascii() && holds_confusable_ideograph(text) {
        Fold::Done(skeleton(&text.to_ascii_lowercase()))
    } else {
        Fold::Plain(text)
    }
}

/// Every step of the fold, in order.
fn full_fold(s: &str) -> String {
    STEPS.iter().fold(s.to_string(), |s, (step, _)| step(&s))
}

/// A key's fold, as compared and hashed. Keys of ASCII and U+4000–U+9FFF (CJK ideographs,
/// hexagrams), the common case, are folded byte by byte as they are compared, so they
/// are neither copied nor run through the normalisation and skeleton iterators: none of these
/// characters is default-ignorable or changed by NFKC, only ASCII letters have case, and the
/// skeleton maps each to its own prototype, made of starters already in NFD (except the few
/// [`CONFUSABLE_IDEOGRAPHS`], whose keys are folded in full).
#[derive(Debug)]
enum Fold<'k> {
    /// A key whose fold is [`FoldBytes`] of its text.
    Plain(&'k str),
    /// Any other key, folded.
    Done(String),
}

impl Fold<'_> {
    /// The UTF-8 bytes of the fold (compared and digested as bytes: equal byte sequences are
    /// equal character sequences, and bytes need no decoding).
    fn bytes(&self) -> FoldBytes<'_> {
        match self {
            Fold::Plain(text) => FoldBytes { rest: text.bytes(), plain: true, pending: b"".iter() },
            Fold::Done(folded) => FoldBytes { rest: folded.bytes(), plain: false, pending: b"".iter() },
        }
    }
}

/// Folds are compared byte by byte, which stops at the first difference: keys of a request
/// are few (a linear scan compares each with the ones before it) and differ early.
impl PartialEq for Fold<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes().eq(other.bytes())
    }
}

impl Eq for Fold<'_> {}

/// Hashed (only when thousands of keys make [`repeats`] digest them) as one FNV-1a digest of
/// the bytes, handed to the hasher once.
impl std::hash::Hash for Fold<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let fnv = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(0x1_0000_01b3);
        state.write_u64(self.bytes().fold(0xcbf2_9ce4_8422_2325, fnv));
    }
}

/// A fold with its first eight bytes packed in a word, compared first: keys that differ early,
/// nearly all of them, are told apart without walking their folds byte by byte.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Headed<'k> {
    head: u64,
    fold: Fold<'k>,
}

impl<'k> Headed<'k> {
    fn new(fold: Fold<'k>) -> Self {
        let head = fold.bytes().take(8).fold(0, |head, b| head << 8 | u64::from(b));
        Headed { head, fold }
    }
}

/// The bytes of a [`Fold`]: in a plain key only ASCII characters change (lower case, then
/// their prototype); every other byte is its own fold.
struct FoldBytes<'s> {
    rest: std::str::Bytes<'s>,
    /// Whether `rest` still needs the ASCII fold.
    plain: bool,
    /// The rest of an ASCII character's prototype.
    pending: std::slice::Iter<'static, u8>,
}

impl Iterator for FoldBytes<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if let Some(&b) = self.pending.next() {
            return Some(b);
        }
        let b = self.rest.next()?;
        if !self.plain || !b.is_ascii() {
            return Some(b);
        }
        let lower = b.to_ascii_lowercase();
        match ascii_prototype(lower) {
            Some(prototype) => {
                self.pending = prototype.as_bytes().iter();
                self.pending.next().copied()
            }
            None => Some(lower),
        }
    }
}

/// The UTS #39 prototype of a lower-case ASCII character, when it is not the character itself
/// (confusables.txt of Unicode 18.0.0; a test checks it against `unicode_security`).
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

/// Whether `text`, of ASCII and U+4000–U+9FFF only, holds a [`CONFUSABLE_IDEOGRAPHS`] one: the
/// three-byte characters are decoded from their bytes, skipping the general UTF-8 decoder.
fn holds_confusable_ideograph(text: &str) -> bool {
    let mut bytes = text.bytes();
    while let Some(lead) = bytes.next() {
        if lead >= 0xE0 {
            let (Some(b1), Some(b2)) = (bytes.next(), bytes.next()) else { return false };
            let c = u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
            if is_confusable_ideograph(c) {
                return true;
            }
        }
    }
    false
}

/// Whether the skeleton maps code point `c`, one of U+4000–U+9FFF, to something else.
fn is_confusable_ideograph(c: u32) -> bool {
    let Some(offset) = c.checked_sub(0x4000) else { return false };
    let word = usize::try_from(offset / 64).ok().and_then(|i| IDEOGRAPH_BITS.get(i));
    word.is_some_and(|w| (w >> (offset % 64)) & 1 == 1)
}

/// [`CONFUSABLE_IDEOGRAPHS`] as one bit per code point of U+4000–U+9FFF, so that the check of
/// every ideograph of a key is a shift. Built at compile time: an out-of-bounds index there is
/// a build error, not a panic.
#[allow(clippy::indexing_slicing)]
const IDEOGRAPH_BITS: [u64; 0x6000 / 64] = {
    let mut bits = [0u64; 0x6000 / 64];
    let mut i = 0;
    while i < CONFUSABLE_IDEOGRAPHS.len() {
        let offset = CONFUSABLE_IDEOGRAPHS[i] as usize - 0x4000;
        bits[offset / 64] |= 1 << (offset % 64);
        i += 1;
    }
    bits
};

/// The characters of U+4000–U+9FFF that confusables.txt (Unicode 18.0.0) maps to another
/// prototype; a test checks the list against `unicode_security::skeleton`.
const CONFUSABLE_IDEOGRAPHS: [char; 158] = [
    '\u{4011}', '\u{4142}', '\u{439B}', '\u{4420}', '\u{44D5}', '\u{4695}', '\u{4C4E}', '\u{4DB9}', '\u{4DBE}',
    '\u{4E00}', '\u{4E02}', '\u{4E05}', '\u{4E15}', '\u{4E1B}', '\u{4E29}', '\u{4E2B}', '\u{4E36}', '\u{4E3F}',
    '\u{4E44}', '\u{4E8E}', '\u{4E95}', '\u{4ECA}', '\u{4EEA}', '\u{5002}', '\u{503C}', '\u{5151}', '\u{5152}',
    '\u{51D0}', '\u{5344}', '\u{535D}', '\u{535F}', '\u{5408}', '\u{5434}', '\u{5449}', '\u{555F}', '\u{56D7}',
    '\u{586B}', '\u{58EB}', '\u{58FF}', '\u{596C}', '\u{59BA}', '\u{5A2F}', '\u{5A31}', '\u{5B00}', '\u{5B63}',
    '\u{5D52}', '\u{5DDC}', '\u{5E00}', '\u{5E02}', '\u{5E32}', '\u{5E50}', '\u{5F84}', '\u{6052}', '\u{60A6}',
    '\u{6138}', '\u{6237}', '\u{6238}', '\u{62BA}', '\u{635D}', '\u{63D2}', '\u{63F7}', '\u{6409}', '\u{6416}',
    '\u{6447}', '\u{652C}', '\u{655A}', '\u{6629}', '\u{6663}', '\u{6669}', '\u{66F0}', '\u{66F6}', '\u{670A}',
    '\u{6726}', '\u{6729}', '\u{672B}', '\u{67BA}', '\u{67FF}', '\u{68C1}', '\u{69E9}', '\u{6A27}', '\u{6B25}',
    '\u{6B63}', '\u{6C4A}', '\u{6CAC}', '\u{6D9A}', '\u{6E4A}', '\u{6E73}', '\u{6EA7}', '\u{6EB0}', '\u{6EC4}',
    '\u{6EC5}', '\u{6EED}', '\u{6F3C}', '\u{6F54}', '\u{6F59}', '\u{6F8C}', '\u{6F9F}', '\u{6FA4}', '\u{6FBF}',
    '\u{6FD3}', '\u{7006}', '\u{70BC}', '\u{723F}', '\u{734E}', '\u{7476}', '\u{7714}', '\u{771C}', '\u{784F}',
    '\u{7A0E}', '\u{7D5A}', '\u{7D76}', '\u{7DD6}', '\u{809E}', '\u{80A6}', '\u{80CA}', '\u{80D0}', '\u{80F6}',
    '\u{8101}', '\u{8127}', '\u{8131}', '\u{8141}', '\u{81A7}', '\u{82B2}', '\u{8309}', '\u{853F}', '\u{8641}',
    '\u{8715}', '\u{889A}', '\u{8A1E}', '\u{8A7D}', '\u{8AAC}', '\u{8B21}', '\u{8B8F}', '\u{8C63}', '\u{8D86}',
    '\u{8DFA}', '\u{8E9B}', '\u{8EB2}', '\u{8F27}', '\u{8FF3}', '\u{9097}', '\u{90A3}', '\u{9109}', '\u{9115}',
    '\u{92ED}', '\u{93AE}', '\u{9497}', '\u{9577}', '\u{957A}', '\u{96BA}', '\u{98E1}', '\u{98F2}', '\u{99AE}',
    '\u{9B87}', '\u{9E43}', '\u{9ED2}', '\u{9F9D}', '\u{9FC3}',
];

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
    let key_of = |i: u32| request.tag(i as usize).and_then(|tag| tag.tag_string(TagField::Key));
    let folds = request.tag_keys().map(|(index, key)| (index, Headed::new(fold(&key))));
    // Spellings of the keys reported here: a later key spelt like one of them, or like the first
    // key of its fold, is an exact duplicate, `tag-key-duplicate`'s alone.
    let mut lookalikes = FirstSeen::default();
    for (item, first) in repeats(folds, |i| key_of(i).map(|k| Headed::new(fold(&k.value)))) {
        let (Some(key), Some(earlier)) = (key_of(item), key_of(first)) else { continue };
        let (spelling, earlier) = (key.value.value(), earlier.value);
        let earlier_spelling = earlier.value();
        if earlier_spelling == spelling || lookalikes.first_or_insert(spelling, ()).is_some() {
            continue;
        }
        ctx.report(key.value.span(), |d| {
            d.describe(
                key.pointer(),
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
        });
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{
        CONFUSABLE_IDEOGRAPHS, Fold, TagKeyLookalike, fold, full_fold as slow_fold, is_confusable_ideograph, skeleton,
    };
    use crate::rules::testing::{assert_clean, labelled, run, with_tags};
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

    /// `fold` of a key whose decoded value is `s`, through the fast paths its bytes allow.
    fn fast_fold(s: &str) -> String {
        let bytes: Vec<u8> = fold(&JsonStr::plain(0, s)).bytes().collect();
        String::from_utf8(bytes).expect("a fold is UTF-8")
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
    fn the_plain_fold_is_the_fold_on_every_short_ascii_string() {
        let ascii: Vec<char> = (0u8..0x80).map(char::from).collect();
        let mut strings: Vec<String> = ascii.iter().map(|c| c.to_string()).collect();
        for a in &ascii {
            for b in &ascii {
                strings.push(format!("{a}{b}"));
            }
        }
        for s in strings {
            assert_eq!(fast_fold(&s), slow_fold(&s), "{s:?}");
        }
    }

    #[test]
    fn plain_and_folded_keys_compare_and_hash_by_their_fold() {
        let plain = Fold::Plain("Team-01");
        let done = Fold::Done("tearn-Ol".into());
        assert_eq!(plain, done);
        use std::hash::BuildHasher;
        let builder = std::hash::RandomState::new();
        assert_eq!(builder.hash_one(&plain), builder.hash_one(&done));
        assert_ne!(plain, Fold::Done("tearn-Ol ".into()));
        assert_ne!(Fold::Plain("ab"), Fold::Plain("a"));
        // Full width `ｒｎ` folds like `m`.
        assert_eq!(pairs(&["m", "ｒｎ"]).len(), 1);
    }

    #[test]
    fn the_confusable_ideographs_are_those_the_skeleton_maps() {
        for c in '\u{4000}'..='\u{9fff}' {
            let mapped = skeleton(&c.to_string()) != c.to_string();
            assert_eq!(CONFUSABLE_IDEOGRAPHS.binary_search(&c).is_ok(), mapped, "{c:?}");
            assert_eq!(is_confusable_ideograph(u32::from(c)), mapped, "{c:?}");
        }
        assert!(CONFUSABLE_IDEOGRAPHS.windows(2).all(|w| w[0] < w[1]));
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
        fn the_plain_fold_is_the_fold_on_ascii_strings(s in "[\\x00-\\x7f]{0,24}") {
            prop_assert_eq!(fast_fold(&s), slow_fold(&s));
        }

        #[test]
        fn the_cjk_fold_is_the_fold_on_mixed_strings(s in "[\\x00-\\x7f\u{4000}-\u{9fff}]{0,16}") {
            prop_assert_eq!(fast_fold(&s), slow_fold(&s));
        }
    }
}
