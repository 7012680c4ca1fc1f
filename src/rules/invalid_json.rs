use super::Context;
use crate::view::RequestView;

declare_rule! {
    InvalidJson {
        id: "invalid-json",
        severity: Error,
        fix: None,
        summary: "The input is not RFC 8259 JSON.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(error) = &request.parsed.error else { return };
    ctx.report(error.span, |d| {
        d.describe(String::new(), error.message.clone()).with_label(error.label.clone());
        if let Some(help) = &error.help {
            d.with_help(help.clone());
        }
        if let Some((span, text)) = &error.related {
            d.with_secondary(*span, text.clone());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::InvalidJson;
    use crate::rules::testing::{assert_clean, labelled, request};

    #[test]
    fn valid_json_passes() {
        assert_clean(&InvalidJson, &[request(""), "[]".into(), " 1 ".into(), "\u{feff}{}".into()]);
    }

    #[test]
    fn points_at_the_first_offending_byte() {
        let cases: [(&str, &str); 9] = [
            ("[1,]", "]"),
            ("{\"a\" 1}", "1"),
            ("[\"a\nb\"]", "\n"),
            ("[\"\\ud800\"]", "\""),
            ("[\"\\ud800x\"]", "x"),
            ("{} x", "x"),
            ("[01]", "1"),
            ("{'a': 1}", "'"),
            ("[\"\\x\"]", "x"),
        ];
        for (src, label) in cases {
            assert_eq!(labelled(&InvalidJson, src), [label], "{src:?}");
        }
    }

    #[test]
    fn truncated_input_points_at_the_end() {
        for src in ["", "   ", "{", "[1,", "{\"a\":", "\"abc", "tru", "-", "1e"] {
            let found = crate::rules::testing::run(&InvalidJson, src);
            assert_eq!(found.len(), 1, "{src:?}");
            assert_eq!(found[0].primary.span, crate::span::Span::empty(src.len()), "{src:?}");
        }
    }

    #[test]
    fn deep_nesting_is_a_diagnostic() {
        let src = "[".repeat(100_000);
        let found = crate::rules::testing::run(&InvalidJson, &src);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("nesting deeper than 128 levels"));
        assert_eq!(found[0].primary.span.start, 128);
    }
}
