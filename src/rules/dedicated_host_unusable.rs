use super::Context;
use super::cloud;
use crate::view::RequestView;

declare_rule! {
    DedicatedHostUnusable {
        id: "dedicated-host-unusable",
        severity: Error,
        fix: None,
        summary: "The dedicated host is not `available`, or not in the protection group's DR-site availability zone.",
        service_errors: [],
        needs: [DedicatedHosts],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(host) = cloud::host(request) else { return };
    let name = host.resource.name.as_ref().filter(|n| !n.value.is_empty()).or(host.resource.id.as_ref());
    let name = || crate::text::quote(name.map_or("", |n| n.value.as_str()), 60);
    if let Some(state) = host.resource.state.as_ref().filter(|s| s.value != "available") {
        ctx.report(host.member.value.span(), |d| {
            d.describe(
                host.member.pointer(),
                format!("dedicated host {} is `{}`; it must be `available`", name(), state.value),
            )
            .with_label(format!("a host that is `{}`", state.value))
            .with_help("choose an available dedicated host, or omit `dedicated_host_id` to let the service pick one");
            cloud::relate(d, host.inventory, state.at, "the host's state");
        });
    }
    let Some(group) = cloud::group(request) else { return };
    let site = group.resource.dr();
    let (Some(az), Some(expected)) = (&host.resource.az, site.az) else { return };
    if az.value == expected.value {
        return;
    }
    ctx.report(host.member.value.span(), |d| {
        let message = format!(
            "dedicated host {} is in availability zone `{}`, but protection group {} creates DR-site servers in `{}`",
            name(),
            az.value,
            group.resource.display(),
            expected.value
        );
        d.describe(host.member.pointer(), message)
            .with_label("in another availability zone")
            .with_help("choose a dedicated host in the group's DR-site availability zone");
        cloud::relate(d, host.inventory, az.at, "the host's availability zone");
        cloud::relate(d, group.inventory, expected.at, "the group's DR-site availability zone");
    });
}
