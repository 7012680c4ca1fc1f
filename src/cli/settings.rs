//! Which configuration applies to each input: the nearest `sdrs-lint.toml` above it, the one
//! named by `--config`, or none with `--isolated`; then the command line's `--error`, `--warn`
//! and `--off` on top.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config};
use crate::{Level, Linter, Report, Severity, measure::similar};

use super::args::Settings;
use super::inventory;

/// A configuration file, read and parsed, with the linter it configures.
#[derive(Debug)]
pub struct Loaded {
    /// The file as shown to the user.
    pub display: String,
    /// The absolute directory its patterns are relative to.
    pub dir: PathBuf,
    /// Its text.
    pub text: String,
    /// Its settings.
    pub config: Config,
    /// Every rule at the severity it sets, with the command line's overrides on top.
    pub linter: Arc<Linter>,
}

impl Loaded {
    /// `path` relative to this configuration's directory, for pattern matching.
    pub fn relative<'p>(&self, path: &'p Path) -> std::borrow::Cow<'p, Path> {
        match std::path::absolute(path) {
            Ok(absolute) => match absolute.strip_prefix(&self.dir) {
                Ok(relative) => relative.to_path_buf().into(),
                Err(_) => path.into(),
            },
            Err(_) => path.into(),
        }
    }
}

/// A configuration file that could not be used.
#[derive(Debug)]
pub struct Broken {
    /// The file as shown to the user.
    pub display: String,
    /// Its text, when it could be read.
    pub text: String,
    /// Why: `invalid-config` diagnostics into `text`, or a read error.
    pub problem: Result<Report, String>,
}

/// Where an override came from, for `sdrs-lint config`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(usize),
    Flag(&'static str),
}

/// Resolves the configuration of each input, caching per directory.
pub struct Resolver {
    settings: Settings,
    overrides: Vec<(&'static str, Level, &'static str)>,
    fixed: Option<Option<Arc<Loaded>>>,
    by_dir: HashMap<PathBuf, Option<Arc<Loaded>>>,
    by_file: HashMap<PathBuf, Option<Arc<Loaded>>>,
    default_linter: Arc<Linter>,
    /// Configuration files that failed to load.
    pub broken: Vec<Broken>,
    /// Why the inventory cannot be used, one line each (a usage error).
    pub inventory_errors: Vec<String>,
    /// Configuration files in use despite problems (`invalid-config` set to a warning): their
    /// problems, reported once each.
    pub flawed: Vec<Broken>,
}

impl Resolver {
    /// Checks the command line's rule ids (an unknown id is a usage error) and loads
    /// `--config`.
    pub fn new(settings: &Settings) -> Result<Resolver, String> {
        let mut overrides = Vec::new();
        for (ids, severity, flag) in [
            (&settings.error, Level::Error, "--error"),
            (&settings.warn, Level::Warning, "--warn"),
            (&settings.off, Level::Off, "--off"),
        ] {
            for id in ids {
                let Some(rule) = crate::rule(id) else {
                    let mut message = format!("{flag} {id}: no such rule");
                    if let Some(close) = similar::closest(id, crate::rules().map(|r| r.id)) {
                        message.push_str(&format!("; did you mean `{close}`?"));
                    }
                    return Err(message);
                };
                overrides.push((rule.id, severity, flag));
            }
        }
        let mut resolver = Resolver {
            settings: settings.clone(),
            default_linter: Arc::new(Linter::new()),
            overrides,
            fixed: None,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            broken: Vec::new(),
            flawed: Vec::new(),
            inventory_errors: Vec::new(),
        };
        resolver.default_linter = Arc::new(resolver.linter(None, None));
        if settings.isolated {
            resolver.fixed = Some(None);
        } else if let Some(path) = &settings.config {
            let loaded = resolver.load(path);
            resolver.fixed = Some(loaded);
        }
        Ok(resolver)
    }

    /// Whether warnings fail the run.
    pub fn deny_warnings(&self) -> bool {
        self.settings.deny_warnings
    }

    /// The configuration for the input at `path` (`None`: standard input without a name,
    /// which uses the working directory's).
    pub fn for_input(&mut self, path: Option<&Path>) -> Option<Arc<Loaded>> {
        if let Some(fixed) = &self.fixed {
            return fixed.clone();
        }
        let start = match path {
            Some(p) if p.is_dir() => p.to_path_buf(),
            Some(p) => p.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            None => PathBuf::from("."),
        };
        let start = if start.as_os_str().is_empty() { PathBuf::from(".") } else { start };
        let absolute = std::path::absolute(&start).unwrap_or(start);
        self.discover(&absolute)
    }

