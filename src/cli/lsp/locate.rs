//! Where a cursor is in the request: which request body of the document, which documented
//! object. Works on incomplete documents through the parser's partial tree, where objects
//! cut short by a syntax error are open to the end.

use crate::InputKind;
use crate::input::http;
use crate::request::members::{self, MemberSpec};
use crate::syntax::{self, Member, Node, NodeKind, Object, Parsed};

/// What an object or array of the tree is to the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The request body.
    Root,
    /// `protected_instance`.
    Instance,
    /// The `tags` array.
    Tags,
    /// An element of `tags`.
    Tag,
    /// Anything else: not documented.
    Other,
}

impl Place {
    /// The documented members of an object at this place.
    pub fn spec(self) -> Option<&'static [MemberSpec]> {
        match self {
            Place::Root => Some(members::ROOT),
            Place::Instance => Some(members::INSTANCE),
            Place::Tag => Some(members::TAG),
            Place::Tags | Place::Other => None,
        }
    }

    /// How hover text names the object.
    pub fn describe(self) -> &'static str {
        match self {
            Place::Root => "the request body",
            Place::Instance => "`protected_instance`",
            Place::Tags | Place::Tag => "a tag",
            Place::Other => "an undocumented object",
        }
    }

    /// The place of a value held at `key` (or as an array element, for `None`) here.
    fn child(self, key: Option<&str>, node: &Node<'_>) -> Place {
        match (self, key, &node.kind) {
            (Place::Root, Some("protected_instance"), NodeKind::Object(_)) => Place::Instance,
            (Place::Instance, Some("tags"), NodeKind::Array(_)) => Place::Tags,
            (Place::Tags, None, NodeKind::Object(_)) => Place::Tag,
            _ => Place::Other,
        }
    }
}

/// The innermost object holding a cursor.
#[derive(Clone, Copy, Debug)]
pub struct Found<'t, 'a> {
    /// What the object is.
    pub place: Place,
    /// Its node: the span starts at its `{`.
    pub node: &'t Node<'a>,
    /// Its members parsed so far.
    pub object: &'t Object<'a>,
}

impl<'t, 'a> Found<'t, 'a> {
    /// The member whose name token holds `offset` (the opening quote included).
    pub fn key_at(&self, offset: usize) -> Option<&'t Member<'a>> {
        self.object.members.iter().find(|m| m.key.span().start <= offset && offset < m.key.span().end)
    }
}

/// Calls `f` with the parse of the request body holding `offset`: the whole text for a JSON
/// document; for an HTTP file, the body of the create-protected-instance request whose body
/// holds it (or ends before it with only white space between).
pub fn with_body<R>(text: &str, kind: InputKind, offset: usize, f: impl FnOnce(&Parsed<'_>) -> Option<R>) -> Option<R> {
    if kind == InputKind::Json {
        return f(&syntax::parse_str(text));
    }
    let (_, parsed) = http::bodies(text).flatten().find(|(request, _)| {
        let body = request.body;
        !body.is_empty()
            && body.start <= offset
            && text.get(body.end..offset.max(body.end)).is_some_and(|gap| gap.trim().is_empty())
    })?;
    f(&parsed)
}

/// The innermost object of `parsed` holding `offset`, with what it is.
pub fn innermost_object<'t, 'a>(parsed: &'t Parsed<'a>, offset: usize) -> Option<Found<'t, 'a>> {
    let mut node = parsed.root.as_ref()?;
    let mut place = Place::Root;
    if !holds(node, offset) {
        return None;
    }
    let mut found = None;
    loop {
        let next = match &node.kind {
            NodeKind::Object(object) => {
                found = Some(Found { place, node, object });
                object.members.iter().find(|m| holds(&m.value, offset)).map(|m| (Some(m.key.value()), &m.value))
            }
            NodeKind::Array(array) => array.items.iter().find(|n| holds(n, offset)).map(|n| (None, n)),
            _ => None,
        };
        let Some((key, child)) = next else { return found };
        place = place.child(key, child);
        node = child;
    }
}

/// Whether `offset` lies inside a container's brackets: after its opening bracket and before
/// its closing one, or anywhere after the opening bracket when a syntax error cut it short.
fn holds(node: &Node<'_>, offset: usize) -> bool {
    let closed = match &node.kind {
        NodeKind::Object(o) => o.closed,
        NodeKind::Array(a) => a.closed,
        _ => return false,
    };
    node.span.start < offset && (!closed || offset < node.span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_at(text: &str, marker: &str) -> Option<Place> {
        let offset = text.find(marker).unwrap();
        with_body(text, InputKind::Json, offset, |parsed| innermost_object(parsed, offset).map(|f| f.place))
    }

    #[test]
    fn finds_documented_objects_in_complete_and_cut_short_text() {
        let text = r#"{"protected_instance": {"name": "a", "tags": [{"key": "k"}], "x": {"y": 1}}, "z": 1}"#;
        assert_eq!(place_at(text, r#""name""#), Some(Place::Instance));
        assert_eq!(place_at(text, r#""key""#), Some(Place::Tag));
        assert_eq!(place_at(text, r#""y""#), Some(Place::Other));
        assert_eq!(place_at(text, r#""z""#), Some(Place::Root));
        let cut = "{\"protected_instance\": {\"name\": \"a\",\n  \"";
        let offset = cut.len();
        let place = with_body(cut, InputKind::Json, offset, |p| innermost_object(p, offset).map(|f| f.place));
        assert_eq!(place, Some(Place::Instance));
    }

    #[test]
    fn http_bodies_are_found_by_offset() {
        let text =
            "GET /v1/p/other\n\n{\"a\": {}}\n###\nPOST /v1/p/protected-instances\n\n{\"protected_instance\": {\n";
        let offset = text.len();
        let place = with_body(text, InputKind::Http, offset, |p| innermost_object(p, offset).map(|f| f.place));
        assert_eq!(place, Some(Place::Instance));
        let other = text.find("{}").unwrap() + 1;
        assert_eq!(with_body(text, InputKind::Http, other, |p| innermost_object(p, other).map(|f| f.place)), None);
    }
}
