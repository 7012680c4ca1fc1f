//! Which kinds of bytes a string holds, found in one pass: a 64-bit set of byte classes. It
//! says nothing about what any rule allows; rules keep their own sets ([`AsciiSet`],
//! [`LeadSet`]) and ask whether a string holds any byte of them, so they skip the strings they
//! have nothing to say about without decoding a character.
//!
//! The classes fit in one word, so a string value's set is found as it is parsed and kept in
//! its tree node at no cost in memory. They are chosen so that every set a rule asks about is
//! a union of whole classes, which makes the answer exact for it: each ASCII punctuation mark
//! and the space is a class, the control characters U+0000–U+001F are one, DEL is one; letters
//! and digits are in none (no rule asks about them, nor do they start anything invisible);
//! each lead byte E0–F4 is a class, and C2, CD and D8 (the two-byte leads of invisible
//! characters), the other two-byte leads together. For any other set the answer may be yes
//! where the exact one is no, never the reverse, so a rule's closer look stays correct.

/// Bit of the controls U+0000–U+001F.
const CONTROLS_BIT: u32 = 0;
/// Bit of DEL (U+007F).
const DEL_BIT: u32 = 1;
/// Bits 2–34: the space and the 32 ASCII punctuation marks, in order.
const PUNCTUATION_FIRST_BIT: u32 = 2;
/// Bits 35–38: the two-byte leads C2, CD, D8 and the others.
const TWO_BYTE_FIRST_BIT: u32 = 35;
/// Bits 39–54: the three-byte leads E0–EF; bits 55–59: the four-byte leads F0–F4.
const THREE_BYTE_FIRST_BIT: u32 = 39;

/// The class bit of byte `b` (0 for letters, digits, continuation bytes and bytes that never
/// occur in UTF-8).
const fn class_bit(b: u8) -> u64 {
    let bit = match b {
        0x00..=0x1F => CONTROLS_BIT,
        0x7F => DEL_BIT,
        b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | 0x80..=0xC1 | 0xF5..=0xFF => return 0,
        0x20..=0x7E => PUNCTUATION_FIRST_BIT + punctuation_index(b),
        0xC2 => TWO_BYTE_FIRST_BIT,
        0xCD => TWO_BYTE_FIRST_BIT + 1,
        0xD8 => TWO_BYTE_FIRST_BIT + 2,
        0xC3..=0xDF => TWO_BYTE_FIRST_BIT + 3,
        0xE0..=0xF4 => THREE_BYTE_FIRST_BIT + (b - 0xE0) as u32,
    };
    1 << bit
}

/// The place of a space or punctuation byte among the 33 of them.
const fn punctuation_index(b: u8) -> u32 {
    match b {
        0x20..=0x2F => (b - 0x20) as u32,
        0x3A..=0x40 => 16 + (b - 0x3A) as u32,
        0x5B..=0x60 => 23 + (b - 0x5B) as u32,
        _ => 29 + (b.saturating_sub(0x7B)) as u32,
    }
}

/// [`class_bit`] of every byte value.
// Evaluated at compile time, where an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
static CLASS_BITS: [u64; 256] = {
    let mut bits = [0; 256];
    let mut b = 0;
    while b < 256 {
        bits[b] = class_bit(b as u8);
        b += 1;
    }
    bits
};

/// Every class of the lead bytes (bits 35–59).
const LEADS: u64 = ((1 << 25) - 1) << TWO_BYTE_FIRST_BIT;

/// The classes of bytes a text holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteSet(u64);

impl ByteSet {
    /// The classes of the bytes of `text`.
    pub fn of(text: &str) -> ByteSet {
        // Or-ed into four words, not one, so that no byte waits for the one before.
        let mut words = [0u64; 4];
        let mut chunks = text.as_bytes().chunks_exact(4);
        for chunk in &mut chunks {
            for (word, &b) in words.iter_mut().zip(chunk) {
                *word |= CLASS_BITS.get(usize::from(b)).copied().unwrap_or(0);
            }
        }
        for &b in chunks.remainder() {
            words[0] |= CLASS_BITS.get(usize::from(b)).copied().unwrap_or(0);
        }
        ByteSet(words.iter().fold(0, |all, w| all | w))
    }

    /// Whether the text holds any character of `set`.
    pub fn any_ascii(self, set: AsciiSet) -> bool {
        self.0 & set.classes != 0
    }

    /// Whether the text holds a character starting with any lead byte of `set`.
    pub fn any_lead(self, set: LeadSet) -> bool {
        self.0 & set.0 != 0
    }

    /// Whether the text holds a character above U+007F.
    pub fn non_ascii(self) -> bool {
        self.0 & LEADS != 0
    }

    /// The set as kept in a tree node: two 32-bit halves.
    pub(crate) fn halves(self) -> (u32, u32) {
        (self.0 as u32, (self.0 >> 32) as u32)
    }

    /// The set kept as [`ByteSet::halves`].
    pub(crate) fn from_halves(low: u32, high: u32) -> ByteSet {
        ByteSet(u64::from(low) | u64::from(high) << 32)
    }
}

/// A set of ASCII characters: one bit each, and the classes that hold them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AsciiSet {
    chars: u128,
    classes: u64,
}

impl AsciiSet {
    /// The control characters U+0000–U+001F.
    pub const CONTROLS: AsciiSet = AsciiSet::from_chars(0xFFFF_FFFF);

    const fn from_chars(chars: u128) -> AsciiSet {
        let mut classes = 0;
        let mut b = 0;
        while b < 128 {
            if chars & (1 << b) != 0 {
                classes |= class_bit(b as u8);
            }
            b += 1;
        }
        AsciiSet { chars, classes }
    }

