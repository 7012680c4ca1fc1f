//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lint Huawei Cloud SDRS create-protected-instance requests
/// (POST /v1/{project_id}/protected-instances) before they are sent.
#[derive(Debug, Parser)]
#[command(name = "sdrs-lint", version, args_conflicts_with_subcommands = true)]
#[command(after_help = "Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 usage or I/O error.\n\
Rule pages: `sdrs-lint rules`, `sdrs-lint rule <ID>`.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: id, default severity, fix, summary.
    Rules,
    /// Print a rule's page: what it checks, why, examples.
    Rule {
        /// The rule id, such as `name-too-long`.
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Request files, directories (their `.json` files, recursively) or `-` for standard input.
    #[arg(value_name = "PATH", required_unless_present = "explain")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to colour human output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print a rule's page and exit (same as `sdrs-lint rule <ID>`).
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets with labels and help (miette).
    Human,
    /// One line per diagnostic: `path:line:col: severity[rule-id]: message`.
    Short,
    /// One JSON document (schema in docs/json-output.md).
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset or empty.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
