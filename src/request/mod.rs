//! The request: its documented members (one declaration) and the typed request programs build.

pub(crate) mod members;
mod typed;

pub use members::{CreateProtectedInstanceRequest, ProtectedInstance, Tag, Tenancy};
