use super::Context;
use super::cloud;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    DedicatedHostServerGroup {
        id: "dedicated-host-server-group",
        severity: Error,
        fix: None,
        summary: "`dedicated_host_id` is given for a server that belongs to an ECS server group.",
        service_errors: [],
        needs: [Servers],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(host) = cloud::id(request, Field::DedicatedHostId) else { return };
    let Some(server) = cloud::server(request) else { return };
    let Some(group) = &server.resource.server_group else { return };
    ctx.report(host.value.span(), |d| {
        d.describe(
            host.pointer(),
            format!(
                "server {} belongs to ECS server group `{}`; a dedicated host cannot be given for it",
                server.resource.display(),
                group.value
            ),
        )
        .with_label("not allowed for this server")
        .with_help("remove `dedicated_host_id` (and `tenancy`), or take the server out of its ECS server group");
        cloud::relate(d, server.inventory, group.at, "the server's ECS server group");
    });
}
