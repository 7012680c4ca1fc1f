use super::Context;
use super::cloud;
use crate::inventory::Kind;
use crate::view::RequestView;

declare_rule! {
    ServerKeypairMissing {
        id: "server-keypair-missing",
        severity: Warning,
        fix: None,
        summary: "The server is a Windows server whose key pair is not among the inventory's key pairs.",
        service_errors: [],
        needs: [Servers, Keypairs],
    }
}

/// How to fix it.
const HELP: &str = "the DR-site server needs the key pair to decrypt its password: make sure it still exists (or save a fresh `keypairs` response)";

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(server) = cloud::server(request) else { return };
    if !server.inventory.has(Kind::Keypairs) {
        return;
    }
    let windows = server.resource.os_type.as_ref().is_some_and(|o| o.value.eq_ignore_ascii_case("Windows"));
    let Some(key) = server.resource.key_name.as_ref().filter(|k| windows && !k.value.is_empty()) else { return };
    if server.inventory.keypairs.get(&key.value).is_some() {
        return;
    }
    ctx.report(server.member.value.span(), |d| {
        let message = format!(
            "server {} runs Windows and logs in with key pair `{}`, which is not among the inventory's {}",
            server.resource.display(),
            key.value,
            crate::text::count(server.inventory.count(Kind::Keypairs), "key pair")
        );
        d.describe(server.member.pointer(), message).with_label("its key pair is missing").with_help(HELP);
        cloud::relate(d, server.inventory, key.at, "the server's key pair");
    });
}
