//! HTTP request files (`.http`, `.rest`) as the API reference prints them and REST-client tools
//! keep them: comment lines (`#`, `//`) and variable definitions (`@projectId = …`), a request
//! line, header lines, a blank line and the body; requests separated by lines starting with
//! `###`. `{{name}}` is a REST-client variable, filled in when the request is sent.
//!
//! Hand-written: the format is a few line rules, and no crate parses it with byte spans.

use crate::input::detect;
use crate::measure::similar;
use crate::span::Span;
use crate::syntax::{self, Parsed};

/// One request of an HTTP file; every span is a byte range of the whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest<'a> {
    /// The method token, such as `POST`.
    pub method: &'a str,
    /// Where the method is.
    pub method_span: Span,
    /// The request target as written (`https://{Endpoint}/v1/{project_id}/protected-instances`).
    pub target: &'a str,
    /// Where the target is.
    pub target_span: Span,
    /// The path part of the target: no scheme, host, query or fragment.
    pub path: &'a str,
    /// Where the path is.
    pub path_span: Span,
    /// Where the body is (empty when the request has none).
    pub body: Span,
}

impl<'a> HttpRequest<'a> {
    /// The path's segments with their spans (empty segments included, so `/v1//x` has three).
    pub fn segments(&self) -> impl Iterator<Item = (&'a str, Span)> + '_ {
        let base = self.path_span.start;
        let path = self.path;
        path.split('/').skip(1).scan(1, move |offset, segment| {
            let span = Span::new(base + *offset, base + *offset + segment.len());
            *offset += segment.len() + 1;
            Some((segment, span))
        })
    }

    /// `Ok` when this request is meant to create a protected instance, so it is linted: its
    /// path ends in a segment close to `protected-instances` (a typo or a wrong version or
    /// project segment is what `request-line` reports), or its body holds a request. Otherwise
    /// why it is skipped: another API of the service or of the cloud.
    pub fn purpose(&self, file: &str) -> Result<(), String> {
        let last = self.path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
        let close = similar::closest(last, ["protected-instances"]).is_some();
        let body = file.get(self.body.range()).unwrap_or_default();
        // A bare URL is sent as `GET`.
        let read_only =
            self.method.is_empty() || ["GET", "HEAD", "DELETE"].iter().any(|m| self.method.eq_ignore_ascii_case(m));
        if close && !(read_only && body.trim().is_empty()) {
            return Ok(());
        }
        if !body.trim().is_empty() && detect::body_is_request(body) {
            return Ok(());
        }
        let call = crate::text::quote(&self.describe(), 80);
        Err(if close {
            format!("{call} lists or deletes protected instances; only `POST` with a body creates one")
        } else {
            format!("{call} is another API, not create-protected-instance")
        })
    }

    /// `METHOD TARGET`, for messages.
    pub fn describe(&self) -> String {
        if self.method.is_empty() { self.target.to_string() } else { format!("{} {}", self.method, self.target) }
    }
}

/// A request of an HTTP file that was not linted, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedRequest {
    /// Its method and target.
    pub span: Span,
    /// Why it is not a create-protected-instance request.
    pub reason: String,
}

/// Every request of an HTTP file meant to create a protected instance, with its parsed body
/// (spans into the file; the file's byte-order mark goes with the first), or why a request is
/// skipped. The one place that finds the bodies of an HTTP file: the engine lints them, the
/// language server looks things up in them.
pub fn bodies(text: &str) -> impl Iterator<Item = Result<(HttpRequest<'_>, Parsed<'_>), SkippedRequest>> {
    let mut bom = text.starts_with('\u{feff}').then(|| Span::new(0, '\u{feff}'.len_utf8()));
    split(text).into_iter().map(move |request| {
        if let Err(reason) = request.purpose(text) {
            return Err(SkippedRequest { span: request.method_span.to(request.target_span), reason });
        }
        let mut parsed = syntax::parse_region(text.get(..request.body.end).unwrap_or_default(), request.body.start);
        if let Some(error) = parsed.error.as_mut().filter(|_| request.body.is_empty()) {
            error.message = "the request has no body".into();
            error.label = "expected a blank line, then the JSON body".into();
        }
        parsed.bom = bom.take();
        Ok((request, parsed))
    })
}

