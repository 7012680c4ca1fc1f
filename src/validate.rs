//! Checking a typed request before sending it: serialise it and lint the JSON.

use crate::engine::{LintError, Report};
use crate::request::CreateProtectedInstanceRequest;

/// A request serialized to JSON, with the report of linting that JSON.
#[derive(Clone, Debug)]
pub struct SerializedRequest {
    /// The JSON body; diagnostic spans point into it.
    pub json: String,
    /// What the rules found.
    pub report: Report,
}

impl CreateProtectedInstanceRequest {
    /// Serializes the request and lints the JSON.
    pub fn lint(&self) -> SerializedRequest {
        let json = self.to_json();
        let report = crate::lint(&json);
        SerializedRequest { json, report }
    }

    /// The JSON body to send, or a [`LintError`] listing every reason the service would reject
    /// it (warnings alone do not fail).
    pub fn validate(&self) -> Result<String, LintError> {
        let SerializedRequest { json, report } = self.lint();
        report.into_result("request.json", json.clone())?;
        Ok(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Tag, Tenancy};

    #[test]
    fn round_trips_the_documented_names() {
        let mut request = CreateProtectedInstanceRequest::new("g", "s", "n");
        request.protected_instance.flavor_ref = Some("s3.large.2".into());
        request.protected_instance.tenancy = Some(Tenancy::Shared);
        let json = request.to_json();
        assert!(json.contains("\"flavorRef\": \"s3.large.2\""), "{json}");
        assert!(json.contains("\"tenancy\": \"shared\""), "{json}");
        assert!(!json.contains("description"), "{json}");
        let back: CreateProtectedInstanceRequest = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, request);
    }

    #[test]
    fn validate_reports_errors_with_spans_into_the_json() {
        let mut request = CreateProtectedInstanceRequest::new(
            "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90",
            "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47",
            "web 01",
        );
        request.protected_instance.tags = Some(vec![Tag::new("a/b", "v")]);
        let err = request.validate().err();
        let rules: Vec<&str> = err.iter().flat_map(|e| e.diagnostics()).map(|d| d.rule).collect();
        assert_eq!(rules, ["name-invalid-char", "tag-invalid-char"]);
        let linted = request.lint();
        let span = linted.report.diagnostics()[0].primary.span;
        assert_eq!(&linted.json[span.range()], " ");
    }
}
