//! Terminal safety: no byte of the input reaches a human-readable output raw. Control, format
//! (bidirectional overrides, zero-width) and line-separator characters are shown as `\u{1b}`,
//! invalid UTF-8 bytes as `\x{ff}`, so a crafted request cannot recolour, hide or rewrite output.

use std::borrow::Cow;
use std::fmt::Write;

use crate::span::Span;
use crate::text::is_format;

fn is_unsafe(c: char) -> bool {
    c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `s` for a one-line output: every unsafe character (newlines and tabs included) escaped.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Multi-line text (such as a diff) for a terminal: line breaks (LF, CRLF) and tabs stay, every
/// other unsafe character is escaped.
pub fn multi_line(s: &str) -> Cow<'_, str> {
    let mut chars = s.chars().peekable();
    let mut out = String::new();
    let mut changed = false;
    while let Some(c) = chars.next() {
        let keep = matches!(c, '\n' | '\t') || (c == '\r' && chars.peek() == Some(&'\n'));
        if is_unsafe(c) && !keep {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            changed = true;
        } else {
            out.push(c);
        }
    }
    if changed { Cow::Owned(out) } else { Cow::Borrowed(s) }
}

/// The input as text safe to print in a source snippet, with a map from input byte offsets
/// to offsets in that text. Line breaks and tabs stay (a lone CR becomes LF, same length).
#[derive(Debug)]
pub struct DisplaySource {
    /// The printable text.
    pub text: String,
    /// For each replaced piece: (its end in the input, its end in `text`), in order.
    shifts: Vec<(usize, usize)>,
    /// Where each line of `text` starts.
    line_starts: Vec<usize>,
}

impl DisplaySource {
    /// Builds the printable text of `bytes`.
    pub fn new(bytes: &[u8]) -> Self {
        let mut text = String::with_capacity(bytes.len());
        let mut shifts = Vec::new();
        let mut at = 0;
        for chunk in bytes.utf8_chunks() {
            let mut chars = chunk.valid().char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let end = at + i + c.len_utf8();
                match c {
                    '\r' if chars.peek().map(|&(_, n)| n) != Some('\n') => text.push('\n'),
                    '\r' | '\n' | '\t' => text.push(c),
                    c if is_unsafe(c) => {
                        let _ = write!(text, "\\u{{{:x}}}", u32::from(c));
                        shifts.push((end, text.len()));
                    }
                    c => text.push(c),
                }
            }
            at += chunk.valid().len();
            for &b in chunk.invalid() {
                at += 1;
                let _ = write!(text, "\\x{{{b:02x}}}");
                shifts.push((at, text.len()));
            }
        }
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        DisplaySource { text, shifts, line_starts }
    }

    /// How many lines [`Self::text`] has (the input's lines: LF, CRLF and lone CR end one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line of [`Self::text`] that holds offset `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Where 0-based `line` of [`Self::text`] starts, and where its characters end (before its
    /// line break); the end of the text for a line past the last.
    pub fn line_bounds(&self, line: usize) -> (usize, usize) {
        let len = self.text.len();
        let Some(&start) = self.line_starts.get(line) else { return (len, len) };
        let end = match self.line_starts.get(line + 1) {
            Some(&next) => {
                let crlf = next >= start + 2 && self.text.as_bytes().get(next - 2) == Some(&b'\r');
                next - if crlf { 2 } else { 1 }
            }
            None => len,
        };
        (start, end.max(start))
    }

    /// The offset in [`Self::text`] of input byte `offset` (a character boundary).
    pub fn map(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(end, _)| end <= offset);
        match before.checked_sub(1).and_then(|i| self.shifts.get(i)) {
            Some(&(end, new_end)) => new_end + (offset - end),
            None => offset,
        }
    }

    /// A span of the input as a span of [`Self::text`].
    pub fn map_span(&self, span: Span) -> Span {
        Span::new(self.map(span.start), self.map(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_escapes_controls_bidi_and_newlines() {
        assert_eq!(one_line("a\u{1b}[31mb\u{202e}c\nd"), "a\\u{1b}[31mb\\u{202e}c\\u{a}d");
        assert!(matches!(one_line("plain 中文"), Cow::Borrowed(_)));
    }

    #[test]
    fn display_source_escapes_and_maps_offsets() {
        let input = b"{\"a\": \"x\x1by\"}\r\n\xff!";
        let shown = DisplaySource::new(input);
        assert_eq!(shown.text, "{\"a\": \"x\\u{1b}y\"}\r\n\\x{ff}!");
        assert_eq!(shown.map(8), 8, "the escape starts where the ESC was");
        assert_eq!(shown.map(9), 14, "the next character moves by the escape's growth");
        let y = shown.map_span(Span::new(9, 10));
        assert_eq!(&shown.text[y.range()], "y");
        let bang = shown.map_span(Span::new(15, 16));
        assert_eq!(&shown.text[bang.range()], "!");
    }

    #[test]
    fn multi_line_keeps_line_breaks_and_tabs_only() {
        assert_eq!(multi_line("a\tb\r\nc\n"), "a\tb\r\nc\n");
        assert_eq!(multi_line("\u{feff}x\ry\u{1b}[0m\n"), "\\u{feff}x\\u{d}y\\u{1b}[0m\n");
    }

    #[test]
    fn lone_cr_becomes_a_line_feed() {
        assert_eq!(DisplaySource::new(b"a\rb\r\nc").text, "a\nb\r\nc");
    }

    #[test]
    fn lines_end_before_their_line_break() {
        let shown = DisplaySource::new(b"ab\r\ncd\ref\n");
        assert_eq!(shown.line_count(), 4);
        assert_eq!(shown.line_bounds(0), (0, 2), "CRLF");
        assert_eq!(shown.line_bounds(1), (4, 6), "lone CR, shown as LF");
        assert_eq!(shown.line_bounds(2), (7, 9));
        assert_eq!(shown.line_bounds(3), (10, 10), "the empty line after the last break");
        assert_eq!(shown.line_bounds(9), (10, 10));
        assert_eq!((shown.line_of(0), shown.line_of(3), shown.line_of(4), shown.line_of(99)), (0, 0, 1, 3));
    }
}
