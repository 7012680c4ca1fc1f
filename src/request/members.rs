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
    /// Its documented limits and effects, for editors' hover text.
    pub limits: &'static str,
}

const fn member(
    name: &'static str,
    required: bool,
    ty: JsonType,
    meaning: &'static str,
    limits: &'static str,
) -> MemberSpec {
    MemberSpec { name, required, ty, meaning, limits }
}

/// The root object.
pub const ROOT: &[MemberSpec] = &[member(
    "protected_instance",
    true,
    JsonType::Object,
    "the protected instance to create",
    "The only member of the request body.",
)];

/// The `protected_instance` object, in the order of [`Field`].
pub const INSTANCE: &[MemberSpec] = &[
    member(
        "server_group_id",
        true,
        JsonType::String,
        "the ID of the protection group to join",
        "A UUID issued by the service. The group must be `available` or `protected`, and in the server's VPC.",
    ),
    member(
        "server_id",
        true,
        JsonType::String,
        "the ID of the production-site server",
        "A UUID issued by the service. The DR-site server is created automatically. The server must not already belong to a protected instance.",
    ),
    member(
        "name",
        true,
        JsonType::String,
        "the protected instance's name (at most 64 bytes)",
        "At most 64 UTF-8 bytes (21 Chinese characters fit, 22 do not). Only Chinese characters (U+4E00–U+9FFF), ASCII letters and digits, `.`, `_` and `-`.",
    ),
    member(
        "description",
        false,
        JsonType::String,
        "a description (at most 64 bytes, no `<` or `>`)",
        "At most 64 UTF-8 bytes. Must not contain `<` or `>`.",
    ),
    member(
        "cluster_id",
        false,
        JsonType::String,
        "the ID of a dedicated distributed storage pool",
        "The ID of a dedicated distributed storage pool.",
    ),
    member(
        "primary_subnet_id",
        false,
        JsonType::String,
        "the network ID of the DR-site server's primary NIC subnet",
        "The VPC API's `neutron_network_id` of the subnet.",
    ),
    member(
        "primary_ip_address",
        false,
        JsonType::String,
        "the IPv4 address of the DR-site server's primary NIC",
        "A dotted-decimal IPv4 address. Takes effect only when `primary_subnet_id` is given; with a subnet and no address, one is assigned automatically.",
    ),
    member(
        "flavorRef",
        false,
        JsonType::String,
        "the flavor of the DR-site server",
        "Defaults to the production server's flavor.",
    ),
    member(
        "tenancy",
        false,
        JsonType::String,
        "where the DR-site server is created: `shared` or `dedicated`",
        "`shared` (the default: the shared resource pool) or `dedicated` (a dedicated host).",
    ),
    member(
        "dedicated_host_id",
        false,
        JsonType::String,
        "the dedicated host for the DR-site server",
        "Takes effect only when `tenancy` is `dedicated`; without it the service picks a host.",
    ),
    member(
        "tags",
        false,
        JsonType::Array,
        "at most 10 tags, each `{\"key\": …, \"value\": …}`",
        "At most 10 tags; keys unique within the request.",
    ),
];

/// A tag object.
pub const TAG: &[MemberSpec] = &[
    member(
        "key",
        true,
        JsonType::String,
        "the tag key (1 to 36 characters)",
        "1 to 36 Unicode characters; no ASCII control characters (0–31) and none of `* < > \\ = , | /`; unique among the tags.",
    ),
    member(
        "value",
        true,
        JsonType::String,
        "the tag value (0 to 43 characters)",
        "0 to 43 Unicode characters (may be empty); no ASCII control characters (0–31) and none of `* < > \\ = , | /`.",
    ),
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
    #[allow(clippy::indexing_slicing)] // In bounds: the assertion below ties `Field` to `INSTANCE`.
    pub fn spec(self) -> &'static MemberSpec {
        &INSTANCE[self as usize]
    }
}

const _: () = assert!(INSTANCE.len() == Field::ALL.len(), "every field indexes INSTANCE");

/// The index of `name` in `specs`.
pub fn find(specs: &[MemberSpec], name: &str) -> Option<usize> {
    specs.iter().position(|s| s.name == name)
}
