use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::{Context, Rule, RuleMeta};
use crate::describe::{is_format, quote};
use crate::diagnostic::Severity;
use crate::view::{RequestView, StrMember};

/// Two tag keys differ only in case, compatibility form or invisible characters.
pub struct TagKeyLookalike;

static META: RuleMeta = RuleMeta {
    id: "tag-key-lookalike",
    default_severity: Severity::Warning,
    summary: "Two tag keys differ only in letter case, Unicode compatibility form or invisible characters.",
    fix: None,
    docs: include_str!("../../rules/tag-key-lookalike.md"),
};

/// NFKC, then lower case, then without category-Cf characters.
fn fold(key: &str) -> String {
    key.nfkc().flat_map(char::to_lowercase).filter(|&c| !is_format(c)).collect()
}

fn strip_invisible(key: &str) -> String {
    key.chars().filter(|&c| !is_format(c)).collect()
}

/// What alone sets two colliding keys apart, for the message.
fn difference(a: &str, b: &str) -> &'static str {
    let (a, b) = (strip_invisible(a), strip_invisible(b));
    if a == b {
        "invisible characters"
    } else if a.to_lowercase() == b.to_lowercase() {
        "letter case"
    } else if a.nfkc().eq(b.nfkc()) {
        "Unicode compatibility form (such as full-width letters)"
    } else {
        "letter case and Unicode compatibility form"
    }
}

impl Rule for TagKeyLookalike {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
        // Folded key → distinct spellings in order of first use.
        let mut seen: HashMap<String, Vec<StrMember<'_, '_>>> = HashMap::new();
        for key in request.tags.iter().filter_map(|t| t.string("key")) {
            let spelling = key.value.value();
            let spellings = seen.entry(fold(spelling)).or_default();
            if let Some(earlier) = spellings.iter().find(|k| k.value.value() != spelling) {
                ctx.report(
                    key.pointer(),
                    key.value.span(),
                    format!(
                        "tag key {} looks like the earlier key {}: they differ only in {}",
                        quote(spelling, 40),
                        quote(earlier.value.value(), 40),
                        difference(spelling, earlier.value.value())
                    ),
                )
                .with_label("looks like an earlier key")
                .with_secondary(earlier.value.span(), "the earlier key")
                .with_help("the service keeps both as different keys, but people cannot tell them apart; use one spelling");
            }
            if spellings.iter().all(|k| k.value.value() != spelling) {
                spellings.push(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TagKeyLookalike;
    use crate::rules::testing::{assert_clean, labelled, run, with_tags};

    fn keys(keys: &[&str]) -> String {
        let tags: Vec<String> = keys.iter().map(|k| format!("{{\"key\": \"{k}\", \"value\": \"\"}}")).collect();
        with_tags(&format!("[{}]", tags.join(", ")))
    }

    #[test]
    fn different_or_identical_keys_pass() {
        assert_clean(&TagKeyLookalike, &[keys(&["env", "app"]), keys(&["env", "env"])]);
    }

    #[test]
    fn case_compatibility_and_invisible_differences() {
        let found = run(&TagKeyLookalike, &keys(&["env", "Env", "ｅｎｖ", "e\u{200b}nv"]));
        assert_eq!(found.len(), 3);
        assert!(found[0].message.ends_with("letter case"), "{}", found[0].message);
        assert!(found[1].message.contains("compatibility form"), "{}", found[1].message);
        assert!(found[2].message.ends_with("invisible characters"), "{}", found[2].message);
        assert!(found.iter().all(|d| d.secondary[0].span == found[0].secondary[0].span));
    }

    #[test]
    fn labels_the_later_key() {
        assert_eq!(labelled(&TagKeyLookalike, &keys(&["Env", "env"])), ["\"env\""]);
    }
}
