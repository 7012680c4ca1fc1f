//! The syntax tree: every value, member name and string keeps its byte span, and objects keep
//! every member in source order, duplicates included (`serde_json::Value` keeps neither).
//!
//! Stored compactly: each value is one 20-byte [`Raw`] with 32-bit offsets, the elements of an
//! array lie side by side in one arena and the members of an object in another (so no value
//! owns a vector), and a string is its span, decoded only when it holds escapes. What the
//! rules read borrows the tree: [`Node`] and [`Member`] are references into it, and
//! [`JsonStr`], [`Object`] and [`Array`] are made from a record when asked for.

use std::fmt;

use super::bytes::ByteSet;
use super::string::SourceChars;
use crate::span::Span;

/// What a stored value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
    Variable,
}

/// [`Raw::flags`]: a container reached its closing bracket.
pub(super) const CLOSED: u8 = 1;
/// A string value holds escapes (its decoded text is in [`Tree::decoded`]).
pub(super) const ESCAPED: u8 = 2;
/// A string value holds REST-client variables.
pub(super) const TEMPLATED: u8 = 4;
/// The same two for a member's name, kept in its value's flags.
pub(super) const KEY_ESCAPED: u8 = 8;
pub(super) const KEY_TEMPLATED: u8 = 16;

/// One stored value: its span, its kind and, for a container, where its elements or members
/// lie in their arena (`first`, `len`); a string value keeps its [`ByteSet`] there instead.
#[derive(Clone, Copy, Debug)]
pub(super) struct Raw {
    pub start: u32,
    pub end: u32,
    pub first: u32,
    pub len: u32,
    pub kind: Kind,
    pub flags: u8,
}

impl Raw {
    pub fn leaf(kind: Kind, start: u32, end: u32, flags: u8) -> Raw {
        Raw { start, end, first: 0, len: 0, kind, flags }
    }

    fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// One stored member: the span of its name and its value.
#[derive(Clone, Copy, Debug)]
pub(super) struct RawMember {
    pub key_start: u32,
    pub key_end: u32,
    pub value: Raw,
}

/// A parsed JSON text.
#[derive(Debug, Default)]
pub struct Tree<'a> {
    pub(super) text: &'a str,
    pub(super) root: Option<Raw>,
    /// The elements of every array, each array's side by side.
    pub(super) items: Vec<Raw>,
    /// The members of every object, each object's side by side.
    pub(super) members: Vec<RawMember>,
    /// The decoded text of the strings that hold escapes, by the offset of their opening quote
    /// (in source order, so sorted).
    pub(super) decoded: Vec<(u32, Box<str>)>,
}

impl<'a> Tree<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Tree { text, ..Tree::default() }
    }

    /// The root value, when one parsed.
    pub fn root(&self) -> Option<Node<'_>> {
        self.root.as_ref().map(|raw| Node { tree: self, raw })
    }

    fn kind<'t>(&'t self, raw: &Raw) -> NodeKind<'t> {
        match raw.kind {
            Kind::Null => NodeKind::Null,
            Kind::False => NodeKind::Bool(false),
            Kind::True => NodeKind::Bool(true),
            Kind::Number => NodeKind::Number(self.slice(raw.span())),
            Kind::Variable => NodeKind::Variable(self.slice(raw.span())),
            Kind::String => NodeKind::String(self.string_value(raw)),
            Kind::Array => NodeKind::Array(self.array(raw)),
            Kind::Object => NodeKind::Object(self.object(raw)),
        }
    }

    // The three below are what `Node::as_str`, `as_array` and `as_object` return: made
    // directly, not through a `NodeKind`, as they are asked for most.

    fn string_value(&self, raw: &Raw) -> JsonStr<'_> {
        let s = self.string(raw.span(), raw.flags & ESCAPED != 0, raw.flags & TEMPLATED != 0);
        s.with_bytes(ByteSet::from_halves(raw.first, raw.len))
    }

    fn array(&self, raw: &Raw) -> Array<'_> {
        Array { tree: self, first: raw.first, len: raw.len, closed: raw.flags & CLOSED != 0 }
    }

    fn object(&self, raw: &Raw) -> Object<'_> {
        Object { tree: self, first: raw.first, len: raw.len, closed: raw.flags & CLOSED != 0 }
    }

    fn key(&self, raw: &RawMember) -> JsonStr<'_> {
        let flags = raw.value.flags;
        let key_span = Span::new(raw.key_start as usize, raw.key_end as usize);
        self.string(key_span, flags & KEY_ESCAPED != 0, flags & KEY_TEMPLATED != 0)
    }

    fn name(&self, raw: &RawMember) -> &str {
        let decoded = if raw.value.flags & KEY_ESCAPED != 0 { self.decoded(raw.key_start) } else { None };
        decoded.unwrap_or_else(|| self.slice(Span::new(raw.key_start as usize + 1, raw.key_end as usize - 1)))
    }

    fn string(&self, span: Span, escaped: bool, templated: bool) -> JsonStr<'_> {
        let raw = self.slice(Span::new(span.start + 1, span.end.saturating_sub(1)));
        let value = if escaped { self.decoded(span.start as u32).unwrap_or(raw) } else { raw };
        JsonStr {
            raw,
            value,
            start: span.start as u32,
            bytes: ByteSet::default(),
            bytes_known: false,
            escaped,
            templated,
        }
    }

    /// The decoded text of the string whose opening quote is at `start`.
    pub(super) fn decoded(&self, start: u32) -> Option<&str> {
        let i = self.decoded.binary_search_by_key(&start, |(at, _)| *at).ok()?;
        self.decoded.get(i).map(|(_, text)| &**text)
    }

    fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or_default()
    }
}

