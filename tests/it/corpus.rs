//! A fixed, seeded corpus of 5,000 varied requests (valid and broken members of every kind,
//! wrappers, formatting, escapes, HTTP files, half of them against the example inventory) whose
//! JSON diagnostics must not change: each one's digest is recorded in
//! `tests/it/corpus-digests.txt`. It pins the engine's whole behaviour, so a rewrite of its
//! inside (issue 14: one-pass dispatch, lazy diagnostics, a compact tree) can prove it prints
//! byte for byte what the engine before it printed. A deliberate change of a message or a rule
//! is re-recorded with `SDRS_LINT_BLESS=1 cargo test --test it corpus`, and the diff of that
//! file shows how many requests it changed.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::common::root;
use sdrs_lint::render::{Entry, FileReport, Summary, json};
use sdrs_lint::{InputKind, Inventory, Linter};

const REQUESTS: usize = 5_000;
const SEED: u64 = 0x5d25_2026_1204_0001;

/// xorshift64*: small, deterministic on every platform, good enough to vary requests.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.below(choices.len())]
    }
}

/// Values of an ID member: valid (some of them in the example inventory), broken, placeholders,
/// escaped, of the wrong type. `None` leaves the member out.
const IDS: &[&str] = &[
    r#""5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90""#,
    r#""9e795e3c-83f0-a95a-ee9e-9cd5928adc56""#,
    r#""6750f847-a2b8-4933-e489-883fe5731c3d""#,
    r#""c79dfb23-1d73-fc58-86f7-a54fc1c4277a""#,
    r#""09083613-9f16-0411-cb7a-1fed1a651f5c""#,
    r#""f9f5d1c5-4533-5fd2-19c3-34adc5874159""#,
    r#""9d03e354-f6d0-fe47-50b2-c8abaf44a91b""#,
    r#""09083613-9f16-0411-cb7a-1fed1a651f50""#,
    r#""08182539-58ba-7454-b577-c76b7c4062a0""#,
    r#""671135c4-0514-8ae2-963f-f05360637fd5""#,
    r#""f7105a6f-5072-13e3-666c-33bb5cc6c5ac""#,
    r#""0bc41598-1b5a-4bd2-872a-82e6abb82e68""#,
    r#""a32217fh-8c6f-4a8e-9b4e-0d2c1e5f7a93""#,
    r#""5F0C1A9E-2B7D-4C3A-9E1F-6D8B2A4C7E90""#,
    r#""\u0035f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90""#,
    r#""""#,
    r#""   ""#,
    r#""web-01""#,
    r#""{{serverId}}""#,
    "42",
    "null",
    "[]",
];
const NAMES: &[&str] = &[
    r#""web-01""#,
    r#""db_primary.2""#,
    r#""华南区订单系统数据库主节点容灾实例""#,
    r#""华南区订单系统生产环境数据库主节点的容灾实例""#,
    r#""""#,
    r#""web 01""#,
    r#""web\u200b01""#,
    r#""web\u003c01""#,
    r#""😀-01""#,
    r#""e\u0301-01""#,
    r#""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa""#,
    r#""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa""#,
    r#""web-\t01""#,
    "17",
    "null",
];
const DESCRIPTIONS: &[&str] = &[
    r#""DR copy of web-01""#,
    r#""<b>bold</b>""#,
    r#""说明：生产环境数据库主节点的容灾实例，请勿删除或者修改任何配置""#,
    r#""a\u003eb""#,
    r#""""#,
    "true",
];
const IPS: &[&str] = &[
    r#""192.168.10.25""#,
    r#""192.168.10.20""#,
    r#""192.168.11.5""#,
    r#""10.0.0.256""#,
    r#""127.0.0.1""#,
    r#""010.0.0.1""#,
    r#""::1""#,
    r#""""#,
    "3232238105",
];
const TENANCIES: &[&str] = &[r#""shared""#, r#""dedicated""#, r#""Dedicated""#, r#""exclusive""#, r#""""#, "1"];
const FLAVORS: &[&str] = &[r#""s6.large.2""#, r#""s6.medium.2""#, r#""s3.large.2""#, r#""""#, "2"];
const TAG_KEYS: &[&str] = &[
    r#""env""#,
    r#""owner""#,
    r#""еnv""#,
    r#""team/ops""#,
    r#""""#,
    r#""cost-center-0123456789-abcdefghijklmn""#,
    r#""ENV""#,
    r#""a\u0000b""#,
    r#""_sys_key""#,
    "7",
];
const TAG_VALUES: &[&str] = &[
    r#""production""#,
    r#""""#,
    r#""a,b""#,
    r#""tab\there""#,
    r#""值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值值""#,
    "null",
];
const EXTRA: &[&str] = &[
    r#""flavorref": "s3.large.2""#,
    r#""server_groupid": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90""#,
    r#""cluster_id": "7d1e4c2a-3b5f-4e6d-8a9c-0b1f2e3d4c5a""#,
    r#""name": "duplicate""#,
    r#""nics": []"#,
];

/// Request `i` of the corpus and how it is given (a body, or an HTTP file).
fn request(rng: &mut Rng) -> (String, InputKind) {
    let mut members = Vec::new();
    let mut member = |rng: &mut Rng, name: &str, values: &[&str], present: usize| {
        if rng.below(100) < present {
            members.push(format!("\"{name}\": {}", rng.pick(values)));
        }
    };
    member(rng, "server_group_id", IDS, 95);
    member(rng, "server_id", IDS, 95);
    member(rng, "name", NAMES, 95);
    member(rng, "description", DESCRIPTIONS, 20);
    member(rng, "primary_subnet_id", IDS, 25);
    member(rng, "primary_ip_address", IPS, 20);
    member(rng, "flavorRef", FLAVORS, 25);
    member(rng, "tenancy", TENANCIES, 15);
    member(rng, "dedicated_host_id", IDS, 15);
    member(rng, "cluster_id", IDS, 5);
    if rng.below(100) < 30 {
        let count = rng.below(13);
        let tags: Vec<String> = (0..count)
            .map(|t| match rng.below(20) {
                0 => "\"not-a-tag\"".to_string(),
                1 => format!("{{\"key\": \"k{t}\"}}"),
                _ => format!("{{\"key\": {}, \"value\": {}}}", rng.pick(TAG_KEYS), rng.pick(TAG_VALUES)),
            })
            .collect();
        members.push(format!("\"tags\": [{}]", tags.join(", ")));
    }
    if rng.below(100) < 8 {
        members.push(rng.pick(EXTRA).to_string());
    }
    // Shuffle a little: members in any order.
    for i in (1..members.len()).rev() {
        let j = rng.below(i + 1);
        members.swap(i, j);
    }
    let (open, sep, close) = match rng.below(3) {
        0 => ("{", ", ", "}"),
        1 => ("{\n    ", ",\n    ", "\n  }"),
        _ => ("{\r\n    ", ",\r\n    ", "\r\n  }"),
    };
    let inner = format!("{open}{}{close}", members.join(sep));
    let body = match rng.below(100) {
        0..=2 => inner,
        3..=5 => format!("{{\"protectedInstance\": {inner}}}"),
        6 => format!("{{\"protected_instance\": {inner},}}"),
        7 => format!("\u{feff}{{\"protected_instance\": {inner}}}"),
        8 => format!("{{\"protected_instance\": {inner}, \"protected_instance\": {{}}}}"),
        9 => format!("{{\"protected_instance\": {inner}"),
        10 => "[]".to_string(),
        _ => format!("{{\n  \"protected_instance\": {inner}\n}}\n"),
    };
    if rng.below(100) < 10 {
        let path = rng.pick(&[
            "/v1/{{projectId}}/protected-instances",
            "/v1/0605767c7a80d5f02f2fc00ec2f6a5dc/protected-instances",
            "/v1/{project_id}/protected-instances",
            "/v1/0605767c7a80d5f02f2fc00ec2f6a5dc/protected-instance",
            "/v2/0605767c7a80d5f02f2fc00ec2f6a5dc/protected-instances",
        ]);
        let http = format!(
            "@projectId = 0605767c7a80d5f02f2fc00ec2f6a5dc\n@serverId = 9e795e3c-83f0-a95a-ee9e-9cd5928adc56\n\n### Create\nPOST https://sdrs.cn-north-4.myhuaweicloud.com{path}\nContent-Type: application/json\n\n{body}\n"
        );
        return (http, InputKind::Http);
    }
    (body, InputKind::Json)
}

/// The example snapshot in `examples/inventory/`.
fn example_inventory() -> Arc<Inventory> {
    let dir = root().join("examples/inventory");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let files = paths.iter().map(|p| {
        (format!("examples/inventory/{}", p.file_name().unwrap().to_string_lossy()), std::fs::read(p).unwrap())
    });
    let (inventory, problems) = Inventory::from_files(files);
    assert!(problems.is_empty(), "{problems:?}");
    Arc::new(inventory)
}

/// FNV-1a, 64 bits: a stable digest without a dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// One line per request: its number, the rules it fired, and the digest of its diagnostics as
/// `--format json` prints them.
fn digests() -> String {
    let plain = Linter::new();
    let mut checked = Linter::new();
    checked.set_inventory(example_inventory());
    let mut rng = Rng(SEED);
    let mut out = String::new();
    for i in 0..REQUESTS {
        let (text, kind) = request(&mut rng);
        let linter = if i % 2 == 0 { &plain } else { &checked };
        let report = linter.lint_input(text.as_bytes(), kind);
        let name = if kind == InputKind::Http { "request.http" } else { "request.json" };
        let file = FileReport::new(name, text.as_bytes(), &report);
        let mut json_out = Vec::new();
        let summary = Summary { files: 1, errors: 0, warnings: 0 };
        json::write(&mut json_out, &[Entry::Linted(&file)], summary).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&json_out).unwrap();
        let diagnostics = serde_json::to_vec(&doc["files"][0]["diagnostics"]).unwrap();
        let rules: Vec<&str> = report.diagnostics().iter().map(|d| d.rule).collect();
        writeln!(out, "{i:04} {:016x} {}", fnv1a(&diagnostics), rules.join(",")).unwrap();
    }
    out
}

#[test]
fn the_corpus_lints_exactly_as_recorded() {
    let path = root().join("tests/it/corpus-digests.txt");
    let actual = digests();
    if std::env::var_os("SDRS_LINT_BLESS").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    let changed: Vec<(&str, &str)> = recorded.lines().zip(actual.lines()).filter(|(a, b)| a != b).collect();
    assert!(
        changed.is_empty() && recorded.lines().count() == REQUESTS,
        "{} of {REQUESTS} requests lint differently from tests/it/corpus-digests.txt (recorded, then now):\n{}",
        changed.len(),
        changed.iter().take(10).map(|(a, b)| format!("  {a}\n  {b}\n")).collect::<String>()
    );
}

#[test]
fn the_corpus_is_varied() {
    let actual = digests();
    let mut rules: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    let mut clean = 0;
    for line in actual.lines() {
        let fired = line.splitn(3, ' ').nth(2).unwrap_or_default();
        if fired.is_empty() {
            clean += 1;
        }
        rules.extend(fired.split(',').filter(|r| !r.is_empty()));
    }
    // Most rules fire somewhere, and some requests are clean.
    assert!(rules.len() >= 40, "{} rules fire: {rules:?}", rules.len());
    assert!(clean >= 30, "{clean} clean requests");
}
