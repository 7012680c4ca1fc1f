//! `sdrs-lint rules` and `sdrs-lint rule <ID>`.

use std::io::{self, Write};

use crate::{Applicability, measure::similar};

use super::{OK, USAGE_OR_IO};

/// Prints the rule table.
pub fn list(out: &mut dyn Write) -> io::Result<()> {
    let width = crate::rules().map(|r| r.id.len()).max().unwrap_or(0);
    writeln!(out, "{:width$}  {:8}  {:6}  summary", "rule", "severity", "fix")?;
    for rule in crate::rules() {
        let fix = match rule.fix {
            Some(Applicability::Safe) => "safe",
            Some(Applicability::Unsafe) => "unsafe",
            None => "-",
        };
        let prevents = if rule.service_errors.is_empty() {
            String::new()
        } else {
            format!(" (prevents {})", rule.service_errors.join(", "))
        };
        let (id, severity, summary) = (rule.id, rule.default_severity.as_str(), rule.summary);
        writeln!(out, "{id:width$}  {severity:8}  {fix:6}  {summary}{prevents}")?;
    }
    Ok(())
}

/// Prints the page of rule `id`, or the pages of the rules preventing the service error `id`
/// (`SDRS.1305`, any case), or says there is none (suggesting a close id).
pub fn page(out: &mut dyn Write, id: &str) -> io::Result<i32> {
    if let Some(rule) = crate::rule(id) {
        out.write_all(rule.docs.as_bytes())?;
        return Ok(OK);
    }
    let preventing: Vec<_> =
        crate::rules().filter(|r| r.service_errors.iter().any(|e| e.eq_ignore_ascii_case(id))).collect();
    for (i, rule) in preventing.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n---\n")?;
        }
        out.write_all(rule.docs.as_bytes())?;
    }
    if !preventing.is_empty() {
        return Ok(OK);
    }
    let mut message = format!("sdrs-lint: no rule `{}`", crate::render::safe::one_line(id));
    if let Some(close) = similar::closest(id, crate::rules().map(|r| r.id)) {
        message.push_str(&format!("; did you mean `{close}`?"));
    }
    writeln!(io::stderr(), "{message} (`sdrs-lint rules` lists them all)")?;
    Ok(USAGE_OR_IO)
}
