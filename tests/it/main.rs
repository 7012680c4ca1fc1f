//! The integration tests, compiled as one test crate (one link instead of thirteen). Each module
//! drives the public API or the `sdrs-lint` binary as a user would.

mod common;
mod corpus;

mod adversarial;
mod cli;
mod dependencies;
mod fixes;
mod formats;
mod http_files;
mod inventory;
mod jsontestsuite;
mod layers;
mod lsp;
mod metadata;
mod props;
mod repos;
mod rule_docs;
mod snapshots;
mod which_rule;
