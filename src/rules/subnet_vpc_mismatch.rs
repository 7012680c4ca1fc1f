use super::Context;
use super::cloud;
use crate::view::RequestView;

declare_rule! {
    SubnetVpcMismatch {
        id: "subnet-vpc-mismatch",
        severity: Error,
        fix: None,
        summary: "The subnet is not in the VPC of the protection group's DR site.",
        service_errors: [],
        needs: [Subnets, ServerGroups],
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let (Some(subnet), Some(group)) = (cloud::subnet(request), cloud::group(request)) else { return };
    let site = group.resource.dr();
    let (Some(vpc), Some(expected)) = (&subnet.resource.vpc, site.vpc) else { return };
    if vpc.value == expected.value {
        return;
    }
    ctx.report(subnet.member.value.span(), |d| {
        let subnet_side = format!("subnet {} is in VPC `{}`", subnet.resource.display(), vpc.value);
        let message = format!(
            "{subnet_side}, but the DR-site server of protection group {} is created in VPC `{}` (its {} site)",
            group.resource.display(),
            expected.value,
            site.side
        );
        d.describe(subnet.member.pointer(), message)
            .with_label("in another VPC")
            .with_help("choose a subnet of the group's DR-site VPC");
        cloud::relate(d, subnet.inventory, vpc.at, "the subnet's VPC");
        cloud::relate(d, group.inventory, expected.at, "the group's DR-site VPC");
    });
}
