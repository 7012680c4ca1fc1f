//! Checking a typed request before sending it: serialise it and lint the JSON.

use crate::engine::{LintError, Linter, Report};
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
    /// Serializes the request and lints the JSON with every rule at its default severity.
    /// Members the request was read with but that are not documented ([`Self::extra`] and its
    /// kin) are serialized too, so they are reported (`unknown-field`).
    pub fn lint(&self) -> SerializedRequest {
        self.lint_with(&Linter::default())
    }

    /// Serializes the request and lints the JSON with `linter`'s settings.
    pub fn lint_with(&self, linter: &Linter) -> SerializedRequest {
        let json = self.to_json();
        let report = linter.lint(&json);
        SerializedRequest { json, report }
    }

    /// The JSON body to send, or a [`LintError`] listing every reason the service would reject
    /// it (warnings alone do not fail; they are listed with the errors). The error names no
    /// file: the request was built in memory.
    pub fn validate(&self) -> Result<String, LintError> {
        self.validate_with(&Linter::default())
    }

    /// Like [`Self::validate`], with `linter`'s settings: for example, to refuse a request
    /// read from a file with members the API does not document, make `unknown-field` an error.
    ///
    /// ```
    /// use sdrs_lint::{CreateProtectedInstanceRequest, Linter, Severity};
    ///
    /// let text = r#"{"protected_instance": {
    ///     "server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90",
    ///     "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47",
    ///     "name": "web-01",
    ///     "flavorref": "s3.large.2"
    /// }}"#;
    /// let request: CreateProtectedInstanceRequest = serde_json::from_str(text)?;
    /// // The misspelled member is kept, sent and reported.
    /// assert!(request.protected_instance.extra.contains_key("flavorref"));
    /// assert_eq!(request.lint().report.diagnostics()[0].rule, "unknown-field");
    /// let mut strict = Linter::new();
    /// strict.set_level("unknown-field", Severity::Error)?;
    /// let err = request.validate_with(&strict).unwrap_err();
    /// assert_eq!(err.diagnostics()[0].pointer, "/protected_instance/flavorref");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_with(&self, linter: &Linter) -> Result<String, LintError> {
        let SerializedRequest { json, report } = self.lint_with(linter);
        report.into_result_unnamed(json.clone())?;
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

    #[test]
    fn a_request_read_from_json_keeps_undocumented_members_and_reports_them() {
        let text = r#"{"protected_instance": {
            "server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90",
            "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47",
            "name": "web-01",
            "flavorref": "s3.large.2",
            "tags": [{"key": "env", "value": "prod", "colour": "blue"}]
        }, "dry_run": true}"#;
        let request: CreateProtectedInstanceRequest = serde_json::from_str(text).unwrap();
        assert_eq!(request.protected_instance.extra.get("flavorref"), Some(&serde_json::json!("s3.large.2")));
        assert_eq!(request.protected_instance.flavor_ref, None);
        let linted = request.lint();
        let found: Vec<(&str, &str)> =
            linted.report.diagnostics().iter().map(|d| (d.rule, d.pointer.as_str())).collect();
        assert_eq!(
            found,
            [
                // Documented members are written first, then the others.
                ("unknown-field", "/protected_instance/tags/0/colour"),
                ("unknown-field", "/protected_instance/flavorref"),
                ("unknown-field", "/dry_run"),
            ]
        );
        // Nothing read is lost: reading back what `validate` returns gives the same request.
        let json = request.validate().unwrap();
        assert_eq!(serde_json::from_str::<CreateProtectedInstanceRequest>(&json).unwrap(), request);
        // Warnings do not fail; with `unknown-field` as an error they do.
        let mut strict = Linter::new();
        strict.set_level("unknown-field", crate::Severity::Error).unwrap();
        let err = request.validate_with(&strict).unwrap_err();
        assert_eq!(err.diagnostics().len(), 3);
        assert!(err.to_string().starts_with("the service would reject the request (3 errors)\n"), "{err}");
    }

    #[test]
    fn a_failing_validation_lists_the_warnings_too_and_names_no_file() {
        let mut request = CreateProtectedInstanceRequest::new("", "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "web-01");
        request.protected_instance.extra.insert("flavorref".into(), "s3.large.2".into());
        let err = request.validate().unwrap_err();
        let rules: Vec<&str> = err.diagnostics().iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["id-empty", "unknown-field"]);
        assert_eq!(err.name(), None);
        assert!(!err.to_string().contains("request.json"), "{err}");
    }
}
