//! The inventory reader on arbitrary response bodies, and the inventory rules against it: no
//! panic; every label in the inventory file lies inside that file, on character boundaries,
//! with a line and column; rendering the related locations works. The requests are the
//! examples of `examples/with-inventory/`, whose IDs the seed corpus (the example snapshot's
//! files) holds, so mutations reach the rules. Data after a `\n---\n` line is linted too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdrs_lint::render::{FileReport, human};
use sdrs_lint::{Inventory, Linter};

const REQUESTS: &[&str] = &[
    include_str!("../../examples/with-inventory/clean-with-inventory.json"),
    include_str!("../../examples/with-inventory/group-status.json"),
    include_str!("../../examples/with-inventory/server-shared-disk.json"),
    include_str!("../../examples/with-inventory/ip-in-use.json"),
    include_str!("../../examples/with-inventory/flavor-smaller.json"),
    include_str!("../../examples/with-inventory/dedicated-host-wrong-az.json"),
    include_str!("../../examples/with-inventory/server-already-protected.json"),
    include_str!("../../examples/with-inventory/subnet-vpc-mismatch.json"),
];

fuzz_target!(|data: &[u8]| {
    let (inventory_bytes, extra) = match data.windows(5).position(|w| w == b"\n---\n") {
        Some(at) => (&data[..at], Some(&data[at + 5..])),
        None => (data, None),
    };
    let (inventory, _problems) = Inventory::from_files([("inventory.json", inventory_bytes.to_vec())]);
    let text = std::str::from_utf8(inventory_bytes).ok();
    let mut linter = Linter::new();
    linter.set_inventory(inventory);
    let check = |request: &[u8]| {
        let report = linter.lint_bytes(request);
        for d in report.diagnostics() {
            for label in &d.secondary {
                let Some(file) = &label.file else {
                    assert!(label.span.end <= request.len(), "{d:?}");
                    continue;
                };
                assert_eq!(file.bytes(), inventory_bytes);
                assert!(label.span.start <= label.span.end && label.span.end <= inventory_bytes.len(), "{d:?}");
                if let Some(text) = text {
                    assert!(text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end));
                }
                assert!(file.position(label.span.end).line >= 1);
            }
        }
        let mut out = Vec::new();
        let style = human::Style { color: false, width: 100 };
        human::write(&mut out, &FileReport::new("request.json", request, &report), style).unwrap();
    };
    for request in REQUESTS {
        check(request.as_bytes());
    }
    if let Some(extra) = extra {
        check(extra);
    }
});
