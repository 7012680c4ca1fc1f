//! Which bytes a string holds, found in one pass when the string is parsed: the set of ASCII
//! characters and the set of UTF-8 lead bytes. It says nothing about what any rule allows;
//! rules keep their own sets ([`AsciiSet`], [`LeadSet`]) and ask whether a string holds any
//! byte of them, so they skip the strings they have nothing to say about without scanning them.

/// The ASCII characters and UTF-8 lead bytes (0xC0–0xFF) a text holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteSet {
    ascii: AsciiSet,
    lead: LeadSet,
}

impl ByteSet {
    /// The bytes of `text`.
    pub fn of(text: &str) -> ByteSet {
        let (mut ascii, mut lead) = (0u128, 0u64);
        for b in text.bytes() {
            if b < 0x80 {
                ascii |= 1 << b;
            } else if b >= 0xC0 {
                lead |= 1 << (b - 0xC0);
            }
        }
        ByteSet { ascii: AsciiSet(ascii), lead: LeadSet(lead) }
    }

    /// Whether the text holds any character of `set`.
    pub fn any_ascii(self, set: AsciiSet) -> bool {
        self.ascii.0 & set.0 != 0
    }

    /// Whether the text holds a character starting with any lead byte of `set`.
    pub fn any_lead(self, set: LeadSet) -> bool {
        self.lead.0 & set.0 != 0
    }

    /// Whether the text holds a character above U+007F.
    pub fn non_ascii(self) -> bool {
        self.lead.0 != 0
    }
}

/// A set of ASCII characters, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AsciiSet(u128);

impl AsciiSet {
    /// The control characters U+0000–U+001F.
    pub const CONTROLS: AsciiSet = AsciiSet(0xFFFF_FFFF);

    /// The characters of `chars` (ASCII only).
    pub const fn of(mut chars: &[u8]) -> AsciiSet {
        let mut bits = 0u128;
        while let [first, rest @ ..] = chars {
            bits |= 1 << (*first & 0x7f);
            chars = rest;
        }
        AsciiSet(bits)
    }

    /// The characters from `first` to `last`, inclusive (ASCII only).
    pub const fn range(first: u8, last: u8) -> AsciiSet {
        let mut bits = 0u128;
        let mut b = first;
        while b <= last && b < 0x80 {
            bits |= 1 << b;
            b += 1;
        }
        AsciiSet(bits)
    }

    /// Both sets together.
    pub const fn union(self, other: AsciiSet) -> AsciiSet {
        AsciiSet(self.0 | other.0)
    }

    /// Every ASCII character not in the set.
    pub const fn complement(self) -> AsciiSet {
        AsciiSet(!self.0)
    }

    /// Whether byte `b` is in the set (bytes above 0x7F never are).
    pub fn contains(&self, b: u8) -> bool {
        b < 0x80 && self.0 & (1 << b) != 0
    }
}

/// A set of UTF-8 lead bytes (0xC0–0xFF), one bit each: the first bytes of the characters of
/// some range of code points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeadSet(u64);

impl LeadSet {
    /// The lead bytes from `first` to `last`, inclusive (bytes below 0xC0 are not lead bytes).
    pub const fn range(first: u8, last: u8) -> LeadSet {
        let mut bits = 0u64;
        let mut b = first;
        loop {
            if b >= 0xC0 && b <= last {
                bits |= 1 << (b - 0xC0);
            }
            if b >= last || b == 0xFF {
                break;
            }
            b += 1;
        }
        LeadSet(bits)
    }

    /// Both sets together.
    pub const fn union(self, other: LeadSet) -> LeadSet {
        LeadSet(self.0 | other.0)
    }

    /// Every lead byte not in the set.
    pub const fn complement(self) -> LeadSet {
        LeadSet(!self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::{AsciiSet, ByteSet, LeadSet};

    #[test]
    fn records_ascii_characters_and_lead_bytes() {
        let bytes = ByteSet::of("Web/名");
        assert!(bytes.any_ascii(AsciiSet::of(b"/")) && bytes.any_ascii(AsciiSet::range(b'A', b'Z')));
        assert!(!bytes.any_ascii(AsciiSet::CONTROLS.union(AsciiSet::of(b"<>"))));
        assert!(bytes.non_ascii() && bytes.any_lead(LeadSet::range(0xE5, 0xE5)), "名 is E5 90 8D");
        assert!(!bytes.any_lead(LeadSet::range(0xE4, 0xE4).union(LeadSet::range(0xF0, 0xFF))));
        assert!(!ByteSet::of("web-01").non_ascii());
        assert!(!AsciiSet::of(b"ab").complement().contains(b'a'));
        assert!(LeadSet::range(0xC0, 0xFF).complement() == LeadSet::default());
    }
}
