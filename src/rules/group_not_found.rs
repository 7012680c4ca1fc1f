use super::Context;
use super::cloud;
use crate::inventory::Kind;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    GroupNotFound {
        id: "group-not-found",
        severity: Warning,
        fix: None,
        summary: "`server_group_id` is not among the inventory's protection groups.",
        service_errors: ["SDRS.1013"],
        needs: [ServerGroups],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    cloud::not_found(request, ctx, Field::ServerGroupId, Kind::ServerGroups, "protection group");
}
