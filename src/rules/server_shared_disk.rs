use super::Context;
use super::cloud;
use crate::inventory::Kind;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    ServerSharedDisk {
        id: "server-shared-disk",
        severity: Error,
        fix: None,
        summary: "A disk attached to the server is shared (multi-attach).",
        service_errors: [],
        needs: [Volumes],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(inventory) = request.inventory.filter(|i| i.has(Kind::Volumes)) else { return };
    if cloud::server_missing(request) {
        return;
    }
    let Some(member) = cloud::id(request, Field::ServerId) else { return };
    let server = cloud::server(request).map(|f| f.resource);
    for disk in inventory.disks_of(member.value.value(), server) {
        let Some(shared) = disk.shared() else { continue };
        ctx.report(member.value.span(), |d| {
            let name = disk.name.as_ref().filter(|n| !n.value.is_empty()).or(disk.id.as_ref());
            let name = crate::text::quote(name.map_or("", |n| n.value.as_str()), 60);
            d.describe(
                member.pointer(),
                format!(
                    "server {} has the shared disk {name} attached; a server with a shared disk cannot be protected",
                    cloud::server_name(inventory, &member)
                ),
            )
            .with_label("has a shared disk")
            .with_help("detach the shared disk from the server, or protect another server");
            cloud::relate(d, inventory, shared, "the disk is shared");
        });
    }
}