/// Splits an HTTP request file into its requests.
pub fn split(text: &str) -> Vec<HttpRequest<'_>> {
    let mut requests = Vec::new();
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut lines = Lines { text, pos: bom }.peekable();
    while lines.peek().is_some() {
        // Skip separators, blank and comment lines and variable definitions up to the request line.
        let Some((start, line)) = lines.find(|(_, l)| !is_separator(l) && !is_preamble(l)) else { break };
        let request_line = parse_request_line(line, start);
        // Headers run to the first blank line; the body to the next separator.
        let mut body: Option<Span> = None;
        let mut in_body = false;
        while let Some(&(offset, line)) = lines.peek() {
            if is_separator(line) {
                break;
            }
            lines.next();
            let end = offset + line.trim_end().len();
            if !in_body {
                in_body = line.trim().is_empty();
            } else if is_response_handler(line) {
                // JetBrains' `> {% … %}` scripts and `<> previous.json` follow the body.
                for _ in lines.by_ref().take_while(|(_, l)| !is_separator(l)) {}
                break;
            } else if !line.trim().is_empty() {
                body = Some(body.map_or(Span::new(offset, end), |b| Span::new(b.start, end)));
            }
        }
        if let Some(mut request) = request_line {
            request.body = body.unwrap_or(Span::empty(request.target_span.end));
            requests.push(request);
        }
    }
    requests
}

fn is_separator(line: &str) -> bool {
    line.starts_with("###")
}

/// A blank line, a comment, or a REST-client variable definition (`@host = example.com`).
fn is_preamble(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("//") || trimmed.starts_with('@')
}

/// JetBrains' response handlers (`> {% … %}`, `> script.js`), output redirects (`>> file`)
/// and response references (`<> previous.json`) follow the body.
fn is_response_handler(line: &str) -> bool {
    line.starts_with("> ") || line.starts_with(">>") || line.starts_with("<> ")
}

const METHODS: [&str; 9] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT"];

/// `METHOD TARGET [HTTP/x.y]`, or a bare `TARGET` (REST clients then send `GET`: the method is
/// empty, at the line's start), with `line` starting at byte `start` of the file. Any other
/// line is not a request line.
fn parse_request_line(line: &str, start: usize) -> Option<HttpRequest<'_>> {
    let mut words = line.split_ascii_whitespace();
    let first = words.next()?;
    let is_target = |w: &str| w.contains("://") || w.starts_with('/') || w.starts_with("{{");
    let (method, target) = if METHODS.iter().any(|m| first.eq_ignore_ascii_case(m)) {
        (first, words.next()?)
    } else if is_target(first) {
        (first.get(..0).unwrap_or_default(), first)
    } else {
        return None;
    };
    let method_start = start + (method.as_ptr() as usize - line.as_ptr() as usize);
    let target_start = start + (target.as_ptr() as usize - line.as_ptr() as usize);
    let after = |from: usize, pattern: &[char]| target.get(from..).and_then(|t| t.find(pattern)).map(|i| from + i);
    let path_from = match target.find("://") {
        Some(scheme_end) => after(scheme_end + 3, &['/']),
        None => after(0, &['/']),
    };
    let path_from = path_from.unwrap_or(target.len());
    let path_to = after(path_from, &['?', '#']).unwrap_or(target.len());
    let path = target.get(path_from..path_to).unwrap_or_default();
    Some(HttpRequest {
        method,
        method_span: Span::new(method_start, method_start + method.len()),
        target,
        target_span: Span::new(target_start, target_start + target.len()),
        path,
        path_span: Span::new(target_start + path_from, target_start + path_to),
        body: Span::empty(target_start + target.len()),
    })
}

