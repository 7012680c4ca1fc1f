use super::Context;
use crate::measure::ipv4;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    IpInvalid {
        id: "ip-invalid",
        severity: Error,
        fix: None,
        summary: "`primary_ip_address` is not a strict dotted-decimal IPv4 address.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(ip) = request.string(Field::PrimaryIpAddress) else { return };
    let Err(problem) = ipv4::parse(ip.value.value()) else { return };
    ctx.report(ip.value.span(), |d| {
        d.describe(ip.pointer(), format!("`primary_ip_address` {problem}"))
            .with_label("not a dotted-decimal IPv4 address")
            .with_help("write four decimal numbers from 0 to 255 separated by dots, such as `192.168.0.5`");
    });
}

#[cfg(test)]
mod tests {
    use super::IpInvalid;
    use crate::rules::testing::{assert_clean, labelled, request, run};

    fn ip(address: &str) -> String {
        request(&format!("\"primary_ip_address\": \"{address}\""))
    }

    #[test]
    fn dotted_decimal_passes() {
        assert_clean(&IpInvalid, &[ip("192.168.0.5"), ip("10.0.0.1"), ip("127.0.0.1")]);
    }

    #[test]
    fn labels_the_value() {
        assert_eq!(labelled(&IpInvalid, &ip("192.168.00.5")), ["\"192.168.00.5\""]);
        let found = run(&IpInvalid, &ip("fe80::1"));
        assert!(found[0].message.contains("IPv6"), "{}", found[0].message);
    }
}
