use super::Context;
use super::cloud;
use crate::inventory::Kind;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    ServerNotFound {
        id: "server-not-found",
        severity: Warning,
        fix: None,
        summary: "`server_id` is not among the inventory's servers.",
        service_errors: ["SDRS.1326"],
        needs: [Servers],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    cloud::not_found(request, ctx, Field::ServerId, Kind::Servers, "server");
}
