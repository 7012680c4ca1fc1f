//! The spec's answers to "which rule reports this?", pinned through the public API: each case
//! lints a small request with every rule at its default and asserts the exact list of
//! (rule id, labelled source text), in report order.
//!
//! Sections follow the spec's paragraphs: "Which rule, when two could", "Look-alikes and
//! invisibles", "UUID shape", "Byte-order mark", "Unknown members", "Duplicates and later
//! rules", "Many findings", and `invalid-json` on invalid UTF-8.

use sdrs_lint::{DEFAULT_MAX_DIAGNOSTICS, Report, Severity};

const GROUP: &str = "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90";
const SERVER: &str = "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47";
const HOST: &str = "7d1e4c2a-3b5f-4e6d-8a9c-0b1f2e3d4c5a";
const SUBNET: &str = "0b9f2d4e-1a3c-4e5f-8d7c-6b5a4f3e2d1c";

/// A valid request with `members` added to `protected_instance` (after the required ones).
fn request(members: &str) -> String {
    let mut body = format!("\"server_group_id\": \"{GROUP}\", \"server_id\": \"{SERVER}\", \"name\": \"web-01\"");
    if !members.is_empty() {
        body.push_str(", ");
        body.push_str(members);
    }
    format!("{{\"protected_instance\": {{{body}}}}}")
}

/// A valid request whose tags have the keys `keys` (and empty values).
fn tagged(keys: &[&str]) -> String {
    let tags: Vec<String> = keys.iter().map(|k| format!("{{\"key\": \"{k}\", \"value\": \"\"}}")).collect();
    request(&format!("\"tags\": [{}]", tags.join(", ")))
}

fn pairs(report: &Report, source: &[u8]) -> Vec<(&'static str, String)> {
    report
        .diagnostics()
        .iter()
        .map(|d| {
            let text = source.get(d.primary.span.range()).map(String::from_utf8_lossy).unwrap_or_default();
            (d.rule, text.into_owned())
        })
        .collect()
}

/// (rule, labelled text) of every diagnostic of `src`.
fn findings(src: &str) -> Vec<(&'static str, String)> {
    pairs(&sdrs_lint::lint(src), src.as_bytes())
}

/// The same for raw bytes.
fn byte_findings(bytes: &[u8]) -> Vec<(&'static str, String)> {
    pairs(&sdrs_lint::lint_bytes(bytes), bytes)
}

fn expect(list: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    list.iter().map(|&(rule, text)| (rule, text.to_string())).collect()
}

// ---- Which rule, when two could --------------------------------------------------------------

#[test]
fn a_valid_request_is_clean() {
    assert_eq!(findings(&request("")), expect(&[]));
}

#[test]
fn an_empty_or_blank_id_is_id_empty_not_id_not_uuid() {
    for (value, label) in [
        ("", "\"\""),
        (" ", "\" \""),
        ("\u{3000}", "\"\u{3000}\""),
        ("\\u3000", "\"\\u3000\""),
        (" \\t\\n", "\" \\t\\n\""),
        ("\u{a0}\u{85}", "\"\u{a0}\u{85}\""),
    ] {
        for field in ["server_group_id", "server_id"] {
            let src = request("").replace(if field == "server_id" { SERVER } else { GROUP }, value);
            assert_eq!(findings(&src), expect(&[("id-empty", label)]), "{field}: {value:?}");
        }
        for field in ["primary_subnet_id", "dedicated_host_id", "cluster_id", "flavorRef"] {
            let extra = match field {
                "dedicated_host_id" => ", \"tenancy\": \"dedicated\"",
                _ => "",
            };
            let src = request(&format!("\"{field}\": \"{value}\"{extra}"));
            assert_eq!(findings(&src), expect(&[("id-empty", label)]), "{field}: {value:?}");
        }
    }
    // A zero-width space is not white space: not blank, and not a UUID.
    let src = request("\"primary_subnet_id\": \"\u{200b}\"");
    assert_eq!(findings(&src), expect(&[("id-not-uuid", "\"\u{200b}\""), ("invisible-char", "\u{200b}")]));
}

