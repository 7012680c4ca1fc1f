use unicode_segmentation::UnicodeSegmentation;

use super::Context;
use crate::diagnostic::{Applicability, Fix};
use crate::request::members::Field;
use crate::syntax::{AsciiSet, LeadSet};
use crate::text::{code_points, describe_char, quote};
use crate::view::{RequestView, StrMember};

declare_rule! {
    NameInvalidChar {
        id: "name-invalid-char",
        severity: Error,
        fix: Some(Applicability::Unsafe),
        summary: "`name` holds a character other than Chinese characters, ASCII letters, digits, `.`, `_` and `-`.",
    }
}

/// Why full-width letters are refused.
const FULL_WIDTH: &str =
    "the reference prints the allowed characters in full-width type, but only their ASCII forms are accepted";

const ALLOWED: &str = "Chinese characters (U+4E00–U+9FFF), ASCII letters and digits, `.`, `_` and `-`";

/// The ASCII characters `name` allows.
const ALLOWED_ASCII: AsciiSet = AsciiSet::range(b'a', b'z')
    .union(AsciiSet::range(b'A', b'Z'))
    .union(AsciiSet::range(b'0', b'9'))
    .union(AsciiSet::of(b"._-"));

/// The ASCII characters `name` does not allow (a constant: the sets are made at compile time).
const DISALLOWED_ASCII: AsciiSet = ALLOWED_ASCII.complement();

/// The lead bytes of U+5000–U+9FFF, all CJK Unified Ideographs (U+4E00–U+4FFF start with E4,
/// shared with other characters).
const CJK_LEADS: LeadSet = LeadSet::range(0xE5, 0xE9);

/// Every other lead byte.
const BEYOND_CJK_LEADS: LeadSet = CJK_LEADS.complement();

/// The reference's allowed set: CJK Unified Ideographs, ASCII letters and digits, `.`, `_`, `-`.
fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '\u{4E00}'..='\u{9FFF}')
}

/// The ASCII character a full-width form (U+FF01–U+FF5E) stands for.
fn ascii_twin(c: char) -> Option<char> {
    let code = u32::from(c);
    (0xFF01..=0xFF5E).contains(&code).then(|| char::from_u32(code - 0xFEE0)).flatten()
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(name) = request.text(Field::Name) else { return };
    // Letters, digits, `.`, `_`, `-` and U+5000–U+9FFF (lead bytes E5–E9) need no look at each
    // character.
    let bytes = name.value.bytes();
    if !bytes.any_ascii(DISALLOWED_ASCII) && !bytes.any_lead(BEYOND_CJK_LEADS) {
        return;
    }
    let value = name.value.value();
    let (start, end) = segmented(value);
    for (start, end) in runs(value, start, end, |i| name.value.in_variable(i)) {
        report_run(ctx, &name, start, end);
    }
}

/// The part of `value` whose grapheme clusters matter, empty when every character is allowed.
/// Allowed characters are all Grapheme_Cluster_Break=Other, so a cluster boundary falls between
/// any two of them: only the text from the allowed character before the first disallowed one
/// to the allowed character after the last needs segmenting.
fn segmented(value: &str) -> (usize, usize) {
    let disallowed = |&(_, c): &(usize, char)| !allowed(c);
    let (Some((first, _)), Some((last, c))) =
        (value.char_indices().find(disallowed), value.char_indices().rfind(disallowed))
    else {
        return (0, 0);
    };
    let start = value.get(..first).and_then(|before| before.char_indices().next_back()).map_or(0, |(i, _)| i);
    let after = last + c.len_utf8();
    let end = value.get(after..).and_then(|rest| rest.chars().next()).map_or(after, |c| after + c.len_utf8());
    (start, end)
}

/// The runs of `value[start..end]`: maximal sequences of grapheme clusters that each hold a
/// disallowed character, as byte ranges of `value`. A REST-client variable's text (at the
/// offsets `in_variable` accepts) is not what is sent: it ends a run.
fn runs(value: &str, start: usize, end: usize, in_variable: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let window = value.get(start..end).unwrap_or_default().grapheme_indices(true);
    for (i, grapheme) in window.map(|(i, grapheme)| (start + i, grapheme)) {
        if grapheme.chars().all(allowed) || in_variable(i) {
            runs.extend(run.take());
        } else {
            let start = run.map_or(i, |(start, _)| start);
            run = Some((start, i + grapheme.len()));
        }
    }
    runs.extend(run);
    runs
}

