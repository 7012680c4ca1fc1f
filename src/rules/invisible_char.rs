use unicode_properties::UnicodeEmoji;
use unicode_segmentation::UnicodeSegmentation;

use super::Context;
use crate::describe::{describe_char, is_format};
use crate::diagnostic::{Applicability, Fix};
use crate::syntax::TextFlags;
use crate::view::{RequestView, StrMember};

declare_rule! {
    /// A documented string value holds an invisible formatting character.
    InvisibleChar {
        id: "invisible-char",
        severity: Warning,
        fix: Some(Applicability::Unsafe),
        summary: "A string value holds an invisible or formatting character (Unicode category Cf).",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    for member in request.strings() {
        if member.value.flags().any(TextFlags::FORMAT_LEAD) && member.value.value().chars().any(is_format) {
            report_each(ctx, &member);
        }
    }
}

/// Category-Cf characters except those that build an emoji: a zero-width joiner between two
/// emoji, and the tag characters of a flag sequence (both inside one grapheme cluster).
fn report_each(ctx: &mut Context<'_>, member: &StrMember<'_, '_>) {
    let value = member.value.value();
    for (start, cluster) in value.grapheme_indices(true) {
        let starts_with_emoji = cluster.chars().next().is_some_and(|c| c.is_emoji_char() && !c.is_ascii());
        let mut chars = cluster.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_format(c) {
                continue;
            }
            let next = chars.peek().map(|&(_, n)| n);
            let joins_emoji = c == '\u{200d}' && starts_with_emoji && next.is_some_and(|n| n.is_emoji_char());
            let flag_tag = ('\u{e0020}'..='\u{e007f}').contains(&c) && starts_with_emoji;
            if joins_emoji || flag_tag {
                continue;
            }
            let offset = start + i;
            let span = member.value.source_span(offset, offset + c.len_utf8());
            ctx.report(
                member.pointer(),
                span,
                format!("{} contains {}, an invisible character", member.subject(), describe_char(c)),
            )
            .with_label("invisible")
            .with_help("remove it: invisible characters make different values look the same")
            .with_fix(Fix::replace("remove the invisible character", Applicability::Unsafe, span, ""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InvisibleChar;
    use crate::rules::testing::{assert_clean, labelled, request, run, with_tags};

    #[test]
    fn visible_text_and_emoji_sequences_pass() {
        assert_clean(
            &InvisibleChar,
            &[
                request(
                    "\"description\": \"家族 👨\u{200d}👩\u{200d}👧 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} e\u{301}\"",
                ),
                "{\"x\u{200b}\": 1}".into(),
                request("\"unknown\": \"a\u{200b}\""),
            ],
        );
    }

    #[test]
    fn one_diagnostic_per_character_in_any_documented_string() {
        let src = request("\"name\": \"a\u{200b}b\\u2060\", \"description\": \"\u{202e}x\u{feff}\"");
        assert_eq!(labelled(&InvisibleChar, &src), ["\u{200b}", "\\u2060", "\u{202e}", "\u{feff}"]);
        let src = with_tags("[{\"key\": \"k\u{ad}\", \"value\": \"\u{200e}\"}]");
        assert_eq!(run(&InvisibleChar, &src).len(), 2);
    }

    #[test]
    fn a_joiner_outside_an_emoji_sequence_fires() {
        assert_eq!(labelled(&InvisibleChar, &request("\"description\": \"a\u{200d}b 😀\u{200d}\"")).len(), 2);
    }
}