#[test]
fn the_reference_example_gets_four_doc_example_values_and_one_id_not_uuid() {
    let src = r#"{
  "protected_instance": {
    "server_group_id": "523ab8ad-3759-4933-9436-4cf4ebb20867",
    "server_id": "403b603d-1d91-42cc-a357-81f3c2daf43f",
    "name": "test_protected_instance_name",
    "description": "my description",
    "primary_subnet_id": "a32217fh-3413-c313-6342-3124d3491502",
    "primary_ip_address": "192.168.0.5",
    "flavorRef": "s3.large.2",
    "tenancy": "dedicated",
    "dedicated_host_id": "0bc41598-1b5a-4bd2-872a-82e6abb82e68",
    "tags": [ { "key": "key1", "value": "value1" }, { "key": "key", "value": "value3" } ]
  }
}"#;
    assert_eq!(
        findings(src),
        expect(&[
            ("doc-example-value", "\"523ab8ad-3759-4933-9436-4cf4ebb20867\""),
            ("doc-example-value", "\"403b603d-1d91-42cc-a357-81f3c2daf43f\""),
            ("doc-example-value", "\"a32217fh-3413-c313-6342-3124d3491502\""),
            ("id-not-uuid", "h"),
            ("doc-example-value", "\"0bc41598-1b5a-4bd2-872a-82e6abb82e68\""),
        ])
    );
}

#[test]
fn doc_example_value_applies_to_any_id_member_ignoring_ascii_case() {
    let placeholder = "523AB8AD-3759-4933-9436-4CF4EBB20867";
    for field in ["server_group_id", "server_id", "primary_subnet_id", "dedicated_host_id", "cluster_id", "flavorRef"] {
        let value = format!("\"{placeholder}\"");
        let src = match field {
            "server_group_id" => request("").replace(&format!("\"{GROUP}\""), &value),
            "server_id" => request("").replace(&format!("\"{SERVER}\""), &value),
            "dedicated_host_id" => request(&format!("\"{field}\": {value}, \"tenancy\": \"dedicated\"")),
            _ => request(&format!("\"{field}\": {value}")),
        };
        assert_eq!(findings(&src), expect(&[("doc-example-value", &value)]), "{field}");
    }
    // In addition to a format rule: the subnet placeholder, upper-cased, in `server_id`.
    let src = request("").replace(SERVER, "A32217FH-3413-C313-6342-3124D3491502");
    assert_eq!(
        findings(&src),
        expect(&[("doc-example-value", "\"A32217FH-3413-C313-6342-3124D3491502\""), ("id-not-uuid", "H")])
    );
    // Not ignoring other differences.
    let src = request("\"cluster_id\": \"523ab8ad-3759-4933-9436-4cf4ebb20868\"");
    assert_eq!(findings(&src), expect(&[]));
}

