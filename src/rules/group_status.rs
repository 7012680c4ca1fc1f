use super::Context;
use super::cloud;
use crate::view::RequestView;

declare_rule! {
    GroupStatus {
        id: "group-status",
        severity: Error,
        fix: None,
        summary: "The protection group is neither `available` nor `protected`.",
        service_errors: ["SDRS.1323", "SDRS.1325"],
        needs: [ServerGroups],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some(found) = cloud::group(request) else { return };
    let Some(status) = &found.resource.status else { return };
    if matches!(status.value.as_str(), "available" | "protected") {
        return;
    }
    let group = found.resource.display();
    ctx.report(found.member.value.span(), |d| {
        d.describe(
            found.member.pointer(),
            format!("protection group {group} is `{}`; it must be `available` or `protected`", status.value),
        )
        .with_label(format!("a group that is `{}`", status.value))
        .with_help("wait until the group is `available` (or protect it again), or choose another group");
        cloud::relate(d, found.inventory, status.at, "the group's status");
    });
}
