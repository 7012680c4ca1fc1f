use super::Context;
use super::cloud;
use crate::view::RequestView;
use ipnet::Ipv4Net;

declare_rule! {
    IpOutsideSubnet {
        id: "ip-outside-subnet",
        severity: Error,
        fix: None,
        summary: "`primary_ip_address` is outside the subnet, or is its network, broadcast or gateway address.",
        service_errors: ["SDRS.0219"],
        needs: [Subnets],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let (Some(subnet), Some((member, ip))) = (cloud::subnet(request), cloud::ip(request)) else { return };
    let Some(cidr) = &subnet.resource.cidr else { return };
    let Ok(net) = cidr.value.trim().parse::<Ipv4Net>() else { return };
    let gateway = subnet.resource.gateway.as_ref().filter(|g| g.value.trim().parse() == Ok(ip));
    // What the address is, and whether the message names the range after it.
    let (problem, of_net, at, what) = if !net.contains(&ip) {
        ("is outside the subnet's range", true, cidr.at, "the subnet's range")
    } else if let Some(gateway) = gateway {
        ("is the subnet's gateway", false, gateway.at, "the subnet's gateway")
    } else if net.prefix_len() < 31 && ip == net.network() {
        ("is the network address of", true, cidr.at, "the subnet's range")
    } else if net.prefix_len() < 31 && ip == net.broadcast() {
        ("is the broadcast address of", true, cidr.at, "the subnet's range")
    } else {
        return;
    };
    ctx.report(member.value.span(), |d| {
        let range = if of_net { format!(" `{net}`") } else { String::new() };
        d.describe(member.pointer(), format!("`primary_ip_address` {ip} {problem}{range}"))
            .with_label("not a usable address of the subnet")
            .with_help(format!(
                "give a free host address of `{net}` other than the gateway, or omit the address to have one assigned"
            ));
        cloud::relate(d, subnet.inventory, at, what);
    });
}
