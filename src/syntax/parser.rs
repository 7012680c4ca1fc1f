//! A strict RFC 8259 parser that keeps spans and stops at the first error without losing
//! what it parsed so far.
//!
//! Written by hand because no crate offers what the linter needs together: spans for every key
//! and value, duplicate members kept in order, escape-exact source positions, a partial tree
//! on error and an error position that is the first byte no continuation could make valid.
//! It is iterative (an explicit stack), so nesting depth never touches the call stack.

use super::bytes::ByteSet;
use super::error::SyntaxError;
use super::string::unescape_simple;
use super::tree::{CLOSED, ESCAPED, KEY_ESCAPED, KEY_TEMPLATED, Kind, Raw, RawMember, TEMPLATED, Tree, variables};
use crate::span::Span;
use crate::text::describe_char;

/// RFC 8259 §9 lets a parser limit nesting; the request itself needs four levels.
pub const MAX_DEPTH: usize = 128;

/// The longest input the tree's 32-bit offsets can address.
pub const MAX_LEN: usize = u32::MAX as usize;

/// The result of parsing: the tree (complete, or cut short at `error`) and the first error.
#[derive(Debug)]
pub struct ParseOutput<'a> {
    /// The tree; containers left open by an error are marked not `closed`.
    pub tree: Tree<'a>,
    /// The first syntax error, if any.
    pub error: Option<Box<SyntaxError>>,
    /// Whether the text ended inside a string's content, where more characters could follow.
    pub ends_in_string: bool,
}

/// An open container. Its elements wait on the parser's shared stacks from index `first` on,
/// and move to the tree's arena, side by side, when it closes.
enum Frame {
    Array { start: usize, first: usize },
    Object { start: usize, first: usize, key: Option<Str> },
}

/// A string token as parsed: its span and flags ([`ESCAPED`], [`TEMPLATED`]); the decoded
/// text of one with escapes is in the tree.
#[derive(Clone, Copy)]
struct Str {
    start: u32,
    end: u32,
    flags: u8,
}

impl Frame {
    fn opening(&self) -> (usize, &'static str) {
        match self {
            Frame::Array { start, .. } => (*start, "this array is never closed"),
            Frame::Object { start, .. } => (*start, "this object is never closed"),
        }
    }
}

/// Parses `text` from byte `start` (after any byte-order mark). Spans are offsets into `text`.
/// With `variables`, REST-client variables (`{{name}}`) are taken as they are in an HTTP file's
/// body: a whole value, or part of a string.
pub fn parse(text: &str, start: usize, variables: bool) -> ParseOutput<'_> {
    parse_kept(text, start, variables, None)
}

/// Which members to keep, by name, at any depth; the values of the others are checked as
/// JSON and skipped, without building their nodes.
pub type Keep = fn(&str) -> bool;

/// [`parse`], keeping only the object members whose names `keep` accepts (all with `None`).
/// After an error the tree may lack what the skipped members would have held.
pub fn parse_kept(text: &str, start: usize, variables: bool, keep: Option<Keep>) -> ParseOutput<'_> {
    if text.len() > MAX_LEN {
        let error = SyntaxError::new(Span::empty(0), "the input is larger than 4 GiB", "too large to lint")
            .with_help("sdrs-lint reads request bodies of up to 4 GiB; a request body is a few kilobytes");
        return ParseOutput { tree: Tree::new(text), error: Some(error), ends_in_string: false };
    }
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        variables,
        keep,
        pos: start,
        // Room for a request's usual shape (four levels, a dozen members, ten tags), so that a
        // small input grows no stack.
        stack: Vec::with_capacity(8),
        items: Vec::with_capacity(16),
        members: Vec::with_capacity(32),
        tree: Tree::new(text),
        ends_in_string: false,
    };
    let error = parser.run().err();
    if let Some(err) = &error
        && parser.tree.root.is_none()
    {
        parser.tree.root = parser.unwind(err.span.start);
    }
    ParseOutput { tree: parser.tree, error, ends_in_string: parser.ends_in_string }
}

