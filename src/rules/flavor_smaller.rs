use super::Context;
use super::cloud;
use crate::inventory::Fact;
use crate::view::RequestView;

declare_rule! {
    FlavorSmaller {
        id: "flavor-smaller",
        severity: Warning,
        fix: None,
        summary: "The DR-site flavor has fewer vCPUs or less memory than the server's current flavor.",
        service_errors: [],
        needs: [Flavors, Servers],
    }
}

/// How to fix it.
const HELP: &str = "the reference recommends a DR-site flavor no smaller than the production server's: choose a larger flavor, or omit `flavorRef` to use the server's own";

/// The two sizes, when the new one is smaller.
fn smaller<'f>(new: Option<&'f Fact<u64>>, old: Option<&'f Fact<u64>>) -> Option<(&'f Fact<u64>, &'f Fact<u64>)> {
    new.zip(old).filter(|(n, o)| n.value < o.value)
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let (Some(flavor), Some(server)) = (cloud::flavor(request), cloud::server(request)) else { return };
    // The server's own flavor: as its details give it, else as the flavor list does.
    let current = server.resource.flavor_id.as_ref().and_then(|id| flavor.inventory.flavors.get(&id.value));
    let server_vcpus = server.resource.vcpus.as_ref().or(current.and_then(|c| c.vcpus.as_ref()));
    let server_ram = server.resource.ram.as_ref().or(current.and_then(|c| c.ram.as_ref()));
    let vcpus: fn(u64) -> String = |n| format!("{n} vCPU{}", if n == 1 { "" } else { "s" });
    let memory: fn(u64) -> String = |n| format!("{n} MiB of memory");
    let problems = [
        smaller(flavor.resource.vcpus.as_ref(), server_vcpus).map(|(n, o)| (n, o, vcpus, "fewer vCPUs")),
        smaller(flavor.resource.ram.as_ref(), server_ram).map(|(n, o)| (n, o, memory, "less memory")),
    ];
    for (new, old, amount, label) in problems.into_iter().flatten() {
        ctx.report(flavor.member.value.span(), |d| {
            let (has, had) = (amount(new.value), amount(old.value));
            let message = format!(
                "flavor `{}` has {has}, less than the {had} of server {}'s current flavor",
                flavor.member.value.value(),
                server.resource.display()
            );
            d.describe(flavor.member.pointer(), message).with_label(label).with_help(HELP);
            cloud::relate(d, flavor.inventory, new.at, "the flavor's size");
            cloud::relate(d, server.inventory, old.at, "the server's current size");
        });
    }
}
