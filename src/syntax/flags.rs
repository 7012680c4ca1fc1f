//! What kinds of bytes a string holds, found in one pass when the string is parsed, so that the
//! rules skip the strings they have nothing to say about without scanning them again.

/// A set of [`TextFlags`] bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextFlags(u16);

impl TextFlags {
    /// A byte above 0x7F: some non-ASCII character.
    pub const NON_ASCII: TextFlags = TextFlags(1);
    /// An ASCII upper-case letter.
    pub const UPPERCASE: TextFlags = TextFlags(1 << 1);
    /// A control character U+0000–U+001F.
    pub const CONTROL: TextFlags = TextFlags(1 << 2);
    /// One of `* < > \ = , | /` (forbidden in tags).
    pub const TAG_PUNCTUATION: TextFlags = TextFlags(1 << 3);
    /// `<` or `>`.
    pub const ANGLE_BRACKET: TextFlags = TextFlags(1 << 4);
    /// An ASCII character other than a letter, digit, `.`, `_` or `-`.
    pub const OTHER_ASCII: TextFlags = TextFlags(1 << 5);
    /// A UTF-8 lead byte of a character outside U+4000–U+9FFF (so neither ASCII nor, mostly,
    /// CJK ideographs).
    pub const OTHER_LEAD: TextFlags = TextFlags(1 << 6);
    /// The lead byte 0xE4: U+4000–U+4FFF, of which U+4E00 onwards are CJK Unified Ideographs.
    pub const LEAD_E4: TextFlags = TextFlags(1 << 7);
    /// A byte that some character `invisible-char` reports starts with: a control character
    /// (C0, DEL) or the lead byte of a C1 control, a default-ignorable code point (zero-width,
    /// bidirectional control, variation selector, Hangul filler, …), U+2800 or a noncharacter.
    /// Plain ASCII, Latin, Greek, Cyrillic and CJK text never sets it.
    pub const FORMAT_LEAD: TextFlags = TextFlags(1 << 8);

    /// The flags of `text`.
    pub fn of(text: &str) -> TextFlags {
        TextFlags(text.bytes().fold(0, |flags, b| flags | BYTE_FLAGS.get(usize::from(b)).copied().unwrap_or(0)))
    }

    /// Whether any of `flags` is set.
    pub fn any(self, flags: TextFlags) -> bool {
        self.0 & flags.0 != 0
    }
}

impl std::ops::BitOr for TextFlags {
    type Output = TextFlags;

    fn bitor(self, other: TextFlags) -> TextFlags {
        TextFlags(self.0 | other.0)
    }
}

/// The flags each byte value sets. Built at compile time: an out-of-bounds index there is a
/// build error, not a panic.
#[allow(clippy::indexing_slicing)]
const BYTE_FLAGS: [u16; 256] = {
    let mut table = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut flags = 0;
        if b >= 0x80 {
            flags |= TextFlags::NON_ASCII.0;
        }
        if b.is_ascii_uppercase() {
            flags |= TextFlags::UPPERCASE.0;
        }
        if b < 0x20 {
            flags |= TextFlags::CONTROL.0;
        }
        if matches!(b, b'*' | b'<' | b'>' | b'\\' | b'=' | b',' | b'|' | b'/') {
            flags |= TextFlags::TAG_PUNCTUATION.0;
        }
        if matches!(b, b'<' | b'>') {
            flags |= TextFlags::ANGLE_BRACKET.0;
        }
        if b < 0x80 && !b.is_ascii_alphanumeric() && !matches!(b, b'.' | b'_' | b'-') {
            flags |= TextFlags::OTHER_ASCII.0;
        }
        if b >= 0xC0 && !matches!(b, 0xE4..=0xE9) {
            flags |= TextFlags::OTHER_LEAD.0;
        }
        if b == 0xE4 {
            flags |= TextFlags::LEAD_E4.0;
        }
        // C0 and DEL; C2: C1 and U+00AD; CD: U+034F; D8: U+061C; E1: U+115F, U+1160, U+17B4,
        // U+17B5, U+180B–U+180F; E2: U+200B–U+206F, U+2800; E3: U+3164; EF: U+FDD0–U+FFFF;
        // F0–F4: the supplementary planes' ignorables and noncharacters.
        if matches!(b, 0x00..=0x1F | 0x7F | 0xC2 | 0xCD | 0xD8 | 0xE1..=0xE3 | 0xEF | 0xF0..=0xF4) {
            flags |= TextFlags::FORMAT_LEAD.0;
        }
        table[i] = flags;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::TextFlags;
    use crate::text::is_invisible;

    #[test]
    fn flags_describe_the_text() {
        let flags = TextFlags::of("Web/名");
        assert!(
            flags.any(TextFlags::UPPERCASE) && flags.any(TextFlags::TAG_PUNCTUATION) && flags.any(TextFlags::NON_ASCII)
        );
        assert!(
            !flags.any(TextFlags::CONTROL | TextFlags::OTHER_LEAD | TextFlags::FORMAT_LEAD | TextFlags::ANGLE_BRACKET)
        );
        assert!(TextFlags::of("a\u{200b}").any(TextFlags::FORMAT_LEAD));
        assert!(TextFlags::of("é").any(TextFlags::OTHER_LEAD));
        assert!(TextFlags::of("䀀").any(TextFlags::LEAD_E4));
        assert_eq!(TextFlags::of("web-01_a.B"), TextFlags::UPPERCASE);
    }

    #[test]
    fn every_invisible_character_sets_format_lead() {
        let mut buf = [0u8; 4];
        let mut checked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_invisible(c)) {
            assert!(TextFlags::of(c.encode_utf8(&mut buf)).any(TextFlags::FORMAT_LEAD), "{c:?}");
            checked += 1;
        }
        // C0, DEL, C1 (65), default ignorables (4,174), U+2800, noncharacters (66).
        assert_eq!(checked, 65 + 4174 + 1 + 66);
    }

    #[test]
    fn plain_text_does_not_set_format_lead() {
        for text in ["web-01 prod", "生产环境", "café", "Ελληνικά", "кириллица"] {
            assert!(!TextFlags::of(text).any(TextFlags::FORMAT_LEAD), "{text}");
        }
    }
}
