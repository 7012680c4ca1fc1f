use super::Context;
use crate::measure::is_blank;
use crate::request::members::Field;
use crate::syntax::NodeKind;
use crate::view::RequestView;

declare_rule! {
    IpNeedsSubnet {
        id: "ip-needs-subnet",
        severity: Warning,
        fix: None,
        summary: "`primary_ip_address` is set without `primary_subnet_id`, so the address is ignored.",
    }
}

/// How to fix it.
const HELP: &str = "add `primary_subnet_id` (the subnet of the DR-site server's primary NIC), or remove the address to have one assigned";

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(ip) = request.field(Field::PrimaryIpAddress).filter(|m| !m.value().is_null()) else { return };
    let subnet = request.field(Field::PrimarySubnetId);
    let why = match subnet.map(|s| s.value().kind()) {
        None => "absent",
        Some(NodeKind::Null) => "`null`",
        Some(NodeKind::String(s)) if s.value().is_empty() => "empty",
        Some(NodeKind::String(s)) if is_blank(s.value()) => "blank",
        Some(_) => return,
    };
    ctx.report(ip.key().span(), |d| {
        d.describe(
            Field::PrimaryIpAddress.pointer(),
            format!("`primary_ip_address` is ignored because `primary_subnet_id` is {why}"),
        )
        .with_label("takes effect only with `primary_subnet_id`")
        .with_help(HELP);
        if let Some(s) = subnet {
            d.with_secondary(s.value().span(), format!("{why} here"));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::IpNeedsSubnet;
    use crate::rules::testing::{assert_clean, labelled, request};

    const IP: &str = "\"primary_ip_address\": \"192.168.0.5\"";

    #[test]
    fn address_with_subnet_passes() {
        assert_clean(
            &IpNeedsSubnet,
            &[
                request(&format!("{IP}, \"primary_subnet_id\": \"0b9f2d4e-1a3c-4e5f-8d7c-6b5a4f3e2d1c\"")),
                request(&format!("{IP}, \"primary_subnet_id\": \"x\"")),
                request("\"primary_ip_address\": null"),
            ],
        );
    }

    #[test]
    fn an_address_is_set_whatever_its_type_and_a_subnet_of_another_type_counts_as_given() {
        for ip in ["42", "\"\"", "[]"] {
            assert_eq!(
                labelled(&IpNeedsSubnet, &request(&format!("\"primary_ip_address\": {ip}"))),
                ["\"primary_ip_address\""]
            );
        }
        assert_clean(&IpNeedsSubnet, &[request(&format!("{IP}, \"primary_subnet_id\": 7"))]);
    }

    #[test]
    fn labels_the_address_key() {
        for subnet in [
            "",
            ", \"primary_subnet_id\": null",
            ", \"primary_subnet_id\": \"\"",
            ", \"primary_subnet_id\": \"\\u3000 \"",
        ] {
            assert_eq!(
                labelled(&IpNeedsSubnet, &request(&format!("{IP}{subnet}"))),
                ["\"primary_ip_address\""],
                "{subnet}"
            );
        }
    }
}
