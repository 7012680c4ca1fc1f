use super::Context;
use crate::measure::first_seen::FirstSeen;
use crate::pointer;
use crate::syntax::{JsonType, Member, Node, Object};
use crate::text::quote;
use crate::view::RequestView;

declare_rule! {
    DuplicateKey {
        id: "duplicate-key",
        severity: Error,
        fix: None,
        summary: "An object holds the same member name twice.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    if let Some(root) = request.parsed.root() {
        walk(&root, &Path::Root, ctx);
    }
}

/// Where a node sits, as a chain on the stack; made into a JSON Pointer only when reported.
enum Path<'p> {
    Root,
    /// The value of this member; its name is decoded only for a pointer.
    Key(&'p Path<'p>, Member<'p>),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn pointer(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, member) => pointer::join(&parent.pointer(), member.name()),
            Path::Index(parent, i) => pointer::join(&parent.pointer(), &i.to_string()),
        }
    }
}

/// Visits every object; the parser bounds the depth, so recursion is bounded too. Only
/// containers are visited: a string or number holds no object.
fn walk(node: &Node<'_>, path: &Path<'_>, ctx: &mut Context<'_>) {
    let container = |node: &Node<'_>| matches!(node.json_type(), JsonType::Object | JsonType::Array);
    if let Some(object) = node.as_object() {
        check_object(&object, path, ctx);
        for member in object.members().filter(|m| container(&m.value())) {
            walk(&member.value(), &Path::Key(path, member), ctx);
        }
    } else if let Some(array) = node.as_array() {
        for (i, item) in array.items().enumerate().filter(|(_, item)| container(item)) {
            walk(&item, &Path::Index(path, i), ctx);
        }
    }
}

/// Objects up to this many members are checked by comparing names pairwise.
const FEW: usize = 16;

/// Compares decoded names; each repeat points back to the first occurrence.
fn check_object(object: &Object<'_>, path: &Path<'_>, ctx: &mut Context<'_>) {
    let names = object.names();
    // Most objects are small: compare with the earlier names, kept on the stack (each decoded
    // once), without a map or allocation.
    let mut seen = (names.len() > FEW).then(FirstSeen::default);
    let mut earlier = [""; FEW];
    for (i, name) in names.enumerate() {
        let first = match &mut seen {
            Some(seen) => seen.first_or_insert(name, i),
            None => {
                let first = earlier.iter().take(i).position(|&n| n == name);
                if let Some(slot) = earlier.get_mut(i) {
                    *slot = name;
                }
                first
            }
        };
        let (Some(first), Some(member)) = (first.and_then(|f| object.member(f)), object.member(i)) else { continue };
        ctx.report(member.key().span(), |d| {
            d.describe(
                Path::Key(path, member).pointer(),
                format!("duplicate member name {} in this object", quote(name, 40)),
            )
            .with_label("repeated here")
            .with_secondary(first.key().span(), "first used here")
            .with_help("keep one of them: parsers disagree on which value wins (sdrs-lint checks the last)");
        });
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateKey;
    use crate::rules::testing::{assert_clean, labelled, request, run};

    #[test]
    fn distinct_names_pass() {
        assert_clean(&DuplicateKey, &[request("\"description\": \"x\""), "{\"a\": {\"a\": 1}}".into()]);
    }

    #[test]
    fn compares_decoded_names() {
        let src = request("\"name\": \"a\", \"n\\u0061me\": \"b\"");
        assert_eq!(labelled(&DuplicateKey, &src), ["\"n\\u0061me\""]);
    }

    #[test]
    fn three_uses_give_two_diagnostics_pointing_to_the_first() {
        let src = "{\"a\": 1, \"a\": 2, \"a\": 3}";
        let found = run(&DuplicateKey, src);
        assert_eq!(found.len(), 2);
        for d in &found {
            assert_eq!(d.secondary[0].span.start, 1);
            assert_eq!(d.pointer, "/a");
        }
    }

    #[test]
    fn large_objects_and_nested_paths() {
        let members: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let src = format!("{{\"x\": [{{{}, \"k7\": 0}}]}}", members.join(","));
        let found = run(&DuplicateKey, &src);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, "/x/0/k7");
    }
}
