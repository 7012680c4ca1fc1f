use super::Context;
use super::cloud;
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
    let (Some(server), Some(group)) = (cloud::server(request), cloud::group(request)) else { return };
    let site = group.resource.production();
    let (Some(vpc), Some(expected)) = (&server.resource.vpc, site.vpc) else { return };
    if vpc.value == expected.value {
        return;
    }
    let d = ctx
        .report(
            server.member.pointer(),
            server.member.value.span(),
            format!(
                "server {} is in VPC `{}`, but protection group {} protects VPC `{}` (its {} site, the current production site)",
                server.resource.display(),
                vpc.value,
                group.resource.display(),
                expected.value,
                site.side
            ),
        )
        .with_label("in another VPC")
        .with_help("choose a server in the group's VPC, or a protection group for the server's VPC");
    cloud::relate(d, server.inventory, vpc.at, "the server's VPC");
    cloud::relate(d, group.inventory, expected.at, "the group's production-site VPC");
}
