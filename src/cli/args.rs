//! Command-line arguments.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

/// Lint Huawei Cloud SDRS create-protected-instance requests
/// (POST /v1/{project_id}/protected-instances) before they are sent.
///
/// A subcommand name is recognised only as the first argument that is not an option; to lint a
/// file or directory named like one (`rules`, `config`), write `./rules`.
#[derive(Debug, Parser)]
#[command(name = "sdrs-lint", version)]
#[command(after_help = "Exit status: 0 no errors (warnings allowed; always 0 with --exit-zero), 1 at least one \
error (or warning, with --deny-warnings; with --diff, a change to apply), 2 usage, configuration or I/O error.\n\
Rule pages: `sdrs-lint rules`, `sdrs-lint rule <ID>`. Configuration: `sdrs-lint config [PATH]`. Shell \
completions: `sdrs-lint completions <SHELL>`.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: id, default severity, fix, summary (and the service errors it prevents).
    Rules,
    /// Print a rule's page: what it checks, why, examples.
    Rule {
        /// The rule id, such as `name-too-long`, or a service error code such as `SDRS.1305`
        /// (the pages of the rules that prevent it).
        id: String,
    },
    /// Run the language server on standard input and output (for editors).
    Lsp,
    /// Print the effective configuration for a path: rule severities and where each comes
    /// from, file selection and suppressions.
    Config {
        /// The file or directory whose configuration to show.
        #[arg(default_value = ".")]
        path: PathBuf,
        #[command(flatten)]
        settings: Settings,
    },
    /// Print what an inventory holds: the files read, their kinds and counts, duplicate IDs,
    /// and the files skipped and why (without PATH: the configuration's `[inventory] paths`).
    Inventory {
        /// Inventory files or directories.
        paths: Vec<PathBuf>,
    },
    /// Print a shell completion script (bash: `source <(sdrs-lint completions bash)`).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("fixing").args(["fix", "diff"])))]
pub struct LintArgs {
    /// Request files (`.json`, or `.http`/`.rest` request files), directories, glob patterns
    /// (quoted: 'requests/**/*.json'), or `-` for standard input [default: .]. Directories are
    /// walked for requests; files named here or matched by a pattern are always linted.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to FILE instead of standard output (replaced once the report is
    /// complete; the fixed text of `--fix -` still goes to standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Only the diagnostics: no summary line, no notes.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print how many findings each rule has, most first, instead of the findings (`[*]`: some
    /// are fixable with `--fix`). With `--format human` or `short`.
    #[arg(long)]
    pub statistics: bool,

    /// Exit with status 0 even when there are errors (2 still reports usage and I/O errors).
    #[arg(long)]
    pub exit_zero: bool,

    /// When to colour human output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Apply safe fixes to the files (atomically); with `-`, print the fixed text on standard
    /// output and the report of what remains on standard error.
    #[arg(long)]
    pub fix: bool,

    /// Also apply unsafe fixes (they change what is sent); needs `--fix` or `--diff`.
    #[arg(long, requires = "fixing")]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff and write nothing; exit 1 when there is a change.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// Print a rule's page and exit (same as `sdrs-lint rule <ID>`).
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,

    /// The name of standard input, for configuration discovery, `.http` detection and output.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Skip files named on the command line when the configuration's `exclude` matches them
    /// (named files are otherwise always linted); for pre-commit and editors.
    #[arg(long)]
    pub force_exclude: bool,

    /// Treat files named on the command line like walked ones: lint them only when they look
    /// like requests or match the configuration's `include` (for pre-commit, which names every
    /// `.json` file).
    #[arg(long)]
    pub only_requests: bool,

    /// Exit with status 2 when no request was linted (every file was skipped as not a request):
    /// for CI jobs that must check something.
    #[arg(long)]
    pub require_requests: bool,

    /// Say on standard error which configuration file applies to how many inputs, which files
    /// were not linted and why (excluded by the configuration, or not a request), and which
    /// requests of `.http` files were skipped (other endpoints). Files a directory walk does not
    /// visit (ignored, hidden, other extensions) are not listed.
    #[arg(short, long)]
    pub verbose: bool,

    /// Number of files linted at once (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    #[command(flatten)]
    pub settings: Settings,
}

/// Settings shared by linting and `sdrs-lint config`.
#[derive(Clone, Debug, Args)]
pub struct Settings {
    /// Use this configuration file for every input instead of the nearest `sdrs-lint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore configuration files: default severities, no include/exclude, no suppressions.
    #[arg(long)]
    pub isolated: bool,

    /// Make these rules errors (comma-separated ids; repeatable). Wins over the configuration.
    #[arg(long = "error", value_name = "RULE", value_delimiter = ',')]
    pub error: Vec<String>,

    /// Make these rules warnings (comma-separated ids; repeatable).
    #[arg(long = "warn", value_name = "RULE", value_delimiter = ',')]
    pub warn: Vec<String>,

    /// Turn these rules off (comma-separated ids; repeatable).
    #[arg(long = "off", value_name = "RULE", value_delimiter = ',')]
    pub off: Vec<String>,

    /// Exit with status 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Show at most N diagnostics per file (the first in source order) and count the rest;
    /// 0 shows them all.
    #[arg(long, value_name = "N", default_value_t = crate::DEFAULT_MAX_DIAGNOSTICS)]
    pub max_diagnostics: usize,

    /// Check requests against this inventory: saved responses of the cloud's list APIs, a
    /// file or a directory of `*.json` files (repeatable; replaces `[inventory] paths` of the
    /// configuration). See docs/inventory.md.
    #[arg(long, value_name = "PATH", conflicts_with = "no_inventory")]
    pub inventory: Vec<PathBuf>,

    /// Do not check against an inventory, even one the configuration names.
    #[arg(long)]
    pub no_inventory: bool,
}

impl Default for Settings {
    /// What no flag means (the language server uses it).
    fn default() -> Self {
        Settings {
            config: None,
            isolated: false,
            error: Vec::new(),
            warn: Vec::new(),
            off: Vec::new(),
            deny_warnings: false,
            max_diagnostics: crate::DEFAULT_MAX_DIAGNOSTICS,
            inventory: Vec::new(),
            no_inventory: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets with labels, help and fixes, and a summary line.
    Human,
    /// One line per diagnostic: `path:line:col: severity[rule-id]: message`.
    Short,
    /// One JSON document (schema in docs/json-output.md).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning upload).
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML: one test suite per file, one test case per rule.
    Junit,
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
