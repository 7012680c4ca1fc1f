//! The parser on arbitrary bytes: no panic, spans inside the input and on character
//! boundaries, a tree only up to the error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdrs_lint::syntax::{self, Node, NodeKind};

fn check(node: &Node<'_>, len: usize, text: Option<&str>) {
    assert!(node.span.start <= node.span.end && node.span.end <= len);
    if let Some(text) = text {
        assert!(text.is_char_boundary(node.span.start) && text.is_char_boundary(node.span.end));
    }
    match &node.kind {
        NodeKind::Array(a) => a.items.iter().for_each(|n| check(n, len, text)),
        NodeKind::Object(o) => {
            for m in &o.members {
                assert!(m.key.span().end <= len);
                let _ = m.key.chars().count();
                check(&m.value, len, text);
            }
        }
        NodeKind::String(s) => {
            // Every decoded character maps back to source bytes inside the token.
            for (_, span) in s.chars() {
                assert!(span.start >= s.span().start && span.end <= s.span().end);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let parsed = syntax::parse(data);
    if let Some(root) = &parsed.root {
        check(root, data.len(), std::str::from_utf8(data).ok());
    }
    if let Some(error) = &parsed.error {
        assert!(error.span.start <= data.len() && error.span.end <= data.len());
    }
});
