//! The report of the four length rules (`name-too-long`, `description-too-long`,
//! `tag-key-too-long`, `tag-value-too-long`): written once, from what [`crate::measure::length`]
//! measured.

use super::Context;
use crate::measure::length::{self, Limit, Unit};
use crate::view::StrMember;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Reports `member` when its value is longer than `limit`, labelling the characters from the
/// first that does not fit to the last.
pub(crate) fn report(ctx: &mut Context<'_>, member: &StrMember<'_, '_>, limit: Limit) {
    let Some(o) = length::overflow(member.value.value(), limit) else { return };
    let shown = if o.graphemes == o.chars {
        String::new()
    } else {
        format!(
            "; a reader sees {}, as combining marks and emoji sequences count as several characters",
            plural(o.graphemes, "character", "characters")
        )
    };
    let subject = member.subject();
    let (message, label, help) = match limit.unit {
        Unit::Bytes => (
            format!(
                "{subject} is {} long ({}{shown}); the limit is {} bytes",
                plural(o.bytes, "byte", "bytes"),
                plural(o.chars, "character", "characters"),
                limit.max
            ),
            format!(
                "{} ({}) beyond the limit",
                plural(o.over_chars, "character", "characters"),
                plural(o.over_bytes, "byte", "bytes")
            ),
            format!(
                "shorten {subject} to at most {} bytes: an ASCII character takes 1 byte, a Chinese character 3",
                limit.max
            ),
        ),
        Unit::Chars => (
            format!(
                "{subject} is {} long{shown}; the limit is {} characters",
                plural(o.chars, "character", "characters"),
                limit.max
            ),
            format!("{} beyond the limit", plural(o.over_chars, "character", "characters")),
            format!("shorten {subject} to at most {} characters", limit.max),
        ),
    };
    ctx.report(member.pointer(), member.value.tail_span(o.cut), message).with_label(label).with_help(help);
}
