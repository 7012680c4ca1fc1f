//! The typed view rules read: the syntax tree seen as a create-protected-instance request.
//! Built once per input; where a member name repeats, the view holds the last occurrence.

use std::sync::LazyLock;

use crate::input::http::HttpRequest;
use crate::inventory::Inventory;
use crate::pointer;
use crate::request::members::{self, Documented, Field, MemberSpec, RootField, TagField};
use crate::syntax::{Array, JsonStr, JsonType, Member, Node, Object, Parsed};

/// Which documented object an [`ObjectView`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectKind {
    /// The request body.
    Root,
    /// `protected_instance`.
    Instance,
    /// The tag at this index of `tags`.
    Tag(usize),
}

impl ObjectKind {
    /// The object of the request's declaration.
    pub fn object(self) -> Documented {
        match self {
            ObjectKind::Root => Documented::Root,
            ObjectKind::Instance => Documented::Instance,
            ObjectKind::Tag(_) => Documented::Tag,
        }
    }

    /// The documented members of this object.
    pub fn spec(self) -> &'static [MemberSpec] {
        self.object().spec()
    }

    /// JSON Pointer of the object.
    pub fn pointer(self) -> String {
        match self {
            ObjectKind::Root => String::new(),
            ObjectKind::Instance => "/protected_instance".to_string(),
            ObjectKind::Tag(i) => format!("/protected_instance/tags/{i}"),
        }
    }

    /// JSON Pointer of its member `name`.
    pub fn member_pointer(self, name: &str) -> String {
        pointer::join(&self.pointer(), name)
    }

    /// How messages name its member `name`: "`server_id`", "tag `key`".
    pub fn subject(self, name: &str) -> String {
        match self {
            ObjectKind::Tag(_) => format!("tag `{name}`"),
            _ => format!("`{name}`"),
        }
    }

    /// "server_group_id, server_id, …": the documented member names, for help texts.
    pub fn documented(self) -> &'static str {
        static LISTS: LazyLock<[String; 3]> = LazyLock::new(|| {
            let list = |object: Documented| object.spec().iter().map(|s| s.name).collect::<Vec<_>>().join(", ");
            [list(Documented::Root), list(Documented::Instance), list(Documented::Tag)]
        });
        LISTS.get(self.object() as usize).map_or("", String::as_str)
    }

    /// How messages name the object itself.
    pub fn describe(self) -> &'static str {
        self.object().describe()
    }
}

/// The most members a documented object has (`protected_instance`'s).
const MOST_MEMBERS: usize = Field::ALL.len();
const _: () = assert!(members::ROOT.len() <= MOST_MEMBERS && members::TAG.len() <= MOST_MEMBERS);

/// No member: an empty slot of [`ObjectView`].
const ABSENT: u32 = u32::MAX;

/// A documented object found in the tree, its members looked up once: rules ask for them by
/// their place in the object's declaration, not by comparing names again.
#[derive(Clone, Copy, Debug)]
pub struct ObjectView<'t> {
    /// Which object it is.
    pub kind: ObjectKind,
    /// The object's node (its span runs from `{` to `}`).
    pub node: Node<'t>,
    /// The object's members, all of them, in source order.
    pub object: Object<'t>,
    /// Where in the object the last member of each documented name is, in the order of
    /// `kind.spec()` ([`ABSENT`] when there is none).
    documented: [u32; MOST_MEMBERS],
    /// Whether a member's name is not documented.
    has_unknown: bool,
}

impl<'t> ObjectView<'t> {
    fn new(kind: ObjectKind, node: Node<'t>) -> Option<Self> {
        let object = node.as_object()?;
        let specs = kind.spec();
        let mut documented = [ABSENT; MOST_MEMBERS];
        let mut has_unknown = false;
        for (i, name) in object.names().enumerate() {
            match members::find(specs, name).and_then(|slot| documented.get_mut(slot)) {
                Some(slot) => *slot = i as u32,
                None => has_unknown = true,
            }
        }
        Some(ObjectView { kind, node, object, documented, has_unknown })
    }

