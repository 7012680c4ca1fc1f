//! Bytes → span-preserving syntax tree.
//!
//! Encoding comes first: a UTF-8 byte-order mark is noted and skipped, UTF-16 and UTF-32 input
//! is recognised and refused by name, and invalid UTF-8 is reported at its first bad byte unless
//! a syntax error comes earlier.

mod error;
mod flags;
mod parser;
mod string;
mod tree;

pub use error::SyntaxError;
pub use flags::TextFlags;
pub use parser::MAX_DEPTH;
pub use string::SourceChars;
pub use tree::{Array, JsonStr, JsonType, Member, Node, NodeKind, Object};

use crate::span::Span;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A parsed input: the tree (possibly partial) and what went wrong on the way.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The input as text: all of it, or the prefix before the first invalid UTF-8 byte.
    pub text: &'a str,
    /// The root value, complete or cut short at `error`.
    pub root: Option<Node<'a>>,
    /// The first reason the input is not RFC 8259 JSON.
    pub error: Option<SyntaxError>,
    /// The UTF-8 byte-order mark, when the input starts with one.
    pub bom: Option<Span>,
}

/// Parses text already known to be UTF-8 (so not validated again).
pub fn parse_str(text: &str) -> Parsed<'_> {
    parse_text(text, None)
}

/// Parses the JSON text that starts at byte `start` of `text` and runs to its end (the body of
/// a request in an HTTP file, `text` cut at the body's end); spans are offsets into `text`.
pub fn parse_region(text: &str, start: usize) -> Parsed<'_> {
    let out = parser::parse(text, start);
    Parsed { text, root: out.root, error: out.error.map(|e| *e), bom: None }
}

/// Why `bytes` are not UTF-8 text: UTF-16 or UTF-32, or invalid UTF-8.
pub fn encoding_error(bytes: &[u8]) -> Option<SyntaxError> {
    if let Some(error) = wrong_encoding(bytes) {
        return Some(*error);
    }
    let e = std::str::from_utf8(bytes).err()?;
    Some(*invalid_utf8(bytes, e.valid_up_to(), e.error_len()))
}

/// Parses `bytes` as a JSON text.
pub fn parse(bytes: &[u8]) -> Parsed<'_> {
    if let Some(error) = wrong_encoding(bytes) {
        return Parsed { text: "", root: None, error: Some(*error), bom: None };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_text(text, None),
        Err(e) => {
            // Parse the valid prefix; an error at its end only means the prefix stopped.
            let valid = e.valid_up_to();
            let text = std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
            parse_text(text, Some(invalid_utf8(bytes, valid, e.error_len())))
        }
    }
}

/// Parses `text`, the valid UTF-8 prefix of the input; `utf8_error` is what follows it.
fn parse_text(text: &str, utf8_error: Option<Box<SyntaxError>>) -> Parsed<'_> {
    let bom = text.as_bytes().starts_with(UTF8_BOM).then(|| Span::new(0, UTF8_BOM.len()));
    let start = bom.map_or(0, |b| b.end);
    let out = parser::parse(text, start);
    let error = match (out.error, utf8_error) {
        // A syntax error inside the valid prefix comes first; one at its end only says the
        // prefix stopped, and the invalid UTF-8 is the real cause.
        (Some(syntax), Some(_)) if syntax.span.start < text.len() => Some(syntax),
        (_, Some(utf8)) => Some(utf8),
        (syntax, None) => syntax,
    };
    let error = error.map(|e| *e);
    Parsed { text, root: out.root, error, bom }
}

/// Reports invalid UTF-8 at the first byte no continuation could make valid: a byte that
/// cannot start a character, the byte that breaks a started sequence, or the end of the input
/// when a character is cut short. `at` and `len` are from [`std::str::Utf8Error`].
fn invalid_utf8(bytes: &[u8], at: usize, len: Option<usize>) -> Box<SyntaxError> {
    const HELP: &str = "JSON text must be UTF-8 (RFC 8259 §8.1); re-save the file as UTF-8";
    let hex = |range: std::ops::Range<usize>| -> String {
        let shown: Vec<String> = bytes.get(range).unwrap_or_default().iter().map(|b| format!("0x{b:02X}")).collect();
        shown.join(" ")
    };
    let lead = bytes.get(at).copied().unwrap_or(0);
    let Some(len) = len else {
        return SyntaxError::new(
            Span::empty(bytes.len()),
            format!("invalid UTF-8: the input ends inside a character ({})", hex(at..bytes.len())),
            "the character is cut short",
        )
        .with_related(Span::new(at, bytes.len()), "the character starts here")
        .with_help(HELP);
    };
    if !(0xC2..=0xF4).contains(&lead) {
        return SyntaxError::new(
            Span::new(at, at + 1),
            format!("invalid UTF-8: byte 0x{lead:02X} cannot start a character"),
            "not UTF-8",
        )
        .with_help(HELP);
    }
    let bad = at + len;
    // Label the whole character when the breaking byte starts a valid one.
    let tail = bytes.get(bad..).unwrap_or_default();
    let valid_prefix = match std::str::from_utf8(tail) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(tail.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or_default(),
    };
    let width = valid_prefix.chars().next().map_or(1, char::len_utf8);
    SyntaxError::new(
        Span::new(bad, bad + width),
        format!("invalid UTF-8: {} cannot continue the character started by 0x{lead:02X}", hex(bad..bad + 1)),
        "not UTF-8",
    )
    .with_related(Span::new(at, bad), "the character starts here")
    .with_help(HELP)
}

/// Recognises UTF-16 and UTF-32 by their byte-order mark, or by the NUL pattern an ASCII
/// first character leaves (RFC 4627 §3).
fn wrong_encoding(bytes: &[u8]) -> Option<Box<SyntaxError>> {
    let (name, iconv, bom_len) = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => ("UTF-32 (little-endian)", "UTF-32LE", 4),
        [0, 0, 0xFE, 0xFF, ..] => ("UTF-32 (big-endian)", "UTF-32BE", 4),
        [0xFE, 0xFF, ..] => ("UTF-16 (big-endian)", "UTF-16BE", 2),
        [0xFF, 0xFE, ..] => ("UTF-16 (little-endian)", "UTF-16LE", 2),
        [0, 0, 0, a, ..] if *a != 0 => ("UTF-32 (big-endian)", "UTF-32BE", 0),
        [a, 0, 0, 0, ..] if *a != 0 => ("UTF-32 (little-endian)", "UTF-32LE", 0),
        [0, a, ..] if *a != 0 => ("UTF-16 (big-endian)", "UTF-16BE", 0),
        [a, 0, ..] if *a != 0 && bytes.len().is_multiple_of(2) => ("UTF-16 (little-endian)", "UTF-16LE", 0),
        _ => return None,
    };
    let span = if bom_len > 0 { Span::new(0, bom_len) } else { Span::new(0, 1) };
    let label = if bom_len > 0 { format!("{name} byte-order mark") } else { format!("looks like {name}") };
    Some(
        SyntaxError::new(span, format!("the input is {name}, not UTF-8"), label).with_help(format!(
            "JSON text must be UTF-8 (RFC 8259 §8.1); convert it, e.g. `iconv -f {iconv} -t UTF-8`"
        )),
    )
}

#[cfg(test)]
mod tests;
