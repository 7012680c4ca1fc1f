use super::Context;
use super::cloud;
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
    let (Some(server), Some(group)) = (cloud::server(request), cloud::group(request)) else { return };
    let site = group.resource.production();
    let (Some(az), Some(expected)) = (&server.resource.az, site.az) else { return };
    if az.value == expected.value {
        return;
    }
    let d = ctx
        .report(
            server.member.pointer(),
            server.member.value.span(),
            format!(
                "server {} is in availability zone `{}`, but protection group {} protects `{}` (its {} site, the current production site)",
                server.resource.display(),
                az.value,
                group.resource.display(),
                expected.value,
                site.side
            ),
        )
        .with_label("in another availability zone")
        .with_help("choose a server in the group's production availability zone, or another protection group");
    cloud::relate(d, server.inventory, az.at, "the server's availability zone");
    cloud::relate(d, group.inventory, expected.at, "the group's production-site availability zone");
}
