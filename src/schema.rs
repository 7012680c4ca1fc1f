//! The documented members of the request, from the spec's tables: names, types, whether required.

use crate::syntax::JsonType;

/// One documented member of an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberSpec {
    /// The member name, exactly as documented.
    pub name: &'static str,
    /// Whether the object must hold it.
    pub required: bool,
    /// The JSON type its value must have.
    pub ty: JsonType,
    /// What the reference says it means, for help texts.
    pub meaning: &'static str,
}

const fn member(name: &'static str, required: bool, ty: JsonType, meaning: &'static str) -> MemberSpec {
    MemberSpec { name, required, ty, meaning }
}

/// The root object.
pub const ROOT: &[MemberSpec] =
    &[member("protected_instance", true, JsonType::Object, "the protected instance to create")];

/// The `protected_instance` object, in the order of [`Field`].
pub const INSTANCE: &[MemberSpec] = &[
    member("server_group_id", true, JsonType::String, "the ID of the protection group to join"),
    member("server_id", true, JsonType::String, "the ID of the production-site server"),
    member("name", true, JsonType::String, "the protected instance's name (at most 64 bytes)"),
    member("description", false, JsonType::String, "a description (at most 64 bytes, no `<` or `>`)"),
    member("cluster_id", false, JsonType::String, "the ID of a dedicated distributed storage pool"),
    member("primary_subnet_id", false, JsonType::String, "the network ID of the DR-site server's primary NIC subnet"),
    member("primary_ip_address", false, JsonType::String, "the IPv4 address of the DR-site server's primary NIC"),
    member("flavorRef", false, JsonType::String, "the flavor of the DR-site server"),
    member("tenancy", false, JsonType::String, "where the DR-site server is created: `shared` or `dedicated`"),
    member("dedicated_host_id", false, JsonType::String, "the dedicated host for the DR-site server"),
    member("tags", false, JsonType::Array, "at most 10 tags, each `{\"key\": …, \"value\": …}`"),
];

/// A tag object.
pub const TAG: &[MemberSpec] = &[
    member("key", true, JsonType::String, "the tag key (1 to 36 characters)"),
    member("value", true, JsonType::String, "the tag value (0 to 43 characters)"),
];

/// A member of `protected_instance`; the discriminant indexes [`INSTANCE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `server_group_id`
    ServerGroupId,
    /// `server_id`
    ServerId,
    /// `name`
    Name,
    /// `description`
    Description,
    /// `cluster_id`
    ClusterId,
    /// `primary_subnet_id`
    PrimarySubnetId,
    /// `primary_ip_address`
    PrimaryIpAddress,
    /// `flavorRef`
    FlavorRef,
    /// `tenancy`
    Tenancy,
    /// `dedicated_host_id`
    DedicatedHostId,
    /// `tags`
    Tags,
}

impl Field {
    /// Every field, in [`INSTANCE`] order.
    pub const ALL: [Field; 11] = [
        Field::ServerGroupId,
        Field::ServerId,
        Field::Name,
        Field::Description,
        Field::ClusterId,
        Field::PrimarySubnetId,
        Field::PrimaryIpAddress,
        Field::FlavorRef,
        Field::Tenancy,
        Field::DedicatedHostId,
        Field::Tags,
    ];

    /// Members that name a resource by ID (`id-empty`, `doc-example-value`).
    pub const IDS: [Field; 6] = [
        Field::ServerGroupId,
        Field::ServerId,
        Field::PrimarySubnetId,
        Field::DedicatedHostId,
        Field::ClusterId,
        Field::FlavorRef,
    ];

    /// ID members whose values the service issues as UUIDs (`id-not-uuid`).
    pub const UUIDS: [Field; 4] =
        [Field::ServerGroupId, Field::ServerId, Field::PrimarySubnetId, Field::DedicatedHostId];

    /// The member name.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// JSON Pointer of the member.
    pub fn pointer(self) -> String {
        format!("/protected_instance/{}", self.name())
    }

    /// The documented spec.
    pub fn spec(self) -> &'static MemberSpec {
        &INSTANCE[self as usize]
    }
}

/// The index of `name` in `specs`.
pub fn find(specs: &[MemberSpec], name: &str) -> Option<usize> {
    specs.iter().position(|s| s.name == name)
}
