//! How characters and values are named in messages: visible characters as themselves,
//! everything else as a code point, so no message ever carries a raw control or bidi character.

use std::fmt::Write;

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

use crate::text::{is_invisible, is_noncharacter};

/// Whether `c` is safe and useful to show as itself: a letter, digit, punctuation or symbol,
/// or the ASCII space. Controls, formatting characters, other spaces, lone marks and the
/// letters and symbols that look like nothing (Hangul fillers, U+2800) are not.
pub fn is_visible(c: char) -> bool {
    c == ' '
        || (matches!(
            c.general_category_group(),
            GeneralCategoryGroup::Letter
                | GeneralCategoryGroup::Number
                | GeneralCategoryGroup::Punctuation
                | GeneralCategoryGroup::Symbol
        ) && !is_invisible(c))
}

/// Whether `c` is in general category Cf (format: zero-width and bidirectional controls, …).
pub fn is_format(c: char) -> bool {
    // No Cf character lies below U+00AD or in U+2070..U+FEFF (ASCII and CJK text): skip the
    // table lookup there, since this runs on every character of every string.
    c >= '\u{ad}' && !('\u{2070}'..'\u{feff}').contains(&c) && c.general_category() == GeneralCategory::Format
}

/// The customary name of a character people cannot see, if it has one.
fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\0' => "NUL",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\t' => "tab",
        '\n' => "line feed",
        '\u{b}' => "vertical tab",
        '\u{c}' => "form feed",
        '\r' => "carriage return",
        '\u{1b}' => "escape",
        ' ' => "space",
        '\u{7f}' => "delete",
        '\u{85}' => "next line",
        '\u{a0}' => "no-break space",
        '\u{ad}' => "soft hyphen",
        '\u{34f}' => "combining grapheme joiner",
        '\u{61c}' => "Arabic letter mark",
        '\u{115f}' => "Hangul choseong filler",
        '\u{1160}' => "Hangul jungseong filler",
        '\u{17b4}' | '\u{17b5}' => "Khmer inherent vowel",
        '\u{180b}'..='\u{180d}' | '\u{180f}' => "Mongolian free variation selector",
        '\u{180e}' => "Mongolian vowel separator",
        '\u{200b}' => "zero width space",
        '\u{200c}' => "zero width non-joiner",
        '\u{200d}' => "zero width joiner",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{2800}' => "braille pattern blank",
        '\u{3000}' => "ideographic space",
        '\u{3164}' => "Hangul filler",
        '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' => "variation selector",
        '\u{feff}' => "zero width no-break space",
        '\u{ffa0}' => "halfwidth Hangul filler",
        '\u{e0001}' => "language tag",
        '\u{e0020}'..='\u{e007f}' => "tag character",
        _ if is_noncharacter(c) => "noncharacter",
        _ => match c.general_category() {
            GeneralCategory::Control => "control character",
            GeneralCategory::Format => "invisible formatting character",
            GeneralCategory::SpaceSeparator => "space character",
            GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => "line break",
            GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark => "combining mark",
            GeneralCategory::PrivateUse => "private-use character",
            GeneralCategory::Unassigned => "unassigned code point",
            _ => return None,
        },
    })
}

/// `U+003C`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// "`<` (U+003C)", "a space (U+0020)", "U+200B (zero width space)".
pub fn describe_char(c: char) -> String {
    match (c, name(c)) {
        (' ', _) => "a space (U+0020)".to_string(),
        (_, Some(name)) => format!("{} ({name})", code_point(c)),
        _ if c == '`' => "a backtick (U+0060)".to_string(),
        _ => format!("`{c}` ({})", code_point(c)),
    }
}

/// The code points of `s`, space-separated, at most `max` of them before an ellipsis.
pub fn code_points(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push_str(" …");
            break;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&code_point(c));
    }
    out
}

/// `s` in backticks for a message, invisible characters written as `\u{200b}`, cut after
/// `max` characters.
pub fn quote(s: &str, max: usize) -> String {
    let mut out = String::from("`");
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        push_escaped(&mut out, c);
    }
    out.push('`');
    out
}

/// Appends `c`, or `\u{…}` when it is not safe or useful to show as itself.
pub fn push_escaped(out: &mut String, c: char) {
    if is_visible(c) || (is_combining(c) && !is_invisible(c)) {
        out.push(c);
    } else {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    }
}

fn is_combining(c: char) -> bool {
    matches!(c.general_category(), GeneralCategory::NonspacingMark | GeneralCategory::SpacingMark)
}

/// `n` things, in the plural unless one: "1 file", "3 files".
pub fn count(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_invisible_characters_by_code_point() {
        assert_eq!(describe_char('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe_char('\u{202e}'), "U+202E (right-to-left override)");
        assert_eq!(describe_char('<'), "`<` (U+003C)");
        assert_eq!(describe_char(' '), "a space (U+0020)");
        assert_eq!(describe_char('\u{e000}'), "U+E000 (private-use character)");
        assert_eq!(describe_char('\u{3164}'), "U+3164 (Hangul filler)");
        assert_eq!(describe_char('\u{2800}'), "U+2800 (braille pattern blank)");
        assert_eq!(describe_char('\u{fe0f}'), "U+FE0F (variation selector)");
        assert_eq!(describe_char('\u{ffff}'), "U+FFFF (noncharacter)");
        assert_eq!(describe_char('\u{85}'), "U+0085 (next line)");
    }

    #[test]
    fn no_invisible_character_is_shown_as_itself() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_invisible(c)) {
            assert!(describe_char(c).starts_with("U+"), "{c:?}");
            assert_eq!(quote(&c.to_string(), 4), format!("`\\u{{{:x}}}`", u32::from(c)));
        }
    }

    #[test]
    fn quote_escapes_controls_and_cuts_long_text() {
        assert_eq!(quote("a\u{1b}[31mb", 40), "`a\\u{1b}[31mb`");
        assert_eq!(quote("abcdef", 3), "`abc…`");
        assert_eq!(quote("e\u{301}", 3), "`e\u{301}`");
    }

    #[test]
    fn the_format_fast_path_agrees_with_the_table() {
        let skipped = ('\0'..'\u{ad}').chain('\u{2070}'..'\u{feff}');
        assert!(skipped.clone().all(|c| c.general_category() != GeneralCategory::Format));
        for c in ['\u{ad}', '\u{200b}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{e0001}'] {
            assert!(is_format(c), "{c:?}");
        }
    }

    #[test]
    fn lists_code_points() {
        assert_eq!(code_points("ｗｅｂ", 8), "U+FF57 U+FF45 U+FF42");
        assert_eq!(code_points("abc", 2), "U+0061 U+0062 …");
    }

    #[test]
    fn count_is_plural_unless_one() {
        assert_eq!(count(0, "file"), "0 files");
        assert_eq!(count(1, "key pair"), "1 key pair");
        assert_eq!(count(3, "error"), "3 errors");
    }
}
