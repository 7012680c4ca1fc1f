use super::Context;
use super::cloud;
use crate::inventory::Kind;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    FlavorNotFound {
        id: "flavor-not-found",
        severity: Warning,
        fix: None,
        summary: "`flavorRef` is not among the inventory's flavors.",
        service_errors: ["SDRS.1353", "SDRS.1356"],
        needs: [Flavors],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    cloud::not_found(request, ctx, Field::FlavorRef, Kind::Flavors, "flavor");
}
