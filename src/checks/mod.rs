//! Checks shared by several rules, written once: length limits, character scans, UUID and IPv4
//! shapes, and close-name suggestions.

pub mod ipv4;
pub mod length;
pub mod similar;
pub mod uuid;

use crate::span::Span;
use crate::syntax::JsonStr;

/// Empty, or only characters with the Unicode `White_Space` property (U+3000 included).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Each decoded character of `s` matching `pred`, with the source span that produced it.
/// Scans the decoded value first, so strings without a match cost no position mapping.
pub fn matching_chars<'s>(
    s: &'s JsonStr<'_>,
    pred: impl Fn(char) -> bool + 's,
) -> impl Iterator<Item = (char, Span)> + 's {
    let any = s.value().chars().any(&pred);
    any.then(|| s.chars()).into_iter().flatten().filter(move |&(c, _)| pred(c))
}

/// The source span of decoded bytes `from..to` of `s` (whole characters, escapes whole).
pub fn source_span(s: &JsonStr<'_>, from: usize, to: usize) -> Span {
    let mut decoded = 0;
    let mut span: Option<Span> = None;
    for (c, char_span) in s.chars() {
        if decoded >= to {
            break;
        }
        if decoded >= from {
            span = Some(span.map_or(char_span, |s| s.to(char_span)));
        }
        decoded += c.len_utf8();
    }
    span.unwrap_or(Span::empty(s.content_span().start))
}
