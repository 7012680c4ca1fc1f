//! `sdrs-lint.toml` parsing on arbitrary text: no panic, problems with spans inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(problems) = sdrs_lint::config::parse(text) {
        for p in problems {
            assert!(p.primary.span.end <= text.len(), "{p:?}");
        }
    }
});
