//! Byte offsets → 1-based line and column, as the spec defines them: lines end at LF, CRLF or a
//! lone CR; columns count Unicode scalar values; a leading byte-order mark is not counted.

/// A line and column, both 1-based; the column counts characters (Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The start offset of every line of one input, built once per input.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    bom_len: usize,
}

impl LineIndex {
    /// Indexes the lines of `bytes`.
    pub fn new(bytes: &[u8]) -> Self {
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            match b {
                b'\n' => starts.push(i),
                b'\r' if bytes.get(i) != Some(&b'\n') => starts.push(i),
                _ => {}
            }
        }
        let bom_len = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        LineIndex { starts, bom_len }
    }

    /// The position of byte `offset` of `bytes` (the same input the index was built from).
    pub fn position(&self, bytes: &[u8], offset: usize) -> Position {
        self.position_counting(bytes, offset, |_| 1)
    }

    /// Like [`Self::position`], with the column counted in UTF-16 code units (a character above
    /// U+FFFF counts two).
    pub fn position_utf16(&self, bytes: &[u8], offset: usize) -> Position {
        self.position_counting(bytes, offset, char::len_utf16)
    }

    /// The line of `offset` and its column counting `width` per character and one per byte of
    /// an invalid UTF-8 sequence.
    fn position_counting(&self, bytes: &[u8], offset: usize, width: fn(char) -> usize) -> Position {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_content_start(line).min(offset);
        let text = bytes.get(start..offset.min(bytes.len())).unwrap_or_default();
        let column: usize = text
            .utf8_chunks()
            .map(|chunk| chunk.valid().chars().map(width).sum::<usize>() + chunk.invalid().len())
            .sum();
        Position { line, column: column + 1 }
    }

    /// Where the characters of 1-based `line` start: after a byte-order mark on line 1.
    fn line_content_start(&self, line: usize) -> usize {
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        if line == 1 { start.max(self.bom_len) } else { start }
    }

    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
    /// The 0-based line of byte `offset` and its 0-based column in `unit`s, counted from the
    /// line's first byte as the Language Server Protocol counts: a byte-order mark is a
    /// character like any other, and each byte of an invalid UTF-8 sequence counts one.
    pub fn line_column(&self, bytes: &[u8], offset: usize, unit: ColumnUnit) -> (usize, usize) {
        let offset = offset.min(bytes.len());
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let text = bytes.get(start..offset).unwrap_or_default();
        let column = text
            .utf8_chunks()
            .map(|chunk| chunk.valid().chars().map(|c| unit.width(c)).sum::<usize>() + chunk.invalid().len())
            .sum();
        (line, column)
    }

    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
    /// The byte offset of 0-based `line` and 0-based `column` counted in `unit`s (the inverse of
    /// [`Self::line_column`]). A line past the last is the end of the input; a column past the
    /// end of its line is the line's end (before its line break); a column inside a character
    /// (half of a UTF-16 surrogate pair, a byte inside a UTF-8 sequence) is that character's start.
    pub fn offset(&self, bytes: &[u8], line: usize, column: usize, unit: ColumnUnit) -> usize {
        let Some(&start) = self.starts.get(line) else { return bytes.len() };
        let end = self.line_content_end(bytes, line);
        let text = bytes.get(start..end).unwrap_or_default();
        let mut offset = start;
        let mut counted = 0;
        for chunk in text.utf8_chunks() {
            for c in chunk.valid().chars() {
                let width = unit.width(c);
                if counted + width > column {
                    return offset;
                }
                counted += width;
                offset += c.len_utf8();
            }
            for _ in chunk.invalid() {
                if counted >= column {
                    return offset;
                }
                counted += 1;
                offset += 1;
            }
        }
        offset
    }

    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
    /// Where the text of 0-based `line` ends: before its LF, CRLF or CR.
    fn line_content_end(&self, bytes: &[u8], line: usize) -> usize {
        let Some(next) = self.starts.get(line + 1).copied() else { return bytes.len() };
        let before = |back: usize| next.checked_sub(back).and_then(|i| bytes.get(i)).copied();
        match (before(2), before(1)) {
            (Some(b'\r'), Some(b'\n')) => next - 2,
            (_, Some(b'\n' | b'\r')) => next - 1,
            _ => next,
        }
    }
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
/// What a column counts: the position encodings of the Language Server Protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUnit {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units: a character above U+FFFF counts two.
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
impl ColumnUnit {
    /// How many units `c` counts.
    pub fn width(self, c: char) -> usize {
        match self {
            ColumnUnit::Utf8 => c.len_utf8(),
            ColumnUnit::Utf16 => c.len_utf16(),
            ColumnUnit::Utf32 => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str, offset: usize) -> (usize, usize) {
        let p = LineIndex::new(text.as_bytes()).position(text.as_bytes(), offset);
        (p.line, p.column)
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        assert_eq!(pos(text, 0), (1, 1));
        assert_eq!(pos(text, 2), (2, 1));
        assert_eq!(pos(text, 3), (2, 2), "the CR of a CRLF ends line 2");
        assert_eq!(pos(text, 5), (3, 1));
        assert_eq!(pos(text, 7), (4, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "\"中文\" x 😀y";
        assert_eq!(pos(text, text.find('x').unwrap_or(0)), (1, 6));
        assert_eq!(pos(text, text.find('y').unwrap_or(0)), (1, 9));
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}{}";
        assert_eq!(pos(text, 3), (1, 1));
        assert_eq!(pos(text, 4), (1, 2));
        assert_eq!(pos(text, 0), (1, 1));
    }

    #[test]
    fn utf16_columns_count_astral_characters_twice() {
        let text = "😀x\n中y";
        let index = LineIndex::new(text.as_bytes());
        assert_eq!(index.position_utf16(text.as_bytes(), 4).column, 3);
        assert_eq!(index.position_utf16(text.as_bytes(), 9).column, 2);
    }

    #[test]
    fn each_invalid_byte_is_one_column() {
        let bytes = b"\x80x\xf8\xf0\x9fy";
        let index = LineIndex::new(bytes);
        assert_eq!(index.position(bytes, 1).column, 2);
        assert_eq!(index.position(bytes, 5).column, 6);
        assert_eq!(index.position_utf16(bytes, 5).column, 6);
    }

    #[test]
    fn on_a_line_holding_invalid_utf8_each_byte_of_an_invalid_sequence_is_a_column() {
        // Line 1: `["`, a cut-off E4 B8 (two columns), `"`, `中`, `x`. Line 2: an encoded
        // surrogate ED A0 80 (three columns), then `y`.
        let bytes = [&b"[\"\xe4\xb8\""[..], "中x\n".as_bytes(), b"\xed\xa0\x80y"].concat();
        let index = LineIndex::new(&bytes);
        let column = |offset: usize| index.position(&bytes, offset);
        assert_eq!(column(2), Position { line: 1, column: 3 }, "the E4");
        assert_eq!(column(3), Position { line: 1, column: 4 }, "the B8");
        assert_eq!(column(4), Position { line: 1, column: 5 }, "the quote");
        assert_eq!(column(5), Position { line: 1, column: 6 }, "中");
        assert_eq!(column(8), Position { line: 1, column: 7 }, "x");
        assert_eq!(column(10), Position { line: 2, column: 1 }, "the ED");
        assert_eq!(column(13), Position { line: 2, column: 4 }, "y");
        assert_eq!(index.position_utf16(&bytes, 13).column, 4);
    }

    #[test]
    fn line_column_and_offset_are_inverse_in_every_unit() {
        let text = "\u{feff}a😀b\r\n中\rx\ny";
        let bytes = text.as_bytes();
        let index = LineIndex::new(bytes);
        let b = text.find('b').unwrap_or(0);
        assert_eq!(index.line_column(bytes, b, ColumnUnit::Utf16), (0, 4), "BOM 1 + a 1 + emoji 2");
        assert_eq!(index.line_column(bytes, b, ColumnUnit::Utf8), (0, 8));
        assert_eq!(index.line_column(bytes, b, ColumnUnit::Utf32), (0, 3));
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32] {
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let (line, column) = index.line_column(bytes, offset, unit);
                if bytes.get(offset) == Some(&b'\n') && offset > 0 && bytes.get(offset - 1) == Some(&b'\r') {
                    continue; // between CR and LF: not a position a client can name
                }
                assert_eq!(index.offset(bytes, line, column, unit), offset, "{unit:?} {offset}");
            }
        }
    }

    #[test]
    fn offsets_of_positions_outside_the_text_are_clamped() {
        let text = "ab\r\n😀c";
        let bytes = text.as_bytes();
        let index = LineIndex::new(bytes);
        assert_eq!(index.offset(bytes, 0, 99, ColumnUnit::Utf16), 2, "past the line's end: before CRLF");
        assert_eq!(index.offset(bytes, 1, 1, ColumnUnit::Utf16), 4, "inside a surrogate pair: its start");
        assert_eq!(index.offset(bytes, 1, 2, ColumnUnit::Utf8), 4, "inside a UTF-8 sequence: its start");
        assert_eq!(index.offset(bytes, 7, 0, ColumnUnit::Utf16), text.len());
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        assert_eq!(pos("ab", 2), (1, 3));
        assert_eq!(pos("ab", 99), (1, 3));
        assert_eq!(pos("", 0), (1, 1));
    }
}
