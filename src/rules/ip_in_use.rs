use super::Context;
use super::cloud;
use crate::inventory::Kind;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    IpInUse {
        id: "ip-in-use",
        severity: Error,
        fix: None,
        summary: "A port on the subnet already holds `primary_ip_address`.",
        service_errors: ["SDRS.1334"],
        needs: [Subnets, Ports],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(inventory) = request.inventory.filter(|i| i.has(Kind::Ports)) else { return };
    let (Some(named), Some((member, ip))) = (cloud::id(request, Field::PrimarySubnetId), cloud::ip(request)) else {
        return;
    };
    // A subnet the inventory lists under either ID; one it does not list is `subnet-not-found`'s.
    let subnet = cloud::subnet(request);
    if subnet.is_none() && inventory.has(Kind::Subnets) {
        return;
    }
    let mut networks = vec![named.value.value()];
    if let Some(found) = &subnet {
        networks.extend([&found.resource.id, &found.resource.network].into_iter().flatten().map(|f| f.value.as_str()));
    }
    let address = ip.to_string();
    let Some(port) = networks.iter().find_map(|n| inventory.port(n, &address)) else { return };
    let Some(held) = port.ips.iter().find(|f| f.value == address) else { return };
    ctx.report(member.value.span(), |d| {
        let device = port
            .device
            .as_ref()
            .filter(|d| !d.value.is_empty())
            .map_or(String::new(), |d| format!(" of device `{}`", d.value));
        let name = port.id.as_ref().map_or(String::new(), |p| format!(" `{}`", p.value));
        d.describe(
            member.pointer(),
            format!("`primary_ip_address` {ip} is already held by port{name}{device} on the subnet"),
        )
        .with_label("already in use")
        .with_help("give a free address of the subnet, or omit the address to have one assigned");
        cloud::relate(d, inventory, held.at, "the port holding the address");
    });
}
