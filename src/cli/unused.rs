//! `unused-suppression`: `[[suppress]]` entries that silenced nothing, and `paths` patterns
//! that match no file. Judged only for configurations whose whole directory the run walked:
//! a run given a few files (pre-commit), standard input or a subdirectory cannot tell whether
//! an entry is used elsewhere.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Diagnostic;

use super::lint::{Job, Outcome};
use super::settings::Loaded;

/// The directories a run walks, absolute.
pub struct Coverage(Vec<PathBuf>);

impl Coverage {
    /// The walked directories among the command line's paths.
    pub fn new(paths: &[PathBuf]) -> Coverage {
        Coverage(paths.iter().filter(|p| p.is_dir()).filter_map(|p| std::path::absolute(p).ok()).collect())
    }

    /// Whether every file below `dir` was considered.
    fn covers(&self, dir: &Path) -> bool {
        self.0.iter().any(|root| dir.starts_with(root))
    }
}

/// What the run did with one configuration's suppressions.
#[derive(Default)]
struct Usage {
    /// Paths (relative to the configuration) of every input considered under it.
    considered: Vec<PathBuf>,
    /// Per entry: linted files it covered, and whether it silenced anything.
    entries: BTreeMap<usize, (usize, bool)>,
}

/// The `unused-suppression` diagnostics of the run, per configuration file (by display name).
pub fn find(jobs: &[Job], outcomes: &[Outcome], coverage: &Coverage) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut usage: BTreeMap<String, (Arc<Loaded>, Usage)> = BTreeMap::new();
    for job in jobs {
        let (Some(config), Some(path)) = (&job.config, &job.input.path) else { continue };
        if !coverage.covers(&config.dir) {
            continue;
        }
        let (_, u) = usage.entry(config.display.clone()).or_insert_with(|| (config.clone(), Usage::default()));
        u.considered.push(config.relative(path).into_owned());
    }
    for linted in outcomes.iter().filter_map(|o| if let Outcome::Linted(l) = o { Some(l) } else { None }) {
        let Some((_, u)) = linted.config.as_ref().and_then(|c| usage.get_mut(&c.display)) else { continue };
        for &i in &linted.covered_by {
            let (files, used) = u.entries.entry(i).or_default();
            *files += 1;
            *used |= linted.used.contains(&i);
        }
    }
    usage
        .into_iter()
        .map(|(name, (config, u))| (name, diagnostics(&config, &u)))
        .filter(|(_, found)| !found.is_empty())
        .collect()
}

fn diagnostics(config: &Loaded, usage: &Usage) -> Vec<Diagnostic> {
    let Some(severity) = config.linter.severity(crate::config::UNUSED_SUPPRESSION) else { return Vec::new() };
    let mut found = Vec::new();
    for (i, entry) in config.config.suppressions.iter().enumerate() {
        let patterns = &entry.paths;
        let unmatched: Vec<usize> = (0..patterns.patterns.len())
            .filter(|&k| patterns.patterns.get(k).is_some_and(|p| !p.starts_with('!')))
            .filter(|&k| !usage.considered.iter().any(|path| patterns.pattern_matches(k, path)))
            .collect();
        for &k in &unmatched {
            let (Some(pattern), Some(&span)) = (patterns.patterns.get(k), patterns.spans.get(k)) else { continue };
            let mut d = Diagnostic::new(
                crate::config::UNUSED_SUPPRESSION,
                severity,
                String::new(),
                span,
                format!("the `paths` pattern {} matches no file linted here", crate::text::quote(pattern, 80)),
            );
            d.with_label("matches no file").with_help(
                "patterns are relative to the directory of sdrs-lint.toml and follow .gitignore: `docs/` is a directory, `*.json` matches at any depth, `legacy/**/*.json` below `legacy`",
            );
            found.push(d);
        }
        let (files, used) = usage.entries.get(&i).copied().unwrap_or_default();
        let all_unmatched = !patterns.is_empty() && unmatched.len() == patterns.patterns.len();
        if used || all_unmatched {
            continue;
        }
        let rules: Vec<String> = entry.rules.iter().map(|r| format!("`{r}`")).collect();
        let mut d = Diagnostic::new(
            crate::config::UNUSED_SUPPRESSION,
            severity,
            String::new(),
            entry.span,
            format!(
                "this suppression silenced nothing: no {} finding in the {files} linted file{} it covers",
                rules.join(" or "),
                if files == 1 { "" } else { "s" }
            ),
        );
        d.with_label("silences nothing").with_help(format!(
            "remove the entry, or correct its `paths` or `pointer` (its reason was: {})",
            crate::text::quote(&entry.reason, 80)
        ));
        found.push(d);
    }
    found
}
