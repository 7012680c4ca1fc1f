//! Every renderer on the diagnostics of arbitrary input: no panic, and no raw control or
//! bidirectional character in the human-readable outputs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdrs_lint::render::{Entry, FileReport, Summary, github, human, json, junit, sarif, short};

fn assert_safe(output: &[u8], what: &str) {
    let text = String::from_utf8_lossy(output);
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    });
    assert!(bad.is_none(), "{what} printed {bad:?}");
}

fuzz_target!(|data: &[u8]| {
    let (path, input) = match data.iter().position(|&b| b == 0xFF) {
        // A path can hold anything too: the part before the first 0xFF byte.
        Some(i) => (String::from_utf8_lossy(&data[..i]).into_owned(), &data[i + 1..]),
        None => ("input.json".to_string(), data),
    };
    let report = sdrs_lint::lint_bytes(input);
    let file = FileReport::new(&path, input, &report);
    let summary = Summary::default();
    let entries = [Entry::Linted(&file), Entry::Failed { path: &path, error: "unreadable\u{1b}[2J" }];

    let mut out = Vec::new();
    short::write(&mut out, &file).unwrap();
    assert_safe(&out, "short");
    out.clear();
    github::write(&mut out, &file).unwrap();
    assert_safe(&out, "github");
    out.clear();
    human::write(&mut out, &file, human::Style { color: false, width: 80 }).unwrap();
    assert_safe(&out, "human");
    out.clear();
    junit::write(&mut out, &entries, summary).unwrap();
    assert_safe(&out, "junit");
    for write in [json::write, sarif::write] {
        out.clear();
        write(&mut out, &entries, summary).unwrap();
        let _: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    }
});
