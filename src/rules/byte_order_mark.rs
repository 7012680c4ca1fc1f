use super::Context;
use crate::diagnostic::{Applicability, Fix};
use crate::view::RequestView;

declare_rule! {
    ByteOrderMark {
        id: "byte-order-mark",
        severity: Warning,
        fix: Some(Applicability::Safe),
        summary: "The input starts with a byte-order mark (U+FEFF).",
    }
}

/// How to fix it.
const HELP: &str = "RFC 8259 §8.1: a JSON text must not begin with a byte-order mark; some parsers reject it. Save the file as UTF-8 without BOM";

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(span) = request.parsed.bom else { return };
    ctx.report(span, |d| {
        d.describe(String::new(), "the input starts with a byte-order mark (U+FEFF)")
            .with_label("byte-order mark")
            .with_help(HELP)
            .with_fix(Fix::replace("remove the byte-order mark", Applicability::Safe, span, ""));
    });
}

#[cfg(test)]
mod tests {
    use super::ByteOrderMark;
    use crate::rules::testing::{assert_clean, run};
    use crate::span::Span;

    #[test]
    fn passes_without_bom() {
        assert_clean(&ByteOrderMark, &["{}".into(), " \u{feff}".into(), "[\"\u{feff}\"]".into()]);
    }

    #[test]
    fn labels_the_three_bytes() {
        let found = run(&ByteOrderMark, "\u{feff}{}");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].primary.span, Span::new(0, 3));
        assert_eq!(found[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()), Some(""));
    }

    #[test]
    fn fires_even_when_nothing_follows() {
        assert_eq!(run(&ByteOrderMark, "\u{feff}").len(), 1);
    }
}
