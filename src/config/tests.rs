use std::path::Path;

use super::*;

fn errors(text: &str) -> Vec<(String, String)> {
    match parse(text) {
        Ok(_) => Vec::new(),
        Err(found) => found.iter().map(|d| (d.message.clone(), text[d.primary.span.range()].to_string())).collect(),
    }
}

const FULL: &str = r#"
[rules]
id-not-uuid = "error"
doc-example-value = "off"
null-value = "warning"

[files]
include = ["requests/**/*.json"]
exclude = ["fixtures/*.json"]

[[suppress]]
rules = ["tag-key-lookalike", "invisible-char"]
paths = ["legacy/**"]
pointer = "/protected_instance/tags"
reason = "legacy tags are cleaned up in OPS-1234"
"#;

#[test]
fn parses_every_section() {
    let config = parse(FULL).unwrap_or_default();
    let rules: Vec<(&str, Option<Severity>)> = config.rules.iter().map(|r| (r.id, r.severity)).collect();
    assert_eq!(
        rules,
        [("id-not-uuid", Some(Severity::Error)), ("doc-example-value", None), ("null-value", Some(Severity::Warning))]
    );
    assert_eq!(config.include.matching(Path::new("requests/a/b.json")), Some("requests/**/*.json"));
    assert_eq!(config.exclude.matching(Path::new("fixtures/x.json")), Some("fixtures/*.json"));
    assert_eq!(config.exclude.matching(Path::new("fixtures/deep/x.json")), None, "`*` stays in one directory");
    let suppression = &config.suppressions[0];
    assert_eq!(suppression.rules, ["tag-key-lookalike", "invisible-char"]);
    assert!(suppression.covers(Path::new("legacy/2024/a.json")));
    assert!(!suppression.covers(Path::new("new/a.json")));
    assert_eq!(&FULL[suppression.span.range()], "[[suppress]]", "an entry is labelled at its header");
}

#[test]
fn suppression_pointers_cover_the_member_and_below() {
    let config = parse(FULL).unwrap_or_default();
    let s = &config.suppressions[0];
    let diagnostic = |rule: &'static str, pointer: &str| {
        Diagnostic::new(rule, Severity::Warning, pointer.to_string(), Span::empty(0), String::new())
    };
    assert!(s.silences(&diagnostic("tag-key-lookalike", "/protected_instance/tags/3/key")));
    assert!(s.silences(&diagnostic("invisible-char", "/protected_instance/tags")));
    assert!(!s.silences(&diagnostic("invisible-char", "/protected_instance/tagsx")));
    assert!(!s.silences(&diagnostic("invisible-char", "/protected_instance/name")));
    assert!(!s.silences(&diagnostic("name-too-long", "/protected_instance/tags/0")));
}

#[test]
fn unknown_keys_and_rules_suggest_the_close_name() {
    let found = errors(
        "[rule]\n[rules]\nid-not-uid = \"error\"\n[files]\nincluded = []\n[[suppress]]\nrules = [\"invisble-char\"]\nreson = \"x\"\n",
    );
    assert_eq!(
        found,
        [
            ("unknown key `rule`; did you mean `rules`?".to_string(), "rule".to_string()),
            ("unknown rule `id-not-uid`; did you mean `id-not-uuid`?".into(), "id-not-uid".into()),
            ("unknown key `included`; did you mean `include`?".into(), "included".into()),
            ("unknown rule `invisble-char`; did you mean `invisible-char`?".into(), "\"invisble-char\"".into()),
            ("unknown key `reson`; did you mean `reason`?".into(), "reson".into()),
            ("this `[[suppress]]` entry has no `reason`".into(), "[[suppress]]".into()),
        ]
    );
}

#[test]
fn values_are_checked() {
    let found = errors(
        "[rules]\nname-empty = \"fatal\"\nname-too-long = 2\n[files]\ninclude = \"*.json\"\nexclude = [\"a[\"]\n[[suppress]]\nrules = []\nreason = \" \"\npointer = \"tags\"\n",
    );
    let messages: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`fatal` is not a severity",
            "a rule's severity must be a string",
            "a list of glob patterns must be an array of strings",
            "invalid glob pattern: unclosed character class; missing ']'",
            "`reason` is empty",
            "`pointer` must be a JSON Pointer",
        ]
    );
}

#[test]
fn syntax_errors_have_spans() {
    let found = errors("[rules\nx = 1\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.starts_with("invalid TOML: "), "{found:?}");
}
