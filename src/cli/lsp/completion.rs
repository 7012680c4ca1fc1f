//! `textDocument/completion`: the documented member names an object still lacks, and the
//! values of `tenancy`. Works while the document is incomplete: the partial tree says which
//! object holds the cursor and what it already has; a scan of that object's text up to the
//! cursor says whether a member name or a value is being typed, and whether inside quotes.

use crate::Span;
use crate::lines::ColumnUnit;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat, MarkupContent, MarkupKind,
    Position, TextEdit,
};

use super::convert::Lines;
use super::documents::Document;
use super::hover;
use super::locate;
use crate::request::members::{Documented, Field, Tenancy};

/// The completions at `position` of `document` (none where nothing documented fits).
pub fn complete(document: &Document, position: Position, unit: ColumnUnit) -> Vec<CompletionItem> {
    let text = document.text.as_str();
    let lines = Lines::new(text, unit);
    let offset = lines.offset(position);
    let items = locate::with_body(text, document.kind, offset, |parsed| {
        let found = locate::innermost_object(parsed, offset)?;
        let typing = scan(text, found.node.span().start, offset)?;
        let present: Vec<&str> = found
            .object
            .members()
            .filter(|m| !(m.key().span().start < offset && offset < m.key().span().end))
            .map(|m| m.key().value())
            .collect();
        Some(items(found.place, &present, typing, &lines))
    });
    items.unwrap_or_default()
}

/// What is being typed at the cursor, in the object whose `{` is at the scan's start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Typing<'a> {
    /// A member name inside quotes; the span is the text between the quotes.
    QuotedName(Span),
    /// A member name without quotes yet; the span is any bare word typed so far.
    BareName(Span),
    /// The string value of member `key` inside quotes; the span is the text between them.
    QuotedValue(&'a str, Span),
    /// The value of member `key`, nothing or a bare word typed so far.
    BareValue(&'a str, Span),
}

fn items(place: Option<Documented>, present: &[&str], typing: Typing<'_>, lines: &Lines<'_>) -> Vec<CompletionItem> {
    let item = |label: &str, new_text: String, span: Span| CompletionItem {
        label: label.to_string(),
        filter_text: Some(label.to_string()),
        insert_text_format: Some(InsertTextFormat::PLAIN_TEXT),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit { range: lines.range(span), new_text })),
        ..CompletionItem::default()
    };
    match typing {
        Typing::QuotedName(span) | Typing::BareName(span) => {
            let quoted = matches!(typing, Typing::QuotedName(_));
            let Some(place) = place else { return Vec::new() };
            place
                .spec()
                .iter()
                .enumerate()
                .filter(|(_, s)| !present.contains(&s.name))
                .map(|(i, s)| {
                    let new_text = if quoted { s.name.to_string() } else { format!("\"{}\": ", s.name) };
                    CompletionItem {
                        kind: Some(CompletionItemKind::PROPERTY),
                        detail: Some(hover::detail(s)),
                        documentation: Some(markdown(hover::markdown(s, place))),
                        sort_text: Some(format!("{i:02}")),
                        ..item(s.name, new_text, span)
                    }
                })
                .collect()
        }
        Typing::QuotedValue(key, span) | Typing::BareValue(key, span)
            if place == Some(Documented::Instance) && key == Field::Tenancy.name() =>
        {
            let quoted = matches!(typing, Typing::QuotedValue(..));
            Tenancy::ALL
                .iter()
                .enumerate()
                .map(|(i, tenancy)| {
                    let value = tenancy.as_str();
                    let new_text = if quoted { value.to_string() } else { format!("\"{value}\"") };
                    CompletionItem {
                        kind: Some(CompletionItemKind::ENUM_MEMBER),
                        detail: Some(tenancy.meaning().to_string()),
                        sort_text: Some(format!("{i:02}")),
                        ..item(value, new_text, span)
                    }
                })
                .collect()
        }
        Typing::QuotedValue(..) | Typing::BareValue(..) => Vec::new(),
    }
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value })
}

/// Where the scan is between the members of the object.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// After `{` or `,`: a member name comes next.
    Name,
    /// After a member name: `:` comes next.
    Colon,
    /// After `:`: the value comes next.
    Value,
    /// After a value: `,` or `}` comes next.
    Done,
}

