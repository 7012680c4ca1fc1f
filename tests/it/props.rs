//! Property tests: generated valid requests lint clean however they are written; one injected
//! fault fires exactly its rule at the right place; no input makes anything panic; the parser
//! agrees with serde_json.

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use sdrs_lint::render::{FileReport, json as json_render, short};
use sdrs_lint::{CreateProtectedInstanceRequest, ProtectedInstance, Tag, Tenancy};

fn uuid() -> impl Strategy<Value = String> {
    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
}

/// Allowed name characters; at most 21 characters, so at most 63 bytes.
fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9._\\-\u{4e00}-\u{9fff}]{1,21}"
}

fn description() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.;:!?()'\"&/\\\\\u{4e00}-\u{9fa5}]{0,21}"
}

fn ip() -> impl Strategy<Value = String> {
    (1u8..=223, any::<u8>(), any::<u8>(), any::<u8>())
        .prop_filter("not loopback or link-local", |(a, b, _, _)| *a != 127 && !(*a == 169 && *b == 254))
        .prop_map(|(a, b, c, d)| format!("{a}.{b}.{c}.{d}"))
}

/// Up to 10 tags whose keys stay distinct after case folding.
fn tags() -> impl Strategy<Value = Vec<Tag>> {
    prop::collection::btree_map(
        "[a-z0-9_.:@+\\-\u{4e00}-\u{9fa5}]{1,36}",
        "[a-zA-Z0-9 _.:@+\\-\u{4e00}-\u{9fa5}]{0,43}",
        0..=10,
    )
    .prop_map(|m| m.into_iter().map(|(k, v)| Tag::new(k, v)).collect())
}

fn valid_request() -> impl Strategy<Value = CreateProtectedInstanceRequest> {
    (
        (uuid(), uuid(), name(), prop::option::of(description()), prop::option::of(uuid())),
        (prop::option::of((uuid(), prop::option::of(ip()))), prop::option::of("s[1-9]\\.(large|xlarge)\\.[1-8]")),
        (prop::option::of(uuid()), any::<bool>(), prop::option::of(tags())),
    )
        .prop_map(|((group, server, name, description, cluster), (subnet, flavor), (host, shared, tags))| {
            let tenancy = match (&host, shared) {
                (Some(_), _) => Some(Tenancy::Dedicated),
                (None, true) => Some(Tenancy::Shared),
                (None, false) => None,
            };
            let mut instance = ProtectedInstance::new(group, server, name);
            instance.description = description;
            instance.cluster_id = cluster;
            instance.primary_subnet_id = subnet.as_ref().map(|(s, _)| s.clone());
            instance.primary_ip_address = subnet.and_then(|(_, ip)| ip);
            instance.flavor_ref = flavor;
            instance.tenancy = tenancy;
            instance.dedicated_host_id = host;
            instance.tags = tags;
            CreateProtectedInstanceRequest::from(instance)
        })
}