    /// The member in slot `slot` of the declaration, if present.
    fn slot(&self, slot: usize) -> Option<Member<'t>> {
        let at = *self.documented.get(slot)?;
        if at == ABSENT { None } else { self.object.member(at as usize) }
    }

    /// Each documented member of the object with its last occurrence, if any, in declaration
    /// order.
    pub fn documented(&self) -> impl Iterator<Item = (&'static MemberSpec, Option<Member<'t>>)> + '_ {
        self.kind.spec().iter().enumerate().map(|(slot, spec)| (spec, self.slot(slot)))
    }

    /// Whether a member's name is not documented.
    pub fn has_unknown(&self) -> bool {
        self.has_unknown
    }

    /// The last member named `name`.
    pub fn get(&self, name: &str) -> Option<Member<'t>> {
        match members::find(self.kind.spec(), name) {
            Some(slot) => self.slot(slot),
            None => self.object.get(name),
        }
    }

    /// Member `field` of a tag, when this object is a tag and the member's value is a string,
    /// REST-client variables or not.
    pub fn tag_text(&self, field: TagField) -> Option<StrMember<'t>> {
        if !matches!(self.kind, ObjectKind::Tag(_)) {
            return None;
        }
        self.text_of(self.slot(field as usize)?)
    }

    /// Member `field` of a tag, when this object is a tag and the member's value is a string
    /// whose value is known.
    pub fn tag_string(&self, field: TagField) -> Option<StrMember<'t>> {
        self.tag_text(field).filter(|s| s.value.is_known())
    }

    /// `member`, one of this object's, when its value is a string.
    fn text_of(&self, member: Member<'t>) -> Option<StrMember<'t>> {
        Some(StrMember { owner: self.kind, member, value: member.value().as_str()? })
    }

    /// The values of the object's documented string members (the last of a repeated name),
    /// REST-client variables or not (see [`JsonStr::is_known`]). A member documented with another
    /// type is `wrong-type`'s, even holding a string.
    pub fn strings(&self) -> impl Iterator<Item = StrMember<'t>> + '_ {
        let strings = self.documented().filter(|(spec, _)| spec.ty == JsonType::String);
        strings.filter_map(|(_, member)| self.text_of(member?))
    }
}

/// A documented member whose value is a string.
#[derive(Clone, Copy, Debug)]
pub struct StrMember<'t> {
    /// The object holding it.
    pub owner: ObjectKind,
    /// The member (key and value).
    pub member: Member<'t>,
    /// The string value.
    pub value: JsonStr<'t>,
}

impl StrMember<'_> {
    /// The member of `protected_instance` it is, if it is one.
    pub fn field(&self) -> Option<Field> {
        let of_instance = self.owner == ObjectKind::Instance;
        Field::ALL.iter().copied().find(|f| of_instance && f.name() == self.name())
    }

    /// The member's name.
    pub fn name(&self) -> &str {
        self.member.key().value()
    }

    /// JSON Pointer of the member.
    pub fn pointer(&self) -> String {
        self.owner.member_pointer(self.name())
    }

    /// How messages name the member.
    pub fn subject(&self) -> String {
        self.owner.subject(self.name())
    }
}

/// The request as the rules see it.
#[derive(Debug)]
pub struct RequestView<'t, 'a> {
    /// The parse result: tree, syntax error and byte-order mark.
    pub parsed: &'t Parsed<'a>,
    /// The root, when it is an object.
    pub root: Option<ObjectView<'t>>,
    /// `protected_instance`, when it is an object.
    pub instance: Option<ObjectView<'t>>,
    /// The request line, when the body comes from an HTTP request file.
    pub http: Option<&'t HttpRequest<'a>>,
    /// The state of the cloud, when an inventory is given.
    pub inventory: Option<&'t Inventory>,
    /// Which members may name a resource of the inventory (one bit per [`Field`]): the same
    /// for every inventory rule, so it is worked out once per request, by the first that asks.
    pub(crate) resource_ids: std::cell::OnceCell<u32>,
    /// The resources of the inventory the request names, looked up once per request.
    pub(crate) resources: std::cell::OnceCell<Resources<'t>>,
}

/// The resources of the inventory that a request's members name (`None`: not named, or not
/// found).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Resources<'t> {
    pub group: Option<&'t crate::inventory::Group>,
    pub server: Option<&'t crate::inventory::Server>,
    pub subnet: Option<&'t crate::inventory::Subnet>,
    pub flavor: Option<&'t crate::inventory::Flavor>,
    pub host: Option<&'t crate::inventory::Host>,
}

impl<'t, 'a> RequestView<'t, 'a> {
    /// Builds the view of a parsed input.
    pub fn new(parsed: &'t Parsed<'a>) -> Self {
        let root = parsed.root().and_then(|n| ObjectView::new(ObjectKind::Root, n));
        let instance = root
            .and_then(|r| r.get(RootField::ProtectedInstance.name()))
            .and_then(|m| ObjectView::new(ObjectKind::Instance, m.value()));
        RequestView {
            parsed,
            root,
            instance,
            http: None,
            inventory: None,
            resource_ids: Default::default(),
            resources: Default::default(),
        }
    }

