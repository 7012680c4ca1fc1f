//! The command line: arguments → configuration → inputs → lint → render → exit status.

mod args;
mod check;
mod config_cmd;
mod explain;
mod inputs;
mod lint;
mod lsp;
mod output;
mod settings;
mod unused;

use std::io::{self, Write};

use clap::Parser;

use args::{Cli, Command};

/// Exit statuses.
pub const OK: i32 = 0;
pub const LINT_ERRORS: i32 = 1;
pub const USAGE_OR_IO: i32 = 2;

/// Runs the command and returns the exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { USAGE_OR_IO } else { OK };
        }
    };
    let result = match (&cli.command, &cli.lint.explain) {
        (Some(Command::Rules), _) => explain::list(&mut io::stdout().lock()).map(|()| OK),
        (Some(Command::Rule { id }), _) | (None, Some(id)) => explain::page(&mut io::stdout().lock(), id),
        (Some(Command::Config { path, settings }), _) => config_cmd::run(&mut io::stdout().lock(), path, settings),
        (Some(Command::Lsp), _) => lsp::run(),
        (None, None) => check::run(&cli.lint),
    };
    match result {
        Ok(status) => status,
        // The reader went away (`sdrs-lint rules | head -1`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => OK,
        Err(e) => {
            let _ = writeln!(io::stderr(), "sdrs-lint: cannot write output: {e}");
            USAGE_OR_IO
        }
    }
}
