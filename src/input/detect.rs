//! Is a file a create-protected-instance request? Decided by what it holds at its top level,
//! so that a walk lints broken requests (a misspelt wrapper, the inner object posted bare, a
//! comment or a trailing comma, UTF-16 text) and skips files that are clearly something else
//! (a JSON Schema, a saved response, an inventory file, `package.json`).
//!
//! Hand-written lenient scan: it must read text that is *not* JSON (comments, trailing commas,
//! unquoted names, single quotes, files cut short), which no JSON crate tolerates; and it only
//! needs the names of two levels of members, not values.

use crate::measure::similar;
use crate::request::members::{self, RootField};

/// What a file was recognised as, and why (for `--verbose`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    /// Whether to lint the file as a request.
    pub request: bool,
    /// Why, in words: "`protectedInstance` looks like a misspelt `protected_instance`".
    pub reason: String,
}

impl Detection {
    fn request(reason: impl Into<String>) -> Detection {
        Detection { request: true, reason: reason.into() }
    }

    fn other(reason: impl Into<String>) -> Detection {
        Detection { request: false, reason: reason.into() }
    }
}

/// Members of responses that a request never holds (GET protected instance, job answers).
const RESPONSE_ONLY: [&str; 10] = [
    "id",
    "status",
    "progress",
    "source_server",
    "target_server",
    "created_at",
    "updated_at",
    "priority_station",
    "attachment",
    "job_id",
];

