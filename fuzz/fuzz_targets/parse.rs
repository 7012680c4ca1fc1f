//! The parser on arbitrary bytes: no panic, spans inside the input and on character
//! boundaries, a tree only up to the error (the checks are `sdrs_lint::fuzzing::parse`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| sdrs_lint::fuzzing::parse(data));
