//! The request's shape, declared once: for each documented object, its members with their
//! JSON names, types, whether required, roles, meanings and limits. From this one declaration
//! come the member tables the rules read, the typed `Field` enums, the typed request structs
//! programs build (with their serde names), and the hover and completion texts of the language
//! server. Adding an API member is one entry here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::syntax::JsonType;

/// What a member is to the rules beyond its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// An ID the service issues as a UUID (`id-empty`, `id-not-uuid`, `doc-example-value`).
    Uuid,
    /// Another ID (`id-empty`, `doc-example-value`).
    Id,
    /// Anything else.
    Plain,
}

/// One documented member of an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MemberSpec {
    /// The member name, exactly as documented.
    pub name: &'static str,
    /// Whether the object must hold it.
    pub required: bool,
    /// The JSON type its value must have.
    pub ty: JsonType,
    /// What it is to the rules.
    pub role: Role,
    /// What the reference says it means, for help texts.
    pub meaning: &'static str,
    /// Its documented limits and effects, for editors' hover text.
    pub limits: &'static str,
}

/// Declares a documented object: the typed struct programs build, its member table and a
/// `Copy` enum naming its members (discriminants index the table). Required members come
/// first, as in the reference's tables.
macro_rules! declare_object {
    (
        $(#[$struct_doc:meta])*
        struct $name:ident, table $table:ident, fields $fields:ident {
            required {$(
                $(#[$req_doc:meta])*
                $req_variant:ident $req_field:ident: $req_ty:ty = $req_json:literal as $req_kind:ident, $req_role:ident,
                    meaning $req_meaning:literal, limits $req_limits:literal;
            )*}
            optional {$(
                $(#[$opt_doc:meta])*
                $opt_variant:ident $opt_field:ident: $opt_ty:ty = $opt_json:literal as $opt_kind:ident, $opt_role:ident,
                    meaning $opt_meaning:literal, limits $opt_limits:literal;
            )*}
        }
    ) => {
        $(#[$struct_doc])*
        ///
        /// Members may be added as the API grows (the struct is `#[non_exhaustive]`): build it
        /// with its constructor or [`Default`] and set members by name.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$req_doc])*
                #[serde(rename = $req_json)]
                pub $req_field: $req_ty,
            )*
            $(
                $(#[$opt_doc])*
                #[serde(rename = $opt_json, default, skip_serializing_if = "Option::is_none")]
                pub $opt_field: Option<$opt_ty>,
            )*
            /// Members the API does not document (a misspelled `flavorref`), kept when the
            /// object is deserialized so that nothing read is lost: they are serialized again
            /// after the documented members, and linting reports each (`unknown-field`). Empty
            /// for an object built in code.
            #[serde(flatten)]
            pub extra: BTreeMap<String, serde_json::Value>,
        }

        /// The documented members, in the reference's order.
        pub(crate) const $table: &[MemberSpec] = &[
            $(MemberSpec {
                name: $req_json,
                required: true,
                ty: JsonType::$req_kind,
                role: Role::$req_role,
                meaning: $req_meaning,
                limits: $req_limits,
            },)*
            $(MemberSpec {
                name: $opt_json,
                required: false,
                ty: JsonType::$opt_kind,
                role: Role::$opt_role,
                meaning: $opt_meaning,
                limits: $opt_limits,
            },)*
        ];

        /// A documented member; the discriminant indexes the table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub(crate) enum $fields {
            $($req_variant,)*
            $($opt_variant,)*
        }

        impl $fields {
            /// Every member, in table order.
            #[allow(dead_code)] // Not every object's members are iterated.
            pub const ALL: &[$fields] = &[$($fields::$req_variant,)* $($fields::$opt_variant,)*];

            /// The documented spec.
            #[allow(clippy::indexing_slicing)] // In bounds: one variant per table entry, in order.
            #[allow(dead_code)] // Tags' members are found by position (`ObjectView::tag_text`).
            pub fn spec(self) -> &'static MemberSpec {
                &$table[self as usize]
            }

            /// The member name.
            #[allow(dead_code)] // Tags' members are found by position (`ObjectView::tag_text`).
            pub fn name(self) -> &'static str {
                self.spec().name
            }
        }
    };
}

declare_object! {
    /// The body of `POST /v1/{project_id}/protected-instances`.
    ///
    /// ```
    /// use sdrs_lint::{CreateProtectedInstanceRequest, Tag, Tenancy};
    ///
    /// let mut request = CreateProtectedInstanceRequest::new(
    ///     "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90",
    ///     "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47",
    ///     "web-01",
    /// );
    /// request.protected_instance.tenancy = Some(Tenancy::Dedicated);
    /// request.protected_instance.dedicated_host_id = Some("7d1e4c2a-3b5f-4e6d-8a9c-0b1f2e3d4c5a".into());
    /// request.protected_instance.tags = Some(vec![Tag::new("env", "prod")]);
    ///
    /// // The JSON to send, or every reason the service would reject it.
    /// let body = request.validate()?;
    /// assert!(body.contains("\"tenancy\": \"dedicated\""));
    /// # Ok::<(), sdrs_lint::LintError>(())
    /// ```
    struct CreateProtectedInstanceRequest, table ROOT, fields RootField {
        required {
            /// The protected instance to create.
            ProtectedInstance protected_instance: ProtectedInstance = "protected_instance" as Object, Plain,
                meaning "the protected instance to create",
                limits "The only member of the request body.";
        }
        optional {}
    }
}

