use unicode_properties::UnicodeEmoji;
use unicode_segmentation::UnicodeSegmentation;

use super::Context;
use crate::diagnostic::{Applicability, Fix};
use crate::measure::is_blank;
use crate::measure::uuid::{self, UuidProblem};
use crate::request::members::Field;
use crate::syntax::{AsciiSet, LeadSet};
use crate::text::describe_char;
use crate::text::{is_cjk_unified_ideograph, is_invisible};
use crate::view::{ObjectKind, ObjectView, RequestView, StrMember};

declare_rule! {
    InvisibleChar {
        id: "invisible-char",
        severity: Warning,
        fix: Some(Applicability::Unsafe),
        summary: "A string value holds an invisible character: a default-ignorable code point, U+2800, a control character or a noncharacter.",
        visits: [objects],
    }
}

/// The ASCII characters this rule reports: C0 controls and DEL.
const INVISIBLE_ASCII: AsciiSet = AsciiSet::CONTROLS.union(AsciiSet::of(b"\x7f"));

/// The lead bytes of every other character it reports. C2: C1 and U+00AD; CD: U+034F; D8:
/// U+061C; E1: U+115F, U+1160, U+17B4, U+17B5, U+180B–U+180F; E2: U+200B–U+206F, U+2800; E3:
/// U+3164; EF: U+FDD0–U+FFFF; F0–F4: the supplementary planes' ignorables and noncharacters.
const INVISIBLE_LEADS: LeadSet = LeadSet::range(0xC2, 0xC2)
    .union(LeadSet::range(0xCD, 0xCD))
    .union(LeadSet::range(0xD8, 0xD8))
    .union(LeadSet::range(0xE1, 0xE3))
    .union(LeadSet::range(0xEF, 0xEF))
    .union(LeadSet::range(0xF0, 0xF4));

fn check_object(_: &RequestView<'_, '_>, object: &ObjectView<'_>, ctx: &mut Context<'_>) {
    for member in object.strings() {
        // Every invisible character is outside `name`'s allowed set: `name-invalid-char`'s.
        if member.owner == ObjectKind::Instance && member.name() == Field::Name.name() {
            continue;
        }
        // Every character this rule reports starts with one of these bytes, and little else does.
        let bytes = member.value.bytes();
        let maybe = bytes.any_ascii(INVISIBLE_ASCII) || bytes.any_lead(INVISIBLE_LEADS);
        if !maybe || !member.value.value().chars().any(is_invisible) {
            continue;
        }
        let reported_elsewhere = reported_elsewhere(&member);
        for (offset, c) in offending(member.value.value()) {
            if reported_elsewhere(offset, c) || member.value.in_variable(offset) {
                continue;
            }
            let span = member.value.source_span(offset, offset + c.len_utf8());
            ctx.report(span, |d| {
                d.describe(
                    member.pointer(),
                    format!("{} contains {}, an invisible character", member.subject(), describe_char(c)),
                )
                .with_label("invisible")
                .with_help("remove it: invisible characters make different values look the same")
                .with_fix(Fix::replace(
                    "remove the invisible character",
                    Applicability::Unsafe,
                    span,
                    "",
                ));
            });
        }
    }
}

/// Whether another rule already reports the character at `offset` of `member`: a control
/// character U+0000–U+001F in a tag is `tag-invalid-char`'s; the character `id-not-uuid` labels
/// (the first non-hexadecimal one of a UUID-shaped ID) is its; and an ID that is only white
/// space (`\t`, `\n`, U+0085 included) is `id-empty`'s. Decided by what those rules report,
/// not by whether they are enabled.
fn reported_elsewhere(member: &StrMember<'_>) -> impl Fn(usize, char) -> bool + use<> {
    let in_tag = matches!(member.owner, ObjectKind::Tag(_));
    let field = member.field();
    let value = member.value.value();
    let blank_id = field.is_some_and(Field::is_id) && is_blank(value);
    let not_hex = match field.is_some_and(Field::is_uuid).then(|| uuid::check_id(value)).flatten() {
        Some(UuidProblem::NotHex { offset, .. }) => Some(offset),
        _ => None,
    };
    move |offset, c| blank_id || (in_tag && c < ' ') || not_hex == Some(offset)
}