/// Writes every non-ASCII character, and every `mask`-selected ASCII letter, as a `\u` escape.
fn escape_strings(json: &str, mask: u64) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in json.chars().enumerate() {
        if in_string
            && !escaped
            && c != '"'
            && c != '\\'
            && (!c.is_ascii() || (c.is_ascii_alphabetic() && mask >> (i % 64) & 1 == 1))
        {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
            continue;
        }
        if c == '"' && !escaped {
            in_string = !in_string;
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

fn rules_fired(text: &str) -> Vec<String> {
    sdrs_lint::lint(text).diagnostics().iter().map(|d| format!("{}: {}", d.rule, d.message)).collect()
}

/// Spans in bounds and on character boundaries, diagnostics in source order, renderers fine.
fn check_invariants(bytes: &[u8]) {
    let report = sdrs_lint::lint_bytes(bytes);
    let text = std::str::from_utf8(bytes).ok();
    let mut last = 0;
    for d in report.diagnostics() {
        assert!(d.primary.span.start >= last, "not in source order");
        last = d.primary.span.start;
        for label in d.labels() {
            assert!(label.span.start <= label.span.end && label.span.end <= bytes.len(), "{d:?}");
            if let Some(text) = text {
                assert!(text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end), "{d:?}");
            }
        }
    }
    let file = FileReport::new("input.json", bytes, &report);
    let mut out = Vec::new();
    short::write(&mut out, &file).unwrap();
    json_render::write(&mut out, &[sdrs_lint::render::Entry::Linted(&file)], Default::default()).unwrap();
    sdrs_lint::render::human::write(&mut out, &file, sdrs_lint::render::human::Style { color: true, width: 80 })
        .unwrap();
}

/// A fault to inject, the rule it must fire and the source text its label must cover.
fn inject(request: &mut ProtectedInstance, fault: usize) -> (&'static str, String) {
    let tags = request.tags.get_or_insert_with(Vec::new);
    match fault {
        0 => {
            request.name = "文".repeat(22);
            ("name-too-long", "文".into())
        }
        1 => {
            request.name = "web x".into();
            ("name-invalid-char", " ".into())
        }
        2 => {
            request.server_id = String::new();
            ("id-empty", "\"\"".into())
        }
        3 => {
            request.description = Some("a<b".into());
            ("description-invalid-char", "<".into())
        }
        4 => {
            tags.truncate(9);
            tags.push(Tag::new("team/owner", "x"));
            ("tag-invalid-char", "/".into())
        }
        5 => {
            tags.truncate(9);
            tags.push(Tag::new("k".repeat(37), ""));
            ("tag-key-too-long", "k".into())
        }
        6 => {
            tags.truncate(9);
            tags.push(Tag::new("", "v"));
            ("tag-key-empty", "\"\"".into())
        }
        7 => {
            tags.truncate(8);
            tags.push(Tag::new("dup-key", "a"));
            tags.push(Tag::new("dup-key", "b"));
            ("tag-key-duplicate", "\"dup-key\"".into())
        }
        8 => {
            request.primary_subnet_id = Some("0b9f2d4e-1a3c-4e5f-8d7c-6b5a4f3e2d1c".into());
            request.primary_ip_address = Some("10.0.0.256".into());
            ("ip-invalid", "\"10.0.0.256\"".into())
        }
        9 => {
            request.dedicated_host_id = Some("7d1e4c2a-3b5f-4e6d-8a9c-0b1f2e3d4c5a".into());
            request.tenancy = None;
            ("dedicated-host-needs-dedicated-tenancy", "\"dedicated_host_id\"".into())
        }
        10 => {
            request.server_group_id = "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e9g".into();
            ("id-not-uuid", "g".into())
        }
        _ => {
            request.tenancy = Some(Tenancy::Dedicated);
            request.dedicated_host_id = Some("0bc41598-1b5a-4bd2-872a-82e6abb82e68".into());
            ("doc-example-value", "\"0bc41598-1b5a-4bd2-872a-82e6abb82e68\"".into())
        }
    }
}

/// Applies the fixable faults selected by `mask` to a valid request; returns the JSON and the
/// rule each fault fires.
fn inject_fixable(request: &mut CreateProtectedInstanceRequest, mask: u8) -> (String, Vec<&'static str>) {
    let instance = &mut request.protected_instance;
    let mut rules = Vec::new();
    let on = |bit: u8| mask & (1 << bit) != 0;
    if on(1) {
        instance.name = "ｗｅｂ-01".into();
        rules.push("name-invalid-char");
    }
    if on(2) {
        instance.flavor_ref = Some("s3.large.2".into());
        rules.push("unknown-field");
    }
    if on(3) {
        instance.dedicated_host_id = Some("7d1e4c2a-3b5f-4e6d-8a9c-0b1f2e3d4c5a".into());
        instance.tenancy = None;
        rules.push("dedicated-host-needs-dedicated-tenancy");
    } else if on(4) {
        instance.tenancy = Some(Tenancy::Shared);
        rules.push("tenancy-invalid");
    }
    if on(5) {
        instance.description = Some("primary\u{200b}node".into());
        rules.push("invisible-char");
    }
    if on(6) {
        instance.cluster_id = None;
    }
    let mut json = request.to_json();
    if on(2) {
        json = json.replace("\"flavorRef\"", "\"flavorref\"");
    }
    if on(4) && !on(3) {
        json = json.replace("\"tenancy\": \"shared\"", "\"tenancy\": \"Shared\"");
    }
    if on(6) {
        json = json.replacen("\"name\":", "\"cluster_id\": null,\n    \"name\":", 1);
        rules.push("null-value");
    }
    if on(0) {
        json.insert(0, '\u{feff}');
        rules.push("byte-order-mark");
    }
    (json, rules)
}

proptest! {
    // Failures found once are replayed first, from `props.proptest-regressions` beside this file.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn valid_requests_lint_clean_however_written(request in valid_request(), mask in any::<u64>()) {
        let compact = serde_json::to_string(&request).unwrap();
        prop_assert_eq!(rules_fired(&compact), Vec::<String>::new(), "{}", compact);
        prop_assert_eq!(rules_fired(&request.to_json()), Vec::<String>::new());
        let escaped = escape_strings(&compact, mask);
        prop_assert_eq!(rules_fired(&escaped), Vec::<String>::new(), "{}", escaped);
        prop_assert_eq!(rules_fired(&request.to_json().replace('\n', "\r\n")), Vec::<String>::new());
    }

    #[test]
    fn one_injected_fault_fires_exactly_its_rule(mut request in valid_request(), fault in 0usize..12) {
        let (rule, label) = inject(&mut request.protected_instance, fault);
        let json = request.to_json();
        let report = sdrs_lint::lint(&json);
        let found: Vec<(&str, &str)> = report.diagnostics().iter().map(|d| (d.rule, &json[d.primary.span.range()])).collect();
        prop_assert_eq!(found, vec![(rule, label.as_str())], "{}", json);
    }

    #[test]
    fn fixing_converges_and_fixed_rules_do_not_fire_again(mut request in valid_request(), mask in 1u8..128) {
        let (json, injected) = inject_fixable(&mut request, mask);
        let before: Vec<&str> = sdrs_lint::lint(&json).diagnostics().iter().map(|d| d.rule).collect();
        for rule in &injected {
            prop_assert!(before.contains(rule), "{} does not fire on {}", rule, json);
        }
        let fixed = sdrs_lint::Linter::new().fix(json.as_bytes(), sdrs_lint::InputKind::Json, sdrs_lint::Applicability::Unsafe);
        let remaining: Vec<String> = fixed.report.diagnostics().iter().map(|d| format!("{}: {}", d.rule, d.message)).collect();
        prop_assert_eq!(remaining, Vec::<String>::new(), "{}", String::from_utf8_lossy(&fixed.text));
        for rule in &injected {
            prop_assert!(fixed.applied.contains(rule), "{} was not fixed", rule);
        }
        // Still JSON, and still the same request apart from what the fixes changed.
        let value: serde_json::Value = serde_json::from_slice(&fixed.text).unwrap();
        prop_assert_eq!(&value["protected_instance"]["server_id"], &serde_json::Value::from(request.protected_instance.server_id.clone()));
        // Line layout is kept: pretty input stays multi-line with the same indentation unit.
        prop_assert!(String::from_utf8_lossy(&fixed.text).contains("\n    \"server_id\""));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_invariants(&bytes);
    }

    #[test]
    fn mutated_requests_never_panic(request in valid_request(), edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)) {
        let mut bytes = request.to_json().into_bytes();
        for (at, byte, kind) in edits {
            let i = at.index(bytes.len() + 1);
            match kind {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => { bytes.remove(i); }
                _ if i < bytes.len() => bytes[i] = byte,
                _ => {}
            }
        }
        check_invariants(&bytes);
    }
}
