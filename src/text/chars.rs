//! Character classes that several rules share: one definition each, so that `invisible-char`
//! reports exactly the characters `tag-key-lookalike` folds away, and `describe` never prints
//! one of them raw.
//!
//! `Default_Ignorable_Code_Point` is written out here because no crate in the build exposes it:
//! `unicode-properties` has no such table, and `unicode-security` keeps its copy private (a
//! test below checks that the two agree, through `unicode_security::skeleton`).

/// `Default_Ignorable_Code_Point`, from DerivedCoreProperties.txt of Unicode 18.0.0 (the
/// version of the `unicode-normalization`, `unicode-properties` and `unicode-security` tables
/// in this build): inclusive ranges, sorted.
const DEFAULT_IGNORABLE: [(char, char); 17] = [
    ('\u{00AD}', '\u{00AD}'),   // soft hyphen
    ('\u{034F}', '\u{034F}'),   // combining grapheme joiner
    ('\u{061C}', '\u{061C}'),   // Arabic letter mark
    ('\u{115F}', '\u{1160}'),   // Hangul choseong and jungseong fillers
    ('\u{17B4}', '\u{17B5}'),   // Khmer inherent vowels
    ('\u{180B}', '\u{180F}'),   // Mongolian free variation selectors, vowel separator
    ('\u{200B}', '\u{200F}'),   // zero width space, (non-)joiner, directional marks
    ('\u{202A}', '\u{202E}'),   // directional embeddings and overrides
    ('\u{2060}', '\u{206F}'),   // word joiner, invisible operators, isolates, deprecated formats
    ('\u{3164}', '\u{3164}'),   // Hangul filler
    ('\u{FE00}', '\u{FE0F}'),   // variation selectors 1–16
    ('\u{FEFF}', '\u{FEFF}'),   // zero width no-break space (byte-order mark)
    ('\u{FFA0}', '\u{FFA0}'),   // halfwidth Hangul filler
    ('\u{FFF0}', '\u{FFF8}'),   // unassigned, reserved as ignorable
    ('\u{1BCA0}', '\u{1BCA3}'), // shorthand format controls
    ('\u{1D173}', '\u{1D17A}'), // musical symbol beam and slur controls
    ('\u{E0000}', '\u{E0FFF}'), // language tag, TAG characters, variation selectors 17–256, reserved
];

/// Whether `c` has the Unicode property `Default_Ignorable_Code_Point`: characters that show
/// nothing unless a renderer has a reason to (U+200B, U+00AD, U+FEFF, bidirectional controls,
/// variation selectors, Hangul fillers, TAG characters, …).
pub(crate) fn is_default_ignorable(c: char) -> bool {
    // Nothing below U+00AD is: ASCII text costs one comparison.
    c >= '\u{AD}' && DEFAULT_IGNORABLE.binary_search_by(|&(lo, hi)| order(c, lo, hi)).is_ok()
}

/// Where the range `lo..=hi` lies relative to `c`, for a binary search.
fn order(c: char, lo: char, hi: char) -> std::cmp::Ordering {
    if hi < c {
        std::cmp::Ordering::Less
    } else if lo > c {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

/// Whether `c` is a noncharacter: U+FDD0–U+FDEF, and the last two code points of every plane
/// (U+FFFE, U+FFFF, U+1FFFE, …, U+10FFFF).
pub(crate) fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// Whether `c` shows nothing or looks like nothing: a default-ignorable code point, the
/// braille pattern blank U+2800, a control character (C0, DEL, C1: general category Cc) or a
/// noncharacter. This is the set `invisible-char` reports.
pub(crate) fn is_invisible(c: char) -> bool {
    match c {
        ' '..='~' => false,
        _ => c.is_control() || c == '\u{2800}' || is_default_ignorable(c) || is_noncharacter(c),
    }
}

/// Whether `c` lies in a CJK Unified Ideographs block (the base of an ideographic variation
/// sequence), or is one of the twelve unified ideographs of the compatibility block.
pub(crate) fn is_cjk_unified_ideograph(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4DBF}'     // Extension A
            | '\u{4E00}'..='\u{9FFF}'   // the main block
            | '\u{FA0E}' | '\u{FA0F}' | '\u{FA11}' | '\u{FA13}' | '\u{FA14}' | '\u{FA1F}'
            | '\u{FA21}' | '\u{FA23}' | '\u{FA24}' | '\u{FA27}'..='\u{FA29}'
            | '\u{20000}'..='\u{2A6DF}' // Extension B
            | '\u{2A700}'..='\u{2EE5F}' // Extensions C, D, E, F, I
            | '\u{30000}'..='\u{3347F}' // Extensions G, H, J
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFF).filter_map(char::from_u32)
    }

    #[test]
    fn the_table_is_sorted_and_disjoint() {
        assert!(DEFAULT_IGNORABLE.iter().all(|(lo, hi)| lo <= hi));
        assert!(DEFAULT_IGNORABLE.windows(2).all(|w| w[0].1 < w[1].0));
    }

    /// `skeleton` drops exactly the default-ignorable code points (its other steps never map a
    /// character to nothing), so a one-character skeleton is empty exactly for them: the table
    /// agrees with unicode-security's private copy of the same property.
    #[test]
    fn agrees_with_unicode_security() {
        let mut buf = [0u8; 4];
        for c in all_chars() {
            let empty = unicode_security::skeleton(c.encode_utf8(&mut buf)).next().is_none();
            assert_eq!(is_default_ignorable(c), empty, "{c:?}");
        }
    }

    #[test]
    fn invisible_characters() {
        for c in ['\0', '\u{1f}', '\u{7f}', '\u{80}', '\u{9f}', '\u{ad}', '\u{200b}', '\u{2800}', '\u{3164}'] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in ['\u{fdd0}', '\u{fdef}', '\u{fffe}', '\u{ffff}', '\u{1fffe}', '\u{10ffff}', '\u{e0100}'] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in [' ', 'a', '~', '\u{a0}', '\u{3000}', '中', 'é', '\u{301}', '\u{fdcf}', '\u{fffd}', '😀'] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn noncharacters_are_66() {
        assert_eq!(all_chars().filter(|&c| is_noncharacter(c)).count(), 66);
    }
}
