//! Bytes → span-preserving syntax tree.
//!
//! Encoding comes first: a UTF-8 byte-order mark is noted and skipped, UTF-16 and UTF-32 input
//! is recognised and refused by name, and invalid UTF-8 is reported at its first bad byte unless
//! a syntax error comes earlier.

mod error;
mod parser;
mod string;
mod tree;

pub use error::SyntaxError;
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

/// Parses `bytes` as a JSON text.
pub fn parse(bytes: &[u8]) -> Parsed<'_> {
    if let Some(error) = wrong_encoding(bytes) {
        return Parsed { text: "", root: None, error: Some(error), bom: None };
    }
    let (text, utf8_error) = match std::str::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let valid = e.valid_up_to();
            // Parse the valid prefix; its end is then reported as the invalid byte.
            let text = std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
            (text, Some(invalid_utf8(bytes, valid, e.error_len())))
        }
    };
    let bom = text.as_bytes().starts_with(UTF8_BOM).then(|| Span::new(0, UTF8_BOM.len()));
    let start = bom.map_or(0, |b| b.end);
    let out = parser::parse(text, start);
    let error = match (out.error, utf8_error) {
        // A syntax error before the bad byte is the first offending byte; one at the end of the
        // valid prefix only says the prefix stopped, and the bad byte is the real cause.
        (Some(syntax), Some(utf8)) if syntax.span.start < utf8.span.start => Some(syntax),
        (_, Some(utf8)) => Some(utf8),
        (syntax, None) => syntax,
    };
    Parsed { text, root: out.root, error, bom }
}

fn invalid_utf8(bytes: &[u8], at: usize, len: Option<usize>) -> SyntaxError {
    let len = len.unwrap_or(bytes.len() - at).max(1);
    let shown: Vec<String> = bytes.iter().skip(at).take(len).map(|b| format!("0x{b:02X}")).collect();
    SyntaxError::new(
        Span::new(at, at + len),
        format!("invalid UTF-8: {} cannot start or continue a character here", shown.join(" ")),
        "not UTF-8",
    )
    .with_help("JSON text must be UTF-8 (RFC 8259 §8.1); re-save the file as UTF-8")
}

/// Recognises UTF-16 and UTF-32 by their byte-order mark, or by the NUL pattern an ASCII
/// first character leaves (RFC 4627 §3).
fn wrong_encoding(bytes: &[u8]) -> Option<SyntaxError> {
    let (name, iconv, bom_len) = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => ("UTF-32 (little-endian)", "UTF-32LE", 4),
        [0, 0, 0xFE, 0xFF, ..] => ("UTF-32 (big-endian)", "UTF-32BE", 4),
        [0xFE, 0xFF, ..] => ("UTF-16 (big-endian)", "UTF-16BE", 2),
        [0xFF, 0xFE, ..] => ("UTF-16 (little-endian)", "UTF-16LE", 2),
        [0, 0, 0, a, ..] if *a != 0 => ("UTF-32 (big-endian)", "UTF-32BE", 0),
        [a, 0, 0, 0, ..] if *a != 0 => ("UTF-32 (little-endian)", "UTF-32LE", 0),
        [0, a, ..] if *a != 0 => ("UTF-16 (big-endian)", "UTF-16BE", 0),
        [a, 0, ..] if *a != 0 && bytes.len() % 2 == 0 => ("UTF-16 (little-endian)", "UTF-16LE", 0),
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
