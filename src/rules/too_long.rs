//! The report of the four length rules (`name-too-long`, `description-too-long`,
//! `tag-key-too-long`, `tag-value-too-long`): written once, from what [`crate::measure::length`]
//! measured.

use super::Context;
use crate::measure::length::{self, Limit, Unit};
use crate::text::count;
use crate::view::StrMember;

/// Reports `member` when its value is longer than `limit`, labelling the characters from the
/// first that does not fit to the last.
pub(crate) fn report(ctx: &mut Context<'_>, member: &StrMember<'_>, limit: Limit) {
    let Some(o) = length::overflow(member.value.value(), limit) else { return };
    ctx.report(member.value.tail_span(o.cut), |d| {
        let graphemes = length::graphemes(member.value.value());
        let shown = if graphemes == o.chars {
            String::new()
        } else {
            format!(
                "; a reader sees {}, as combining marks and emoji sequences count as several characters",
                count(graphemes, "character")
            )
        };
        let subject = member.subject();
        let (message, label, help) = match limit.unit {
            Unit::Bytes => (
                format!(
                    "{subject} is {} long ({}{shown}); the limit is {} bytes",
                    count(o.bytes, "byte"),
                    count(o.chars, "character"),
                    limit.max
                ),
                format!("{} ({}) beyond the limit", count(o.over_chars, "character"), count(o.over_bytes, "byte")),
                format!(
                    "shorten {subject} to at most {} bytes: an ASCII character takes 1 byte, a Chinese character 3",
                    limit.max
                ),
            ),
            Unit::Chars => (
                format!(
                    "{subject} is {} long{shown}; the limit is {} characters",
                    count(o.chars, "character"),
                    limit.max
                ),
                format!("{} beyond the limit", count(o.over_chars, "character")),
                format!("shorten {subject} to at most {} characters", limit.max),
            ),
        };
        d.describe(member.pointer(), message).with_label(label).with_help(help);
    });
}
