//! Scale: time and peak heap memory of a whole lint on 1, 10 and 100 MB requests (a `tags`
//! array of ever more tags), against `serde_json::from_slice::<Value>` on the same bytes, in
//! the same run. Peak memory is counted by a wrapping global allocator, above what was
//! allocated before the measured call (so the input buffer itself is not counted).
//!
//! `cargo bench --bench scale` (add `-- 1 10` to choose the sizes in MB).

use std::hint::black_box;

#[path = "support/mod.rs"]
mod support;
use support::measure;

/// A request of about `bytes` bytes: the required members and a long `tags` array whose keys
/// are unique and valid, and one tag in a hundred with a `/` in its value.
fn request(bytes: usize) -> Vec<u8> {
    let mut text = String::from(
        r#"{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web-01", "tags": ["#,
    );
    let mut i = 0;
    while text.len() < bytes {
        if i > 0 {
            text.push_str(",\n    ");
        }
        let value = if i % 100 == 0 { "team/ops" } else { "production" };
        text.push_str(&format!(r#"{{"key": "key-{i:08}", "value": "{value}-{i}"}}"#));
        i += 1;
    }
    text.push_str("]}}\n");
    text.into_bytes()
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1, 10, 100] } else { sizes };
    let linter = sdrs_lint::Linter::new();
    println!(
        "{:>6} {:>10} {:>10} {:>11} {:>10} {:>11} {:>9} {:>11} {:>11}",
        "MB", "lint", "lint MB/s", "lint peak", "serde", "serde peak", "time x", "throughput", "peak/input"
    );
    for mb in sizes {
        let input = request(mb * 1_000_000);
        let (lint_time, lint_peak) = measure(|| linter.lint_bytes(black_box(&input)));
        let (serde_time, serde_peak) = measure(|| serde_json::from_slice::<serde_json::Value>(black_box(&input)));
        let size = input.len() as f64;
        println!(
            "{:>6} {:>8.0}ms {:>10.0} {:>9.0}MB {:>8.0}ms {:>9.0}MB {:>8.2}x {:>10.2}x {:>10.2}x",
            mb,
            lint_time.as_secs_f64() * 1e3,
            size / 1e6 / lint_time.as_secs_f64(),
            lint_peak as f64 / 1e6,
            serde_time.as_secs_f64() * 1e3,
            serde_peak as f64 / 1e6,
            lint_time.as_secs_f64() / serde_time.as_secs_f64(),
            serde_time.as_secs_f64() / lint_time.as_secs_f64(),
            lint_peak as f64 / size,
        );
    }
    println!("peak = the most heap the call held at once beyond what existed before it (the input is not counted)");
    println!(
        "time x = lint time / serde_json::from_slice::<Value> time (target: at most 1); throughput = its inverse, \
         lint MB/s over serde_json's (target: at least 1); peak/input = lint peak / input size (target: at most 2.5)"
    );
}