/// A JSON value: a reference into the tree, its kind made when asked for.
#[derive(Clone, Copy)]
pub struct Node<'t> {
    tree: &'t Tree<'t>,
    raw: &'t Raw,
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Node").field("span", &self.span()).field("kind", &self.kind()).finish()
    }
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.span() == other.span() && self.kind() == other.kind()
    }
}

/// The six JSON value kinds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NodeKind<'t> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, kept as its source text (no member of the request is numeric).
    Number(&'t str),
    /// A string.
    String(JsonStr<'t>),
    /// An array.
    Array(Array<'t>),
    /// An object.
    Object(Object<'t>),
    /// A REST-client variable standing for a whole value (`"count": {{count}}`), in the body of
    /// an HTTP request file: filled in when the request is sent, so its type is unknown.
    Variable(&'t str),
}

/// The JSON type of a value, as named in messages ("expected a string, found a number").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    /// `null`
    Null,
    /// `true` or `false`
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
    /// A REST-client variable: any type, known only when the request is sent.
    Unknown,
}

impl JsonType {
    /// "a string", "an object", "`null`".
    pub fn with_article(self) -> &'static str {
        match self {
            JsonType::Null => "`null`",
            JsonType::Boolean => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
            JsonType::Unknown => "a REST-client variable",
        }
    }
}

impl<'t> Node<'t> {
    /// Where the value's source text lies (quotes and brackets included).
    pub fn span(&self) -> Span {
        self.raw.span()
    }

    /// What the value is.
    pub fn kind(&self) -> NodeKind<'t> {
        self.tree.kind(self.raw)
    }

    /// The value's JSON type.
    pub fn json_type(&self) -> JsonType {
        match self.raw.kind {
            Kind::Null => JsonType::Null,
            Kind::False | Kind::True => JsonType::Boolean,
            Kind::Number => JsonType::Number,
            Kind::String => JsonType::String,
            Kind::Array => JsonType::Array,
            Kind::Object => JsonType::Object,
            Kind::Variable => JsonType::Unknown,
        }
    }

    /// The string, when the value is one.
    pub fn as_str(&self) -> Option<JsonStr<'t>> {
        (self.raw.kind == Kind::String).then(|| self.tree.string_value(self.raw))
    }

    /// The object, when the value is one.
    pub fn as_object(&self) -> Option<Object<'t>> {
        (self.raw.kind == Kind::Object).then(|| self.tree.object(self.raw))
    }

    /// The array, when the value is one.
    pub fn as_array(&self) -> Option<Array<'t>> {
        (self.raw.kind == Kind::Array).then(|| self.tree.array(self.raw))
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.raw.kind == Kind::Null
    }
}