/// Lines with their start offsets; line ends (LF, CRLF, lone CR) are not part of a line.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
        let start = self.pos;
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = rest.get(..end).unwrap_or_default();
        let newline =
            if rest.get(end..).is_some_and(|r| r.starts_with("\r\n")) { 2 } else { usize::from(end < rest.len()) };
        self.pos = start + end + newline;
        Some((start, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Create a protected instance\r\nPOST https://{Endpoint}/v1/{project_id}/protected-instances HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"protected_instance\": {}}\r\n\r\n### list them\r\nGET https://sdrs.example.com/v1/0123/protected-instances?limit=10\r\n\r\n###\r\n// another\r\nPOST {{host}}/v1/{{project}}/protected-instances\r\n\r\n{\"a\": 1}\r\n> {% client.test(); %}\r\n";

    #[test]
    fn splits_requests_with_spans_into_the_file() {
        let requests = split(FILE);
        assert_eq!(requests.len(), 3);
        let first = &requests[0];
        assert_eq!((first.method, &FILE[first.method_span.range()]), ("POST", "POST"));
        assert_eq!(first.path, "/v1/{project_id}/protected-instances");
        assert_eq!(&FILE[first.path_span.range()], first.path);
        assert_eq!(&FILE[first.body.range()], "{\"protected_instance\": {}}");
        assert_eq!(requests[1].path, "/v1/0123/protected-instances");
        assert!(requests[1].body.is_empty());
        assert_eq!(&FILE[requests[2].body.range()], "{\"a\": 1}", "the response handler is not body");
        assert_eq!(first.purpose(FILE), Ok(()));
        assert!(requests[1].purpose(FILE).is_err_and(|why| why.contains("lists or deletes")));
        assert_eq!(requests[2].purpose(FILE), Ok(()));
    }

    #[test]
    fn segments_and_endpoint_detection() {
        let text = "GET /v1/abc/protected-instances/123\n###\nPOST http://h/v1//protected-instances/\n";
        let requests = split(text);
        assert!(requests[0].purpose(text).is_err_and(|why| why.contains("another API")));
        assert_eq!(requests[1].purpose(text), Ok(()));
        let segments: Vec<&str> = requests[1].segments().map(|(s, _)| s).collect();
        assert_eq!(segments, ["v1", "", "protected-instances", ""]);
    }

    #[test]
    fn nearly_right_paths_are_linted_and_other_calls_skipped() {
        let body = "\n\n{\"protected_instance\": {}}\n";
        for line in [
            "POST /v1/p/protected-instance",
            "POST /v1/p/protectedinstances",
            "POST /v2/p/protected-instances",
            "POST /v1/protected-instances",
            "PUT /v1/p/protected_instances",
            "POST {{baseUrl}}/protected-instances",
            "POST /v1/p/server-groups",
        ] {
            let text = format!("{line}{body}");
            assert_eq!(split(&text)[0].purpose(&text), Ok(()), "{line}");
        }
        for line in ["GET /v1/p/protected-instances", "POST /v1/p/server-groups", "DELETE /v1/p/protected-instances"] {
            let text = format!("{line}\n");
            assert!(split(&text)[0].purpose(&text).is_err(), "{line}");
        }
    }

    #[test]
    fn variables_comments_and_separators_anywhere() {
        let text = "@projectId = 0123456789abcdef0123456789abcdef\n@host=https://sdrs.example.com\n\n# @name create\n// a comment\nPOST {{host}}/v1/{{projectId}}/protected-instances\nContent-Type: application/json\n\n{\"protected_instance\": {}}\n\n###\n\n@other = 1\n### again\nhttps://example.com/v1/p/protected-instances\n";
        let requests = split(text);
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[0].method, "POST");
        assert_eq!(requests[0].path, "/v1/{{projectId}}/protected-instances");
        assert_eq!(&text[requests[0].body.range()], "{\"protected_instance\": {}}");
        assert_eq!((requests[1].method, requests[1].target), ("", "https://example.com/v1/p/protected-instances"));
    }

    #[test]
    fn a_block_without_a_request_line_is_not_a_request() {
        assert!(split("just some notes\n{\"a\": 1}\n").is_empty());
    }

    #[test]
    fn multi_line_bodies_and_no_request_line() {
        let text = "###\n\n# only comments\n###\nPOST /v1/p/protected-instances\n\n{\n  \"a\": 1\n}\n\n";
        let requests = split(text);
        assert_eq!(requests.len(), 1);
        assert_eq!(&text[requests[0].body.range()], "{\n  \"a\": 1\n}");
    }
}
