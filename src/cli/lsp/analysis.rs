//! Linting a document as the command line would lint its file: the nearest `sdrs-lint.toml`
//! chooses the severities and the suppressions.

use std::path::PathBuf;
use std::sync::Arc;

use crate::fix::{self, Fixed};
use crate::render::FileReport;
use crate::{Applicability, InputKind, Linter, Report};

use super::documents::Document;
use crate::cli::args::Settings;
use crate::cli::lint::apply_suppressions;
use crate::cli::settings::{Broken, Loaded, Resolver};

/// How one document is linted.
pub struct Analysis {
    linter: Arc<Linter>,
    /// The configuration and the document's path relative to it, for suppressions.
    config: Option<(Arc<Loaded>, PathBuf)>,
    kind: InputKind,
}

impl Analysis {
    /// Finds the configuration of `document`: the nearest `sdrs-lint.toml` above its file, or
    /// the defaults for a document that is not a local file. The configuration is read anew
    /// each time, so edits to it apply to the next change. `Err` describes a configuration
    /// that cannot be used.
    pub fn of(document: &Document) -> Result<Analysis, String> {
        let kind = document.kind;
        let Some(path) = &document.path else {
            return Ok(Analysis { linter: Arc::new(Linter::new()), config: None, kind });
        };
        let mut resolver = Resolver::new(&Settings::default())?;
        let loaded = resolver.for_input(Some(path));
        if let Some(broken) = resolver.broken.first() {
            return Err(describe(broken));
        }
        if !resolver.inventory_errors.is_empty() {
            let problems = resolver.inventory_errors.join("\n");
            return Err(format!(
                "sdrs-lint: the inventory cannot be used, so nothing is reported for this file:\n{problems}"
            ));
        }
        let linter = resolver.linter_for(loaded.as_ref());
        let config = loaded.map(|loaded| {
            let relative = loaded.relative(path).into_owned();
            (loaded, relative)
        });
        Ok(Analysis { linter, config, kind })
    }

    /// The diagnostics of `text`, less those the configuration suppresses.
    pub fn lint(&self, text: &[u8]) -> Report {
        let mut report = self.linter.lint_input_built(text, self.kind);
        if let Some((loaded, relative)) = &self.config {
            apply_suppressions(&mut report, loaded, relative);
        }
        report
    }

    /// `text` with every safe fix applied, as `sdrs-lint --fix` would write it (fixes of
    /// suppressed diagnostics are not applied).
    pub fn fix_safe(&self, text: &[u8]) -> Fixed {
        fix::fix_with(text, Applicability::Safe, |text| self.lint(text))
    }
}

/// One message for the log: each problem of the configuration at its line and column.
fn describe(broken: &Broken) -> String {
    let problems = match &broken.problem {
        Ok(report) => {
            let file = FileReport::new(&broken.display, broken.text.as_bytes(), report);
            let lines: Vec<String> = report
                .diagnostics()
                .iter()
                .map(|d| {
                    let at = file.position(d.primary.span.start);
                    format!("{}:{}:{}: {}", broken.display, at.line, at.column, d.message)
                })
                .collect();
            lines.join("\n")
        }
        Err(error) => format!("{}: {error}", broken.display),
    };
    format!("sdrs-lint: the configuration cannot be used, so nothing is reported for this file:\n{problems}")
}
