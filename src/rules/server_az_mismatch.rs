use super::Context;
use super::cloud::{self, ProductionSite};
use crate::view::RequestView;

declare_rule! {
    ServerAzMismatch {
        id: "server-az-mismatch",
        severity: Error,
        fix: None,
        summary: "The server is not in the availability zone of the protection group's production site.",
        service_errors: ["SDRS.1303"],
        needs: [Servers, ServerGroups],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    cloud::production_site_mismatch(
        request,
        ctx,
        &ProductionSite {
            server: |server| server.az.as_ref(),
            site: |site| site.az,
            noun: "availability zone",
            site_noun: "",
            label: "in another availability zone",
            help: "choose a server in the group's production availability zone, or another protection group",
            server_note: "the server's availability zone",
            site_note: "the group's production-site availability zone",
        },
    );
}
