use super::Context;
use super::cloud;
use crate::inventory::Kind;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    ServerAlreadyProtected {
        id: "server-already-protected",
        severity: Error,
        fix: None,
        summary: "The server already belongs to a protected instance.",
        service_errors: ["SDRS.1305"],
        needs: [ProtectedInstances],
    }
}

/// How to fix it.
const HELP: &str = "a server can belong to one protected instance only: choose another server, or delete the existing protected instance first";

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(inventory) = request.inventory.filter(|i| i.has(Kind::ProtectedInstances)) else { return };
    let Some(member) = cloud::id(request, Field::ServerId) else { return };
    // A server the inventory's servers do not list is `server-not-found`'s alone.
    if cloud::server_missing(request) {
        return;
    }
    let Some((instance, named)) = inventory.protecting(member.value.value()) else { return };
    ctx.report(member.value.span(), |d| {
        let which = instance.display();
        let status = instance.status.as_ref().map_or(String::new(), |s| format!(" (status `{}`)", s.value));
        let server = cloud::server_name(inventory, &member);
        d.describe(member.pointer(), format!("server {server} already belongs to protected instance {which}{status}"))
            .with_label("already protected")
            .with_help(HELP);
        cloud::relate(d, inventory, named.at, "the protected instance that holds it");
    });
}
