//! Entry points for the fuzz targets (`fuzz/`) into what the public API does not show: the
//! parser's span invariants. Compiled only with the `fuzzing` feature; not part of the API.

use crate::syntax::{self, Node, NodeKind};

/// Parses `data` and panics if a span falls outside the input, off a character boundary, or
/// a decoded character maps outside its string token.
pub fn parse(data: &[u8]) {
    let parsed = syntax::parse(data);
    if let Some(root) = parsed.root() {
        check(&root, data.len(), std::str::from_utf8(data).ok());
    }
    if let Some(error) = &parsed.error {
        assert!(error.span.start <= data.len() && error.span.end <= data.len());
    }
}

#[allow(clippy::panic)] // A fuzz target reports a broken invariant by panicking.
fn check(node: &Node<'_>, len: usize, text: Option<&str>) {
    assert!(node.span().start <= node.span().end && node.span().end <= len);
    if let Some(text) = text {
        assert!(text.is_char_boundary(node.span().start) && text.is_char_boundary(node.span().end));
    }
    match &node.kind() {
        NodeKind::Array(a) => a.items().for_each(|n| check(&n, len, text)),
        NodeKind::Object(o) => {
            for m in o.members() {
                assert!(m.key().span().end <= len);
                let _ = m.key().chars().count();
                check(&m.value(), len, text);
            }
        }
        NodeKind::String(s) => {
            for (_, span) in s.chars() {
                assert!(span.start >= s.span().start && span.end <= s.span().end);
            }
        }
        NodeKind::Variable(_) => panic!("a REST-client variable outside an HTTP file"),
        NodeKind::Null | NodeKind::Bool(_) | NodeKind::Number(_) => {}
    }
}