    /// The nearest configuration at or above `dir`, caching every directory visited.
    fn discover(&mut self, dir: &Path) -> Option<Arc<Loaded>> {
        if let Some(found) = self.by_dir.get(dir) {
            return found.clone();
        }
        let candidate = dir.join(config::FILE_NAME);
        let found = if candidate.is_file() {
            self.load(&candidate)
        } else {
            dir.parent().and_then(|parent| self.discover(parent))
        };
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn load(&mut self, path: &Path) -> Option<Arc<Loaded>> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(loaded) = self.by_file.get(&absolute) {
            return loaded.clone();
        }
        let display = display_path(&absolute);
        let loaded = match std::fs::read_to_string(path) {
            Err(e) => {
                self.broken.push(Broken { display, text: String::new(), problem: Err(e.to_string()) });
                None
            }
            Ok(text) => {
                let (config, mut problems) = config::parse_lenient(&text);
                let severity = self.invalid_config_severity(config.as_ref());
                for problem in &mut problems {
                    problem.severity = severity.unwrap_or(Severity::Error);
                }
                match config {
                    // An error (the default) stops the run: a configuration half read would
                    // lint with settings nobody chose. Text that is not TOML is never used.
                    Some(config) if problems.is_empty() || severity != Some(Severity::Error) => {
                        if severity.is_some() && !problems.is_empty() {
                            let problem = Ok(Report::from_diagnostics(problems));
                            self.flawed.push(Broken { display: display.clone(), text: text.clone(), problem });
                        }
                        let dir = absolute.parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
                        let linter = Arc::new(self.linter(Some(&config), Some(&dir)));
                        Some(Arc::new(Loaded { display, dir, text, config, linter }))
                    }
                    _ => {
                        for problem in &mut problems {
                            problem.severity = Severity::Error;
                        }
                        let problem = Ok(Report::from_diagnostics(problems));
                        self.broken.push(Broken { display, text, problem });
                        None
                    }
                }
            }
        };
        self.by_file.insert(absolute, loaded.clone());
        loaded
    }

    /// The severity of `invalid-config` for a file whose valid settings are `config`: the
    /// command line's, else the file's own `[rules]`, else the default (an error).
    fn invalid_config_severity(&self, config: Option<&Config>) -> Option<Severity> {
        self.levels(config).severity(config::INVALID_CONFIG)
    }

    /// Defaults, then `config`'s severities and inventory (paths relative to `dir`), then the
    /// command line's.
    fn linter(&mut self, config: Option<&Config>, dir: Option<&Path>) -> Linter {
        let mut linter = self.levels(config);
        if let Some(paths) = self.paths_of(config, dir) {
            match inventory::load(&paths) {
                Ok(inventory) => {
                    linter.set_inventory(inventory);
                }
                Err(problems) => {
                    for problem in problems {
                        if !self.inventory_errors.contains(&problem) {
                            self.inventory_errors.push(problem);
                        }
                    }
                }
            }
        }
        linter
    }

    /// The inventory's paths: none with `--no-inventory`; those of `--inventory`; else those
    /// of `config`'s `[inventory] paths`, relative to its directory `dir`.
    fn paths_of(&self, config: Option<&Config>, dir: Option<&Path>) -> Option<Vec<PathBuf>> {
        if self.settings.no_inventory {
            return None;
        }
        if !self.settings.inventory.is_empty() {
            return Some(self.settings.inventory.clone());
        }
        let configured = config.map(|c| c.inventory.as_slice()).filter(|p| !p.is_empty())?;
        Some(configured.iter().map(|(p, _)| dir.map_or_else(|| PathBuf::from(p), |d| d.join(p))).collect())
    }

    /// The inventory paths that apply under `loaded` (or no configuration).
    pub fn inventory_paths(&mut self, loaded: Option<&Loaded>) -> Option<Vec<PathBuf>> {
        self.paths_of(loaded.map(|l| &l.config), loaded.map(|l| l.dir.as_path()))
    }

    /// Severities only: defaults, then `config`'s, then the command line's.
    fn levels(&self, config: Option<&Config>) -> Linter {
        let mut linter = Linter::new();
        // For JUnit's `time` attributes; a few microseconds per input.
        linter.set_timing(true);
        let max = self.settings.max_diagnostics;
        linter.set_max_diagnostics((max > 0).then_some(max));
        let file = config.map(|c| c.rules.iter().map(|r| (r.id, r.level))).into_iter().flatten();
        let flags = self.overrides.iter().map(|&(id, severity, _)| (id, severity));
        for (id, severity) in file.chain(flags) {
            let _ = linter.set_level(id, severity);
        }
        linter
    }

    /// The linter for inputs under `config`.
    pub fn linter_for(&self, config: Option<&Arc<Loaded>>) -> Arc<Linter> {
        config.map_or_else(|| self.default_linter.clone(), |c| c.linter.clone())
    }

    /// Each rule's effective severity and where it was set, for `sdrs-lint config`.
    pub fn effective(&self, config: Option<&Loaded>) -> Vec<(&'static str, Level, Origin)> {
        crate::rules()
            .map(|rule| {
                let mut setting = (rule.id, Level::from(rule.default_severity), Origin::Default);
                let file = config.map(|c| c.config.rules.iter().enumerate()).into_iter().flatten();
                for (i, r) in file.filter(|(_, r)| r.id == rule.id) {
                    setting = (rule.id, r.level, Origin::File(i));
                }
                for &(id, severity, flag) in self.overrides.iter().filter(|(id, ..)| *id == rule.id) {
                    setting = (id, severity, Origin::Flag(flag));
                }
                setting
            })
            .collect()
    }

    /// Whether configuration files are ignored.
    pub fn isolated(&self) -> bool {
        self.settings.isolated
    }
}

/// `path` relative to the working directory when it lies below it.
pub fn display_path(absolute: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd.as_deref().and_then(|cwd| absolute.strip_prefix(cwd).ok()).unwrap_or(absolute);
    shown.to_string_lossy().into_owned()
}