#[test]
fn dedicated_host_needs_dedicated_tenancy_when_the_host_is_set_and_tenancy_absent_null_or_shared() {
    let key = "\"dedicated_host_id\"";
    let host = format!("\"dedicated_host_id\": \"{HOST}\"");
    let cases: Vec<(String, Vec<(&'static str, String)>)> = vec![
        (host.clone(), expect(&[("dedicated-host-needs-dedicated-tenancy", key)])),
        (
            format!("{host}, \"tenancy\": null"),
            expect(&[("dedicated-host-needs-dedicated-tenancy", key), ("null-value", "null")]),
        ),
        (format!("\"tenancy\": \"shared\", {host}"), expect(&[("dedicated-host-needs-dedicated-tenancy", key)])),
        (format!("{host}, \"tenancy\": \"sh\\u0061red\""), expect(&[("dedicated-host-needs-dedicated-tenancy", key)])),
        // Any other tenancy value: `tenancy-invalid` alone; another type: `wrong-type` alone.
        (format!("{host}, \"tenancy\": \"Shared\""), expect(&[("tenancy-invalid", "\"Shared\"")])),
        (format!("{host}, \"tenancy\": \"\""), expect(&[("tenancy-invalid", "\"\"")])),
        (format!("{host}, \"tenancy\": \"shared \""), expect(&[("tenancy-invalid", "\"shared \"")])),
        (format!("{host}, \"tenancy\": 1"), expect(&[("wrong-type", "1")])),
        (format!("{host}, \"tenancy\": [\"shared\"]"), expect(&[("wrong-type", "[\"shared\"]")])),
        (format!("{host}, \"tenancy\": \"dedicated\""), expect(&[])),
        // Set means present and not null, whatever the type or value.
        (
            "\"dedicated_host_id\": \"\"".into(),
            expect(&[("dedicated-host-needs-dedicated-tenancy", key), ("id-empty", "\"\"")]),
        ),
        (
            "\"dedicated_host_id\": \" \", \"tenancy\": \"shared\"".into(),
            expect(&[("dedicated-host-needs-dedicated-tenancy", key), ("id-empty", "\" \"")]),
        ),
        (
            "\"dedicated_host_id\": 42".into(),
            expect(&[("dedicated-host-needs-dedicated-tenancy", key), ("wrong-type", "42")]),
        ),
        ("\"dedicated_host_id\": \"\", \"tenancy\": \"dedicated\"".into(), expect(&[("id-empty", "\"\"")])),
        ("\"dedicated_host_id\": null".into(), expect(&[("null-value", "null")])),
        ("\"tenancy\": \"shared\"".into(), expect(&[])),
    ];
    for (members, expected) in cases {
        assert_eq!(findings(&request(&members)), expected, "{members}");
    }
}

#[test]
fn ip_needs_subnet_when_the_address_is_set_and_the_subnet_absent_null_empty_or_blank() {
    let key = "\"primary_ip_address\"";
    let ip = "\"primary_ip_address\": \"192.168.0.5\"";
    let cases: Vec<(String, Vec<(&'static str, String)>)> = vec![
        (ip.into(), expect(&[("ip-needs-subnet", key)])),
        (format!("{ip}, \"primary_subnet_id\": null"), expect(&[("ip-needs-subnet", key), ("null-value", "null")])),
        (format!("{ip}, \"primary_subnet_id\": \"\""), expect(&[("ip-needs-subnet", key), ("id-empty", "\"\"")])),
        (
            format!("{ip}, \"primary_subnet_id\": \"\u{3000} \""),
            expect(&[("ip-needs-subnet", key), ("id-empty", "\"\u{3000} \"")]),
        ),
        (format!("\"primary_subnet_id\": \"\\t\", {ip}"), expect(&[("id-empty", "\"\\t\""), ("ip-needs-subnet", key)])),
        (format!("{ip}, \"primary_subnet_id\": \"{SUBNET}\""), expect(&[])),
        (format!("{ip}, \"primary_subnet_id\": \"subnet-1\""), expect(&[("id-not-uuid", "\"subnet-1\"")])),
        (format!("{ip}, \"primary_subnet_id\": 7"), expect(&[("wrong-type", "7")])),
        // Set means present and not null, whatever the type or value.
        ("\"primary_ip_address\": 42".into(), expect(&[("ip-needs-subnet", key), ("wrong-type", "42")])),
        ("\"primary_ip_address\": \"\"".into(), expect(&[("ip-needs-subnet", key), ("ip-invalid", "\"\"")])),
        ("\"primary_ip_address\": null".into(), expect(&[("null-value", "null")])),
    ];
    for (members, expected) in cases {
        assert_eq!(findings(&request(&members)), expected, "{members}");
    }
}

#[test]
fn a_null_tag_is_wrong_type_alone() {
    let src = request("\"tags\": [null, {\"key\": \"a\", \"value\": \"\"}]");
    assert_eq!(findings(&src), expect(&[("wrong-type", "null")]));
}

#[test]
fn every_element_of_tags_counts_towards_tags_too_many() {
    let ten: Vec<String> = (0..10).map(|i| format!("{{\"key\": \"k{i}\", \"value\": \"\"}}")).collect();
    let ten = ten.join(", ");
    let src = request(&format!("\"tags\": [{ten}, null]"));
    assert_eq!(findings(&src), expect(&[("tags-too-many", "null"), ("wrong-type", "null")]));
    let src = request(&format!("\"tags\": [{ten}, 3, \"x\", [], {{\"key\": \"k\", \"value\": \"\"}}]"));
    assert_eq!(
        findings(&src),
        expect(&[
            ("tags-too-many", "3, \"x\", [], {\"key\": \"k\", \"value\": \"\"}"),
            ("wrong-type", "3"),
            ("wrong-type", "\"x\""),
            ("wrong-type", "[]"),
        ])
    );
    // Ten elements of any type are not too many.
    let src = request(&format!("\"tags\": [{}]", ["null"; 10].join(", ")));
    assert_eq!(findings(&src).iter().filter(|(rule, _)| *rule == "tags-too-many").count(), 0);
}

// ---- Look-alikes and invisibles ----------------------------------------------------------------

#[test]
fn look_alike_chains_point_back_to_the_first_key_and_repeats_are_duplicates() {
    let rules = |keys: &[&str]| -> Vec<(&'static str, String)> { findings(&tagged(keys)) };
    assert_eq!(
        rules(&["env", "Env", "Env"]),
        expect(&[("tag-key-lookalike", "\"Env\""), ("tag-key-duplicate", "\"Env\"")])
    );
    assert_eq!(
        rules(&["env", "ENV", "env"]),
        expect(&[("tag-key-lookalike", "\"ENV\""), ("tag-key-duplicate", "\"env\"")])
    );
    // Each look-alike's secondary label is on the first key.
    for keys in [&["env", "Env", "Env"][..], &["env", "ENV", "env"], &["env", "Env", "ENV", "eNV"]] {
        let src = tagged(keys);
        let report = sdrs_lint::lint(&src);
        let lookalikes: Vec<_> = report.diagnostics().iter().filter(|d| d.rule == "tag-key-lookalike").collect();
        assert_eq!(
            lookalikes.len(),
            keys.iter().skip(1).filter(|k| **k != "env").collect::<std::collections::HashSet<_>>().len()
        );
        for d in lookalikes {
            assert_eq!(&src[d.secondary[0].span.range()], "\"env\"", "{keys:?}");
        }
    }
}

#[test]
fn the_fold_removes_invisibles_then_normalises_then_lowers_then_maps_confusables() {
    // e + soft hyphen + combining acute folds like é.
    assert_eq!(
        findings(&tagged(&["\u{e9}", "e\u{ad}\u{301}"])),
        expect(&[("tag-key-lookalike", "\"e\u{ad}\u{301}\""), ("invisible-char", "\u{ad}")])
    );
    // Full width, Cyrillic е, `rn` for `m`.
    assert_eq!(findings(&tagged(&["env", "ｅｎｖ"])), expect(&[("tag-key-lookalike", "\"ｅｎｖ\"")]));
    assert_eq!(findings(&tagged(&["env", "\u{435}nv"])), expect(&[("tag-key-lookalike", "\"\u{435}nv\"")]));
    assert_eq!(findings(&tagged(&["team", "tearn"])), expect(&[("tag-key-lookalike", "\"tearn\"")]));
    // Empty and blank keys take part like any other.
    assert_eq!(
        findings(&tagged(&["", "\\u200b"])),
        expect(&[("tag-key-empty", "\"\""), ("tag-key-lookalike", "\"\\u200b\""), ("invisible-char", "\\u200b")])
    );
}

#[test]
fn invisible_char_is_silent_where_another_rule_reports_the_character() {
    // U+200B in `name` is `name-invalid-char`'s alone.
    let src = request("").replace("\"web-01\"", "\"web\u{200b}01\"");
    assert_eq!(findings(&src), expect(&[("name-invalid-char", "\u{200b}")]));
    // A control character in a tag is `tag-invalid-char`'s; DEL and C1 controls are invisible-char's.
    let src = request("\"tags\": [{\"key\": \"a\\u0007\", \"value\": \"b\\u007f\u{85}\"}]");
    assert_eq!(
        findings(&src),
        expect(&[("tag-invalid-char", "\\u0007"), ("invisible-char", "\\u007f"), ("invisible-char", "\u{85}")])
    );
    // Member names are not looked at; a documented member of another type neither.
    let src = request("\"x\u{200b}\": \"a\", \"tags\": \"\u{200b}\"");
    assert_eq!(findings(&src), expect(&[("unknown-field", "\"x\u{200b}\""), ("wrong-type", "\"\u{200b}\"")]));
    // One per occurrence, emoji sequences exempt.
    let src = request("\"description\": \"a\u{200b}\u{200b}👨\u{200d}👩\u{200d}👧\u{2800}\"");
    assert_eq!(
        findings(&src),
        expect(&[("invisible-char", "\u{200b}"), ("invisible-char", "\u{200b}"), ("invisible-char", "\u{2800}")])
    );
    let src = request(
        "\"cluster_id\": \"❤\u{fe0f}🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}葛\u{e0100}\u{2800}\"",
    );
    assert_eq!(findings(&src), expect(&[("invisible-char", "\u{2800}")]));
}

// ---- UUID shape --------------------------------------------------------------------------------

#[test]
fn uuid_shape_labels_the_first_non_hex_character_or_the_whole_value() {
    for (value, label) in [
        ("9B2E4F61-7C3D-4A8E-B5F2-1E6D9C0A3B47", None),
        ("9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b4g", Some("g")),
        ("9b2e4f6ｚ-7c3d-4a8e-b5f2-1e6d9c0a3bxg", Some("ｚ")),
        ("9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b\\u0067x", Some("\\u0067")),
        ("9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b4", Some("\"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b4\"")),
        ("9b2e4f61-7c3d-4a8e-b5f2-1e6d-9c0a3b47", Some("\"9b2e4f61-7c3d-4a8e-b5f2-1e6d-9c0a3b47\"")),
        ("9b2e4f617c3d4a8eb5f21e6d9c0a3b47", Some("\"9b2e4f617c3d4a8eb5f21e6d9c0a3b47\"")),
        ("{9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47}", Some("\"{9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47}\"")),
    ] {
        let src = request("").replace(SERVER, value);
        let expected = label.map(|l| vec![("id-not-uuid", l.to_string())]).unwrap_or_default();
        assert_eq!(findings(&src), expected, "{value}");
    }
}

// ---- Byte-order mark and encodings -------------------------------------------------------------

#[test]
fn a_byte_order_mark_is_reported_on_any_input() {
    let bom = "\u{feff}";
    assert_eq!(findings(&format!("{bom}{}", request(""))), expect(&[("byte-order-mark", bom)]));
    assert_eq!(findings(bom), expect(&[("byte-order-mark", bom), ("invalid-json", "")]));
    assert_eq!(findings(&format!("{bom}{{,")), expect(&[("byte-order-mark", bom), ("invalid-json", ",")]));
    let bytes = b"\xef\xbb\xbf{\"a\xff\": 1}";
    assert_eq!(
        byte_findings(bytes),
        vec![("byte-order-mark", bom.to_string()), ("invalid-json", "\u{fffd}".to_string())]
    );
}

#[test]
fn utf16_and_utf32_get_invalid_json_alone_naming_the_encoding() {
    let body = request("");
    let utf16le: Vec<u8> = body.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let utf16be: Vec<u8> = body.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let utf32le: Vec<u8> = body.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect();
    let utf32be: Vec<u8> = body.chars().flat_map(|c| u32::from(c).to_be_bytes()).collect();
    let with_bom = |bom: &[u8], rest: &[u8]| -> Vec<u8> { [bom, rest].concat() };
    for (bytes, name) in [
        (utf16le.clone(), "UTF-16 (little-endian)"),
        (with_bom(b"\xff\xfe", &utf16le), "UTF-16 (little-endian)"),
        (utf16be.clone(), "UTF-16 (big-endian)"),
        (with_bom(b"\xfe\xff", &utf16be), "UTF-16 (big-endian)"),
        (utf32le.clone(), "UTF-32 (little-endian)"),
        (with_bom(b"\xff\xfe\x00\x00", &utf32le), "UTF-32 (little-endian)"),
        (utf32be.clone(), "UTF-32 (big-endian)"),
        (with_bom(b"\x00\x00\xfe\xff", &utf32be), "UTF-32 (big-endian)"),
    ] {
        let report = sdrs_lint::lint_bytes(&bytes);
        let rules: Vec<&str> = report.diagnostics().iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["invalid-json"], "{name}");
        assert!(report.diagnostics()[0].message.contains(name), "{name}: {}", report.diagnostics()[0].message);
    }
}

// ---- invalid-json on invalid UTF-8 -------------------------------------------------------------

#[test]
fn invalid_utf8_is_labelled_at_the_first_byte_of_the_ill_formed_sequence() {
    let cases: [(&[u8], usize); 7] = [
        // A cut-off E4 B8 followed by `"`, in a string.
        (b"{\"protected_instance\": {\"name\": \"a\xe4\xb8\"}}", 34),
        // An encoded surrogate ED A0 80 in a string, after a value, as trailing data.
        (b"[\"\xed\xa0\x80\"]", 2),
        (b"[1\xed\xa0\x80]", 2),
        (b"{} \xed\xa0\x80", 3),
        (b"{}\xe4\xb8", 2),
        (b"\xff{}", 0),
        (b"[\"\x80\"]", 2),
    ];
    for (bytes, at) in cases {
        let report = sdrs_lint::lint_bytes(bytes);
        let syntax: Vec<_> = report.diagnostics().iter().filter(|d| d.rule == "invalid-json").collect();
        assert_eq!(syntax.len(), 1, "{bytes:?}");
        assert_eq!(syntax[0].primary.span.range(), at..at + 1, "{bytes:?}: {}", syntax[0].message);
        assert!(syntax[0].message.starts_with("invalid UTF-8"), "{}", syntax[0].message);
    }
}

#[test]
fn a_character_merely_cut_short_is_labelled_at_the_end_of_the_input() {
    for bytes in [&b"{\"protected_instance\": {\"name\": \"a\xe4\xb8"[..], b"[\"\xf0\x9f\x98"] {
        let report = sdrs_lint::lint_bytes(bytes);
        let syntax: Vec<_> = report.diagnostics().iter().filter(|d| d.rule == "invalid-json").collect();
        assert_eq!(syntax.len(), 1, "{bytes:?}");
        assert_eq!(syntax[0].primary.span.range(), bytes.len()..bytes.len(), "{bytes:?}");
    }
}

// ---- Unknown members -----------------------------------------------------------------------------

#[test]
fn a_repeated_unknown_member_is_reported_once_on_the_last_occurrence() {
    let src = request("\"flavor_ref\": \"a\", \"flavor_ref\": \"b\"");
    let report = sdrs_lint::lint(&src);
    let last = src.rfind("\"flavor_ref\"").unwrap_or(0);
    let found: Vec<(&str, usize)> = report.diagnostics().iter().map(|d| (d.rule, d.primary.span.start)).collect();
    assert_eq!(found, [("duplicate-key", last), ("unknown-field", last)]);
    let fix = report.diagnostics()[1].fix.as_ref().map(|f| f.edits[0].replacement.as_str());
    assert_eq!(fix, Some("\"flavorRef\""));
}

#[test]
fn the_rename_fix_is_offered_only_when_the_documented_name_is_absent() {
    let src = request("\"flavorRef\": \"a\", \"flavorref\": \"b\"");
    let report = sdrs_lint::lint(&src);
    assert_eq!(findings(&src), expect(&[("unknown-field", "\"flavorref\"")]));
    assert!(report.diagnostics()[0].fix.is_none());
    let src =
        request("\"tags\": [{\"key\": \"a\", \"Value\": \"b\", \"value\": \"c\"}, {\"key\": \"b\", \"Value\": \"c\"}]");
    let report = sdrs_lint::lint(&src);
    let fixes: Vec<(&str, bool)> = report.diagnostics().iter().map(|d| (d.rule, d.fix.is_some())).collect();
    assert_eq!(fixes, [("unknown-field", false), ("missing-field", false), ("unknown-field", true)]);
}

// ---- Duplicates and later rules ------------------------------------------------------------------

#[test]
fn later_rules_check_the_last_of_repeated_members() {
    let src = request("\"description\": \"a<b\", \"description\": \"ok\"");
    assert_eq!(findings(&src), expect(&[("duplicate-key", "\"description\"")]));
    let src = request("\"description\": \"ok\", \"description\": \"a<b\"");
    assert_eq!(findings(&src), expect(&[("duplicate-key", "\"description\""), ("description-invalid-char", "<")]));
    let src = request("\"tenancy\": \"shared\", \"dedicated_host_id\": \"x\", \"dedicated_host_id\": null");
    assert_eq!(findings(&src), expect(&[("duplicate-key", "\"dedicated_host_id\""), ("null-value", "null")]));
    let src = request("\"tags\": [{\"key\": \"a\", \"value\": \"\"}], \"tags\": [{\"key\": \"a*\", \"value\": \"\"}]");
    assert_eq!(findings(&src), expect(&[("duplicate-key", "\"tags\""), ("tag-invalid-char", "*")]));
}

// ---- Many findings -------------------------------------------------------------------------------

#[test]
fn at_most_a_thousand_diagnostics_are_kept_and_the_rest_counted() {
    assert_eq!(DEFAULT_MAX_DIAGNOSTICS, 1000);
    // 30 tags of 40 forbidden characters: 1,200 errors, and the 30 tags one more.
    let tags: Vec<String> =
        (0..30).map(|i| format!("{{\"key\": \"k{i}\", \"value\": \"{}\"}}", "*".repeat(40))).collect();
    let src = request(&format!("\"tags\": [{}]", tags.join(", ")));
    let report = sdrs_lint::lint(&src);
    assert_eq!(report.diagnostics().len(), 1000);
    assert_eq!(report.omitted(), 201);
    assert_eq!(report.count(Severity::Error), 1201);
    // The first in source order are the ones kept.
    assert!(report.diagnostics().windows(2).all(|w| w[0].primary.span.start <= w[1].primary.span.start));
}
