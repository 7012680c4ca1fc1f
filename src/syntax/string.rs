//! Maps a string's decoded characters back to the source text that produced them.

use crate::span::Span;

/// Iterator over `(decoded char, source span)` of a string token's contents.
///
/// The parser has already validated the text, so this re-walk only has to recognise escapes;
/// it is run lazily, when a rule needs positions of characters.
#[derive(Clone, Debug)]
pub struct SourceChars<'a> {
    raw: &'a str,
    pos: usize,
    base: usize,
}

impl<'a> SourceChars<'a> {
    pub(crate) fn new(raw: &'a str, base: usize) -> Self {
        SourceChars { raw, pos: 0, base }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.raw.get(at..at + 4)?;
        u32::from_str_radix(digits, 16).ok()
    }
}

impl Iterator for SourceChars<'_> {
    type Item = (char, Span);

    fn next(&mut self) -> Option<(char, Span)> {
        let rest = self.raw.get(self.pos..)?;
        let first = rest.chars().next()?;
        let start = self.pos;
        let (c, len) = if first != '\\' {
            (first, first.len_utf8())
        } else {
            match rest.as_bytes().get(1) {
                Some(b'u') => {
                    let unit = self.hex4(start + 2).unwrap_or(0xFFFD);
                    let low = (0xD800..0xDC00)
                        .contains(&unit)
                        .then(|| rest.get(6..8).filter(|s| *s == "\\u").and(self.hex4(start + 8)))
                        .flatten();
                    match low {
                        Some(low) => {
                            let code = 0x10000 + ((unit - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                            (char::from_u32(code).unwrap_or('\u{FFFD}'), 12)
                        }
                        None => (char::from_u32(unit).unwrap_or('\u{FFFD}'), 6),
                    }
                }
                Some(&b) => (unescape_simple(b).unwrap_or('\u{FFFD}'), 2),
                None => ('\u{FFFD}', 1),
            }
        };
        self.pos = (start + len).min(self.raw.len());
        Some((c, Span::new(self.base + start, self.base + self.pos)))
    }
}

/// The character a one-letter escape (`\n`, `\/`, …) stands for.
pub(crate) fn unescape_simple(letter: u8) -> Option<char> {
    Some(match letter {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}
