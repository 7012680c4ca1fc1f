//! The request: its documented members (one declaration) and the typed request programs build.

pub(crate) mod members;
mod typed;

pub use typed::{CreateProtectedInstanceRequest, ProtectedInstance, SerializedRequest, Tag, Tenancy};
