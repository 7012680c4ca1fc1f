use super::Context;
use crate::diagnostic::{Applicability, Fix};
use crate::measure::similar;
use crate::request::members::{Field, Tenancy};
use crate::text::quote;
use crate::view::RequestView;

declare_rule! {
    TenancyInvalid {
        id: "tenancy-invalid",
        severity: Error,
        fix: Some(Applicability::Unsafe),
        summary: "`tenancy` is neither `shared` nor `dedicated`.",
    }
}

/// The values the service accepts.
fn values() -> impl Iterator<Item = &'static str> {
    Tenancy::ALL.iter().map(|t| t.as_str())
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(tenancy) = request.string(Field::Tenancy) else { return };
    let value = tenancy.value.value();
    if values().any(|v| v == value) {
        return;
    }
    let span = tenancy.value.span();
    ctx.report(span, |d| {
        d.describe(tenancy.pointer(), format!("`tenancy` is {}; it must be `shared` or `dedicated`", quote(value, 30)))
            .with_label("not a tenancy");
        // Only the case differs: the value certainly meant is the lower-case one.
        if let Some(v) = values().find(|v| v.eq_ignore_ascii_case(value)) {
            d.with_help(format!("values are lower-case: write `{v}`")).with_fix(Fix::replace(
                format!("replace with `{v}`"),
                Applicability::Safe,
                span,
                format!("\"{v}\""),
            ));
        } else if let Some(v) = similar::closest(value.trim(), values()) {
            d.with_help(format!("did you mean `{v}`?")).with_fix(Fix::replace(
                format!("replace with `{v}`"),
                Applicability::Unsafe,
                span,
                format!("\"{v}\""),
            ));
        } else {
            d.with_help("use `shared` (the default: the shared resource pool) or `dedicated` (a dedicated host)");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::TenancyInvalid;
    use crate::diagnostic::Applicability;
    use crate::rules::testing::{assert_clean, labelled, request, run};

    #[test]
    fn the_two_values_pass() {
        assert_clean(
            &TenancyInvalid,
            &[request("\"tenancy\": \"shared\""), request("\"tenancy\": \"dedicated\""), request("\"tenancy\": null")],
        );
    }

    #[test]
    fn case_only_difference_is_a_safe_fix() {
        let found = run(&TenancyInvalid, &request("\"tenancy\": \"Dedicated\""));
        let fix = found[0].fix.as_ref().map(|f| (f.applicability, f.edits[0].replacement.as_str()));
        assert_eq!(fix, Some((Applicability::Safe, "\"dedicated\"")));
    }

    #[test]
    fn typos_get_an_unsafe_fix_and_others_none() {
        let found = run(&TenancyInvalid, &request("\"tenancy\": \"dedicate\""));
        assert_eq!(found[0].fix.as_ref().map(|f| f.applicability), Some(Applicability::Unsafe));
        let found = run(&TenancyInvalid, &request("\"tenancy\": \"host\""));
        assert!(found[0].fix.is_none());
        assert_eq!(labelled(&TenancyInvalid, &request("\"tenancy\": \"\"")), ["\"\""]);
    }
}