declare_object! {
    /// The `protected_instance` object.
    struct ProtectedInstance, table INSTANCE, fields Field {
        required {
            /// ID of the protection group to join.
            ServerGroupId server_group_id: String = "server_group_id" as String, Uuid,
                meaning "the ID of the protection group to join",
                limits "A UUID issued by the service. The group must be `available` or `protected`, and in the server's VPC.";
            /// ID of the production-site server; the DR-site server is created automatically.
            ServerId server_id: String = "server_id" as String, Uuid,
                meaning "the ID of the production-site server",
                limits "A UUID issued by the service. The DR-site server is created automatically. The server must not already belong to a protected instance.";
            /// At most 64 bytes of Chinese characters, ASCII letters and digits, `.`, `_` and `-`.
            Name name: String = "name" as String, Plain,
                meaning "the protected instance's name (at most 64 bytes)",
                limits "At most 64 UTF-8 bytes (21 Chinese characters fit, 22 do not). Only Chinese characters (U+4E00–U+9FFF), ASCII letters and digits, `.`, `_` and `-`.";
        }
        optional {
            /// At most 64 bytes, without `<` or `>`.
            Description description: String = "description" as String, Plain,
                meaning "a description (at most 64 bytes, no `<` or `>`)",
                limits "At most 64 UTF-8 bytes. Must not contain `<` or `>`.";
            /// ID of a dedicated distributed storage pool.
            ClusterId cluster_id: String = "cluster_id" as String, Id,
                meaning "the ID of a dedicated distributed storage pool",
                limits "The ID of a dedicated distributed storage pool.";
            /// Network ID of the subnet of the DR-site server's primary NIC.
            PrimarySubnetId primary_subnet_id: String = "primary_subnet_id" as String, Uuid,
                meaning "the network ID of the DR-site server's primary NIC subnet",
                limits "The VPC API's `neutron_network_id` of the subnet.";
            /// IPv4 address of the DR-site server's primary NIC; needs `primary_subnet_id`.
            PrimaryIpAddress primary_ip_address: String = "primary_ip_address" as String, Plain,
                meaning "the IPv4 address of the DR-site server's primary NIC",
                limits "A dotted-decimal IPv4 address. Takes effect only when `primary_subnet_id` is given; with a subnet and no address, one is assigned automatically.";
            /// Flavor of the DR-site server; defaults to the production server's.
            FlavorRef flavor_ref: String = "flavorRef" as String, Id,
                meaning "the flavor of the DR-site server",
                limits "Defaults to the production server's flavor.";
            /// Where the DR-site server is created.
            Tenancy tenancy: Tenancy = "tenancy" as String, Plain,
                meaning "where the DR-site server is created: `shared` or `dedicated`",
                limits "`shared` (the default: the shared resource pool) or `dedicated` (a dedicated host).";
            /// Dedicated host ID; takes effect only with [`Tenancy::Dedicated`].
            DedicatedHostId dedicated_host_id: String = "dedicated_host_id" as String, Uuid,
                meaning "the dedicated host for the DR-site server",
                limits "Takes effect only when `tenancy` is `dedicated`; without it the service picks a host.";
            /// At most 10 tags with unique keys.
            Tags tags: Vec<Tag> = "tags" as Array, Plain,
                meaning "at most 10 tags, each `{\"key\": …, \"value\": …}`",
                limits "At most 10 tags; keys unique within the request.";
        }
    }
}

declare_object! {
    /// A tag: `key` of 1–36 characters, `value` of 0–43, neither holding controls or
    /// `* < > \ = , | /`.
    struct Tag, table TAG, fields TagField {
        required {
            /// The key.
            Key key: String = "key" as String, Plain,
                meaning "the tag key (1 to 36 characters)",
                limits "1 to 36 Unicode characters; no ASCII control characters (0–31) and none of `* < > \\ = , | /`; unique among the tags.";
            /// The value.
            Value value: String = "value" as String, Plain,
                meaning "the tag value (0 to 43 characters)",
                limits "0 to 43 Unicode characters (may be empty); no ASCII control characters (0–31) and none of `* < > \\ = , | /`.";
        }
        optional {}
    }
}

/// Where the DR-site server is created: the values of `tenancy`. Values may be added as the
/// API grows (`#[non_exhaustive]`): a `match` needs a wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Tenancy {
    /// The shared resource pool (the service's default).
    #[serde(rename = "shared")]
    Shared,
    /// A dedicated host.
    #[serde(rename = "dedicated")]
    Dedicated,
}

