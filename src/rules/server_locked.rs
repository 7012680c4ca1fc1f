use super::Context;
use super::cloud;
use crate::view::RequestView;

declare_rule! {
    ServerLocked {
        id: "server-locked",
        severity: Error,
        fix: None,
        summary: "The server is locked.",
        service_errors: ["SDRS.1357", "SDRS.1359"],
        needs: [Servers],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(found) = cloud::server(request) else { return };
    let Some(locked) = found.resource.locked.as_ref().filter(|l| l.value) else { return };
    let server = found.resource.display();
    ctx.report(found.member.value.span(), |d| {
        d.describe(found.member.pointer(), format!("server {server} is locked; a locked server cannot be protected"))
            .with_label("a locked server")
            .with_help("unlock the server (ECS: unlock a server) or ask whoever locked it, then send the request");
        cloud::relate(d, found.inventory, locked.at, "the server is locked");
    });
}
