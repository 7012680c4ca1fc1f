use super::Context;
use super::cloud;
use crate::view::RequestView;

declare_rule! {
    ServerStatus {
        id: "server-status",
        severity: Error,
        fix: None,
        summary: "The server is neither `ACTIVE` nor `SHUTOFF`.",
        service_errors: ["SDRS.1333"],
        needs: [Servers],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(found) = cloud::server(request) else { return };
    let Some(status) = &found.resource.status else { return };
    if matches!(status.value.as_str(), "ACTIVE" | "SHUTOFF") {
        return;
    }
    let server = found.resource.display();
    ctx.report(found.member.value.span(), |d| {
        d.describe(
            found.member.pointer(),
            format!("server {server} is `{}`; it must be `ACTIVE` (running) or `SHUTOFF` (stopped)", status.value),
        )
        .with_label(format!("a server that is `{}`", status.value))
        .with_help("wait until the server is running or stopped, then send the request");
        cloud::relate(d, found.inventory, status.at, "the server's status");
    });
}
