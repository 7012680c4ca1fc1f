//! Which bytes a string holds, found in one pass: the set of ASCII characters and the set of
//! UTF-8 lead bytes. It says nothing about what any rule allows; rules keep their own sets
//! ([`AsciiSet`], [`LeadSet`]) and ask whether a string holds any byte of them, so they skip the
//! strings they have nothing to say about without decoding a character.

/// Texts up to this many bytes are scanned into words directly; longer ones through a table.
const SHORT: usize = 32;

/// The ASCII characters and UTF-8 lead bytes (0xC0–0xFF) a text holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteSet {
    /// ASCII 0–63 and 64–127 (two halves, not a `u128`, so a set is 8-byte aligned).
    ascii: [u64; 2],
    lead: LeadSet,
}

impl ByteSet {
    /// The bytes of `text`.
    pub fn of(text: &str) -> ByteSet {
        if text.len() <= SHORT { Self::of_short(text.as_bytes()) } else { Self::of_long(text.as_bytes()) }
    }

    /// One bit per byte in the set of its quarter (ASCII low and high, lead; continuation bytes
    /// are not kept), chosen by masks rather than a branch: texts mix ASCII and CJK, which
    /// predictors guess badly.
    fn of_short(bytes: &[u8]) -> ByteSet {
        let (mut low, mut high, mut lead) = (0u64, 0u64, 0u64);
        for &b in bytes {
            let bit = 1u64 << (b & 63);
            let quarter = b >> 6;
            low |= bit & u64::from(quarter == 0).wrapping_neg();
            high |= bit & u64::from(quarter == 1).wrapping_neg();
            lead |= bit & u64::from(quarter == 3).wrapping_neg();
        }
        ByteSet { ascii: [low, high], lead: LeadSet(lead) }
    }

    /// A flag per byte value, each byte one independent store (no byte waits for the one
    /// before, as it does when bits are or-ed into a word); the flags are then packed eight at a
    /// time.
    fn of_long(bytes: &[u8]) -> ByteSet {
        let mut seen = [0u8; 256];
        for &b in bytes {
            if let Some(flag) = seen.get_mut(usize::from(b)) {
                *flag = 1;
            }
        }
        let quarter = |q: usize| -> u64 {
            let flags = seen.get(q * 64..(q + 1) * 64).unwrap_or_default();
            flags.chunks_exact(8).enumerate().fold(0, |word, (i, eight)| {
                let eight = u64::from_le_bytes(eight.try_into().unwrap_or_default());
                // Each byte is 0 or 1: the multiply gathers the eight low bits into the top byte.
                word | ((eight.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * i))
            })
        };
        ByteSet { ascii: [quarter(0), quarter(1)], lead: LeadSet(quarter(3)) }
    }

    /// Whether the text holds any character of `set`.
    pub fn any_ascii(self, set: AsciiSet) -> bool {
        let [low, high] = self.ascii;
        (low & set.0 as u64) | (high & (set.0 >> 64) as u64) != 0
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

    proptest::proptest! {
        /// Both ways of finding the set agree, on any text, whatever its length.
        #[test]
        fn short_and_long_scans_agree(text in "(?s).{0,80}") {
            proptest::prop_assert_eq!(ByteSet::of_short(text.as_bytes()), ByteSet::of_long(text.as_bytes()));
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