    /// The same view, checked against `inventory` too.
    pub fn with_inventory(mut self, inventory: Option<&'t Inventory>) -> Self {
        self.inventory = inventory;
        self
    }

    /// The same view, for a body sent by `request` of an HTTP file.
    pub fn with_http(mut self, request: &'t HttpRequest<'a>) -> Self {
        self.http = Some(request);
        self
    }

    /// The last member of `protected_instance` named by `field`.
    pub fn field(&self, field: Field) -> Option<Member<'t>> {
        self.instance?.slot(field as usize)
    }

    /// The member `field`, when its value is a string whose value is known (see
    /// [`JsonStr::is_known`]): what rules about whole values check.
    pub fn string(&self, field: Field) -> Option<StrMember<'t>> {
        self.text(field).filter(|s| s.value.is_known())
    }

    /// The member `field`, when its value is a string, REST-client variables or not: what
    /// rules about characters check, skipping the variables' text.
    pub fn text(&self, field: Field) -> Option<StrMember<'t>> {
        let member = self.field(field)?;
        Some(StrMember { owner: ObjectKind::Instance, member, value: member.value().as_str()? })
    }

    /// The `tags` member and its array, when it is one.
    pub fn tag_array(&self) -> Option<(Member<'t>, Array<'t>)> {
        let member = self.field(Field::Tags)?;
        Some((member, member.value().as_array()?))
    }

    /// The elements of `tags` that are objects (made as needed: a request may have a million).
    pub fn tags(&self) -> impl Iterator<Item = ObjectView<'t>> + 't {
        let items = self.tag_array().map(|(_, array)| array.items());
        items.into_iter().flatten().enumerate().filter_map(|(i, node)| ObjectView::new(ObjectKind::Tag(i), node))
    }

    /// The element `index` of `tags`, when it is an object.
    pub fn tag(&self, index: usize) -> Option<ObjectView<'t>> {
        ObjectView::new(ObjectKind::Tag(index), self.tag_array()?.1.get(index)?)
    }

    /// Each tag's `key` when it is a known string, with the tag's index: what
    /// [`ObjectView::tag_string`] gives for [`TagField::Key`], found by looking for the last
    /// member named `key` rather than making the whole view of each tag.
    pub fn tag_keys(&self) -> impl Iterator<Item = (u32, JsonStr<'t>)> + 't {
        let items = self.tag_array().map(|(_, array)| array.items());
        items.into_iter().flatten().enumerate().filter_map(|(index, tag)| {
            let key = tag.as_object()?.members().rev().find(|m| m.name() == TagField::Key.name())?;
            Some((u32::try_from(index).ok()?, key.value().as_str().filter(JsonStr::is_known)?))
        })
    }

    /// Every documented object present: root, `protected_instance`, then each tag.
    pub fn objects(&self) -> impl Iterator<Item = ObjectView<'t>> + '_ {
        self.root.into_iter().chain(self.instance).chain(self.tags())
    }
}

#[cfg(test)]
mod tests {
    use crate::request::members::TagField;
    use crate::rules::testing::with_tags;
    use crate::syntax;

    use super::{ObjectKind, RequestView};

    #[test]
    fn tag_keys_are_the_keys_the_tag_views_give() {
        let tags = r#"[{"key": "a", "value": ""}, 7, {"value": "x"}, {"key": 1}, {"key": "b", "key": "c"},
            {"key": "{{env}}"}, {"k\u0065y": "d"}, {"key": "e", "x": 1}, [], {"key": "a"}]"#;
        let src = with_tags(tags);
        for (parsed, variables) in [(syntax::parse(src.as_bytes()), false), (syntax::parse_region(&src, 0), true)] {
            let view = RequestView::new(&parsed);
            let from_views: Vec<(u32, &str)> = view
                .tags()
                .filter_map(|tag| {
                    let ObjectKind::Tag(index) = tag.kind else { return None };
                    Some((index as u32, tag.tag_string(TagField::Key)?.value.value()))
                })
                .collect();
            let keys: Vec<(u32, &str)> = view.tag_keys().map(|(i, key)| (i, key.value())).collect();
            assert_eq!(keys, from_views);
            let skipped_variable = if variables { 5 } else { 6 };
            assert_eq!(keys.len(), skipped_variable, "{keys:?}");
        }
    }
}