/// Top-level members of the list and detail responses that make up an inventory.
pub const INVENTORY_KINDS: [&str; 10] = [
    "server_groups",
    "server_group",
    "protected_instances",
    "servers",
    "volumes",
    "subnets",
    "ports",
    "keypairs",
    "flavors",
    "dedicated_hosts",
];

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
/// Classifies a JSON body file (any encoding the linter recognises, parseable or not).
pub fn json(bytes: &[u8]) -> Detection {
    let text = decode(bytes);
    let Some(root) = outline(&text) else {
        return Detection::other("not a JSON object");
    };
    classify(&root)
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
/// Classifies an HTTP request file: a request file when one of its requests is meant to create
/// a protected instance (see [`crate::input::http::HttpRequest::purpose`]).
pub fn http(bytes: &[u8]) -> Detection {
    let text = decode(bytes);
    let requests = crate::input::http::split(&text);
    if requests.iter().any(|r| r.purpose(&text).is_ok()) {
        return Detection::request("a request to create a protected instance");
    }
    match requests.len() {
        0 => Detection::other("no HTTP request in it"),
        1 => Detection::other("its one HTTP request does not create a protected instance"),
        n => Detection::other(format!("none of its {n} HTTP requests creates a protected instance")),
    }
}

/// Whether a JSON body (of an HTTP request) holds a create-protected-instance request.
pub fn body_is_request(text: &str) -> bool {
    outline(text).is_some_and(|root| classify(&root).request)
}

fn classify(root: &[(String, Shape)]) -> Detection {
    let has = |name: &str| root.iter().any(|(n, _)| n == name);
    if has("$schema") || (has("properties") && has("type")) {
        return Detection::other("a JSON Schema, not a request");
    }
    let instance_names = || members::INSTANCE.iter().map(|s| s.name);
    for (name, shape) in root {
        let wrapper = RootField::ProtectedInstance.name();
        let exact = name == wrapper;
        if !exact && similar::closest(name, [wrapper]).is_none() {
            continue;
        }
        match shape {
            Shape::Object(members) if is_response(members) => {
                return Detection::other(format!(
                    "a saved response: `{name}` holds response members such as `{}`",
                    members.iter().find(|m| RESPONSE_ONLY.contains(&m.as_str())).map_or("id", String::as_str)
                ));
            }
            _ if exact => return Detection::request("a `protected_instance` member at the top level"),
            Shape::Object(members) if members.iter().any(|m| similar::closest(m, instance_names()).is_some()) => {
                return Detection::request(format!("`{name}` looks like a misspelt `protected_instance`"));
            }
            _ => {}
        }
    }
    if let Some((kind, _)) =
        root.iter().find(|(n, shape)| INVENTORY_KINDS.contains(&n.as_str()) && *shape != Shape::Scalar)
    {
        return Detection::other(format!("an inventory response (`{kind}`), not a request"));
    }
    let names: Vec<String> = root.iter().map(|(n, _)| n.clone()).collect();
    let bare: Vec<&str> = root.iter().filter_map(|(n, _)| similar::closest(n, instance_names())).collect();
    let names_a_resource = bare.iter().any(|n| matches!(*n, "server_id" | "server_group_id"));
    if names_a_resource && bare.len() >= 2 && !is_response(&names) {
        return Detection::request("the request's members at the top level, without the `protected_instance` wrapper");
    }
    Detection::other("no `protected_instance` member at the top level")
}

/// A response, not a request: an `id` with a status or timestamps, or two response members.
fn is_response(members: &[String]) -> bool {
    members.iter().filter(|m| RESPONSE_ONLY.contains(&m.as_str())).count() >= 2
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line and the language server.
/// The text to scan: UTF-16 and UTF-32 decoded (so such a file is recognised, then reported
/// as not UTF-8), anything else read as UTF-8 with invalid bytes replaced.
fn decode(bytes: &[u8]) -> String {
    let units16 = |big: bool, skip: usize| -> String {
        let units = bytes.get(skip..).unwrap_or_default().chunks_exact(2).map(|p| match p {
            [a, b] if big => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0,
        });
        char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect()
    };
    let units32 = |big: bool, skip: usize| -> String {
        let units = bytes.get(skip..).unwrap_or_default().chunks_exact(4).map(|q| match q {
            [a, b, c, d] if big => u32::from_be_bytes([*a, *b, *c, *d]),
            [a, b, c, d] => u32::from_le_bytes([*a, *b, *c, *d]),
            _ => 0,
        });
        units.map(|u| char::from_u32(u).unwrap_or('\u{FFFD}')).collect()
    };
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => units32(false, 4),
        [0, 0, 0xFE, 0xFF, ..] => units32(true, 4),
        [0xFE, 0xFF, ..] => units16(true, 2),
        [0xFF, 0xFE, ..] => units16(false, 2),
        [0, 0, 0, a, ..] if *a != 0 => units32(true, 0),
        [a, 0, 0, 0, ..] if *a != 0 => units32(false, 0),
        [0, a, ..] if *a != 0 => units16(true, 0),
        [a, 0, ..] if *a != 0 => units16(false, 0),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// What a top-level member holds, as far as detection cares.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shape {
    /// An object, with its member names.
    Object(Vec<String>),
    /// An array.
    Array,
    /// Anything else, or nothing readable.
    Scalar,
}

/// The top-level members of `text` and the member names of those holding objects, read
/// leniently up to the first thing that cannot be read; `None` when the text is not an object.
fn outline(text: &str) -> Option<Vec<(String, Shape)>> {
    let mut scan = Scan { bytes: text.trim_start_matches('\u{feff}').as_bytes(), pos: 0 };
    scan.trivia();
    if scan.peek() != Some(b'{') {
        return None;
    }
    scan.pos += 1;
    let mut members = Vec::new();
    while let Some(name) = scan.member_name() {
        let shape = match scan.peek() {
            Some(b'{') => {
                scan.pos += 1;
                let mut inner = Vec::new();
                while let Some(name) = scan.member_name() {
                    inner.push(name);
                    scan.skip_value();
                }
                scan.close(b'}');
                Shape::Object(inner)
            }
            Some(b'[') => {
                scan.skip_value();
                Shape::Array
            }
            _ => {
                scan.skip_value();
                Shape::Scalar
            }
        };
        members.push((name, shape));
    }
    Some(members)
}

struct Scan<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips white space and `//`, `#` and `/* */` comments.
    fn trivia(&mut self) {
        loop {
            match (self.peek(), self.bytes.get(self.pos + 1)) {
                (Some(b' ' | b'\t' | b'\r' | b'\n'), _) => self.pos += 1,
                (Some(b'/'), Some(b'/')) | (Some(b'#'), _) => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.pos += 2;
                    while self.bytes.get(self.pos..).is_some_and(|rest| !rest.is_empty() && !rest.starts_with(b"*/")) {
                        self.pos += 1;
                    }
                    self.pos += 2;
                }
                _ => return,
            }
        }
    }

    /// The next member's name and its `:`, skipping commas; `None` at the object's end or at
    /// anything unreadable.
    fn member_name(&mut self) -> Option<String> {
        loop {
            self.trivia();
            match self.peek()? {
                b',' => self.pos += 1,
                b'"' | b'\'' => break,
                b if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => break,
                _ => return None,
            }
        }
        let name = match self.peek()? {
            quote @ (b'"' | b'\'') => self.string(quote),
            _ => {
                let start = self.pos;
                while self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'-')) {
                    self.pos += 1;
                }
                String::from_utf8_lossy(self.bytes.get(start..self.pos).unwrap_or_default()).into_owned()
            }
        };
        self.trivia();
        if self.peek() == Some(b':') {
            self.pos += 1;
            self.trivia();
        }
        Some(name)
    }

    /// A quoted string's content (escapes of one character kept as the character).
    fn string(&mut self, quote: u8) -> String {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => {
                    out.extend(self.peek());
                    self.pos += 1;
                }
                b if b == quote => break,
                b => out.push(b),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Skips one value, nested brackets and strings included (bounded by the input's end).
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        loop {
            self.trivia();
            match self.peek() {
                None => return,
                Some(quote @ (b'"' | b'\'')) => {
                    self.string(quote);
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.pos += 1;
                    continue;
                }
                Some(b'}' | b']' | b',') if depth == 0 => return,
                Some(b'}' | b']') => {
                    depth -= 1;
                    self.pos += 1;
                }
                Some(b',' | b':') => {
                    self.pos += 1;
                    continue;
                }
                Some(_) => {
                    // A bare word or number runs to the next separator.
                    self.pos += 1;
                    while self.peek().is_some_and(|b| !b" \t\r\n,:{}[]\"'".contains(&b)) {
                        self.pos += 1;
                    }
                }
            }
            if depth == 0 {
                return;
            }
        }
    }

    /// Steps over `closer` when it comes next.
    fn close(&mut self, closer: u8) {
        self.trivia();
        if self.peek() == Some(closer) {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::json;

    fn request(text: &str) -> bool {
        json(text.as_bytes()).request
    }

    #[test]
    fn requests_are_recognised_by_what_they_hold() {
        assert!(request(r#"{"protected_instance": {"name": "a"}}"#));
        assert!(request(r#"{"protected_instance": null}"#), "wrong-type says what is wrong");
        assert!(request(r#"{"protected_instances": {"server_id": "x"}}"#));
        assert!(request(r#"{"protectedInstance": {"name": "x"}}"#));
        assert!(request(r#"{"protected-instance": {"flavorref": "x"}}"#));
        assert!(request(r#"{"server_group_id": "g", "server_id": "s", "name": "n"}"#));
        assert!(request(r#"{"serverId": "s", "name": "n"}"#));
    }

    #[test]
    fn broken_text_is_still_read() {
        assert!(request("// a comment\n{\"protected_instance\": {\"name\": \"a\",},}"));
        assert!(request("{\n  /* draft */ protected_instance: {'server_id': 'x', }\n"));
        assert!(request("{\"protected_instance\": {\"name\": \"a"));
        assert!(request("\u{feff}{\"server_id\": \"s\", \"name\": 1,"));
    }

    #[test]
    fn utf16_and_utf32_are_decoded() {
        let text = r#"{"protected_instance": {}}"#;
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = [0xFEFF].into_iter().chain(text.encode_utf16()).flat_map(u16::to_be_bytes).collect();
        let le32: Vec<u8> = text.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect();
        for bytes in [le, be, le32] {
            assert!(json(&bytes).request);
        }
    }

    #[test]
    fn other_files_are_not_requests() {
        let cases = [
            (r#"{"name": "app", "dependencies": {"x": "1"}}"#, "no `protected_instance`"),
            (
                r#"{"$schema": "x", "type": "object", "properties": {"protected_instance": {"type": "object"}}}"#,
                "a JSON Schema",
            ),
            (r#"{"type": "object", "properties": {"server_id": {}, "name": {}}}"#, "a JSON Schema"),
            (
                r#"{"protected_instance": {"id": "1", "name": "a", "status": "protected", "source_server": "s"}}"#,
                "a saved response: `protected_instance` holds response members such as `id`",
            ),
            (r#"{"protected_instances": [{"id": "1"}], "count": 1}"#, "an inventory response (`protected_instances`)"),
            (r#"{"servers": [{"server_id": "x", "name": "y"}]}"#, "an inventory response (`servers`)"),
            (r#"{"job_id": "x"}"#, "no `protected_instance`"),
            (r#"{"id": "1", "server_id": "s", "name": "n", "status": "ok"}"#, "no `protected_instance`"),
            ("[1, 2]", "not a JSON object"),
            ("", "not a JSON object"),
        ];
        for (text, reason) in cases {
            let found = json(text.as_bytes());
            assert!(!found.request && found.reason.starts_with(reason), "{text}: {found:?}");
        }
    }

    #[test]
    fn reasons_name_what_was_seen() {
        let found = json(br#"{"protectedInstance": {"name": "x"}}"#);
        assert_eq!(found.reason, "`protectedInstance` looks like a misspelt `protected_instance`");
    }
}
