//! Whole-lint time per request (parse + every rule + building diagnostics, no rendering)
//! against `serde_json::from_str::<Value>` on the same bytes, in the same run.
//!
//! `cargo bench --bench lint` prints criterion's report, then a table of ratios computed from
//! criterion's own estimates (`target/criterion/<group>/<function>/new/estimates.json`).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput};

const INPUTS: [(&str, &str); 3] = [
    ("reference-example", include_str!("../examples/reference-example.json")),
    ("maximal-valid", include_str!("inputs/maximal-valid.json")),
    ("dozen-problems", include_str!("inputs/dozen-problems.json")),
];

fn per_request(c: &mut Criterion) {
    let linter = sdrs_lint::Linter::new();
    for (name, text) in INPUTS {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("sdrs_lint", |b| b.iter(|| linter.lint(black_box(text))));
        group.bench_function("serde_json_value", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)))
        });
        group.finish();
    }
}

/// Criterion's mean estimate in nanoseconds for `group/function`, from this run's files.
fn mean_ns(group: &str, function: &str) -> Option<f64> {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let path = Path::new(&target).join("criterion").join(group).join(function).join("new/estimates.json");
    let estimates: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    estimates["mean"]["point_estimate"].as_f64()
}

fn print_ratios() {
    println!("\n{:<20} {:>9} {:>12} {:>12} {:>8}", "input", "bytes", "sdrs-lint", "serde_json", "ratio");
    for (name, text) in INPUTS {
        match (mean_ns(name, "sdrs_lint"), mean_ns(name, "serde_json_value")) {
            (Some(lint), Some(serde)) => {
                println!("{name:<20} {:>9} {:>10.0}ns {:>10.0}ns {:>7.2}x", text.len(), lint, serde, lint / serde)
            }
            _ => println!("{name:<20} (no estimates: run without a filter to measure both)"),
        }
    }
    println!("ratio = sdrs-lint time / serde_json::from_str::<Value> time (lower is better; target <= 1)");
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    per_request(&mut c);
    c.final_summary();
    print_ratios();
}
