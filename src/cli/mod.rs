//! The command line: arguments → configuration → inputs → lint → render → exit status.

mod args;
mod check;
mod config_cmd;
mod explain;
mod globs;
mod inputs;
mod inventory;
mod lint;
mod lsp;
mod output;
mod settings;
mod unused;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};

use args::{Cli, Command, Format, Settings};

/// Exit statuses.
pub const OK: i32 = 0;
pub const LINT_ERRORS: i32 = 1;
pub const USAGE_OR_IO: i32 = 2;

/// Runs the command and returns the exit status.
pub fn run() -> i32 {
    let mut cli = match parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(Usage::Clap(e)) => {
            let _ = e.print();
            return if e.use_stderr() { USAGE_OR_IO } else { OK };
        }
        Err(Usage::Message(message)) => {
            let _ = writeln!(io::stderr(), "sdrs-lint: {message}");
            return USAGE_OR_IO;
        }
    };
    let result = match (&cli.command, &cli.lint.explain) {
        (Some(Command::Rules), _) => explain::list(&mut io::stdout().lock()).map(|()| OK),
        (Some(Command::Rule { id }), _) | (None, Some(id)) => explain::page(&mut io::stdout().lock(), id),
        (Some(Command::Config { path, settings }), _) => config_cmd::run(&mut io::stdout().lock(), path, settings),
        (Some(Command::Lsp), _) => lsp::run(),
        (Some(Command::Inventory { paths }), _) => inventory_cmd(paths),
        (Some(Command::Completions { shell }), _) => {
            let mut out = io::stdout().lock();
            clap_complete::generate(*shell, &mut Cli::command(), "sdrs-lint", &mut out);
            out.flush().map(|()| OK)
        }
        (None, None) => match globs::expand(std::mem::take(&mut cli.lint.paths)) {
            Ok(paths) => {
                cli.lint.paths = paths;
                let exit_zero = cli.lint.exit_zero;
                check::run(&cli.lint).map(|status| if exit_zero && status == LINT_ERRORS { OK } else { status })
            }
            Err(message) => {
                let _ = writeln!(io::stderr(), "sdrs-lint: {}", crate::render::safe::one_line(&message));
                Ok(USAGE_OR_IO)
            }
        },
    };
    match result {
        Ok(status) => status,
        // The reader went away (`sdrs-lint rules | head -1`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => OK,
        Err(e) => {
            let _ = writeln!(
                io::stderr(),
                "sdrs-lint: cannot write output: {}",
                crate::render::safe::one_line(&e.to_string())
            );
            USAGE_OR_IO
        }
    }
}

/// `sdrs-lint inventory [PATH…]`: without paths, the inventory the configuration of the
/// working directory names.
fn inventory_cmd(paths: &[PathBuf]) -> io::Result<i32> {
    let paths = if paths.is_empty() {
        let configured = settings::Resolver::new(&args::Settings::default()).map(|mut r| {
            let loaded = r.for_input(None);
            r.inventory_paths(loaded.as_deref())
        });
        match configured {
            Ok(Some(paths)) => paths,
            Ok(None) | Err(_) => {
                writeln!(
                    io::stderr(),
                    "sdrs-lint: no inventory: give its files or directories (sdrs-lint inventory PATH), or set `[inventory] paths` in sdrs-lint.toml"
                )?;
                return Ok(USAGE_OR_IO);
            }
        }
    } else {
        paths.to_vec()
    };
    inventory::run(&mut io::stdout().lock(), &paths)
}

/// Why the command line cannot run.
enum Usage {
    /// clap's own error (or `--help`, `--version`).
    Clap(clap::Error),
    /// A combination clap does not check.
    Message(String),
}

/// Parses and checks the command line.
///
/// A subcommand is recognised as the first argument that is not an option, also after options
/// (`sdrs-lint --isolated config .`), never after a path (`sdrs-lint a.json rules` lints two
/// paths). Options given before a subcommand must apply to it: the configuration options apply
/// to `config`; the others are a usage error rather than being silently ignored.
fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Cli, Usage> {
    let matches = Cli::command().try_get_matches_from(args).map_err(Usage::Clap)?;
    let mut cli = Cli::from_arg_matches(&matches).map_err(Usage::Clap)?;
    if let Some((name, _)) = matches.subcommand() {
        let given = given_before(&matches);
        let misplaced: Vec<&String> = match name {
            "config" => given.iter().filter(|id| !SETTINGS.contains(&id.as_str())).collect(),
            _ => given.iter().collect(),
        };
        if let Some(id) = misplaced.first() {
            return Err(Usage::Message(format!(
                "{} does not apply to `sdrs-lint {name}`; to lint a path named `{name}`, write `./{name}`",
                flag(id)
            )));
        }
        if let Some(Command::Config { settings, .. }) = &mut cli.command {
            let sub = matches.subcommand_matches("config");
            *settings = merge(&cli.lint.settings, settings, sub);
            if settings.isolated && settings.config.is_some() {
                return Err(Usage::Message("--config cannot be used with --isolated".into()));
            }
        }
    }
    if cli.lint.statistics && !matches!(cli.lint.format, Format::Human | Format::Short) {
        return Err(Usage::Message("--statistics works with --format human or short".into()));
    }
    if cli.command.is_none() && cli.lint.explain.is_none() && cli.lint.paths.is_empty() {
        cli.lint.paths.push(PathBuf::from("."));
    }
    Ok(cli)
}