impl Tenancy {
    /// Every value, in the reference's order.
    pub const ALL: [Tenancy; 2] = [Tenancy::Shared, Tenancy::Dedicated];

    /// The value as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Tenancy::Shared => "shared",
            Tenancy::Dedicated => "dedicated",
        }
    }

    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
    /// What it means, for editors' completion.
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            Tenancy::Shared => "the shared resource pool (the default)",
            Tenancy::Dedicated => "a dedicated host (see `dedicated_host_id`)",
        }
    }
}

impl Field {
    /// Members that name a resource by ID (`id-empty`, `doc-example-value`).
    pub fn is_id(self) -> bool {
        matches!(self.spec().role, Role::Uuid | Role::Id)
    }

    /// ID members whose values the service issues as UUIDs (`id-not-uuid`).
    pub fn is_uuid(self) -> bool {
        self.spec().role == Role::Uuid
    }

    /// JSON Pointer of the member.
    pub fn pointer(self) -> String {
        format!("/protected_instance/{}", self.name())
    }
}

/// A documented object of the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Documented {
    /// The request body.
    Root,
    /// `protected_instance`.
    Instance,
    /// An element of `tags`.
    Tag,
}

impl Documented {
    /// The documented members.
    pub fn spec(self) -> &'static [MemberSpec] {
        match self {
            Documented::Root => ROOT,
            Documented::Instance => INSTANCE,
            Documented::Tag => TAG,
        }
    }

    /// How messages name the object.
    pub fn describe(self) -> &'static str {
        match self {
            Documented::Root => "the request body",
            Documented::Instance => "`protected_instance`",
            Documented::Tag => "this tag",
        }
    }

    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
    /// What the value of member `name` of this object is: a documented object, or an array
    /// of them.
    pub fn holds(self, name: &str) -> Option<Held> {
        match (self, name) {
            (Documented::Root, _) if name == RootField::ProtectedInstance.name() => {
                Some(Held::Object(Documented::Instance))
            }
            (Documented::Instance, _) if name == Field::Tags.name() => Some(Held::ArrayOf(Documented::Tag)),
            _ => None,
        }
    }
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
/// What a member holds, when it holds documented objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Held {
    /// A documented object.
    Object(Documented),
    /// An array whose elements are documented objects.
    ArrayOf(Documented),
}

/// The index of `name` in `specs`.
pub(crate) fn find(specs: &[MemberSpec], name: &str) -> Option<usize> {
    // Lengths first, then bytes in line: the names are short, and a call to `memcmp` per
    // comparison costs more than the comparison.
    specs.iter().position(|s| s.name.len() == name.len() && s.name.bytes().zip(name.bytes()).all(|(a, b)| a == b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typed_request_serialises_with_the_declared_names_in_order() {
        let mut request = CreateProtectedInstanceRequest::new("g", "s", "n");
        let instance = &mut request.protected_instance;
        instance.description = Some("d".into());
        instance.cluster_id = Some("c".into());
        instance.primary_subnet_id = Some("p".into());
        instance.primary_ip_address = Some("10.0.0.5".into());
        instance.flavor_ref = Some("f".into());
        instance.tenancy = Some(Tenancy::Dedicated);
        instance.dedicated_host_id = Some("h".into());
        instance.tags = Some(vec![Tag::new("k", "v")]);
        let value = serde_json::to_value(&request).unwrap_or_default();
        let names = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
        };
        assert_eq!(names(&value), ROOT.iter().map(|s| s.name).collect::<Vec<_>>());
        let mut instance_names = names(&value["protected_instance"]);
        let mut declared: Vec<&str> = INSTANCE.iter().map(|s| s.name).collect();
        instance_names.sort();
        declared.sort();
        assert_eq!(instance_names, declared);
        assert_eq!(names(&value["protected_instance"]["tags"][0]), TAG.iter().map(|s| s.name).collect::<Vec<_>>());
    }

    #[test]
    fn tenancy_values_serialise_as_declared() {
        for tenancy in Tenancy::ALL {
            assert_eq!(serde_json::to_value(tenancy).ok(), Some(serde_json::Value::from(tenancy.as_str())));
        }
    }

    #[test]
    fn fields_index_their_tables() {
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(field.spec(), &INSTANCE[i]);
        }
        for (i, field) in TagField::ALL.iter().enumerate() {
            assert_eq!(field.spec(), &TAG[i]);
        }
        assert_eq!(RootField::ProtectedInstance.name(), "protected_instance");
        let ids: Vec<&str> = Field::ALL.iter().filter(|f| f.is_id()).map(|f| f.name()).collect();
        assert_eq!(
            ids,
            ["server_group_id", "server_id", "cluster_id", "primary_subnet_id", "flavorRef", "dedicated_host_id"]
        );
    }
}
