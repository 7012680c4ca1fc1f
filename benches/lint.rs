//! Whole-lint time per request (parse + every rule, findings recorded; and the same with every
//! diagnostic built, as rendering needs),
//! against `serde_json::from_str::<Value>` on the same bytes and against the `jsonschema` crate
//! (jsonschema-rs) parsing the same bytes and collecting every error of the equivalent JSON
//! Schema (`create-protected-instance.schema.json`), in the same run.
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

const SCHEMA: &str = include_str!("create-protected-instance.schema.json");

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    // The schema must agree with the linter on the inputs, or the comparison means nothing.
    for (name, text) in INPUTS {
        let value: serde_json::Value = serde_json::from_str(text).expect("the inputs are JSON");
        assert_eq!(
            validator.is_valid(&value),
            sdrs_lint::lint(text).is_clean(),
            "schema and linter disagree on {name}"
        );
    }
    validator
}

fn per_request(c: &mut Criterion) {
    let linter = sdrs_lint::Linter::new();
    let validator = validator();
    for (name, text) in INPUTS {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("sdrs_lint", |b| b.iter(|| linter.lint(black_box(text))));
        // The same lint with every diagnostic built (message, labels, help, pointer, fix), as
        // a renderer or a library user reading them pays.
        group.bench_function("sdrs_lint_diagnostics", |b| b.iter(|| linter.lint(black_box(text)).into_diagnostics()));
        group.bench_function("serde_json_value", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)))
        });
        group.bench_function("jsonschema", |b| {
            b.iter(|| {
                let value: serde_json::Value = serde_json::from_str(black_box(text)).expect("JSON");
                validator.iter_errors(&value).count()
            })
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
    println!(
        "\n{:<18} {:>6} {:>11} {:>11} {:>11} {:>11} {:>11} {:>13} {:>15}",
        "input",
        "bytes",
        "sdrs-lint",
        "serde_json",
        "jsonschema",
        "vs serde",
        "vs schema",
        "+diagnostics",
        "+diag vs serde"
    );
    for (name, text) in INPUTS {
        let times = (
            mean_ns(name, "sdrs_lint"),
            mean_ns(name, "serde_json_value"),
            mean_ns(name, "jsonschema"),
            mean_ns(name, "sdrs_lint_diagnostics"),
        );
        match times {
            (Some(lint), Some(serde), Some(schema), Some(built)) => println!(
                "{name:<18} {:>6} {:>9.2}µs {:>9.2}µs {:>9.2}µs {:>10.2}x {:>10.2}x {:>11.2}µs {:>14.2}x",
                text.len(),
                lint / 1e3,
                serde / 1e3,
                schema / 1e3,
                lint / serde,
                schema / lint,
                built / 1e3,
                built / serde
            ),
            _ => println!("{name:<18} (no estimates: run without a filter to measure all four)"),
        }
    }
    println!("vs serde = sdrs-lint time / serde_json::from_str::<Value> time (target: at most 1, aim 0.5)");
    println!("vs schema = jsonschema time / sdrs-lint time (target: at least 3)");
    println!("+diagnostics = the lint with every diagnostic built (Report::into_diagnostics), as rendering needs");
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    per_request(&mut c);
    c.final_summary();
    print_ratios();
}
