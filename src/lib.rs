//! Lint the body of Huawei Cloud SDRS's *create a protected instance* request
//! (`POST /v1/{project_id}/protected-instances`) before it is sent.
//!
//! Every documented constraint is a rule with a stable id (see [`rules()`]); each finding is a
//! [`Diagnostic`] with byte spans into the source, a message, help and sometimes a [`Fix`].
//! Diagnostics implement [`miette::Diagnostic`]. Nothing here touches the network, the terminal
//! or the file system.
//!
//! ```
//! let body = r#"{"protected_instance": {
//!     "server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90",
//!     "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47",
//!     "name": "web 01"
//! }}"#;
//! let report = sdrs_lint::lint(body);
//! assert!(report.has_errors());
//! let d = &report.diagnostics()[0];
//! assert_eq!(d.rule, "name-invalid-char");
//! assert_eq!(&body[d.primary.span.range()], " ");
//! assert_eq!(d.pointer, "/protected_instance/name");
//! ```
//!
//! To build a request in code and check it, see [`CreateProtectedInstanceRequest`].

#![warn(missing_docs)]
// No panics by construction: fallible lookups (`get`) instead of indexing, and no
// `unwrap`/`expect`/`panic!` outside tests; arbitrary input must never abort a lint.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

/// The command line and the language server (the `sdrs-lint` binary calls [`cli::run`]). Not
/// part of the library's API: it may change in any release.
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
#[cfg(feature = "config")]
pub mod config;
mod diagnostic;
mod engine;
pub(crate) mod fix;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod input;
mod inventory;
pub(crate) mod lines;
pub(crate) mod measure;
pub(crate) mod pointer;
pub mod render;
mod request;
pub(crate) mod rules;
mod span;
pub(crate) mod syntax;
pub(crate) mod text;
mod validate;
pub(crate) mod view;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Level, Severity, SourceFile};
pub use engine::{DEFAULT_MAX_DIAGNOSTICS, InputKind, LintError, Linter, Report, SkippedRequest, UnknownRule};
pub use fix::Fixed;
pub use inventory::{Duplicate, Inventory, InventoryError, InventoryFile, Kind as InventoryKind};
pub use request::{CreateProtectedInstanceRequest, ProtectedInstance, Tag, Tenancy};
pub use rules::RuleMeta;
pub use span::Span;
pub use validate::SerializedRequest;

/// The README's Rust examples, compiled and run as doc tests so they cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;

/// Lints a request body with every rule at its default severity.
pub fn lint(text: &str) -> Report {
    Linter::default().lint(text)
}

/// Lints a request body given as bytes (invalid UTF-8 is diagnosed, not an error).
pub fn lint_bytes(bytes: &[u8]) -> Report {
    Linter::default().lint_bytes(bytes)
}

/// Every rule, sorted by id: the request rules and the two the tool reports about its own
/// configuration (`invalid-config`, `unused-suppression`).
pub fn rules() -> impl Iterator<Item = &'static RuleMeta> {
    rules::all().iter().copied()
}

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static RuleMeta> {
    rules::find(id)
}
