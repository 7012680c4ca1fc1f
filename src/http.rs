//! HTTP request files (`.http`, `.rest`) as the API reference prints them and REST-client tools
//! keep them: optional comment lines (`#`, `//`), a request line, header lines, a blank line and
//! the body; requests separated by lines starting with `###`.
//!
//! Hand-written: the format is a few line rules, and no crate parses it with byte spans.

use crate::span::Span;

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

    /// Whether this request is for the create-protected-instance endpoint: its path ends in a
    /// `protected-instances` segment (other SDRS and cloud calls are skipped).
    pub fn creates_protected_instance(&self) -> bool {
        self.path.trim_end_matches('/').rsplit('/').next() == Some("protected-instances")
    }

    /// `METHOD TARGET`, for messages.
    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.target)
    }
}

/// Splits an HTTP request file into its requests.
pub fn split(text: &str) -> Vec<HttpRequest<'_>> {
    let mut requests = Vec::new();
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut lines = Lines { text, pos: bom }.peekable();
    while lines.peek().is_some() {
        // Skip separators, blank and comment lines up to the request line.
        let Some((start, line)) = lines.find(|(_, l)| !is_separator(l) && !is_blank_or_comment(l)) else { break };
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

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("//")
}

fn is_response_handler(line: &str) -> bool {
    line.starts_with("> {%") || line.starts_with("<> ")
}

/// `METHOD TARGET [HTTP/x.y]`, with `line` starting at byte `start` of the file.
fn parse_request_line(line: &str, start: usize) -> Option<HttpRequest<'_>> {
    let mut words = line.split_ascii_whitespace();
    let method = words.next()?;
    let target = words.next()?;
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
        assert!(requests.iter().all(HttpRequest::creates_protected_instance));
    }

    #[test]
    fn segments_and_endpoint_detection() {
        let requests = split("GET /v1/abc/protected-instances/123\n###\nPOST http://h/v1//protected-instances/\n");
        assert!(!requests[0].creates_protected_instance());
        assert!(requests[1].creates_protected_instance());
        let segments: Vec<&str> = requests[1].segments().map(|(s, _)| s).collect();
        assert_eq!(segments, ["v1", "", "protected-instances", ""]);
    }

    #[test]
    fn multi_line_bodies_and_no_request_line() {
        let text = "###\n\n# only comments\n###\nPOST /v1/p/protected-instances\n\n{\n  \"a\": 1\n}\n\n";
        let requests = split(text);
        assert_eq!(requests.len(), 1);
        assert_eq!(&text[requests[0].body.range()], "{\n  \"a\": 1\n}");
    }
}