/// An array's elements. `closed` is false when a syntax error cut the array short.
#[derive(Clone, Copy)]
pub struct Array<'t> {
    tree: &'t Tree<'t>,
    first: u32,
    len: u32,
    /// Whether the closing `]` was reached.
    pub closed: bool,
}

impl<'t> Array<'t> {
    fn raw(&self) -> &'t [Raw] {
        let first = self.first as usize;
        self.tree.items.get(first..first + self.len as usize).unwrap_or_default()
    }

    /// The elements in source order.
    pub fn items(self) -> impl DoubleEndedIterator<Item = Node<'t>> + ExactSizeIterator + Clone + 't {
        let tree = self.tree;
        self.raw().iter().map(move |raw| Node { tree, raw })
    }

    /// The element at `index`.
    pub fn get(&self, index: usize) -> Option<Node<'t>> {
        self.raw().get(index).map(|raw| Node { tree: self.tree, raw })
    }

    /// How many elements the array has.
    pub fn len(&self) -> usize {
        self.len as usize
    }
}

/// An object's members in source order, repeated names included. `closed` is false when a
/// syntax error cut the object short, so its member list may be incomplete.
#[derive(Clone, Copy)]
pub struct Object<'t> {
    tree: &'t Tree<'t>,
    first: u32,
    len: u32,
    /// Whether the closing `}` was reached.
    pub closed: bool,
}

impl<'t> Object<'t> {
    fn raw(&self) -> &'t [RawMember] {
        let first = self.first as usize;
        self.tree.members.get(first..first + self.len as usize).unwrap_or_default()
    }

    /// The members in source order.
    pub fn members(self) -> impl DoubleEndedIterator<Item = Member<'t>> + ExactSizeIterator + Clone + 't {
        let tree = self.tree;
        self.raw().iter().map(move |raw| Member { tree, raw })
    }

    /// The decoded names of the members, in source order (cheaper than whole members).
    pub fn names(self) -> impl DoubleEndedIterator<Item = &'t str> + ExactSizeIterator + Clone + 't {
        let tree = self.tree;
        self.raw().iter().map(move |raw| tree.name(raw))
    }

    /// The member at `index` (in source order).
    pub fn member(&self, index: usize) -> Option<Member<'t>> {
        self.raw().get(index).map(|raw| Member { tree: self.tree, raw })
    }

    /// The last member named `name`: the one most servers keep when a name repeats.
    pub fn get(&self, name: &str) -> Option<Member<'t>> {
        self.members().rev().find(|m| m.name() == name)
    }

    /// The bytes to delete to remove the last member named `name` with one of its commas,
    /// keeping the neighbours' layout: up to the next member's name, or, for the last member,
    /// from the end of the previous value.
    pub fn removal_span(&self, name: &str) -> Option<Span> {
        let i = self.names().rposition(|n| n == name)?;
        let member = self.member(i)?;
        let next = self.member(i + 1);
        let previous = i.checked_sub(1).and_then(|p| self.member(p));
        Some(match (previous, next) {
            (_, Some(next)) => Span::new(member.key().span().start, next.key().span().start),
            (Some(previous), None) => Span::new(previous.value().span().end, member.value().span().end),
            (None, None) => Span::new(member.key().span().start, member.value().span().end),
        })
    }
}

impl fmt::Debug for Array<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Array").field("items", &self.items().collect::<Vec<_>>()).field("closed", &self.closed).finish()
    }
}

impl PartialEq for Array<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.closed == other.closed && self.items().eq(other.items())
    }
}

impl fmt::Debug for Object<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let members = self.members().collect::<Vec<_>>();
        f.debug_struct("Object").field("members", &members).field("closed", &self.closed).finish()
    }
}

impl PartialEq for Object<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.closed == other.closed && self.members().eq(other.members())
    }
}

/// One `"name": value` pair: a reference into the tree, its name token and value made when
/// asked for.
#[derive(Clone, Copy)]
pub struct Member<'t> {
    tree: &'t Tree<'t>,
    raw: &'t RawMember,
}

impl<'t> Member<'t> {
    /// The member name token.
    pub fn key(&self) -> JsonStr<'t> {
        self.tree.key(self.raw)
    }

    /// The decoded member name.
    pub fn name(&self) -> &'t str {
        self.tree.name(self.raw)
    }

    /// The value.
    pub fn value(&self) -> Node<'t> {
        Node { tree: self.tree, raw: &self.raw.value }
    }
}