/// The invisible characters of `value` (byte offset, character), except those that are part of
/// something visible: a zero-width joiner inside an emoji ZWJ sequence, a variation selector
/// completing an emoji or ideographic variation sequence, and the TAG characters of an emoji tag
/// sequence (a subdivision flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿). Such sequences never cross an extended grapheme
/// cluster boundary, so each cluster is looked at on its own (and one without an invisible
/// character is not looked at further).
fn offending(value: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let clusters = value.grapheme_indices(true).filter(|(_, cluster)| cluster.chars().any(is_invisible));
    clusters.flat_map(|(start, cluster)| {
        let chars: Vec<(usize, char)> = cluster.char_indices().collect();
        let has_tags = chars.iter().any(|&(_, c)| ('\u{E0020}'..='\u{E007F}').contains(&c));
        let tags = if has_tags { emoji_tag_sequences(&chars) } else { Vec::new() };
        let starts_with_emoji = chars.first().is_some_and(|&(_, c)| is_emoji(c));
        let mut found = Vec::new();
        for (i, &(offset, c)) in chars.iter().enumerate() {
            if !is_invisible(c) {
                continue;
            }
            let previous = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, p)| p);
            let next = chars.get(i + 1).map(|&(_, n)| n);
            let part_of_sequence = match c {
                '\u{200D}' => starts_with_emoji && next.is_some_and(is_emoji),
                '\u{FE0E}' | '\u{FE0F}' => previous.is_some_and(|p| p.is_emoji_char()),
                '\u{E0100}'..='\u{E01EF}' => previous.is_some_and(is_cjk_unified_ideograph),
                '\u{E0020}'..='\u{E007F}' => tags.get(i) == Some(&true),
                _ => false,
            };
            if !part_of_sequence {
                found.push((start + offset, c));
            }
        }
        found
    })
}

/// An emoji other than the ASCII ones (`#`, `*`, digits), which take part in no ZWJ sequence.
fn is_emoji(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char()
}

/// Which of `chars` are TAG characters of an emoji tag sequence: an emoji (with an optional
/// presentation selector or skin-tone modifier), one or more of U+E0020–U+E007E, then the cancel
/// tag U+E007F.
fn emoji_tag_sequences(chars: &[(usize, char)]) -> Vec<bool> {
    let char_at = |i: Option<usize>| i.and_then(|i| chars.get(i)).map(|&(_, c)| c);
    let is_spec = |i: usize| char_at(Some(i)).is_some_and(|c| ('\u{E0020}'..='\u{E007E}').contains(&c));
    let mut in_sequence = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if !is_spec(i) {
            i += 1;
            continue;
        }
        let end = (i..chars.len()).find(|&j| !is_spec(j)).unwrap_or(chars.len());
        let base = match char_at(i.checked_sub(1)) {
            Some('\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}') => char_at(i.checked_sub(2)),
            other => other,
        };
        if base.is_some_and(is_emoji) && char_at(Some(end)) == Some('\u{E007F}') {
            for slot in in_sequence.iter_mut().take(end + 1).skip(i) {
                *slot = true;
            }
        }
        i = end + 1;
    }
    in_sequence
}

#[cfg(test)]
mod tests {
    use super::InvisibleChar;
    use crate::rules::testing::{assert_clean, labelled, request, run, with_tags};

    fn described(value: &str) -> String {
        request(&format!("\"description\": \"{value}\""))
    }

    const FLAG: &str = "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";

    #[test]
    fn visible_text_and_emoji_sequences_pass() {
        assert_clean(
            &InvisibleChar,
            &[
                described(&format!("家族 👨\u{200d}👩\u{200d}👧 {FLAG} e\u{301} 👍🏽 ❤\u{fe0f} ☺\u{fe0e}")),
                described("1\u{fe0f}\u{20e3} 🏳\u{fe0f}\u{200d}🌈 葛\u{e0100} 𠀋\u{e0101}"),
                described("a\u{a0}b\u{3000}c ｗｅｂ"),
                "{\"x\u{200b}\": 1}".into(),
                request("\"unknown\": \"a\u{200b}\""),
                request("\"tags\": \"a\u{200b}\""),
                request("\"name\": \"a\u{200b}b\u{3164}\""),
            ],
        );
    }

    #[test]
    fn one_diagnostic_per_character_in_any_documented_string() {
        let src = request("\"cluster_id\": \"a\u{200b}b\\u2060\", \"description\": \"\u{202e}x\u{feff}\"");
        assert_eq!(labelled(&InvisibleChar, &src), ["\u{200b}", "\\u2060", "\u{202e}", "\u{feff}"]);
        let src = with_tags("[{\"key\": \"k\u{ad}\", \"value\": \"\u{200e}\"}]");
        assert_eq!(labelled(&InvisibleChar, &src), ["\u{ad}", "\u{200e}"]);
    }

    #[test]
    fn default_ignorables_beyond_category_cf() {
        let src =
            described("\u{34f}|\u{115f}|\u{1160}|\u{3164}|\u{ffa0}|\u{17b4}|\u{180b}|a\u{fe00}|x\u{fe0f}|\u{e0100}");
        assert_eq!(
            labelled(&InvisibleChar, &src),
            [
                "\u{34f}",
                "\u{115f}",
                "\u{1160}",
                "\u{3164}",
                "\u{ffa0}",
                "\u{17b4}",
                "\u{180b}",
                "\u{fe00}",
                "\u{fe0f}",
                "\u{e0100}"
            ]
        );
    }

    #[test]
    fn braille_blank_controls_and_noncharacters() {
        let src =
            described("\u{2800}|\\u0007|\\u007f|\u{7f}|\u{85}|\u{9f}|\u{fdd0}|\u{fffe}|\u{ffff}|\u{1fffe}|\u{10ffff}");
        assert_eq!(
            labelled(&InvisibleChar, &src),
            [
                "\u{2800}",
                "\\u0007",
                "\\u007f",
                "\u{7f}",
                "\u{85}",
                "\u{9f}",
                "\u{fdd0}",
                "\u{fffe}",
                "\u{ffff}",
                "\u{1fffe}",
                "\u{10ffff}"
            ]
        );
    }

