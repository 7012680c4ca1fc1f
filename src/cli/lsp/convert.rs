//! Byte offsets of the linted text ↔ LSP positions in the negotiated encoding.

use crate::Span;
use crate::lines::{ColumnUnit, LineIndex};
use lsp_types::{ClientCapabilities, Position, PositionEncodingKind, Range};

/// The position encoding for a client: UTF-8 when it offers it (no conversion cost, and
/// exact for every character), else UTF-32 when it offers that, otherwise UTF-16, which every
/// client supports.
pub fn negotiate(capabilities: &ClientCapabilities) -> ColumnUnit {
    let offered = capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    let offers = |kind: &PositionEncodingKind| offered.is_some_and(|kinds| kinds.contains(kind));
    if offers(&PositionEncodingKind::UTF8) {
        ColumnUnit::Utf8
    } else if offers(&PositionEncodingKind::UTF32) {
        ColumnUnit::Utf32
    } else {
        ColumnUnit::Utf16
    }
}

/// The name LSP gives `unit`.
pub fn encoding_kind(unit: ColumnUnit) -> PositionEncodingKind {
    match unit {
        ColumnUnit::Utf8 => PositionEncodingKind::UTF8,
        ColumnUnit::Utf16 => PositionEncodingKind::UTF16,
        ColumnUnit::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// One document's text with its line index.
pub struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
    unit: ColumnUnit,
}

impl<'a> Lines<'a> {
    /// Indexes `text`, counting columns in `unit`.
    pub fn new(text: &'a str, unit: ColumnUnit) -> Self {
        Lines { text, index: LineIndex::new(text.as_bytes()), unit }
    }

    /// What columns count.
    pub fn unit(&self) -> ColumnUnit {
        self.unit
    }

    /// The position of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        let (line, column) = self.index.line_column(self.text.as_bytes(), offset, self.unit);
        Position { line: saturate(line), character: saturate(column) }
    }

    /// The range of `span`.
    pub fn range(&self, span: Span) -> Range {
        Range { start: self.position(span.start), end: self.position(span.end) }
    }

    /// The range of the whole text.
    pub fn whole(&self) -> Range {
        self.range(Span::new(0, self.text.len()))
    }

    /// The byte offset of `position`, clamped to the text (see [`LineIndex::offset`]).
    pub fn offset(&self, position: Position) -> usize {
        let (line, column) = (position.line as usize, position.character as usize);
        self.index.offset(self.text.as_bytes(), line, column, self.unit)
    }

    /// The bytes `range` covers (its ends in order, whatever the client sent).
    pub fn span(&self, range: Range) -> Span {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        Span::new(a.min(b), a.max(b))
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_characters_count_two_utf16_units_and_four_utf8_units() {
        let text = "{\"a\": \"😀<\"}\r\nx";
        let lt = text.find('<').unwrap();
        assert_eq!(Lines::new(text, ColumnUnit::Utf16).position(lt), Position::new(0, 9));
        assert_eq!(Lines::new(text, ColumnUnit::Utf8).position(lt), Position::new(0, 11));
        let x = text.find('x').unwrap();
        assert_eq!(Lines::new(text, ColumnUnit::Utf16).position(x), Position::new(1, 0));
        assert_eq!(Lines::new(text, ColumnUnit::Utf16).offset(Position::new(0, 9)), lt);
        assert_eq!(Lines::new(text, ColumnUnit::Utf16).offset(Position::new(0, 99)), text.find('\r').unwrap());
    }
}
