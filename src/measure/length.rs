//! Length limits in bytes or characters: how far a value goes beyond one.

use unicode_segmentation::UnicodeSegmentation;

/// What a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// UTF-8 bytes of the decoded value.
    Bytes,
    /// Unicode scalar values of the decoded value.
    Chars,
}

/// A maximum length.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    /// The largest length allowed.
    pub max: usize,
    /// What is counted.
    pub unit: Unit,
}

/// How a value exceeds its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// UTF-8 bytes of the value.
    pub bytes: usize,
    /// Unicode scalar values of the value.
    pub chars: usize,
    /// The byte offset of the first character that does not fit (one straddling a byte limit
    /// does not fit).
    pub cut: usize,
    /// Characters from `cut` to the end.
    pub over_chars: usize,
    /// Bytes from `cut` to the end.
    pub over_bytes: usize,
}

/// How `value` exceeds `limit`, or `None` when it fits.
pub fn overflow(value: &str, limit: Limit) -> Option<Overflow> {
    let measured = match limit.unit {
        Unit::Bytes => value.len(),
        Unit::Chars => value.chars().count(),
    };
    if measured <= limit.max {
        return None;
    }
    let cut = match limit.unit {
        Unit::Bytes => value.char_indices().find(|(i, c)| i + c.len_utf8() > limit.max),
        Unit::Chars => value.char_indices().nth(limit.max),
    };
    let cut = cut.map_or(value.len(), |(i, _)| i);
    let chars = value.chars().count();
    let tail = value.get(cut..).unwrap_or_default();
    Some(Overflow { bytes: value.len(), chars, cut, over_chars: tail.chars().count(), over_bytes: tail.len() })
}

/// How many characters a reader sees in `value`: extended grapheme clusters (`e` and a
/// combining accent are one, so is a flag). Asked only when a message is written.
pub fn graphemes(value: &str) -> usize {
    // ASCII text has one grapheme per character, except a CR LF pair: skip the segmentation.
    if value.is_ascii() { value.len() - value.matches("\r\n").count() } else { value.graphemes(true).count() }
}
