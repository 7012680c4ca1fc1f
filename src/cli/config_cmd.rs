//! `sdrs-lint config [PATH]`: the effective configuration for a path, as TOML a user could copy
//! into `sdrs-lint.toml`, each rule's line saying where its severity comes from.

use std::io::{self, Write};
use std::path::Path;

use crate::config::Patterns;
use crate::render::FileReport;

use super::args::Settings;
use super::settings::{Origin, Resolver};
use super::{OK, USAGE_OR_IO};

/// Prints the configuration that applies to `path`.
pub fn run(out: &mut dyn Write, path: &Path, settings: &Settings) -> io::Result<i32> {
    let mut resolver = match Resolver::new(settings) {
        Ok(resolver) => resolver,
        Err(message) => {
            writeln!(io::stderr(), "sdrs-lint: {message}")?;
            return Ok(USAGE_OR_IO);
        }
    };
    let loaded = resolver.for_input(Some(path));
    if let Some(broken) = resolver.broken.first() {
        let problem = match &broken.problem {
            Ok(report) => report
                .diagnostics()
                .iter()
                .map(|d| {
                    let file = FileReport::new(&broken.display, broken.text.as_bytes(), report);
                    let at = file.position(d.primary.span.start);
                    format!("{}:{}:{}: {}", broken.display, at.line, at.column, d.message)
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Err(e) => format!("{}: {e}", broken.display),
        };
        writeln!(io::stderr(), "sdrs-lint: the configuration cannot be used:\n{problem}")?;
        return Ok(USAGE_OR_IO);
    }
    writeln!(out, "# Effective configuration for {}", path.display())?;
    let source = match (&loaded, resolver.isolated()) {
        (_, true) => "none (--isolated)".to_string(),
        (Some(l), false) => l.display.clone(),
        (None, false) => format!("none found in {} or above", path.display()),
    };
    writeln!(out, "# Configuration file: {source}")?;
    writeln!(out, "\n[rules]")?;
    let effective = resolver.effective(loaded.as_deref());
    let width = effective.iter().map(|(id, ..)| id.len()).max().unwrap_or(0);
    for (id, severity, origin) in effective {
        let level = severity.as_str();
        let origin = match origin {
            Origin::Default => "default".to_string(),
            Origin::File(i) => match (&loaded, loaded.as_ref().and_then(|l| l.config.rules.get(i))) {
                (Some(l), Some(setting)) => {
                    let line = FileReport::new(&l.display, l.text.as_bytes(), &Default::default())
                        .position(setting.span.start)
                        .line;
                    format!("{}:{line}", l.display)
                }
                _ => "configuration".to_string(),
            },
            Origin::Flag(flag) => flag.to_string(),
        };
        writeln!(out, "{id:width$} = {:<10} # {origin}", quote(level))?;
    }
    let Some(loaded) = loaded else { return Ok(OK) };
    let config = &loaded.config;
    writeln!(out, "\n[files]")?;
    writeln!(out, "include = {}", list(&config.include))?;
    writeln!(out, "exclude = {}", list(&config.exclude))?;
    for suppression in &config.suppressions {
        writeln!(out, "\n[[suppress]]")?;
        let rules: Vec<String> = suppression.rules.iter().map(|r| quote(r)).collect();
        writeln!(out, "rules = [{}]", rules.join(", "))?;
        if !suppression.paths.is_empty() {
            writeln!(out, "paths = {}", list(&suppression.paths))?;
        }
        if let Some(pointer) = &suppression.pointer {
            writeln!(out, "pointer = {}", quote(pointer))?;
        }
        writeln!(out, "reason = {}", quote(&suppression.reason))?;
    }
    Ok(OK)
}

fn list(patterns: &Patterns) -> String {
    let quoted: Vec<String> = patterns.patterns.iter().map(|p| quote(p)).collect();
    format!("[{}]", quoted.join(", "))
}

/// A TOML basic string; control characters escaped.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
