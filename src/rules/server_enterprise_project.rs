use super::Context;
use super::cloud;
use crate::view::RequestView;

declare_rule! {
    ServerEnterpriseProject {
        id: "server-enterprise-project",
        severity: Warning,
        fix: None,
        summary: "The server belongs to an enterprise project, which the DR-site server will not join.",
        service_errors: [],
        needs: [Servers],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(server) = cloud::server(request) else { return };
    let Some(project) = server.resource.enterprise_project.as_ref().filter(|p| !p.value.is_empty() && p.value != "0")
    else {
        return;
    };
    ctx.report(server.member.value.span(), |d| {
        d.describe(
            server.member.pointer(),
            format!(
                "server {} belongs to enterprise project `{}`; the DR-site server will not join it",
                server.resource.display(),
                project.value
            ),
        )
        .with_label("in an enterprise project")
        .with_help(
            "after the protected instance is created, add the DR-site server to the enterprise project yourself",
        );
        cloud::relate(d, server.inventory, project.at, "the server's enterprise project");
    });
}
