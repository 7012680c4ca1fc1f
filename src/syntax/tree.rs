//! The syntax tree: every value, member name and string keeps its byte span, and objects keep
//! every member in source order, duplicates included (`serde_json::Value` keeps neither).

use std::borrow::Cow;

use super::bytes::ByteSet;
use super::string::SourceChars;
use crate::span::Span;

/// A JSON value and the span of its token (quotes and brackets included).
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    /// Where the value's source text lies.
    pub span: Span,
    /// What the value is.
    pub kind: NodeKind<'a>,
}

/// The six JSON value kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, kept as its source text (no member of the request is numeric).
    Number(&'a str),
    /// A string.
    String(JsonStr<'a>),
    /// An array.
    Array(Array<'a>),
    /// An object.
    Object(Object<'a>),
    /// A REST-client variable standing for a whole value (`"count": {{count}}`), in the body of
    /// an HTTP request file: filled in when the request is sent, so its type is unknown.
    Variable(&'a str),
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

impl<'a> Node<'a> {
    /// The value's JSON type.
    pub fn json_type(&self) -> JsonType {
        match self.kind {
            NodeKind::Null => JsonType::Null,
            NodeKind::Bool(_) => JsonType::Boolean,
            NodeKind::Number(_) => JsonType::Number,
            NodeKind::String(_) => JsonType::String,
            NodeKind::Array(_) => JsonType::Array,
            NodeKind::Object(_) => JsonType::Object,
            NodeKind::Variable(_) => JsonType::Unknown,
        }
    }

    /// The string, when the value is one.
    pub fn as_str(&self) -> Option<&JsonStr<'a>> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The object, when the value is one.
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match &self.kind {
            NodeKind::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The array, when the value is one.
    pub fn as_array(&self) -> Option<&Array<'a>> {
        match &self.kind {
            NodeKind::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }
}

/// An array's elements. `closed` is false when a syntax error cut the array short.
#[derive(Clone, Debug, PartialEq)]
pub struct Array<'a> {
    /// The elements in source order.
    pub items: Vec<Node<'a>>,
    /// Whether the closing `]` was reached.
    pub closed: bool,
}

/// An object's members in source order, repeated names included. `closed` is false when a
/// syntax error cut the object short, so its member list may be incomplete.
#[derive(Clone, Debug, PartialEq)]
pub struct Object<'a> {
    /// The members in source order.
    pub members: Vec<Member<'a>>,
    /// Whether the closing `}` was reached.
    pub closed: bool,
}

impl<'a> Object<'a> {
    /// The last member named `name`: the one most servers keep when a name repeats.
    pub fn get(&self, name: &str) -> Option<&Member<'a>> {
        self.members.iter().rev().find(|m| m.key.value() == name)
    }

    /// The bytes to delete to remove the last member named `name` with one of its commas,
    /// keeping the neighbours' layout: up to the next member's name, or, for the last member,
    /// from the end of the previous value.
    pub fn removal_span(&self, name: &str) -> Option<Span> {
        let i = self.members.iter().rposition(|m| m.key.value() == name)?;
        let member = self.members.get(i)?;
        let next = self.members.get(i + 1);
        let previous = i.checked_sub(1).and_then(|p| self.members.get(p));
        Some(match (previous, next) {
            (_, Some(next)) => Span::new(member.key.span().start, next.key.span().start),
            (Some(previous), None) => Span::new(previous.value.span.end, member.value.span.end),
            (None, None) => Span::new(member.key.span().start, member.value.span.end),
        })
    }
}

/// One `"name": value` pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    /// The member name token.
    pub key: JsonStr<'a>,
    /// The value.
    pub value: Node<'a>,
}

/// A string token: its span (quotes included), its source text and its decoded value.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonStr<'a> {
    span: Span,
    raw: &'a str,
    /// The decoded value when it differs from `raw` (the string holds escapes).
    decoded: Option<Box<str>>,
    /// Which bytes the value holds, when found as it was parsed ([`JsonStr::with_bytes`]).
    bytes: ByteSet,
    bytes_known: bool,
    /// Whether the value holds a REST-client variable (`{{name}}`, in an HTTP file's body).
    templated: bool,
}

impl<'a> JsonStr<'a> {
    pub(crate) fn new(span: Span, raw: &'a str, value: Cow<'a, str>) -> Self {
        let decoded = match value {
            Cow::Borrowed(_) => None,
            Cow::Owned(decoded) => Some(decoded.into_boxed_str()),
        };
        JsonStr { span, raw, decoded, bytes: ByteSet::default(), bytes_known: false, templated: false }
    }

    /// The same string with its [`ByteSet`] found now: string values are asked by several rules
    /// each, member names by none.
    pub(crate) fn with_bytes(mut self) -> Self {
        self.bytes = ByteSet::of(self.value());
        self.bytes_known = true;
        self
    }

    /// The same string, noting whether it holds REST-client variables.
    pub(crate) fn with_variables(mut self, templated: bool) -> Self {
        self.templated = templated && variables(self.value()).next().is_some();
        self
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

    /// Which ASCII characters and UTF-8 lead bytes the decoded value holds (found when a string
    /// value is parsed; for a member name, now).
    pub fn bytes(&self) -> ByteSet {
        if self.bytes_known { self.bytes } else { ByteSet::of(self.value()) }
    }

    /// The token's span, quotes included.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The decoded value.
    pub fn value(&self) -> &str {
        self.decoded.as_deref().unwrap_or(self.raw)
    }

    /// The decoded value, borrowing from the input when it holds no escape.
    pub fn value_cow(&self) -> Cow<'a, str> {
        match &self.decoded {
            Some(decoded) => Cow::Owned(decoded.to_string()),
            None => Cow::Borrowed(self.raw),
        }
    }

    /// The span of the text between the quotes.
    pub fn content_span(&self) -> Span {
        Span::new(self.span.start + 1, self.span.end.saturating_sub(1))
    }

    /// Each decoded character with the span of the source text that produced it
    /// (an escape such as `\u002f` or `\/` whole).
    pub fn chars(&self) -> SourceChars<'a> {
        SourceChars::new(self.raw, self.span.start + 1)
    }

    /// The source span of the characters at decoded bytes `from..to` (whole characters, an
    /// escape such as `\u002f` whole).
    pub fn source_span(&self, from: usize, to: usize) -> Span {
        let content = self.content_span();
        if self.decoded.is_none() {
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
