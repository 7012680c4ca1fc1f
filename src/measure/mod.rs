//! Checks shared by several rules, written once: length limits, character scans, UUID and IPv4
//! shapes, and close-name suggestions.

pub mod first_seen;
pub mod ipv4;
pub mod length;
pub mod similar;
pub mod uuid;

use crate::span::Span;
use crate::syntax::{AsciiSet, JsonStr};

/// Empty, or only characters with the Unicode `White_Space` property (U+3000 included).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Each decoded ASCII character of `s` in `set`, with the source span that produced it, except
/// inside REST-client variables (whose text is not what is sent). The decoded bytes are scanned
/// first (no character decoding), so strings without a match cost no position mapping.
pub fn matching_ascii<'s>(s: &'s JsonStr<'_>, set: &'s AsciiSet) -> impl Iterator<Item = (char, Span)> + 's {
    // Without escapes, each decoded byte is the source byte at the same offset.
    let plain = (!s.is_escaped()).then(|| {
        let matches = s.value().bytes().enumerate().filter(|&(_, b)| set.contains(b));
        matches.map(|(at, b)| (at, char::from(b), s.source_span(at, at + 1)))
    });
    let decoded = (s.is_escaped() && s.value().bytes().any(|b| set.contains(b))).then(|| {
        s.chars().scan(0, |offset, (c, span)| {
            let at = *offset;
            *offset += c.len_utf8();
            Some((at, c, span))
        })
    });
    plain
        .into_iter()
        .flatten()
        .chain(decoded.into_iter().flatten())
        .filter(move |&(at, c, _)| c.is_ascii() && set.contains(c as u8) && !s.in_variable(at))
        .map(|(_, c, span)| (c, span))
}
