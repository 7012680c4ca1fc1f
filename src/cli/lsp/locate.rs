//! Where a cursor is in the request: which request body of the document, which documented
//! object. Works on incomplete documents through the parser's partial tree, where objects
//! cut short by a syntax error are open to the end.

use crate::InputKind;
use crate::input::http;
use crate::request::members::{Documented, Held};
use crate::syntax::{self, Member, Node, NodeKind, Object, Parsed};

/// What a value of the tree is to the request: a documented object, an array of documented
/// objects, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Object(Documented),
    ArrayOf(Documented),
    Other,
}

impl Place {
    /// The place of a value held at `key` (or as an array element, for `None`) here.
    fn child(self, key: Option<&str>, node: &Node<'_>) -> Place {
        let held = match (self, key) {
            (Place::Object(object), Some(key)) => object.holds(key),
            (Place::ArrayOf(object), None) => Some(Held::Object(object)),
            _ => None,
        };
        match (held, &node.kind()) {
            (Some(Held::Object(object)), NodeKind::Object(_)) => Place::Object(object),
            (Some(Held::ArrayOf(object)), NodeKind::Array(_)) => Place::ArrayOf(object),
            _ => Place::Other,
        }
    }
}

/// The innermost object holding a cursor.
#[derive(Clone, Copy, Debug)]
pub struct Found<'t> {
    /// What the object is, when it is documented.
    pub place: Option<Documented>,
    /// Its node: the span starts at its `{`.
    pub node: Node<'t>,
    /// Its members parsed so far.
    pub object: Object<'t>,
}

impl<'t> Found<'t> {
    /// The member whose name token holds `offset` (the opening quote included).
    pub fn key_at(&self, offset: usize) -> Option<Member<'t>> {
        self.object.members().find(|m| m.key().span().start <= offset && offset < m.key().span().end)
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
pub fn innermost_object<'t>(parsed: &'t Parsed<'_>, offset: usize) -> Option<Found<'t>> {
    let mut node = parsed.root()?;
    let mut place = Place::Object(Documented::Root);
    if !holds(&node, offset) {
        return None;
    }
    let mut found = None;
    loop {
        let next = match node.kind() {
            NodeKind::Object(object) => {
                let documented = match place {
                    Place::Object(object) => Some(object),
                    Place::ArrayOf(_) | Place::Other => None,
                };
                found = Some(Found { place: documented, node, object });
                object.members().find(|m| holds(&m.value(), offset)).map(|m| (Some(m.key().value()), m.value()))
            }
            NodeKind::Array(array) => array.items().find(|n| holds(n, offset)).map(|n| (None, n)),
            _ => None,
        };
        let Some((key, child)) = next else { return found };
        place = place.child(key, &child);
        node = child;
    }
}

/// Whether `offset` lies inside a container's brackets: after its opening bracket and before
/// its closing one, or anywhere after the opening bracket when a syntax error cut it short.
fn holds(node: &Node<'_>, offset: usize) -> bool {
    let closed = match &node.kind() {
        NodeKind::Object(o) => o.closed,
        NodeKind::Array(a) => a.closed,
        _ => return false,
    };
    node.span().start < offset && (!closed || offset < node.span().end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_at(text: &str, marker: &str) -> Option<Option<Documented>> {
        let offset = text.find(marker).unwrap();
        with_body(text, InputKind::Json, offset, |parsed| innermost_object(parsed, offset).map(|f| f.place))
    }

    #[test]
    fn finds_documented_objects_in_complete_and_cut_short_text() {
        let text = r#"{"protected_instance": {"name": "a", "tags": [{"key": "k"}], "x": {"y": 1}}, "z": 1}"#;
        assert_eq!(place_at(text, r#""name""#), Some(Some(Documented::Instance)));
        assert_eq!(place_at(text, r#""key""#), Some(Some(Documented::Tag)));
        assert_eq!(place_at(text, r#""y""#), Some(None));
        assert_eq!(place_at(text, r#""z""#), Some(Some(Documented::Root)));
        let cut = "{\"protected_instance\": {\"name\": \"a\",\n  \"";
        let offset = cut.len();
        let place = with_body(cut, InputKind::Json, offset, |p| innermost_object(p, offset).map(|f| f.place));
        assert_eq!(place, Some(Some(Documented::Instance)));
    }

    #[test]
    fn http_bodies_are_found_by_offset() {
        let text =
            "GET /v1/p/other\n\n{\"a\": {}}\n###\nPOST /v1/p/protected-instances\n\n{\"protected_instance\": {\n";
        let offset = text.len();
        let place = with_body(text, InputKind::Http, offset, |p| innermost_object(p, offset).map(|f| f.place));
        assert_eq!(place, Some(Some(Documented::Instance)));
        let other = text.find("{}").unwrap() + 1;
        assert_eq!(with_body(text, InputKind::Http, other, |p| innermost_object(p, other).map(|f| f.place)), None);
    }
}