/// Moves the elements of `stack` from `first` on to the end of `arena`, returning where they
/// start there. When they are the whole stack and the arena is empty (the outermost open
/// container, such as a huge `tags` array) the storage is moved rather than copied, so a large
/// array is never held twice.
fn move_to<T>(stack: &mut Vec<T>, first: usize, arena: &mut Vec<T>) -> u32 {
    let at = arena.len() as u32;
    if first == 0 && arena.is_empty() {
        std::mem::swap(stack, arena);
    } else {
        let first = first.min(stack.len());
        make_room(arena, stack.len() - first);
        arena.extend(stack.drain(first..));
    }
    at
}

/// Pushes onto a stack that may grow to millions of elements.
fn push<T>(stack: &mut Vec<T>, value: T) {
    make_room(stack, 1);
    stack.push(value);
}

/// Makes room for `more` elements, growing by half rather than doubling: a vector that ends
/// just past a power of two then holds at most a third of its room unused, not half, which is
/// what bounds the tree's peak memory on a huge input. An empty vector gets room for a small
/// request's containers at once, not a few more at each one that closes.
fn make_room<T>(vec: &mut Vec<T>, more: usize) {
    if vec.capacity() - vec.len() < more {
        vec.reserve_exact(more.max(vec.capacity() / 2).max(32));
    }
}

/// A member of `key` and `value`; the name's flags ride in the value's.
fn member(key: Str, mut value: Raw) -> RawMember {
    if key.flags & ESCAPED != 0 {
        value.flags |= KEY_ESCAPED;
    }
    if key.flags & TEMPLATED != 0 {
        value.flags |= KEY_TEMPLATED;
    }
    RawMember { key_start: key.start, key_end: key.end, value }
}

