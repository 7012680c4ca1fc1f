use super::Context;
use crate::measure::ipv4;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    IpReserved {
        id: "ip-reserved",
        severity: Warning,
        fix: None,
        summary: "`primary_ip_address` is unspecified, loopback, link-local, multicast or broadcast.",
    }
}

/// Which reserved range holds the address, if any (the spec's list).
pub(super) fn reserved_range(octets: [u8; 4]) -> Option<&'static str> {
    Some(match octets {
        [0, ..] => "in 0.0.0.0/8, which means \"this network\"",
        [127, ..] => "a loopback address (127.0.0.0/8)",
        [169, 254, ..] => "a link-local address (169.254.0.0/16)",
        [224..=239, ..] => "a multicast address (224.0.0.0/4)",
        [255, 255, 255, 255] => "the broadcast address",
        [240..=255, ..] => "in the reserved range 240.0.0.0/4",
        _ => return None,
    })
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(ip) = request.string(Field::PrimaryIpAddress) else { return };
    let Some(range) = ipv4::parse(ip.value.value()).ok().and_then(reserved_range) else { return };
    ctx.report(ip.value.span(), |d| {
        d.describe(
            ip.pointer(),
            format!("`primary_ip_address` {} is {range}; no server's NIC can have it", ip.value.value()),
        )
        .with_label("not a server address")
        .with_help(
            "use a free address inside the subnet given by `primary_subnet_id`, or omit it to have one assigned",
        );
    });
}

#[cfg(test)]
mod tests {
    use super::IpReserved;
    use crate::rules::testing::{assert_clean, labelled, request};

    fn ip(address: &str) -> String {
        request(&format!("\"primary_ip_address\": \"{address}\""))
    }

    #[test]
    fn ordinary_addresses_pass() {
        assert_clean(
            &IpReserved,
            &[
                ip("192.168.0.5"),
                ip("1.0.0.0"),
                ip("126.255.255.255"),
                ip("169.253.1.1"),
                ip("223.255.255.255"),
                ip("999.1.1.1"),
            ],
        );
    }

    #[test]
    fn each_reserved_range_fires() {
        for address in [
            "0.0.0.0",
            "0.1.2.3",
            "127.0.0.1",
            "169.254.169.254",
            "224.0.0.1",
            "239.255.255.255",
            "240.0.0.1",
            "255.255.255.255",
        ] {
            assert_eq!(labelled(&IpReserved, &ip(address)), [format!("\"{address}\"")], "{address}");
        }
    }
}
