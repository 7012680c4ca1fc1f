//! The JSONTestSuite parsing corpus (tests/jsontestsuite/, MIT, nst/JSONTestSuite): every `y_`
//! file is accepted, every `n_` file rejected with one `invalid-json` at a byte inside (or at the
//! end of) the input, and every `i_` file gets the decision recorded below, without a panic.

use std::path::Path;

use sdrs_lint::Diagnostic;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jsontestsuite/test_parsing");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 318, "the corpus is incomplete");
    files
}

fn syntax_errors(bytes: &[u8]) -> Vec<Diagnostic> {
    sdrs_lint::lint_bytes(bytes).into_diagnostics().into_iter().filter(|d| d.rule == "invalid-json").collect()
}

/// The implementation-defined files this parser rejects, and why; all others are accepted.
const REJECTED_I: &[(&str, &str)] = &[
    ("i_object_key_lone_2nd_surrogate.json", "lone surrogate escape"),
    ("i_string_1st_surrogate_but_2nd_missing.json", "lone surrogate escape"),
    ("i_string_1st_valid_surrogate_2nd_invalid.json", "lone surrogate escape"),
    ("i_string_UTF-16LE_with_BOM.json", "UTF-16 input"),
    ("i_string_UTF-8_invalid_sequence.json", "invalid UTF-8"),
    ("i_string_UTF8_surrogate_U+D800.json", "invalid UTF-8"),
    ("i_string_incomplete_surrogate_and_escape_valid.json", "lone surrogate escape"),
    ("i_string_incomplete_surrogate_pair.json", "lone surrogate escape"),
    ("i_string_incomplete_surrogates_escape_valid.json", "lone surrogate escape"),
    ("i_string_invalid_lonely_surrogate.json", "lone surrogate escape"),
    ("i_string_invalid_surrogate.json", "lone surrogate escape"),
    ("i_string_invalid_utf-8.json", "invalid UTF-8"),
    ("i_string_inverted_surrogates_U+1D11E.json", "lone surrogate escape"),
    ("i_string_iso_latin_1.json", "invalid UTF-8"),
    ("i_string_lone_second_surrogate.json", "lone surrogate escape"),
    ("i_string_lone_utf8_continuation_byte.json", "invalid UTF-8"),
    ("i_string_not_in_unicode_range.json", "invalid UTF-8"),
    ("i_string_overlong_sequence_2_bytes.json", "invalid UTF-8"),
    ("i_string_overlong_sequence_6_bytes.json", "invalid UTF-8"),
    ("i_string_overlong_sequence_6_bytes_null.json", "invalid UTF-8"),
    ("i_string_truncated-utf-8.json", "invalid UTF-8"),
    ("i_string_utf16BE_no_BOM.json", "UTF-16 input"),
    ("i_string_utf16LE_no_BOM.json", "UTF-16 input"),
    ("i_structure_500_nested_arrays.json", "nesting deeper than 128 levels"),
    ("i_structure_UTF-8_BOM_empty_object.json", "accepted, with a byte-order-mark warning"),
];

#[test]
fn accepts_every_y_file() {
    let rejected: Vec<String> = corpus()
        .into_iter()
        .filter(|(name, _)| name.starts_with("y_"))
        .filter_map(|(name, bytes)| syntax_errors(&bytes).first().map(|d| format!("{name}: {}", d.message)))
        .collect();
    assert!(rejected.is_empty(), "valid files rejected:\n{}", rejected.join("\n"));
}

#[test]
fn rejects_every_n_file_at_a_byte_of_the_input() {
    let mut wrong = Vec::new();
    for (name, bytes) in corpus().into_iter().filter(|(name, _)| name.starts_with("n_")) {
        match syntax_errors(&bytes).as_slice() {
            [d] if d.primary.span.start <= bytes.len() && d.primary.span.end <= bytes.len() => {}
            [d] => wrong.push(format!("{name}: span {:?} outside {} bytes", d.primary.span, bytes.len())),
            found => wrong.push(format!("{name}: {} invalid-json diagnostics", found.len())),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn implementation_defined_files_get_the_documented_decision() {
    let mut wrong = Vec::new();
    for (name, bytes) in corpus().into_iter().filter(|(name, _)| name.starts_with("i_")) {
        let rejected = !syntax_errors(&bytes).is_empty();
        let expected = REJECTED_I.iter().find(|(n, _)| *n == name).is_some_and(|(_, why)| !why.starts_with("accepted"));
        if rejected != expected {
            wrong.push(format!("{name}: rejected = {rejected}, documented = {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
