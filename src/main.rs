//! The `sdrs-lint` command.

// As in the library: no panics by construction (see `src/lib.rs`).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

mod cli;

fn main() {
    std::process::exit(cli::run());
}