impl fmt::Debug for Member<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Member").field("key", &self.key()).field("value", &self.value()).finish()
    }
}

impl PartialEq for Member<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key() && self.value() == other.value()
    }
}

/// A string token: where it starts, its source text and its decoded value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct JsonStr<'t> {
    /// The text between the quotes.
    raw: &'t str,
    /// The decoded value (`raw` itself when the string holds no escape).
    value: &'t str,
    /// Which bytes the value holds, when found as it was parsed (string values, not names).
    bytes: ByteSet,
    /// The offset of the opening quote.
    start: u32,
    bytes_known: bool,
    /// Whether the string holds escapes, so that decoded and source offsets differ.
    escaped: bool,
    /// Whether the value holds a REST-client variable (`{{name}}`, in an HTTP file's body).
    templated: bool,
}

impl<'t> JsonStr<'t> {
    /// A string whose source text is its value (it holds no escape), as a test or a rule's
    /// own text needs one.
    #[cfg(test)]
    pub(crate) fn plain(start: u32, raw: &'t str) -> Self {
        JsonStr {
            raw,
            value: raw,
            start,
            bytes: ByteSet::default(),
            bytes_known: false,
            escaped: false,
            templated: false,
        }
    }

    fn with_bytes(self, bytes: ByteSet) -> Self {
        JsonStr { bytes, bytes_known: true, ..self }
    }

    /// Whether the value is known: it holds no REST-client variable (`{{name}}`), which is
    /// filled in only when the request is sent.
    pub fn is_known(&self) -> bool {
        !self.templated
    }

    /// Whether decoded byte `offset` lies inside a REST-client variable (`{{` to `}}`), whose
    /// text is not what is sent.
    pub fn in_variable(&self, offset: usize) -> bool {
        self.templated && variables(self.value()).any(|v| v.contains(&offset))
    }

    /// Which classes of bytes the decoded value holds (found as a string value is parsed; for a
    /// member name, now).
    pub fn bytes(&self) -> ByteSet {
        if self.bytes_known { self.bytes } else { ByteSet::of(self.value()) }
    }

    /// The token's span, quotes included.
    pub fn span(&self) -> Span {
        let start = self.start as usize;
        Span::new(start, start + self.raw.len() + 2)
    }

    /// The decoded value.
    pub fn value(&self) -> &'t str {
        self.value
    }

    /// Whether the source holds escapes, so that decoded and source offsets differ.
    pub fn is_escaped(&self) -> bool {
        self.escaped
    }

    /// The span of the text between the quotes.
    pub fn content_span(&self) -> Span {
        let start = self.start as usize + 1;
        Span::new(start, start + self.raw.len())
    }

    /// Each decoded character with the span of the source text that produced it
    /// (an escape such as `\u002f` or `\/` whole).
    pub fn chars(&self) -> SourceChars<'t> {
        SourceChars::new(self.raw, self.start as usize + 1)
    }

    /// The source span of the characters at decoded bytes `from..to` (whole characters, an
    /// escape such as `\u002f` whole).
    pub fn source_span(&self, from: usize, to: usize) -> Span {
        let content = self.content_span();
        if !self.escaped {
            // No escapes: decoded and source offsets coincide.
            return Span::new(content.start + from, (content.start + to).min(content.end));
        }
        let mut decoded = 0;
        let mut span: Option<Span> = None;
        for (c, char_span) in self.chars() {
            if decoded >= to {
                break;
            }
            if decoded >= from {
                span = Some(span.map_or(char_span, |s| s.to(char_span)));
            }
            decoded += c.len_utf8();
        }
        span.unwrap_or(Span::empty(content.end))
    }

    /// The source span of the decoded characters from byte `from` to the end of the value.
    pub fn tail_span(&self, from: usize) -> Span {
        self.source_span(from, self.value().len())
    }
}

/// The byte ranges of the REST-client variables (`{{name}}`, braces included) in `text`.
pub(crate) fn variables(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let open = from + text.get(from..)?.find("{{")?;
        let close = open + 2 + text.get(open + 2..)?.find("}}")? + 2;
        from = close;
        Some(open..close)
    })
}
