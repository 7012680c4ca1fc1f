use super::parser::MAX_DEPTH;
use super::*;

/// Parses `text`, which must be valid JSON.
fn valid(text: &str) -> Parsed<'_> {
    let parsed = parse(text.as_bytes());
    assert_eq!(parsed.error, None, "{text:?}");
    assert!(parsed.root().is_some());
    parsed
}

fn error(bytes: &[u8]) -> SyntaxError {
    parse(bytes).error.unwrap_or_else(|| *SyntaxError::new(Span::empty(usize::MAX), "none", ""))
}

#[test]
fn keeps_spans_of_keys_and_values() {
    let text = r#" {"a" : [1, true, null], "b": "x"} "#;
    let parsed = valid(text);
    let node = parsed.root().unwrap();
    assert_eq!(&text[node.span().range()], r#"{"a" : [1, true, null], "b": "x"}"#);
    let object: Vec<Member<'_>> = node.as_object().unwrap().members().collect();
    assert_eq!(&text[object[0].key().span().range()], "\"a\"");
    assert_eq!(&text[object[0].value().span().range()], "[1, true, null]");
    assert_eq!(&text[object[1].value().span().range()], "\"x\"");
}

#[test]
fn keeps_repeated_members_in_order_and_get_returns_the_last() {
    let parsed = valid(r#"{"a": 1, "a": 2}"#);
    let object = parsed.root().unwrap().as_object().unwrap();
    assert_eq!(object.members().len(), 2);
    assert_eq!(object.get("a").map(|m| m.value().span().start), Some(14));
}

#[test]
fn decodes_escapes_and_maps_characters_to_their_source() {
    let text = r#""a\/\u00e9\ud83d\ude00\n""#;
    let parsed = valid(text);
    let s = parsed.root().unwrap().as_str().unwrap();
    assert_eq!(s.value(), "a/é😀\n");
    let pieces: Vec<(char, &str)> = s.chars().map(|(c, span)| (c, &text[span.range()])).collect();
    assert_eq!(pieces, [('a', "a"), ('/', "\\/"), ('é', "\\u00e9"), ('😀', "\\ud83d\\ude00"), ('\n', "\\n")]);
}

#[test]
fn tail_span_of_unescaped_and_escaped_strings() {
    let text = r#"["abc", "a\u0062c"]"#;
    let parsed = valid(text);
    let items = parsed.root().unwrap().as_array().unwrap();
    let plain = items.get(0).unwrap().as_str();
    let escaped = items.get(1).unwrap().as_str();
    assert_eq!(plain.map(|s| &text[s.tail_span(1).range()]), Some("bc"));
    assert_eq!(escaped.map(|s| &text[s.tail_span(1).range()]), Some("\\u0062c"));
}

#[test]
fn bom_is_skipped_but_counted_in_offsets() {
    let parsed = parse("\u{feff}{}".as_bytes());
    assert_eq!(parsed.bom, Some(Span::new(0, 3)));
    assert_eq!(parsed.root().map(|r| r.span()), Some(Span::new(3, 5)));
}

#[test]
fn partial_tree_on_error_marks_open_containers() {
    let parsed = parse(br#"{"protected_instance": {"name": "x", "tags": [1, 2"#);
    assert!(parsed.error.is_some());
    let root_object = parsed.root().unwrap().as_object().unwrap();
    assert!(!root_object.closed);
    let instance = root_object.get("protected_instance").and_then(|m| m.value().as_object()).unwrap();
    assert!(!instance.closed);
    assert_eq!(instance.members().len(), 2, "name and the partial tags array");
    let tags = instance.get("tags").and_then(|m| m.value().as_array()).unwrap();
    assert!(!tags.closed);
    assert_eq!(tags.len(), 2);
}

#[test]
fn error_positions() {
    let cases: [(&[u8], usize, &str); 12] = [
        (b"[1,]", 3, "trailing comma"),
        (b"{\"a\":1,}", 7, "trailing comma"),
        (b"[1 2]", 3, "unexpected"),
        (b"[\"\\ud800\"]", 8, "unpaired surrogate"),
        (b"[\"\\udc00\"]", 5, "lone low surrogate"),
        (b"[\"\\ud800\\u0041\"]", 10, "unpaired surrogate"),
        (b"[\"a\x01\"]", 3, "control character"),
        (b"[\"a\xffb\"]", 3, "invalid UTF-8"),
        (b"[1] \xff", 4, "invalid UTF-8"),
        (b"[-]", 2, "unexpected"),
        (b"[1.]", 3, "unexpected"),
        (b"[True]", 1, "unexpected"),
    ];
    for (input, offset, message) in cases {
        let e = error(input);
        assert_eq!(e.span.start, offset, "{:?}: {e:?}", String::from_utf8_lossy(input));
        assert!(e.message.contains(message), "{:?}: {}", String::from_utf8_lossy(input), e.message);
    }
}

#[test]
fn invalid_utf8_is_reported_at_the_first_byte_of_the_ill_formed_sequence() {
    // (input, the labelled byte, message)
    let cases: [(&[u8], usize, &str); 14] = [
        // An encoded surrogate, in a string, after a value, as trailing data.
        (b"[\"\xed\xa0\x80\"]", 2, "0xA0 cannot continue the character started by 0xED (it would encode a surrogate"),
        (b"[1\xed\xa0\x80]", 2, "0xA0 cannot continue"),
        (b"[1] \xed\xa0\x80", 4, "0xA0 cannot continue"),
        // A character cut off by the closing quote, by a bracket, by a space.
        (b"[\"\xe4\xb8\"]", 2, "0x22 cannot continue the character started by 0xE4 0xB8"),
        (b"[\"a\xe4\xb8]", 3, "0x5D cannot continue"),
        (b"{} \xe4\xb8 ", 3, "0x20 cannot continue"),
        (
            b"[\"\xf4\x90\x80\x80\"]",
            2,
            "0x90 cannot continue the character started by 0xF4 (it would be above U+10FFFF)",
        ),
        (b"[\"\xe0\x80\x80\"]", 2, "(it would be an overlong encoding)"),
        (b"[\"\xc0\xaf\"]", 2, "byte 0xC0 cannot start a character (it would begin an overlong encoding)"),
        (b"[\"\xff\"]", 2, "byte 0xFF cannot start a character"),
        (b"[\"\x80\"]", 2, "byte 0x80 cannot start a character (it is a continuation byte)"),
        (b"[\"\xe4\xe4\xb8\xad\"]", 2, "0xE4 cannot continue the character started by 0xE4"),
        // Cut short at the end, where no character could stand: outside a string, or after an escape.
        (b"[\xe4\xb8", 1, "the input ends inside a character (0xE4 0xB8)"),
        (b"[\"\\\xe4\xb8", 3, "the input ends inside a character (0xE4 0xB8)"),
    ];
    for (input, offset, message) in cases {
        let e = error(input);
        assert_eq!(e.span, Span::new(offset, offset + 1), "{input:?}: {e:?}");
        assert!(e.message.contains(message), "{input:?}: {}", e.message);
    }
    // The breaking byte is a related label, the whole character when it starts a valid one.
    assert_eq!(error(b"[\"\xe4\xe4\xb8\xad\"]").related.map(|(span, _)| span), Some(Span::new(3, 6)));
}

#[test]
fn a_character_cut_short_inside_a_string_is_reported_at_the_end() {
    for input in [&b"[\"\xe4\xb8"[..], b"{\"a\xf0\x9f\x98", b"\"\xc3"] {
        let e = error(input);
        assert_eq!(e.span, Span::empty(input.len()), "{input:?}: {e:?}");
        assert!(e.message.contains("the input ends inside a character"), "{}", e.message);
    }
    assert_eq!(encoding_error(b"x\xe4\xb8").map(|e| e.span), Some(Span::empty(3)));
}

#[test]
fn a_syntax_error_before_invalid_utf8_wins() {
    assert_eq!(error(b"[1,,\xff]").span.start, 3);
}

#[test]
fn recognises_utf16_and_utf32() {
    assert!(error(b"\xff\xfe[\x00]\x00").message.contains("UTF-16 (little-endian)"));
    assert!(error(b"\x00[\x00]").message.contains("UTF-16 (big-endian)"));
    assert!(error(b"\xff\xfe\x00\x00[\x00\x00\x00").message.contains("UTF-32"));
}

#[test]
fn nesting_is_limited_to_128() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert_eq!(parse(ok.as_bytes()).error, None);
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    let e = error(deep.as_bytes());
    assert_eq!(e.span.start, MAX_DEPTH);
    assert!(e.message.contains("nesting deeper than 128 levels"));
}

#[test]
fn ten_million_brackets_do_not_overflow() {
    let deep = vec![b'['; 10_000_000];
    assert_eq!(error(&deep).span.start, MAX_DEPTH);
}

#[test]
fn rest_client_variables_in_http_bodies() {
    let text = "{\"a\": {{count}}, \"b\": \"web-{{env}}\", \"c\": \"{{x\", \"d\": {\"e\": 1}}";
    let parsed = parse_region(text, 0);
    assert!(parsed.error.is_none(), "{:?}", parsed.error);
    let members: Vec<Member<'_>> = parsed.root().unwrap().as_object().unwrap().members().collect();
    assert_eq!(members[0].value().kind(), NodeKind::Variable("{{count}}"));
    assert_eq!(members[0].value().json_type(), JsonType::Unknown);
    let b = members[1].value().as_str().unwrap();
    assert!(!b.is_known() && b.in_variable(4) && b.in_variable(10) && !b.in_variable(3));
    assert!(members[2].value().as_str().unwrap().is_known(), "an unclosed `{{` is text");
    // Outside an HTTP file, `{{` is not JSON.
    assert!(parse_str("{\"a\": {{count}}}").error.is_some());
    assert!(
        parse_str("{\"b\": \"web-{{env}}\"}")
            .root()
            .unwrap()
            .as_object()
            .unwrap()
            .member(0)
            .unwrap()
            .value()
            .as_str()
            .unwrap()
            .is_known()
    );
}

mod agrees_with_serde_json {
    use proptest::prelude::*;
    use proptest::test_runner::FileFailurePersistence;

    use super::super::{Node, NodeKind, parse};

    fn to_value(node: &Node<'_>) -> serde_json::Value {
        match &node.kind() {
            NodeKind::Null => serde_json::Value::Null,
            NodeKind::Bool(b) => (*b).into(),
            NodeKind::Number(n) => serde_json::from_str(n).unwrap(),
            NodeKind::String(s) => s.value().into(),
            NodeKind::Array(a) => a.items().map(|n| to_value(&n)).collect(),
            NodeKind::Object(o) => o.members().map(|m| (m.key().value().to_string(), to_value(&m.value()))).collect(),
            NodeKind::Variable(v) => panic!("a variable outside an HTTP file: {v}"),
        }
    }

    fn any_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(Into::into),
            any::<i64>().prop_map(Into::into),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Into::into),
            any::<String>().prop_map(Into::into),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Into::into),
                prop::collection::btree_map(any::<String>(), inner, 0..8).prop_map(|m| m.into_iter().collect()),
            ]
        })
    }

    proptest! {
        // Failures found once are replayed first, from `tests.proptest-regressions` beside this file.
        #![proptest_config(ProptestConfig {
            failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("proptest-regressions"))),
            ..ProptestConfig::default()
        })]

        #[test]
        fn the_parser_agrees_with_serde_json(value in any_json(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }.unwrap();
            let parsed = parse(text.as_bytes());
            prop_assert!(parsed.error.is_none(), "{:?}", parsed.error);
            let root = parsed.root().unwrap();
            // Compare with serde_json's reading of the same text (its float parsing is not exact).
            let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(to_value(&root), expected);
            prop_assert_eq!(root.span().range(), 0..text.len());
        }
    }

    proptest! {
        #[test]
        fn parse_kept_keeps_exactly_the_wanted_members(value in any_json()) {
            let text = serde_json::to_string(&value).unwrap();
            // Keep members whose name starts with a letter before `n`; drop the others.
            let keep: super::super::parser::Keep = |name| name.chars().next().is_some_and(|c| c < 'n');
            let kept = super::super::parse_kept(text.as_bytes(), keep);
            prop_assert!(kept.error.is_none());
            let mut expected: serde_json::Value = serde_json::from_str(&text).unwrap();
            fn prune(v: &mut serde_json::Value, keep: fn(&str) -> bool) {
                match v {
                    serde_json::Value::Object(m) => {
                        m.retain(|k, _| keep(k));
                        m.values_mut().for_each(|v| prune(v, keep));
                    }
                    serde_json::Value::Array(a) => a.iter_mut().for_each(|v| prune(v, keep)),
                    _ => {}
                }
            }
            prune(&mut expected, keep);
            prop_assert_eq!(to_value(&kept.root().unwrap()), expected);
        }
    }
}

/// Skipping a value checks it as strictly as parsing it: on every file of JSONTestSuite,
/// parsing with nothing kept accepts exactly what the full parser accepts.
#[test]
fn skipped_values_are_checked_like_parsed_ones() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jsontestsuite/test_parsing");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        // Wrapped as a member's value, so that all of it is skipped.
        let mut wrapped = b"{\"skipped\": ".to_vec();
        wrapped.extend_from_slice(&bytes);
        wrapped.push(b'}');
        let text = match std::str::from_utf8(&wrapped) {
            Ok(text) => text,
            Err(_) => continue,
        };
        let full = super::parser::parse(text, 0, false);
        let kept = super::parser::parse_kept(text, 0, false, Some(|_| false));
        assert_eq!(kept.error.is_some(), full.error.is_some(), "{}", path.display());
        checked += 1;
    }
    assert!(checked > 250, "{checked}");
}