    #[test]
    fn category_cf_characters_that_show_something_are_not_reported() {
        assert_clean(&InvisibleChar, &[described("\u{600}1 \u{6dd} \u{110bd} \u{fff9}")]);
    }

    #[test]
    fn broken_emoji_sequences_fire() {
        // A joiner outside an emoji sequence, or at its end.
        assert_eq!(labelled(&InvisibleChar, &described("a\u{200d}b 😀\u{200d}")), ["\u{200d}", "\u{200d}"]);
        // A presentation selector after a letter; an ideographic one after a Latin letter.
        assert_eq!(labelled(&InvisibleChar, &described("a\u{fe0f}x\u{e0100}")), ["\u{fe0f}", "\u{e0100}"]);
        // TAG characters without an emoji base, or without the cancel tag.
        assert_eq!(labelled(&InvisibleChar, &described("a\u{e0067}\u{e007f}")), ["\u{e0067}", "\u{e007f}"]);
        assert_eq!(labelled(&InvisibleChar, &described("🏴\u{e0067}\u{e0062}")), ["\u{e0067}", "\u{e0062}"]);
        // A language tag is no part of a flag.
        assert_eq!(labelled(&InvisibleChar, &described(&format!("\u{e0001}{FLAG}"))), ["\u{e0001}"]);
    }

    #[test]
    fn silent_where_another_rule_reports_the_same_character() {
        // C0 controls in tags are `tag-invalid-char`'s; DEL and C1 are not.
        let src = with_tags("[{\"key\": \"a\\tb\", \"value\": \"\\u0001\\u007f\u{85}\u{200b}\"}]");
        assert_eq!(labelled(&InvisibleChar, &src), ["\\u007f", "\u{85}", "\u{200b}"]);
        // Everything invisible in `name` is `name-invalid-char`'s.
        assert!(run(&InvisibleChar, &request("\"name\": \"\\t\u{200b}\u{2800}\"")).is_empty());
        // The first non-hexadecimal character of a UUID-shaped ID is `id-not-uuid`'s; others are not.
        let id = "\"server_id\": \"\u{200b}b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b4\u{200b}\"";
        assert_eq!(run(&InvisibleChar, &request(id)).len(), 1);
        assert_eq!(run(&InvisibleChar, &request(id))[0].primary.span.start, request(id).rfind('\u{200b}').unwrap_or(0));
        // A blank ID is `id-empty`'s, white-space controls included.
        assert!(run(&InvisibleChar, &request("\"cluster_id\": \"\\t\\n\u{85}\"")).is_empty());
        assert_eq!(labelled(&InvisibleChar, &request("\"cluster_id\": \"a\\t\"")), ["\\t"]);
        // A control character in a description is reported (no other rule does).
        assert_eq!(labelled(&InvisibleChar, &described("a\\nb")), ["\\n"]);
    }

    #[test]
    fn checks_the_last_of_repeated_members() {
        let src = request("\"description\": \"ok\", \"description\": \"a\u{200b}\"");
        assert_eq!(labelled(&InvisibleChar, &src), ["\u{200b}"]);
        assert!(run(&InvisibleChar, &request("\"description\": \"a\u{200b}\", \"description\": \"ok\"")).is_empty());
    }

    #[test]
    fn the_fix_removes_the_character_and_is_unsafe() {
        let found = run(&InvisibleChar, &described("a\\u200bb"));
        let fix = found[0].fix.as_ref().map(|f| (f.applicability, f.edits[0].replacement.as_str()));
        assert_eq!(fix, Some((crate::Applicability::Unsafe, "")));
        assert_eq!(found[0].message, "`description` contains U+200B (zero width space), an invisible character");
    }

    #[test]
    fn every_invisible_character_starts_with_a_byte_of_the_pre_check() {
        let mut buf = [0u8; 4];
        let mut checked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| crate::text::is_invisible(c)) {
            let bytes = crate::syntax::bytes::ByteSet::of(c.encode_utf8(&mut buf));
            assert!(bytes.any_ascii(super::INVISIBLE_ASCII) || bytes.any_lead(super::INVISIBLE_LEADS), "{c:?}");
            checked += 1;
        }
        // C0, DEL, C1 (65), default ignorables (4,174), U+2800, noncharacters (66).
        assert_eq!(checked, 65 + 4174 + 1 + 66);
    }

    #[test]
    fn plain_text_passes_the_pre_check() {
        for text in ["web-01 prod", "生产环境", "café", "Ελληνικά", "кириллица"] {
            let bytes = crate::syntax::bytes::ByteSet::of(text);
            assert!(!bytes.any_ascii(super::INVISIBLE_ASCII) && !bytes.any_lead(super::INVISIBLE_LEADS), "{text}");
        }
    }
}
