//! `textDocument/hover`: the documentation of a member name of a documented object, or of the
//! rules whose findings are under the cursor.

use crate::lines::ColumnUnit;
use crate::request::members::{self, Documented, MemberSpec};
use crate::syntax::JsonType;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::analysis::Analysis;
use super::convert::Lines;
use super::documents::Document;
use super::locate;

/// The hover for `position` of `document`: the documentation of the member name under it, or
/// the rules whose findings cover it (with the service errors they prevent); `None` elsewhere.
pub fn hover(document: &Document, position: Position, unit: ColumnUnit) -> Option<Hover> {
    member(document, position, unit).or_else(|| findings(document, position, unit))
}

/// The rules of the findings at `position`: id, severity, summary and, for the inventory
/// rules, the service errors they prevent (a user who met `SDRS.1305` recognises it).
fn findings(document: &Document, position: Position, unit: ColumnUnit) -> Option<Hover> {
    let text = document.text.as_str();
    let lines = Lines::new(text, unit);
    let offset = lines.offset(position);
    let report = Analysis::of(document).ok()?.lint(text.as_bytes());
    let here: Vec<_> = report
        .diagnostics()
        .iter()
        .filter(|d| d.primary.span.start <= offset && offset <= d.primary.span.end)
        .collect();
    let first = here.first()?;
    let mut value = String::new();
    for d in &here {
        let Some(rule) = crate::rule(d.rule) else { continue };
        value.push_str(&format!("**{}** ({}): {}", rule.id, d.severity, rule.summary));
        if !rule.service_errors.is_empty() {
            value.push_str(&format!(" Sent anyway, the service answers `{}`.", rule.service_errors.join("`, `")));
        }
        value.push_str(&format!(" See `sdrs-lint rule {}`.\n\n", rule.id));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: value.trim_end().to_string(),
        }),
        range: Some(lines.range(first.primary.span)),
    })
}

/// The documentation of the member name at `position`.
fn member(document: &Document, position: Position, unit: ColumnUnit) -> Option<Hover> {
    let text = document.text.as_str();
    let lines = Lines::new(text, unit);
    let offset = lines.offset(position);
    locate::with_body(text, document.kind, offset, |parsed| {
        let found = locate::innermost_object(parsed, offset)?;
        let member = found.key_at(offset)?;
        let place = found.place?;
        let spec = place.spec().get(members::find(place.spec(), member.key().value())?)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown(spec, place) }),
            range: Some(lines.range(member.key().span())),
        })
    })
}

/// A member's documentation: name, whether required, type, meaning and limits.
pub fn markdown(spec: &MemberSpec, place: Documented) -> String {
    format!(
        "**`{}`** — {} {} in {}\n\n{}\n\n{}",
        spec.name,
        if spec.required { "required" } else { "optional" },
        type_name(spec.ty),
        match place {
            Documented::Tag => "a tag",
            other => other.describe(),
        },
        sentence(spec.meaning),
        spec.limits
    )
}

/// The one-line summary completion items show.
pub fn detail(spec: &MemberSpec) -> String {
    format!("{} {}", if spec.required { "required" } else { "optional" }, type_name(spec.ty))
}

fn type_name(ty: JsonType) -> &'static str {
    match ty {
        JsonType::Null => "null",
        JsonType::Boolean => "boolean",
        JsonType::Number => "number",
        JsonType::String => "string",
        JsonType::Array => "array",
        JsonType::Object => "object",
        JsonType::Unknown => "any",
    }
}

/// `meaning` as a sentence: capitalised, with a full stop.
fn sentence(meaning: &str) -> String {
    let mut chars = meaning.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_has_name_requirement_type_meaning_and_limits() {
        let name = members::INSTANCE.iter().find(|s| s.name == "name").unwrap();
        let text = markdown(name, Documented::Instance);
        assert!(text.starts_with("**`name`** — required string in `protected_instance`\n\n"), "{text}");
        assert!(text.contains("The protected instance's name (at most 64 bytes)."), "{text}");
        assert!(text.ends_with(name.limits), "{text}");
    }
}
