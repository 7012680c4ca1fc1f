use super::Context;
use super::cloud;
use crate::inventory::Kind;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    SubnetNotFound {
        id: "subnet-not-found",
        severity: Warning,
        fix: None,
        summary: "`primary_subnet_id` matches no subnet of the inventory.",
        service_errors: ["SDRS.1335"],
        needs: [Subnets],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    cloud::not_found(request, ctx, Field::PrimarySubnetId, Kind::Subnets, "subnet");
}
