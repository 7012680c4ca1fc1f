use super::Context;
use crate::diagnostic::{Applicability, Fix};
use crate::view::RequestView;

declare_rule! {
    RequestLine {
        id: "request-line",
        severity: Error,
        fix: Some(Applicability::Unsafe),
        summary: "The method is not `POST`, or the path is not `/v1/{project_id}/protected-instances`.",
    }
}

const EXPECTED: &str = "/v1/{project_id}/protected-instances";

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(http) = request.http else { return };
    if http.method.is_empty() {
        ctx.report(http.method_span, |d| {
            d.describe(
                String::new(),
                "the request line has no method, so it is sent as `GET`; a protected instance is created with `POST`",
            )
            .with_label("no method")
            .with_help(format!("send `POST {EXPECTED}`"))
            .with_fix(Fix::replace("add `POST`", Applicability::Unsafe, http.method_span, "POST "));
        });
    } else if http.method != "POST" {
        // Upper-casing keeps the call; any other method is a different call.
        let applicability =
            if http.method.eq_ignore_ascii_case("POST") { Applicability::Safe } else { Applicability::Unsafe };
        ctx.report(http.method_span, |d| {
            d.describe(
                String::new(),
                format!("the method is `{}`; a protected instance is created with `POST`", http.method),
            )
            .with_label("not POST")
            .with_help(format!("send `POST {EXPECTED}`; methods are case-sensitive"))
            .with_fix(Fix::replace("use `POST`", applicability, http.method_span, "POST"));
        });
    }
    let segments: Vec<&str> = http.segments().map(|(s, _)| s).collect();
    // A variable right before the path (`{{baseUrl}}/protected-instances`) may hold its start.
    let hidden_prefix =
        http.target.get(..http.path_span.start - http.target_span.start).is_some_and(|t| t.ends_with("}}"));
    let expected = match segments.as_slice() {
        ["v1", _, "protected-instances"] => true,
        [.., "protected-instances"] => hidden_prefix && segments.len() < 3,
        _ => false,
    };
    if !expected {
        ctx.report(http.path_span, |d| {
            d.describe(
                String::new(),
                format!("the path is {}; it must be `{EXPECTED}`", crate::text::quote(http.path, 80)),
            )
            .with_label("not the create-protected-instance path")
            .with_help(format!("write the path as `{EXPECTED}`, with your project ID in the middle"));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::RequestLine;
    use crate::diagnostic::Applicability;
    use crate::rules::testing::run_http;

    const BODY: &str = "{\"protected_instance\": {}}";

    fn labels(line: &str) -> Vec<String> {
        let text = format!("{line}\n\n{BODY}\n");
        run_http(&RequestLine, &text).iter().map(|d| text[d.primary.span.range()].to_string()).collect()
    }

    #[test]
    fn the_documented_request_line_passes() {
        assert!(labels("POST https://{Endpoint}/v1/{project_id}/protected-instances").is_empty());
        assert!(labels("POST /v1/0123456789abcdef0123456789abcdef/protected-instances HTTP/1.1").is_empty());
    }

    #[test]
    fn wrong_method_and_path() {
        assert_eq!(labels("PUT https://h/v1/p/protected-instances"), ["PUT"]);
        assert_eq!(labels("POST https://h/v2/p/protected-instances?x=1"), ["/v2/p/protected-instances"]);
        assert_eq!(labels("POST https://h/v1/protected-instances"), ["/v1/protected-instances"]);
        assert_eq!(labels("post https://h/v1/p/protected-instances/"), ["post", "/v1/p/protected-instances/"]);
        assert_eq!(labels("POST {{host}}/v1/{{project}}/protected-instance"), ["/v1/{{project}}/protected-instance"]);
    }

    #[test]
    fn a_variable_before_the_path_may_hold_its_start() {
        assert!(labels("POST {{baseUrl}}/protected-instances").is_empty());
        assert!(labels("POST {{sdrs}}/{{projectId}}/protected-instances").is_empty());
        assert_eq!(labels("POST {{baseUrl}}/protected-instance"), ["/protected-instance"]);
        assert_eq!(labels("POST https://h/protected-instances"), ["/protected-instances"]);
    }

    #[test]
    fn a_bare_url_with_a_body_has_no_method() {
        let text = format!("https://h/v1/p/protected-instances\n\n{BODY}");
        let found = run_http(&RequestLine, &text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("the request line has no method"), "{}", found[0].message);
        let edit = found[0].fix.as_ref().map(|f| (f.edits[0].span.start, f.edits[0].replacement.as_str()));
        assert_eq!(edit, Some((0, "POST ")));
    }

    #[test]
    fn lower_case_post_is_a_safe_fix() {
        let text = format!("post /v1/p/protected-instances\n\n{BODY}");
        let found = run_http(&RequestLine, &text);
        assert_eq!(found[0].fix.as_ref().map(|f| f.applicability), Some(Applicability::Safe));
    }

    #[test]
    fn plain_json_has_no_request_line() {
        assert!(crate::rules::testing::run(&RequestLine, BODY).is_empty());
    }
}
