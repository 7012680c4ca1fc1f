use super::Context;
use super::cloud::{self, ProductionSite};
use crate::view::RequestView;

declare_rule! {
    ServerVpcMismatch {
        id: "server-vpc-mismatch",
        severity: Error,
        fix: None,
        summary: "The server is not in the VPC of the protection group's production site.",
        service_errors: ["SDRS.1304"],
        needs: [Servers, ServerGroups],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    cloud::production_site_mismatch(
        request,
        ctx,
        &ProductionSite {
            server: |server| server.vpc.as_ref(),
            site: |site| site.vpc,
            noun: "VPC",
            site_noun: "VPC ",
            label: "in another VPC",
            help: "choose a server in the group's VPC, or a protection group for the server's VPC",
            server_note: "the server's VPC",
            site_note: "the group's production-site VPC",
        },
    );
}
