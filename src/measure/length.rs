//! Length limits in bytes or characters, reported at the characters beyond the limit.

use unicode_segmentation::UnicodeSegmentation;

use crate::rules::Context;
use crate::view::StrMember;

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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Reports `member` when its value is longer than `limit`, labelling the characters from the
/// first that does not fit to the last. A character straddling a byte limit does not fit.
pub fn check(ctx: &mut Context<'_>, member: &StrMember<'_, '_>, limit: Limit) {
    let value = member.value.value();
    let measured = match limit.unit {
        Unit::Bytes => value.len(),
        Unit::Chars => value.chars().count(),
    };
    if measured <= limit.max {
        return;
    }
    let cut = match limit.unit {
        Unit::Bytes => value.char_indices().find(|(i, c)| i + c.len_utf8() > limit.max),
        Unit::Chars => value.char_indices().nth(limit.max),
    };
    let cut = cut.map_or(value.len(), |(i, _)| i);
    let chars = value.chars().count();
    // ASCII text has one grapheme per character, except a CR LF pair: skip the segmentation.
    let graphemes =
        if value.is_ascii() { chars - value.matches("\r\n").count() } else { value.graphemes(true).count() };
    let shown = if graphemes == chars {
        String::new()
    } else {
        format!(
            "; a reader sees {}, as combining marks and emoji sequences count as several characters",
            plural(graphemes, "character", "characters")
        )
    };
    let subject = member.subject();
    let tail = value.get(cut..).unwrap_or_default();
    let over = tail.chars().count();
    let (message, label, help) = match limit.unit {
        Unit::Bytes => (
            format!(
                "{subject} is {} long ({}{shown}); the limit is {} bytes",
                plural(value.len(), "byte", "bytes"),
                plural(chars, "character", "characters"),
                limit.max
            ),
            format!(
                "{} ({}) beyond the limit",
                plural(over, "character", "characters"),
                plural(tail.len(), "byte", "bytes")
            ),
            format!(
                "shorten {subject} to at most {} bytes: an ASCII character takes 1 byte, a Chinese character 3",
                limit.max
            ),
        ),
        Unit::Chars => (
            format!(
                "{subject} is {} long{shown}; the limit is {} characters",
                plural(chars, "character", "characters"),
                limit.max
            ),
            format!("{} beyond the limit", plural(over, "character", "characters")),
            format!("shorten {subject} to at most {} characters", limit.max),
        ),
    };
    ctx.report(member.pointer(), member.value.tail_span(cut), message).with_label(label).with_help(help);
}