fn report_run(ctx: &mut Context<'_>, name: &StrMember<'_>, start: usize, end: usize) {
    let text = name.value.value().get(start..end).unwrap_or_default();
    let span = name.value.source_span(start, end);
    let twins: Option<String> = text.chars().map(|c| ascii_twin(c).filter(|&t| allowed(t))).collect();
    if let Some(ascii) = twins {
        ctx.report(span, |d| {
            let message = format!(
                "`name` contains the full-width {} ({}), which is not allowed",
                quote(text, 20),
                code_points(text, 8)
            );
            d.describe(name.pointer(), message)
                .with_label(format!("full-width; did you mean `{ascii}`?"))
                .with_help(format!("write `{ascii}`: {FULL_WIDTH}"))
                .with_fix(Fix::replace(format!("replace with `{ascii}`"), Applicability::Unsafe, span, ascii));
        });
        return;
    }
    ctx.report(span, |d| {
        let mut chars = text.chars();
        let message = match (chars.next(), chars.next()) {
            (Some(c), None) => format!("`name` contains {}, which is not allowed", describe_char(c)),
            _ => format!("`name` contains {} ({}), which is not allowed", quote(text, 20), code_points(text, 8)),
        };
        let mut help = format!("a name may hold only {ALLOWED}");
        let mut twins: Vec<String> = Vec::new();
        for (c, twin) in text.chars().filter_map(|c| Some((c, ascii_twin(c).filter(|&t| allowed(t))?))) {
            let pair = format!("`{twin}` for `{c}`");
            if !twins.contains(&pair) {
                twins.push(pair);
            }
        }
        if !twins.is_empty() {
            help.push_str(&format!("; write the ASCII {}", twins.join(", ")));
        }
        if text.chars().any(char::is_whitespace) {
            help.push_str("; use `_` or `-` instead of spaces");
        }
        d.describe(name.pointer(), message).with_label("not allowed in a name").with_help(help);
    });
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{NameInvalidChar, runs, segmented};
    use crate::rules::testing::{assert_clean, labelled, request, run};

    proptest! {
        /// Segmenting only around the disallowed characters finds the runs that segmenting the
        /// whole value finds: ASCII, ideographs, spaces, combining marks, joiners, emoji,
        /// regional indicators, a prepended mark, Hangul jamo and a Devanagari conjunct.
        #[test]
        fn the_segmented_part_gives_the_runs_of_the_whole_value(
            value in "[a-z0-9._\\-订单数 ｗ\u{301}\u{200d}\u{fe0f}\u{1f600}\u{1f1e6}\u{1f1e8}\u{600}\u{1100}\u{1161}\u{915}\u{94d}\u{937}]{0,12}"
        ) {
            let (start, end) = segmented(&value);
            prop_assert_eq!(runs(&value, start, end, |_| false), runs(&value, 0, value.len(), |_| false));
        }
    }

    fn named(name: &str) -> String {
        request(&format!("\"name\": \"{name}\""))
    }

    #[test]
    fn the_allowed_set_passes() {
        assert_clean(&NameInvalidChar, &[named("web-01_a.B"), named("一丁龥鿿"), named(""), named("\\u0041\\u4e00")]);
    }

    #[test]
    fn one_diagnostic_per_run() {
        assert_eq!(labelled(&NameInvalidChar, &named("a b c")), [" ", " "]);
        assert_eq!(labelled(&NameInvalidChar, &named("x  y")), ["  "]);
        assert_eq!(labelled(&NameInvalidChar, &named("ｗｅｂ-01")), ["ｗｅｂ"]);
    }

    #[test]
    fn full_width_forms_suggest_their_ascii_twin() {
        let found = run(&NameInvalidChar, &named("ｗｅｂ"));
        assert!(found[0].message.contains("U+FF57 U+FF45 U+FF42"), "{}", found[0].message);
        let fix = found[0].fix.as_ref().map(|f| (f.applicability, f.edits[0].replacement.clone()));
        assert_eq!(fix, Some((crate::diagnostic::Applicability::Unsafe, "web".to_string())));
        // A full-width space has no allowed twin.
        assert!(run(&NameInvalidChar, &named("a\u{3000}b"))[0].fix.is_none());
    }

    #[test]
    fn mixed_runs_name_the_ascii_twins_they_can() {
        let found = run(&NameInvalidChar, &named("ｗｅｂ（１）"));
        assert!(found[0].fix.is_none());
        let help = found[0].help.clone().unwrap_or_default();
        assert!(help.ends_with("write the ASCII `w` for `ｗ`, `e` for `ｅ`, `b` for `ｂ`, `1` for `１`"), "{help}");
    }

    #[test]
    fn a_cluster_with_a_combining_mark_is_one_run() {
        assert_eq!(labelled(&NameInvalidChar, &named("cafe\u{301}")), ["e\u{301}"]);
    }

    #[test]
    fn labels_escapes_whole() {
        assert_eq!(labelled(&NameInvalidChar, &named("a\\/b\\u0020")), ["\\/", "\\u0020"]);
        let found = run(&NameInvalidChar, &named("a\\tb"));
        assert_eq!(found[0].message, "`name` contains U+0009 (tab), which is not allowed");
    }
}
