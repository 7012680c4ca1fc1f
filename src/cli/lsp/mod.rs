//! `sdrs-lint lsp`: a language server over standard input and output, for editors.
//!
//! It publishes the linter's diagnostics as the user types (full document sync), configured
//! like the command line by the nearest `sdrs-lint.toml`; offers each diagnostic's fix as a
//! quick fix and all safe fixes as one `source.fixAll` action; documents member names on
//! hover; and completes member names and `tenancy` values.
//!
//! - `server`: the message loop and lifecycle;
//! - `documents`: the open documents and what their URIs say (file path, `.http`);
//! - `analysis`: configuration and linting of one document;
//! - `convert`: byte offsets ↔ positions in the negotiated encoding;
//! - `diagnostics`, `code_actions`, `hover`, `completion`: the features;
//! - `locate`: which request body and documented object hold a cursor.

mod analysis;
mod code_actions;
mod completion;
mod convert;
mod diagnostics;
mod documents;
mod hover;
mod locate;
mod server;

use std::io::{self, Write};

use lsp_server::Connection;

use server::{End, Server};

/// Runs the language server until the client says `exit`; returns the exit status: 0 after
/// `shutdown` then `exit`, 1 when the client exits without `shutdown` or goes away.
pub fn run() -> io::Result<i32> {
    let (connection, io_threads) = Connection::stdio();
    let end = Server::new(&connection).serve();
    // The writer thread ends once every sender is gone, after flushing what was sent.
    drop(connection);
    if let Err(e) = io_threads.join() {
        writeln!(io::stderr(), "sdrs-lint lsp: {e}")?;
        return Ok(1);
    }
    Ok(match end {
        End::Exit => 0,
        End::Abrupt => 1,
    })
}
