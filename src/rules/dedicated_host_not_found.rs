use super::Context;
use super::cloud;
use crate::inventory::Kind;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    DedicatedHostNotFound {
        id: "dedicated-host-not-found",
        severity: Warning,
        fix: None,
        summary: "`dedicated_host_id` is not among the inventory's dedicated hosts.",
        service_errors: [],
        needs: [DedicatedHosts],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    cloud::not_found(request, ctx, Field::DedicatedHostId, Kind::DedicatedHosts, "dedicated host");
}
