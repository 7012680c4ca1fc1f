use super::Context;
use crate::measure::matching_ascii;
use crate::request::members::TagField;
use crate::syntax::AsciiSet;
use crate::text::describe_char;
use crate::view::{ObjectView, RequestView, StrMember};

declare_rule! {
    TagInvalidChar {
        id: "tag-invalid-char",
        severity: Error,
        fix: None,
        summary: "A tag's `key` or `value` holds a control character or one of `* < > \\ = , | /`.",
        visits: [objects],
    }
}

/// ASCII 0–31 and the reference's list.
const FORBIDDEN: AsciiSet = AsciiSet::CONTROLS.union(AsciiSet::of(b"*<>\\=,|/"));

fn check_object(_: &RequestView<'_, '_>, tag: &ObjectView<'_>, ctx: &mut Context<'_>) {
    // Only strings holding a forbidden character get a closer look.
    let suspicious = |m: &StrMember<'_>| m.value.bytes().any_ascii(FORBIDDEN);
    for member in TagField::ALL.iter().filter_map(|&f| tag.tag_text(f)).filter(suspicious) {
        for (c, span) in matching_ascii(&member.value, &FORBIDDEN) {
            let what = if c < ' ' { "a control character" } else { "forbidden" };
            ctx.report(span, |d| {
                d.describe(
                    member.pointer(),
                    format!("{} contains {}, which is not allowed", member.subject(), describe_char(c)),
                )
                .with_label(what)
                .with_help(
                    "tag keys and values must not hold ASCII control characters (0–31) or any of * < > \\ = , | /",
                );
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TagInvalidChar;
    use crate::rules::testing::{assert_clean, labelled, run, with_tags};

    #[test]
    fn other_characters_pass() {
        assert_clean(
            &TagInvalidChar,
            &[with_tags("[{\"key\": \"env-1.a_b:c@d\", \"value\": \"prod 环境 😀 \\u007f\"}]")],
        );
    }

    #[test]
    fn one_diagnostic_per_character_at_its_source() {
        let src = with_tags("[{\"key\": \"a/b\\/c\", \"value\": \"x\\ty\\u0007*\"}]");
        assert_eq!(labelled(&TagInvalidChar, &src), ["/", "\\/", "\\t", "\\u0007", "*"]);
        let found = run(&TagInvalidChar, &src);
        assert_eq!(found[2].message, "tag `value` contains U+0009 (tab), which is not allowed");
        assert_eq!(found[0].pointer, "/protected_instance/tags/0/key");
    }
}