    /// The characters of `chars` (ASCII only).
    pub const fn of(mut chars: &[u8]) -> AsciiSet {
        let mut bits = 0u128;
        while let [first, rest @ ..] = chars {
            bits |= 1 << (*first & 0x7f);
            chars = rest;
        }
        AsciiSet::from_chars(bits)
    }

    /// The characters from `first` to `last`, inclusive (ASCII only).
    pub const fn range(first: u8, last: u8) -> AsciiSet {
        let mut bits = 0u128;
        let mut b = first;
        while b <= last && b < 0x80 {
            bits |= 1 << b;
            b += 1;
        }
        AsciiSet::from_chars(bits)
    }

    /// Both sets together.
    pub const fn union(self, other: AsciiSet) -> AsciiSet {
        AsciiSet::from_chars(self.chars | other.chars)
    }

    /// Every ASCII character not in the set.
    pub const fn complement(self) -> AsciiSet {
        AsciiSet::from_chars(!self.chars)
    }

    /// Whether byte `b` is in the set (bytes above 0x7F never are).
    pub fn contains(&self, b: u8) -> bool {
        b < 0x80 && self.chars & (1 << b) != 0
    }
}

/// A set of UTF-8 lead bytes (0xC0–0xFF), as the classes that hold them: the first bytes of the
/// characters of some range of code points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeadSet(u64);

impl LeadSet {
    /// The lead bytes from `first` to `last`, inclusive (bytes below 0xC0 are not lead bytes).
    pub const fn range(first: u8, last: u8) -> LeadSet {
        let mut classes = 0;
        let mut b = first as u32;
        while b <= last as u32 {
            if b >= 0xC0 {
                classes |= class_bit(b as u8);
            }
            b += 1;
        }
        LeadSet(classes)
    }

    /// Both sets together.
    pub const fn union(self, other: LeadSet) -> LeadSet {
        LeadSet(self.0 | other.0)
    }

    /// Every lead byte not in the set.
    pub const fn complement(self) -> LeadSet {
        LeadSet(!self.0 & LEADS)
    }
}

#[cfg(test)]
mod tests {
    use super::{AsciiSet, ByteSet, LeadSet};

    #[test]
    fn records_punctuation_controls_and_lead_bytes() {
        let bytes = ByteSet::of("Web/名");
        assert!(bytes.any_ascii(AsciiSet::of(b"/")) && !bytes.any_ascii(AsciiSet::of(b"\\")));
        assert!(!bytes.any_ascii(AsciiSet::CONTROLS.union(AsciiSet::of(b"<>"))));
        assert!(bytes.non_ascii() && bytes.any_lead(LeadSet::range(0xE5, 0xE5)), "名 is E5 90 8D");
        assert!(!bytes.any_lead(LeadSet::range(0xE4, 0xE4).union(LeadSet::range(0xF0, 0xFF))));
        assert!(!ByteSet::of("web-01").non_ascii());
        assert!(ByteSet::of("a\u{1}b").any_ascii(AsciiSet::CONTROLS));
        assert!(!AsciiSet::of(b"ab").complement().contains(b'a'));
        assert!(LeadSet::range(0xC0, 0xFF).complement() == LeadSet::default());
    }

    #[test]
    fn each_class_is_one_bit_and_the_classes_do_not_overlap_where_rules_look() {
        // The 33 punctuation marks and the space have bits of their own.
        let punctuation: Vec<u8> = (0x20..0x7F).filter(|b: &u8| !b.is_ascii_alphanumeric()).collect();
        assert_eq!(punctuation.len(), 33);
        let bits: std::collections::HashSet<u64> = punctuation.iter().map(|&b| super::class_bit(b)).collect();
        assert_eq!(bits.len(), 33);
        assert!(bits.iter().all(|b| b.count_ones() == 1 && b & (super::LEADS | 3) == 0));
        // Every lead byte a &str can hold has a class, among the leads.
        for b in 0xC2..=0xF4u8 {
            assert_eq!(super::class_bit(b).count_ones(), 1, "{b:#x}");
            assert_ne!(super::class_bit(b) & super::LEADS, 0, "{b:#x}");
        }
    }

    proptest::proptest! {
        /// For a space, a punctuation mark or a lead byte with a class of its own, the set
        /// holds it exactly when the text does.
        #[test]
        fn exact_for_classes_of_one_byte(text in "(?s).{0,40}", b in proptest::sample::select(
            (0x20u8..0x7F).filter(|b| !b.is_ascii_alphanumeric()).chain([0xC2, 0xCD, 0xD8]).chain(0xE0..=0xF4).collect::<Vec<_>>()
        )) {
            let set = ByteSet::of(&text);
            let held = text.as_bytes().contains(&b);
            let asked = if b < 0x80 { set.any_ascii(AsciiSet::of(&[b])) } else { set.any_lead(LeadSet::range(b, b)) };
            proptest::prop_assert_eq!(asked, held);
        }
    }

    #[test]
    fn long_texts_record_every_byte_value() {
        let all: String = (0u32..0x800).filter_map(char::from_u32).chain(['\u{10000}', '\u{FFFF}']).collect();
        let bytes = ByteSet::of(&all);
        assert!(bytes.any_ascii(AsciiSet::of(b"\x00")) && bytes.any_ascii(AsciiSet::of(b"\x7f")));
        for lead in [0xC2, 0xD0, 0xDF, 0xEF, 0xF0] {
            assert!(bytes.any_lead(LeadSet::range(lead, lead)), "{lead:X}");
        }
        assert!(
            !bytes.any_lead(
                LeadSet::range(0xC0, 0xC1).union(LeadSet::range(0xE0, 0xEE)).union(LeadSet::range(0xF1, 0xFF))
            )
        );
    }
}