/// Scans `text` from the object's `{` at `start` to `cursor`, tracking strings and nested
/// brackets; `None` when the cursor is in a nested value or between tokens where nothing fits.
fn scan(text: &str, start: usize, cursor: usize) -> Option<Typing<'_>> {
    let bytes = text.as_bytes();
    let mut slot = Slot::Name;
    let mut depth = 0usize;
    // The open string: where its content starts, and whether it is a member name.
    let mut string: Option<(usize, bool)> = None;
    let mut escaped = false;
    let mut key: &str = "";
    let mut bare: Option<usize> = None;
    let mut i = start + 1;
    while i < cursor {
        let b = *bytes.get(i)?;
        if let Some((content, is_name)) = string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                string = None;
                if depth == 0 {
                    if is_name {
                        key = text.get(content..i).unwrap_or_default();
                        slot = Slot::Colon;
                    } else {
                        slot = Slot::Done;
                    }
                }
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                string = Some((i + 1, depth == 0 && slot == Slot::Name));
                bare = None;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    slot = Slot::Done;
                }
            }
            b':' if depth == 0 => {
                slot = Slot::Value;
                bare = None;
            }
            b',' if depth == 0 => {
                slot = Slot::Name;
                bare = None;
            }
            b' ' | b'\t' | b'\n' | b'\r' => bare = None,
            _ if depth == 0 => {
                bare.get_or_insert(i);
            }
            _ => {}
        }
        i += 1;
    }
    if depth > 0 {
        return None;
    }
    match (string, slot) {
        (Some((content, true)), _) => Some(Typing::QuotedName(Span::new(content, string_end(bytes, cursor)))),
        (Some((content, false)), Slot::Value) => {
            Some(Typing::QuotedValue(key, Span::new(content, string_end(bytes, cursor))))
        }
        (None, Slot::Name) => Some(Typing::BareName(Span::new(bare.unwrap_or(cursor), cursor))),
        (None, Slot::Value) => Some(Typing::BareValue(key, Span::new(bare.unwrap_or(cursor), cursor))),
        _ => None,
    }
}

/// Where the string the cursor is in ends: before its closing quote on the cursor's line, or
/// at the cursor when the quote is not typed yet.
fn string_end(bytes: &[u8], cursor: usize) -> usize {
    let mut i = cursor;
    let mut escaped = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' | b'\r' => break,
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return i,
            _ => {}
        }
        i += 1;
    }
    cursor
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scans `text` with the cursor at `|` (removed) from the `{` before it at `open`.
    fn typing(text: &str, open: &str) -> Option<(String, Option<String>, String)> {
        let cursor = text.find('|').unwrap();
        let text = text.replacen('|', "", 1);
        let start = text.find(open).unwrap() + open.len() - 1;
        scan(&text, start, cursor).map(|t| match t {
            Typing::QuotedName(s) => ("quoted name".to_string(), None, text[s.range()].to_string()),
            Typing::BareName(s) => ("bare name".to_string(), None, text[s.range()].to_string()),
            Typing::QuotedValue(k, s) => ("quoted value".to_string(), Some(k.to_string()), text[s.range()].to_string()),
            Typing::BareValue(k, s) => ("bare value".to_string(), Some(k.to_string()), text[s.range()].to_string()),
        })
    }

    fn t(kind: &str, key: Option<&str>, span: &str) -> Option<(String, Option<String>, String)> {
        Some((kind.to_string(), key.map(str::to_string), span.to_string()))
    }

    #[test]
    fn scan_tells_names_from_values_inside_and_outside_quotes() {
        let open = "\"protected_instance\": {";
        assert_eq!(typing("{\"protected_instance\": {\"na|", open), t("quoted name", None, "na"));
        assert_eq!(typing("{\"protected_instance\": {\"na|me\": 1}}", open), t("quoted name", None, "name"));
        assert_eq!(typing("{\"protected_instance\": {\"a\": 1, |", open), t("bare name", None, ""));
        assert_eq!(typing("{\"protected_instance\": {\"a\": 1, fl|", open), t("bare name", None, "fl"));
        assert_eq!(
            typing("{\"protected_instance\": {\"tenancy\": \"de|\"}}", open),
            t("quoted value", Some("tenancy"), "de")
        );
        assert_eq!(typing("{\"protected_instance\": {\"tenancy\": |", open), t("bare value", Some("tenancy"), ""));
        assert_eq!(typing("{\"protected_instance\": {\"a\": \"x\" |", open), None, "after a value");
        assert_eq!(typing("{\"protected_instance\": {\"a\"|: 1}", open), None, "after a name");
        assert_eq!(typing("{\"protected_instance\": {\"tags\": [{|", open), None, "inside a nested object");
        assert_eq!(typing("{\"protected_instance\": {\"a\": \"{[\\\"\", \"b|", open), t("quoted name", None, "b"));
    }
}
