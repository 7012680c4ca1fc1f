use super::Context;
use crate::text::quote;
use crate::view::RequestView;

declare_rule! {
    ProjectId {
        id: "project-id",
        severity: Warning,
        fix: None,
        summary: "The project ID is missing, is still the `{project_id}` placeholder, or is not 32 hexadecimal digits.",
    }
}

const HELP: &str = "put your project ID (32 hexadecimal digits, shown under My Credentials in the console) between `/v1/` and `/protected-instances`";

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(http) = request.http else { return };
    let segments: Vec<_> = http.segments().collect();
    let (id, span) = match segments.as_slice() {
        [("v1", _), (id, span), ("protected-instances", _)] => (*id, *span),
        [("v1", _), ("protected-instances", _)] => ("", http.path_span),
        // Any other shape is `request-line`'s to report.
        _ => return,
    };
    // A REST-client variable (`{{project}}`) is filled in when the request is sent.
    if id.starts_with("{{") && id.ends_with("}}") {
        return;
    }
    if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return;
    }
    ctx.report(span, |d| {
        let problem = if id.is_empty() {
            "the request line has no project ID".to_string()
        } else if id.starts_with('{') && id.ends_with('}') {
            format!("the project ID is still the placeholder `{id}`")
        } else {
            format!(
                "the project ID {} is not 32 hexadecimal digits (it has {} characters)",
                quote(id, 40),
                id.chars().count()
            )
        };
        d.describe(String::new(), problem).with_label("project ID").with_help(HELP);
    });
}

#[cfg(test)]
mod tests {
    use super::ProjectId;
    use crate::rules::testing::run_http;

    fn labels(path: &str) -> Vec<String> {
        let text = format!("POST https://{{Endpoint}}{path}\n\n{{}}\n");
        run_http(&ProjectId, &text).iter().map(|d| text[d.primary.span.range()].to_string()).collect()
    }

    #[test]
    fn real_ids_and_variables_pass() {
        assert!(labels("/v1/0123456789abcdef0123456789ABCDEF/protected-instances").is_empty());
        assert!(labels("/v1/{{projectId}}/protected-instances").is_empty());
        assert!(labels("/v2/x/protected-instances").is_empty(), "request-line's");
    }

    #[test]
    fn missing_placeholder_and_malformed() {
        assert_eq!(labels("/v1/{project_id}/protected-instances"), ["{project_id}"]);
        assert_eq!(labels("/v1/abc/protected-instances"), ["abc"]);
        assert_eq!(labels("/v1/protected-instances"), ["/v1/protected-instances"]);
        assert_eq!(labels("/v1//protected-instances").len(), 1);
    }
}
