//! The open documents: the latest full text of each, and what its URI says about it.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::InputKind;
use crate::lines::ColumnUnit;
use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::convert::Lines;

/// An open document.
#[derive(Debug)]
pub struct Document {
    /// Its text as the client last sent it.
    pub text: String,
    /// The client's version of that text.
    pub version: i32,
    /// Its file, for a `file:` URI: where configuration is looked up.
    pub path: Option<PathBuf>,
    /// A JSON body or an HTTP request file.
    pub kind: InputKind,
}

impl Document {
    /// A document opened with `text`.
    pub fn new(uri: &Uri, language_id: &str, version: i32, text: String) -> Self {
        let kind = if language_id.eq_ignore_ascii_case("http") { InputKind::Http } else { kind_of_name(uri) };
        Document { text, version, path: file_path(uri), kind }
    }

    /// Applies the changes of one `didChange` in order: a change without a range replaces
    /// the whole text (full sync, which the server asks for); one with a range replaces it.
    pub fn change(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>, unit: ColumnUnit) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let span = Lines::new(&self.text, unit).span(range);
                    if self.text.is_char_boundary(span.start) && self.text.is_char_boundary(span.end) {
                        self.text.replace_range(span.range(), &change.text);
                    }
                }
            }
        }
        self.version = version;
    }
}

/// The open documents by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Uri, Document>,
}

impl Documents {
    /// Remembers a newly opened document (replacing any earlier one with its URI).
    pub fn open(&mut self, uri: Uri, document: Document) {
        self.open.insert(uri, document);
    }

    /// The document at `uri`, if open.
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri)
    }

    /// The document at `uri`, if open, to change it.
    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    /// The URIs of the open documents.
    pub fn uris(&self) -> Vec<Uri> {
        self.open.keys().cloned().collect()
    }

    /// Forgets the document at `uri`; whether it was open.
    pub fn close(&mut self, uri: &Uri) -> bool {
        self.open.remove(uri).is_some()
    }
}

/// The URI's path, without query and fragment, still percent-encoded.
fn uri_path(uri: &Uri) -> &str {
    let s = uri.as_str();
    let s = s.split(['?', '#']).next().unwrap_or(s);
    match s.split_once("://") {
        // `scheme://authority/path`: the path starts at the first `/` after the authority.
        Some((_, rest)) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or(""),
        // `scheme:path`, such as `untitled:Untitled-1`.
        None => s.split_once(':').map_or(s, |(_, path)| path),
    }
}

/// What the URI's file name says the document is (`.http` and `.rest` are HTTP files).
fn kind_of_name(uri: &Uri) -> InputKind {
    let path = percent_decode(uri_path(uri)).unwrap_or_default();
    let path = String::from_utf8_lossy(&path);
    let name = path.rsplit('/').next().unwrap_or_default();
    InputKind::of_path(std::path::Path::new(name))
}

/// The local file a `file:` URI names (`file:///dir/a%20b.json`, `file://localhost/…`);
/// `None` for other schemes, remote hosts and malformed escapes.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let scheme = s.get(..7)?;
    if !scheme.eq_ignore_ascii_case("file://") {
        return None;
    }
    let rest = s.get(7..)?;
    let slash = rest.find('/')?;
    let authority = rest.get(..slash)?;
    if !(authority.is_empty() || authority.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = percent_decode(uri_path(uri))?;
    to_path(path)
}

#[cfg(unix)]
fn to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    let path = String::from_utf8(bytes).ok()?;
    // `/C:/dir/file` → `C:/dir/file`.
    let drive = path
        .as_bytes()
        .get(1..3)
        .is_some_and(|d| d.first().is_some_and(u8::is_ascii_alphabetic) && d.get(1) == Some(&b':'));
    let path = if drive { path.get(1..).unwrap_or_default().to_string() } else { path };
    Some(PathBuf::from(path))
}

/// Decodes `%XX` escapes; `None` when one is malformed.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn file_uris_become_paths() {
        assert_eq!(file_path(&uri("file:///tmp/a%20b.json")), Some(PathBuf::from("/tmp/a b.json")));
        assert_eq!(file_path(&uri("file://localhost/tmp/x.json")), Some(PathBuf::from("/tmp/x.json")));
        assert_eq!(file_path(&uri("file://server/share/x.json")), None);
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
    }

    #[test]
    fn http_files_are_recognised_by_extension() {
        assert_eq!(kind_of_name(&uri("file:///tmp/create.http")), InputKind::Http);
        assert_eq!(kind_of_name(&uri("file:///tmp/create.REST?x=1")), InputKind::Http);
        assert_eq!(kind_of_name(&uri("untitled:req.http")), InputKind::Http);
        assert_eq!(kind_of_name(&uri("file:///tmp/http/body.json")), InputKind::Json);
        assert_eq!(kind_of_name(&uri("file:///tmp/.http.d/body")), InputKind::Json);
        assert_eq!(kind_of_name(&uri("file:///tmp/.http")), InputKind::Json, "a dot file has no extension");
    }
}