/// Whether any byte of `word` is `"`, `\\` or below 0x20 (the classic SWAR byte tests: a byte
/// is zero, or below `n`, exactly when subtracting one or `n` borrows into its high bit).
fn has_special_byte(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let quote = zero(word ^ (ONES * u64::from(b'"')));
    let backslash = zero(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    (quote | backslash | control) != 0
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Whether `{{name}}` is a REST-client variable.
    variables: bool,
    /// Which members to keep; the values of the others are skipped.
    keep: Option<Keep>,
    pos: usize,
    stack: Vec<Frame>,
    /// Elements of the open arrays, innermost last.
    items: Vec<Raw>,
    /// Members of the open objects, innermost last.
    members: Vec<RawMember>,
    tree: Tree<'a>,
    ends_in_string: bool,
}

type Parse<T> = Result<T, Box<SyntaxError>>;

const BARE_WORD_HELP: &str = "strings need double quotes; the only bare words in JSON are true, false and null";

impl<'a> Parser<'a> {
    fn run(&mut self) -> Parse<()> {
        self.skip_ws();
        if self.pos >= self.bytes.len() {
            return Err(SyntaxError::new(Span::empty(self.pos), "the input is empty", "expected a JSON value")
                .with_help("a request body is a JSON object: `{\"protected_instance\": {…}}`"));
        }
        let mut after_comma = false;
        loop {
            let mut node = match self.value(after_comma)? {
                Some(node) => node,
                // A container was opened; its first element or member comes next.
                None => {
                    after_comma = false;
                    continue;
                }
            };
            // Attach the finished value to its container; close containers that end here.
            loop {
                self.skip_ws();
                let Some(frame) = self.stack.last_mut() else {
                    self.tree.root = Some(node);
                    return self.end_of_input();
                };
                let closer = match frame {
                    Frame::Array { .. } => {
                        push(&mut self.items, node);
                        b']'
                    }
                    Frame::Object { key, .. } => {
                        let key = key.take();
                        if let Some(key) = key.filter(|k| self.keep.is_none_or(|keep| keep(self.key_text(*k)))) {
                            push(&mut self.members, member(key, node));
                        }
                        b'}'
                    }
                };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if closer == b'}' {
                            self.member_name(true)?;
                        }
                        after_comma = true;
                        break;
                    }
                    Some(b) if b == closer => {
                        self.pos += 1;
                        node = self.close();
                    }
                    _ => return Err(self.expected_separator(closer)),
                }
            }
        }
    }

    /// Parses a scalar, or opens a container (returning `None` when it stays open).
    fn value(&mut self, after_comma: bool) -> Parse<Option<Raw>> {
        self.skip_ws();
        let start = self.pos;
        if self.skips_value() {
            // A placeholder, dropped with its member.
            self.skip_value()?;
            return Ok(Some(Raw::leaf(Kind::Null, start as u32, self.pos as u32, 0)));
        }
        let Some(byte) = self.peek() else {
            return Err(self.unexpected_end("expected a JSON value"));
        };
        let kind = match byte {
            b'{' if self.variables && self.bytes.get(self.pos + 1) == Some(&b'{') => match self.variable() {
                Some(kind) => kind,
                None => return self.open(byte),
            },
            b'{' | b'[' => return self.open(byte),
            b'"' => {
                // A string value's byte classes are found now, as several rules ask for them;
                // they fill the node's room for a container's elements.
                let s = self.kept_string()?;
                let (first, len) = ByteSet::of(self.key_text(s)).halves();
                return Ok(Some(Raw { start: s.start, end: s.end, first, len, kind: Kind::String, flags: s.flags }));
            }
            b't' => self.literal("true", Kind::True)?,
            b'f' => self.literal("false", Kind::False)?,
            b'n' => self.literal("null", Kind::Null)?,
            b'-' | b'0'..=b'9' => self.number()?,
            b']' | b'}' if after_comma => {
                return Err(self
                    .error_here("trailing comma", "expected a value after the comma")
                    .with_help("JSON does not allow a comma after the last element; remove it"));
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                return Err(self.unexpected_char("expected a JSON value").with_help(BARE_WORD_HELP));
            }
            _ => return Err(self.unexpected_char("expected a JSON value")),
        };
        Ok(Some(Raw::leaf(kind, start as u32, self.pos as u32, 0)))
    }

    /// A `{{name}}` variable on one line, or `None` (the text is then parsed as JSON).
    fn variable(&mut self) -> Option<Kind> {
        let rest = self.text.get(self.pos..)?;
        let end = rest.find("}}")? + 2;
        let inner = rest.get(2..end - 2)?;
        if inner.is_empty() || inner.contains(['\n', '\r', '"', '{', '}']) {
            return None;
        }
        self.pos += end;
        Some(Kind::Variable)
    }

    fn open(&mut self, bracket: u8) -> Parse<Option<Raw>> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(SyntaxError::new(
                self.char_span(self.pos),
                format!("nesting deeper than {MAX_DEPTH} levels"),
                "this bracket opens level 129",
            )
            .with_help("a create-protected-instance request needs four levels; sdrs-lint stops at 128 (RFC 8259 §9)"));
        }
        let start = self.pos;
        self.pos += 1;
        self.skip_ws();
        if bracket == b'[' {
            self.stack.push(Frame::Array { start, first: self.items.len() });
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Ok(Some(self.close()));
            }
        } else {
            self.stack.push(Frame::Object { start, first: self.members.len(), key: None });
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(Some(self.close()));
            }
            self.member_name(false)?;
        }
        Ok(None)
    }

    /// Reads `"name":` into the innermost object frame.
    fn member_name(&mut self, after_comma: bool) -> Parse<()> {
        self.skip_ws();
        match self.peek() {
            Some(b'"') => {}
            Some(b'}') if after_comma => {
                return Err(self
                    .error_here("trailing comma", "expected a member name after the comma")
                    .with_help("JSON does not allow a comma after the last member; remove it"));
            }
            None => return Err(self.unexpected_end("expected a member name")),
            Some(_) => {
                let err = self.unexpected_char("expected a member name in double quotes");
                let help = if after_comma {
                    "member names are strings in double quotes"
                } else {
                    "member names are strings in double quotes; an empty object is `{}`"
                };
                return Err(err.with_help(help));
            }
        }
        let key = self.kept_string()?;
        self.skip_ws();
        match self.peek() {
            Some(b':') => self.pos += 1,
            None => return Err(self.unexpected_end("expected `:` after the member name")),
            Some(_) => return Err(self.unexpected_char("expected `:` after the member name")),
        }
        if let Some(Frame::Object { key: slot, .. }) = self.stack.last_mut() {
            *slot = Some(key);
        }
        Ok(())
    }

    /// Pops the innermost container, which has just been closed at `self.pos`.
    fn close(&mut self) -> Raw {
        let frame = self.stack.pop();
        frame.map_or(Raw::leaf(Kind::Null, self.pos as u32, self.pos as u32, 0), |f| self.finish(f, true))
    }

    fn finish(&mut self, frame: Frame, closed: bool) -> Raw {
        let (start, end) = (frame.opening().0 as u32, self.pos as u32);
        let flags = if closed { CLOSED } else { 0 };
        let (kind, first, len) = match frame {
            Frame::Array { first, .. } => {
                let len = self.items.len().saturating_sub(first) as u32;
                (Kind::Array, move_to(&mut self.items, first, &mut self.tree.items), len)
            }
            Frame::Object { first, .. } => {
                let len = self.members.len().saturating_sub(first) as u32;
                (Kind::Object, move_to(&mut self.members, first, &mut self.tree.members), len)
            }
        };
        Raw { start, end, first, len, kind, flags }
    }

    /// After an error, closes every open container at `at` so the rules still see what parsed.
    fn unwind(&mut self, at: usize) -> Option<Raw> {
        self.pos = at;
        let mut node = None;
        while let Some(mut frame) = self.stack.pop() {
            if let Some(child) = node.take() {
                match &mut frame {
                    Frame::Array { .. } => self.items.push(child),
                    Frame::Object { key, .. } => {
                        if let Some(key) = key.take() {
                            self.members.push(member(key, child));
                        }
                    }
                }
            }
            node = Some(self.finish(frame, false));
        }
        node
    }

    fn end_of_input(&mut self) -> Parse<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self
                .error_here("unexpected data after the JSON value", "the request body already ended")
                .with_help("a JSON text holds exactly one value; remove what follows it")),
        }
    }

    /// A string that goes into the tree: its decoded text, when it differs from the source,
    /// is kept.
    fn kept_string(&mut self) -> Parse<Str> {
        let start = self.pos as u32;
        let decoded = self.string()?;
        let end = self.pos as u32;
        let value = decoded.as_deref().unwrap_or(self.slice(start as usize + 1, end as usize - 1));
        let templated = self.variables && variables(value).next().is_some();
        let mut flags = if templated { TEMPLATED } else { 0 };
        if let Some(decoded) = decoded {
            self.tree.decoded.push((start, decoded.into_boxed_str()));
            flags |= ESCAPED;
        }
        Ok(Str { start, end, flags })
    }

    /// The decoded text of a string, such as a member name.
    fn key_text(&self, key: Str) -> &str {
        let decoded = if key.flags & ESCAPED != 0 { self.tree.decoded(key.start) } else { None };
        decoded.unwrap_or(self.slice(key.start as usize + 1, key.end as usize - 1))
    }

    /// Reads a string; its decoded text when it holds escapes.
    fn string(&mut self) -> Parse<Option<String>> {
        let start = self.pos;
        self.pos += 1;
        let content = self.pos;
        // Fast path: no escape, so the value is the source text.
        self.skip_plain();
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                return Ok(None);
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.control_in_string(start)),
            None => return Err(self.unterminated(start)),
        }
        let mut value = String::with_capacity(self.pos - content + 16);
        value.push_str(self.slice(content, self.pos));
        loop {
            let run = self.pos;
            self.skip_plain();
            value.push_str(self.slice(run, self.pos));
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Some(value));
                }
                Some(b'\\') => value.push(self.escape()?),
                Some(_) => return Err(self.control_in_string(start)),
                None => return Err(self.unterminated(start)),
            }
        }
    }

    /// Decodes one escape sequence starting at the backslash.
    fn escape(&mut self) -> Parse<char> {
        self.pos += 1;
        let Some(letter) = self.peek() else {
            return Err(self.unexpected_end("expected an escape sequence after `\\`"));
        };
        if letter != b'u' {
            let c = unescape_simple(letter).ok_or_else(|| {
                self.unexpected_char("not a JSON escape sequence")
                    .with_help("JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\")
            })?;
            self.pos += 1;
            return Ok(c);
        }
        self.pos += 1;
        let unit = self.hex4(None)?;
        match unit {
            0xD800..=0xDBFF => {
                // A high surrogate must be followed by `\u` and a low surrogate (DC00–DFFF).
                let missing = |p: &Self| {
                    p.error_at_or_end(
                        &format!("unpaired surrogate escape \\u{unit:04X}"),
                        "expected `\\u` and a low surrogate (DC00–DFFF) here",
                    )
                    .with_help("a character above U+FFFF is written as two escapes, e.g. \\ud83d\\ude00 for 😀")
                };
                for expected in [b'\\', b'u'] {
                    if self.peek() != Some(expected) {
                        return Err(missing(self));
                    }
                    self.pos += 1;
                }
                let low = self.hex4(Some(unit))?;
                Ok(char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)).unwrap_or('\u{FFFD}'))
            }
            _ => Ok(char::from_u32(unit).unwrap_or('\u{FFFD}')),
        }
    }

    /// Reads four hex digits. With `high` set they must form a low surrogate; without, they
    /// must not (a lone low surrogate is invalid as soon as its second digit is read).
    fn hex4(&mut self, high: Option<u32>) -> Parse<u32> {
        let mut unit = 0;
        for i in 0..4 {
            let digit = match self.peek() {
                Some(b) => (b as char).to_digit(16),
                None => return Err(self.unexpected_end("expected four hexadecimal digits after `\\u`")),
            };
            let ok = match (digit, i, high) {
                (None, ..) => false,
                (Some(d), 0, Some(_)) => d == 0xD,
                (Some(d), 1, Some(_)) => d >= 0xC,
                (Some(d), 1, None) => !(unit == 0xD && d >= 0xC),
                _ => true,
            };
            if !ok {
                let err = match (digit, high) {
                    (None, _) => self.unexpected_char("expected a hexadecimal digit in a \\u escape"),
                    (Some(_), Some(h)) => self.error_here(
                        &format!("unpaired surrogate escape \\u{h:04X}"),
                        "a low surrogate (DC00–DFFF) must follow",
                    ),
                    (Some(_), None) => self.error_here(
                        "lone low surrogate escape",
                        "DC00–DFFF may only follow a high surrogate (D800–DBFF)",
                    ),
                };
                return Err(
                    err.with_help("a character above U+FFFF is written as two escapes, e.g. \\ud83d\\ude00 for 😀")
                );
            }
            unit = unit * 16 + digit.unwrap_or(0);
            self.pos += 1;
        }
        Ok(unit)
    }

    fn literal(&mut self, word: &'static str, kind: Kind) -> Parse<Kind> {
        for expected in word.bytes() {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                None => return Err(self.unexpected_end(&format!("expected `{word}`"))),
                Some(_) => return Err(self.unexpected_char(&format!("expected `{word}`")).with_help(BARE_WORD_HELP)),
            }
        }
        Ok(kind)
    }

    fn number(&mut self) -> Parse<Kind> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self
                        .error_here("leading zero in a number", "a number cannot continue after a leading 0")
                        .with_help("write the number without leading zeros, or quote it if it is an identifier"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.expected_digit("expected a digit after `-`")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.require_digits("expected a digit after the decimal point")?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.require_digits("expected a digit in the exponent")?;
        }
        Ok(Kind::Number)
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn require_digits(&mut self, what: &str) -> Parse<()> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.expected_digit(what));
        }
        self.digits();
        Ok(())
    }

    /// Whether the value that comes next belongs to a member `keep` does not want.
    fn skips_value(&self) -> bool {
        match (self.keep, self.stack.last()) {
            (Some(keep), Some(Frame::Object { key: Some(key), .. })) => !keep(self.key_text(*key)),
            _ => false,
        }
    }

    /// Checks the JSON value at `self.pos` and moves past it, building nothing (a string with
    /// escapes is still decoded). Its errors are this parser's, at the same places.
    fn skip_value(&mut self) -> Parse<()> {
        // Open containers of the skipped value, innermost in the lowest bit: 1 for an object.
        let mut open: u128 = 0;
        let mut depth = 0;
        loop {
            self.skip_ws();
            match self.peek() {
                Some(bracket @ (b'{' | b'[')) => {
                    if self.stack.len() + depth >= MAX_DEPTH {
                        return Err(self.error_here(&format!("nesting deeper than {MAX_DEPTH} levels"), "too deep"));
                    }
                    self.pos += 1;
                    self.skip_ws();
                    let closer = if bracket == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(closer) {
                        self.pos += 1;
                    } else {
                        open = open << 1 | u128::from(bracket == b'{');
                        depth += 1;
                        if bracket == b'{' {
                            self.skip_member_name()?;
                        }
                        continue;
                    }
                }
                Some(b'"') => drop(self.string()?),
                Some(b't') => drop(self.literal("true", Kind::True)?),
                Some(b'f') => drop(self.literal("false", Kind::False)?),
                Some(b'n') => drop(self.literal("null", Kind::Null)?),
                Some(b'-' | b'0'..=b'9') => drop(self.number()?),
                None => return Err(self.unexpected_end("expected a JSON value")),
                Some(_) => return Err(self.unexpected_char("expected a JSON value")),
            }
            // A value ended: close the containers that end here, or go on after a comma.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                self.skip_ws();
                let closer = if open & 1 == 1 { b'}' } else { b']' };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if closer == b'}' {
                            self.skip_member_name()?;
                        }
                        break;
                    }
                    Some(b) if b == closer => {
                        self.pos += 1;
                        open >>= 1;
                        depth -= 1;
                    }
                    _ => return Err(self.expected_separator(closer)),
                }
            }
        }
    }

    /// Checks `"name":` and moves past it.
    fn skip_member_name(&mut self) -> Parse<()> {
        self.skip_ws();
        if self.peek() != Some(b'"') {
            return Err(self.unexpected_char("expected a member name in double quotes"));
        }
        drop(self.string()?);
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(self.unexpected_char("expected `:` after the member name"));
        }
        self.pos += 1;
        Ok(())
    }

    /// Skips string content up to the next `"`, `\\` or control character, eight bytes at a
    /// time while none of them is one (strings are most of a request's bytes).
    fn skip_plain(&mut self) {
        let mut i = self.pos;
        while let Some(word) = self.bytes.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            if has_special_byte(u64::from_le_bytes(word)) {
                break;
            }
            i += 8;
        }
        let rest = self.bytes.get(i..).unwrap_or_default();
        self.pos = i + rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(rest.len());
    }

    /// `text[from..to]`; the parser only cuts at ASCII bytes, so the range is always valid.
    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or_default()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    // ---- errors ------------------------------------------------------------------------------

    /// The span of the whole character at `at` (one byte past the end at end of input).
    fn char_span(&self, at: usize) -> Span {
        let len = self.text.get(at..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
        Span::new(at, at + len)
    }

    fn error_here(&self, message: &str, label: &str) -> Box<SyntaxError> {
        SyntaxError::new(self.char_span(self.pos), message, label)
    }

    fn error_at_or_end(&self, message: &str, label: &str) -> Box<SyntaxError> {
        if self.pos >= self.bytes.len() { self.unexpected_end(label) } else { self.error_here(message, label) }
    }

    fn unexpected_char(&self, expected: &str) -> Box<SyntaxError> {
        let found = self.text.get(self.pos..).and_then(|s| s.chars().next()).unwrap_or('\u{FFFD}');
        let err = self.error_here(&format!("unexpected {}", describe_char(found)), expected);
        match found {
            '\'' => err.with_help("JSON strings use double quotes"),
            '/' | '#' => err.with_help("JSON has no comments"),
            _ => err,
        }
    }

    fn expected_digit(&self, expected: &str) -> Box<SyntaxError> {
        if self.pos >= self.bytes.len() { self.unexpected_end(expected) } else { self.unexpected_char(expected) }
    }

    fn expected_separator(&self, closer: u8) -> Box<SyntaxError> {
        let (expected, help) = if closer == b']' {
            ("expected `,` or `]` after an array element", "separate array elements with commas")
        } else {
            ("expected `,` or `}` after a member", "separate members with commas")
        };
        if self.pos >= self.bytes.len() {
            return self.unexpected_end(expected);
        }
        self.unexpected_char(expected).with_help(help)
    }

    /// The text stops early: label the end of the input and the innermost unclosed bracket.
    fn unexpected_end(&self, expected: &str) -> Box<SyntaxError> {
        let err = SyntaxError::new(Span::empty(self.bytes.len()), "unexpected end of input", expected);
        match self.stack.last() {
            Some(frame) => {
                let (start, text) = frame.opening();
                err.with_related(Span::new(start, start + 1), text)
            }
            None => err,
        }
    }

    fn unterminated(&mut self, start: usize) -> Box<SyntaxError> {
        self.ends_in_string = true;
        SyntaxError::new(Span::empty(self.bytes.len()), "unterminated string", "the input ends inside a string")
            .with_related(Span::new(start, start + 1), "the string starts here")
    }

    fn control_in_string(&self, start: usize) -> Box<SyntaxError> {
        let byte = self.peek().unwrap_or(0);
        let escape = match byte {
            b'\n' => "\\n".to_string(),
            b'\r' => "\\r".to_string(),
            b'\t' => "\\t".to_string(),
            _ => format!("\\u{byte:04x}"),
        };
        let message = format!("unescaped control character {} in a string", describe_char(char::from(byte)));
        let err = self.error_here(&message, "must be escaped").with_help(format!(
            "write it as `{escape}`; if the string was meant to end on this line, add the closing quote"
        ));
        err.with_related(Span::new(start, start + 1), "the string starts here")
    }
}

#[cfg(test)]
mod swar_tests {
    use super::has_special_byte;

    #[test]
    fn finds_quotes_backslashes_and_controls_in_any_lane() {
        for lane in 0..8 {
            for special in [b'"', b'\\', 0x00, 0x1f] {
                let mut word = [b'a'; 8];
                word[lane] = special;
                assert!(has_special_byte(u64::from_le_bytes(word)), "{special:#x} in lane {lane}");
            }
        }
        for plain in [*b"abcdefgh", [0x20; 8], [0x7f; 8], [0xe4, 0xb8, 0xad, 0xff, 0x80, 0x21, 0x5b, 0x5d]] {
            assert!(!has_special_byte(u64::from_le_bytes(plain)), "{plain:?}");
        }
    }
}
