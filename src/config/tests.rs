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
    let rules: Vec<(&str, Level)> = config.rules.iter().map(|r| (r.id, r.level)).collect();
    assert_eq!(
        rules,
        [("id-not-uuid", Level::Error), ("doc-example-value", Level::Off), ("null-value", Level::Warning)]
    );
    assert_eq!(config.include.matching(Path::new("requests/a/b.json")), Some("requests/**/*.json"));
    assert_eq!(config.exclude.matching(Path::new("fixtures/x.json")), Some("fixtures/*.json"));
    assert_eq!(config.exclude.matching(Path::new("fixtures/deep/x.json")), None, "`*` stays in one directory");
    assert_eq!(config.exclude.matching(Path::new("deep/fixtures/x.json")), None, "a slash anchors the pattern");
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
            "a list of path patterns must be an array of strings",
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

#[test]
fn path_patterns_follow_gitignore() {
    let config = parse("[files]\nexclude = [\"docs/\", \"*.draft.json\", \"./top.json\", \"/root.json\", \"legacy/**/*.json\", \"!legacy/keep.json\", \"a[\"]\n")
        .unwrap_or_default();
    let matching = |path: &str| config.exclude.matching(Path::new(path));
    assert_eq!(matching("docs/a.json"), Some("docs/"), "a trailing slash: the directory and everything in it");
    assert_eq!(matching("docs/deep/a.json"), Some("docs/"));
    assert_eq!(matching("sub/docs/a.json"), Some("docs/"), "no other slash: at any depth");
    assert_eq!(matching("x/y/z.draft.json"), Some("*.draft.json"));
    assert_eq!(matching("top.json"), Some("./top.json"), "`./` is the configuration's directory");
    assert_eq!(matching("sub/top.json"), None);
    assert_eq!(matching("root.json"), Some("/root.json"));
    assert_eq!(matching("sub/root.json"), None);
    assert_eq!(matching("legacy/2024/a.json"), Some("legacy/**/*.json"));
    assert_eq!(matching("legacy/keep.json"), None, "`!` re-includes");
    assert_eq!(matching("a["), Some("a["), "an unclosed class is literal, as in git");
    assert_eq!(matching("/etc/top.json"), None, "a path outside the directory matches nothing");
    assert!(config.exclude.pattern_matches(0, Path::new("docs/a.json")));
    assert!(!config.exclude.pattern_matches(5, Path::new("legacy/keep.json")), "a `!` pattern selects nothing");
}

#[test]
fn warn_is_an_alias_of_warning() {
    let config = parse("[rules]\nid-not-uuid = \"warn\"\n").unwrap_or_default();
    assert_eq!(config.rules[0].level, Level::Warning);
}

#[test]
fn lenient_parsing_keeps_the_valid_settings() {
    let (config, problems) = parse_lenient(
        "[rules]\nid-not-uuid = \"off\"\nno-such-rule = \"off\"\n[[suppress]]\nrules = [\"name-empty\"]\n",
    );
    let config = config.unwrap_or_default();
    assert_eq!(config.rules.len(), 1);
    assert!(config.suppressions.is_empty(), "an entry with a problem (no reason) is left out");
    assert_eq!(problems.len(), 2);
    assert_eq!(parse_lenient("[rules\n").0.map(|c| c.rules.len()), None, "text that is not TOML is not used");
}
