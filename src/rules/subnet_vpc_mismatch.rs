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
    let d = ctx
        .report(
            subnet.member.pointer(),
            subnet.member.value.span(),
            format!(
                "subnet {} is in VPC `{}`, but the DR-site server of protection group {} is created in VPC `{}` (its {} site)",
                subnet.resource.display(),
                vpc.value,
                group.resource.display(),
                expected.value,
                site.side
            ),
        )
        .with_label("in another VPC")
        .with_help("choose a subnet of the group's DR-site VPC");
    cloud::relate(d, subnet.inventory, vpc.at, "the subnet's VPC");
    cloud::relate(d, group.inventory, expected.at, "the group's DR-site VPC");
}
