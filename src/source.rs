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

    /// The byte offset where 1-based `line` starts, if the input has that many lines.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
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
    fn offsets_past_the_end_are_clamped() {
        assert_eq!(pos("ab", 2), (1, 3));
        assert_eq!(pos("ab", 99), (1, 3));
        assert_eq!(pos("", 0), (1, 1));
    }
}
