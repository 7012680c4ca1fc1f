//! Bytes → span-preserving syntax tree.
//!
//! Encoding comes first: a UTF-8 byte-order mark is noted and skipped, UTF-16 and UTF-32 input
//! is recognised and refused by name, and invalid UTF-8 is reported at the first byte of the
//! ill-formed sequence unless a syntax error comes earlier.

pub(crate) mod bytes;
mod error;
mod parser;
mod string;
mod tree;

pub use bytes::{AsciiSet, LeadSet};
pub use error::SyntaxError;
pub use tree::{Array, JsonStr, JsonType, Member, Node, NodeKind, Object, Tree};

use crate::span::Span;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A parsed input: the tree (possibly partial) and what went wrong on the way.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The input as text: all of it, or the prefix before the first invalid UTF-8 byte.
    pub text: &'a str,
    /// The tree, complete or cut short at `error`.
    pub tree: Tree<'a>,
    /// The first reason the input is not RFC 8259 JSON.
    pub error: Option<SyntaxError>,
    /// The UTF-8 byte-order mark, when the input starts with one.
    pub bom: Option<Span>,
}

impl Parsed<'_> {
    /// The root value, complete or cut short at `error`.
    pub fn root(&self) -> Option<Node<'_>> {
        self.tree.root()
    }
}

/// Parses text already known to be UTF-8 (so not validated again).
pub fn parse_str(text: &str) -> Parsed<'_> {
    parse_text(text, None)
}

/// Parses the JSON text that starts at byte `start` of `text` and runs to its end (the body of
/// a request in an HTTP file, `text` cut at the body's end); spans are offsets into `text`.
/// REST-client variables (`{{name}}`) stand for whole values or parts of strings.
pub fn parse_region(text: &str, start: usize) -> Parsed<'_> {
    let out = parser::parse(text, start, true);
    Parsed { text, tree: out.tree, error: out.error.map(|e| *e), bom: None }
}

/// Why `bytes` are not UTF-8 text: UTF-16 or UTF-32, or invalid UTF-8. A character cut short
/// at the end is reported at the end of the input, as if more bytes could still complete it.
pub fn encoding_error(bytes: &[u8]) -> Option<SyntaxError> {
    if let Some(error) = wrong_encoding(bytes) {
        return Some(*error);
    }
    let e = std::str::from_utf8(bytes).err()?;
    Some(*invalid_utf8(bytes, e.valid_up_to(), e.error_len(), true))
}

/// Parses `bytes` as a JSON text, keeping only the object members whose names `keep` accepts
/// (at any depth): the others are checked and skipped without building their nodes, which is
/// what makes reading a 100 MB saved response cheap when a few members of each element matter.
/// On an error the input is parsed again in full, so the error is exactly [`parse`]'s.
pub fn parse_kept(bytes: &[u8], keep: parser::Keep) -> Parsed<'_> {
    if let Ok(text) = std::str::from_utf8(bytes)
        && !text.as_bytes().starts_with(UTF8_BOM)
        && wrong_encoding(bytes).is_none()
    {
        let out = parser::parse_kept(text, 0, false, Some(keep));
        if out.error.is_none() {
            return Parsed { text, tree: out.tree, error: None, bom: None };
        }
    }
    parse(bytes)
}

/// Parses `bytes` as a JSON text.
pub fn parse(bytes: &[u8]) -> Parsed<'_> {
    if let Some(error) = wrong_encoding(bytes) {
        return Parsed { text: "", tree: Tree::default(), error: Some(*error), bom: None };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_text(text, None),
        Err(e) => {
            let valid = e.valid_up_to();
            let text = std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
            parse_text(text, Some((bytes, e)))
        }
    }
}

/// Parses `text`, the valid UTF-8 prefix of the input; `utf8` is the whole input and where it
/// stops being UTF-8.
fn parse_text<'a>(text: &'a str, utf8: Option<(&[u8], std::str::Utf8Error)>) -> Parsed<'a> {
    let bom = text.as_bytes().starts_with(UTF8_BOM).then(|| Span::new(0, UTF8_BOM.len()));
    let start = bom.map_or(0, |b| b.end);
    let out = parser::parse(text, start, false);
    let error = match (out.error, utf8) {
        // A syntax error inside the valid prefix comes first; one at its end only says the
        // prefix stopped, and the invalid UTF-8 is the real cause.
        (Some(syntax), Some(_)) if syntax.span.start < text.len() => Some(syntax),
        (_, Some((bytes, e))) => Some(invalid_utf8(bytes, e.valid_up_to(), e.error_len(), out.ends_in_string)),
        (syntax, None) => syntax,
    };
    let error = error.map(|e| *e);
    Parsed { text, tree: out.tree, error, bom }
}

/// Reports invalid UTF-8 at the first byte of the ill-formed sequence, wherever it stands; a
/// character merely cut short by the end of the input, inside a string (`in_string`) where
/// more bytes could complete it, at the end of the input. `at` and `len` are from
/// [`std::str::Utf8Error`].
fn invalid_utf8(bytes: &[u8], at: usize, len: Option<usize>, in_string: bool) -> Box<SyntaxError> {
    const HELP: &str = "JSON text must be UTF-8 (RFC 8259 §8.1); re-save the file as UTF-8";
    let hex = |range: std::ops::Range<usize>| -> String {
        let shown: Vec<String> = bytes.get(range).unwrap_or_default().iter().map(|b| format!("0x{b:02X}")).collect();
        shown.join(" ")
    };
    let lead = bytes.get(at).copied().unwrap_or(0);
    let first_byte = Span::new(at, at + 1);
    let Some(len) = len else {
        let message = format!("invalid UTF-8: the input ends inside a character ({})", hex(at..bytes.len()));
        let cut = Span::new(at, bytes.len());
        return if in_string {
            SyntaxError::new(Span::empty(bytes.len()), message, "the character is cut short")
                .with_related(cut, "the character starts here")
        } else {
            // Not even a whole character could stand here: JSON has no non-ASCII outside strings.
            SyntaxError::new(first_byte, message, "an unfinished character outside a string")
        }
        .with_help(HELP);
    };
    if !(0xC2..=0xF4).contains(&lead) {
        let why = match lead {
            0x80..=0xBF => " (it is a continuation byte)",
            0xC0 | 0xC1 => " (it would begin an overlong encoding)",
            _ => "",
        };
        return SyntaxError::new(
            first_byte,
            format!("invalid UTF-8: byte 0x{lead:02X} cannot start a character{why}"),
            "not UTF-8",
        )
        .with_help(HELP);
    }
    let bad = at + len;
    let next = bytes.get(bad).copied().unwrap_or(0);
    let why = match (lead, next) {
        (0xE0, 0x80..=0x9F) | (0xF0, 0x80..=0x8F) => " (it would be an overlong encoding)",
        (0xED, 0xA0..=0xBF) => " (it would encode a surrogate, U+D800–U+DFFF)",
        (0xF4, 0x90..=0xBF) => " (it would be above U+10FFFF)",
        _ => "",
    };
    // The related label covers the breaking byte, or the whole character it starts.
    let tail = bytes.get(bad..).unwrap_or_default();
    let valid_prefix = match std::str::from_utf8(tail) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(tail.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or_default(),
    };
    let width = valid_prefix.chars().next().map_or(1, char::len_utf8);
    SyntaxError::new(
        first_byte,
        format!("invalid UTF-8: {} cannot continue the character started by {}{why}", hex(bad..bad + 1), hex(at..bad)),
        "ill-formed character",
    )
    .with_related(Span::new(bad, bad + width), "cannot continue it")
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
