//! `sdrs-lint lsp`: the language server (being written).

use std::io;

/// Runs the language server until the client says `exit`; returns the exit status.
pub fn run() -> io::Result<i32> {
    Err(io::Error::other("the language server is not built yet"))
}
