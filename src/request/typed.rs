//! Building the typed request (declared with the member tables in [`super::members`]).

use std::collections::BTreeMap;

use super::members::{CreateProtectedInstanceRequest, ProtectedInstance, Tag};

impl Tag {
    /// A tag.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Tag { key: key.into(), value: value.into(), extra: BTreeMap::new() }
    }
}

impl ProtectedInstance {
    /// A `protected_instance` with the three required members set and no optional one.
    pub fn new(server_group_id: impl Into<String>, server_id: impl Into<String>, name: impl Into<String>) -> Self {
        ProtectedInstance {
            server_group_id: server_group_id.into(),
            server_id: server_id.into(),
            name: name.into(),
            ..ProtectedInstance::default()
        }
    }
}

impl CreateProtectedInstanceRequest {
    /// A request with the three required members set.
    pub fn new(server_group_id: impl Into<String>, server_id: impl Into<String>, name: impl Into<String>) -> Self {
        CreateProtectedInstanceRequest::from(ProtectedInstance::new(server_group_id, server_id, name))
    }

    /// The request as pretty-printed JSON: the documented members, then any [`Self::extra`]
    /// ones it was read with.
    pub fn to_json(&self) -> String {
        // Plain structs with string keys always serialize; the empty fallback is unreachable.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The request holding `protected_instance`.
impl From<ProtectedInstance> for CreateProtectedInstanceRequest {
    fn from(protected_instance: ProtectedInstance) -> Self {
        CreateProtectedInstanceRequest { protected_instance, extra: BTreeMap::new() }
    }
}
