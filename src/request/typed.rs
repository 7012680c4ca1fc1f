//! Building the typed request (declared with the member tables in [`super::members`]).

use super::members::{CreateProtectedInstanceRequest, ProtectedInstance, Tag};

impl Tag {
    /// A tag.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Tag { key: key.into(), value: value.into() }
    }
}

impl CreateProtectedInstanceRequest {
    /// A request with the three required members set.
    pub fn new(server_group_id: impl Into<String>, server_id: impl Into<String>, name: impl Into<String>) -> Self {
        CreateProtectedInstanceRequest {
            protected_instance: ProtectedInstance {
                server_group_id: server_group_id.into(),
                server_id: server_id.into(),
                name: name.into(),
                ..ProtectedInstance::default()
            },
        }
    }

    /// The request as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain structs with string keys always serialize; the empty fallback is unreachable.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