/// The ids of the options shared by linting and `config`.
const SETTINGS: [&str; 9] =
    ["config", "isolated", "error", "warn", "off", "deny_warnings", "max_diagnostics", "inventory", "no_inventory"];

/// The ids of the top-level arguments given on the command line (before a subcommand); groups,
/// which clap also lists, left out.
fn given_before(matches: &ArgMatches) -> Vec<String> {
    let command = Cli::command();
    matches
        .ids()
        .map(|id| id.as_str().to_string())
        .filter(|id| command.get_arguments().any(|a| a.get_id() == id.as_str()))
        .filter(|id| matches.value_source(id) == Some(ValueSource::CommandLine))
        .collect()
}

/// How the option with id `id` is written (`--verbose`, `PATH`).
fn flag(id: &str) -> String {
    let command = Cli::command();
    match command.get_arguments().find(|a| a.get_id() == id) {
        Some(arg) => match (arg.get_long(), arg.get_short()) {
            (Some(long), _) => format!("--{long}"),
            (None, Some(short)) => format!("-{short}"),
            (None, None) => format!("`{}`", arg.get_value_names().and_then(|v| v.first()).map_or(id, |v| v.as_str())),
        },
        None => format!("`{id}`"),
    }
}

/// `sdrs-lint [SETTINGS] config [PATH] [SETTINGS]`: the settings given before the subcommand,
/// then those given after it.
fn merge(before: &Settings, after: &Settings, after_matches: Option<&ArgMatches>) -> Settings {
    let explicit = |id: &str| after_matches.is_some_and(|m| m.value_source(id) == Some(ValueSource::CommandLine));
    let concat = |a: &[String], b: &[String]| a.iter().chain(b).cloned().collect();
    Settings {
        config: after.config.clone().or_else(|| before.config.clone()),
        isolated: before.isolated || after.isolated,
        error: concat(&before.error, &after.error),
        warn: concat(&before.warn, &after.warn),
        off: concat(&before.off, &after.off),
        deny_warnings: before.deny_warnings || after.deny_warnings,
        max_diagnostics: if explicit("max_diagnostics") { after.max_diagnostics } else { before.max_diagnostics },
        inventory: before.inventory.iter().chain(&after.inventory).cloned().collect(),
        no_inventory: before.no_inventory || after.no_inventory,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Result<Cli, String> {
        let args = std::iter::once("sdrs-lint").chain(args.iter().copied()).map(OsString::from);
        parse(args).map_err(|e| match e {
            Usage::Clap(e) => e.kind().to_string(),
            Usage::Message(m) => m,
        })
    }

    #[test]
    fn a_subcommand_after_options_is_a_subcommand_and_after_a_path_a_path() {
        let cli = parsed(&["--isolated", "config", "."]).unwrap();
        assert!(matches!(&cli.command, Some(Command::Config { settings, .. }) if settings.isolated));
        let cli = parsed(&["config", "--off", "name-empty", "."]).unwrap();
        assert!(matches!(&cli.command, Some(Command::Config { settings, .. }) if settings.off == ["name-empty"]));
        let cli = parsed(&["a.json", "rules"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.lint.paths, [PathBuf::from("a.json"), PathBuf::from("rules")]);
        let cli = parsed(&["./config"]).unwrap();
        assert_eq!(cli.lint.paths, [PathBuf::from("./config")]);
    }

    #[test]
    fn options_that_do_not_apply_to_a_subcommand_are_usage_errors() {
        assert_eq!(
            parsed(&["-v", "rules"]).err().unwrap(),
            "--verbose does not apply to `sdrs-lint rules`; to lint a path named `rules`, write `./rules`"
        );
        assert!(parsed(&["--format", "json", "config"]).err().unwrap().starts_with("--format does not apply"));
        assert!(parsed(&["--isolated", "lsp"]).err().unwrap().starts_with("--isolated does not apply"));
        assert_eq!(
            parsed(&["--config", "a.toml", "config", "--isolated"]).err().unwrap(),
            "--config cannot be used with --isolated"
        );
    }

    #[test]
    fn no_path_means_the_working_directory() {
        assert_eq!(parsed(&[]).unwrap().lint.paths, [PathBuf::from(".")]);
        assert!(parsed(&["--explain", "name-empty"]).unwrap().lint.paths.is_empty());
    }

    #[test]
    fn unsafe_fixes_need_fix_or_diff_and_statistics_a_text_format() {
        assert!(parsed(&["--unsafe-fixes", "a.json"]).is_err());
        assert!(parsed(&["--fix", "--unsafe-fixes", "a.json"]).is_ok());
        assert!(parsed(&["--diff", "--unsafe-fixes", "a.json"]).is_ok());
        assert!(parsed(&["--fix", "--diff", "a.json"]).is_err());
        assert_eq!(
            parsed(&["--statistics", "-f", "json"]).err().unwrap(),
            "--statistics works with --format human or short"
        );
        assert!(parsed(&["-q", "-v"]).is_err());
    }
}
