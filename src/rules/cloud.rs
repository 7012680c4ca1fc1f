//! What the inventory rules share: finding the resources a request names, in the order of
//! precedence the inventory spec sets, and reporting with the inventory fact that proves a
//! finding as a related location in its file.
//!
//! Precedence: a value that already breaks a body rule (an ID that is empty, blank or, for a
//! UUID member, not a UUID; an IP that is not IPv4) gets no inventory diagnostic; a resource
//! that is not found silences every rule that needs it (the `*-not-found` rule speaks once);
//! a rule runs only when the inventory holds the kinds it needs.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::inventory::{At, Fact, Flavor, Group, Host, Inventory, Kind, Server, Site, Subnet};
use crate::measure::{is_blank, similar, uuid};
use crate::request::members::Field;
use crate::view::{RequestView, Resources, StrMember};

/// The value of `field` when it can name a resource: not empty or blank, a UUID when the member
/// is one, and not a placeholder of the reference's example (each of those is a body rule's).
pub(crate) fn id<'t, 'a>(request: &RequestView<'t, 'a>, field: Field) -> Option<StrMember<'t>> {
    let usable = *request.resource_ids.get_or_init(|| {
        Field::ALL
            .iter()
            .filter(|&&f| request.string(f).is_some_and(|m| names_resource(f, m.value.value())))
            .fold(0, |bits, &f| bits | 1 << f as u32)
    });
    request.string(field).filter(|_| usable & (1 << field as u32) != 0)
}

fn names_resource(field: Field, value: &str) -> bool {
    !is_blank(value)
        && (!field.is_uuid() || uuid::check(value).is_none())
        && !super::doc_example_value::is_placeholder(value)
}

/// `primary_ip_address`, when it is an IPv4 address a server can have (not `ip-invalid`'s or
/// `ip-reserved`'s).
pub(crate) fn ip<'t, 'a>(request: &RequestView<'t, 'a>) -> Option<(StrMember<'t>, std::net::Ipv4Addr)> {
    let member = request.string(Field::PrimaryIpAddress)?;
    let octets = crate::measure::ipv4::parse(member.value.value()).ok()?;
    super::ip_reserved::reserved_range(octets).is_none().then(|| (member, std::net::Ipv4Addr::from(octets)))
}

/// A resource of the inventory that a request member names.
pub(crate) struct Found<'t, T> {
    /// The request member.
    pub member: StrMember<'t>,
    /// The resource.
    pub resource: &'t T,
    /// The inventory.
    pub inventory: &'t Inventory,
}

/// The resources the request names, looked up once per request.
fn resources<'t>(request: &RequestView<'t, '_>) -> Resources<'t> {
    *request.resources.get_or_init(|| {
        let Some(inventory) = request.inventory else { return Resources::default() };
        let value = |field| id(request, field).map(|m| m.value.value());
        Resources {
            group: value(Field::ServerGroupId).and_then(|v| inventory.groups.get(v)),
            server: value(Field::ServerId).and_then(|v| inventory.servers.get(v)),
            subnet: value(Field::PrimarySubnetId).and_then(|v| inventory.subnet(v)),
            flavor: value(Field::FlavorRef).and_then(|v| inventory.flavors.get(v)),
            host: value(Field::DedicatedHostId).and_then(|v| inventory.hosts.get(v)),
        }
    })
}

/// The resource `field` names, chosen from the request's [`Resources`] by `pick`; `None` when
/// there is no inventory, the value cannot name a resource, or it names none.
fn find<'t, 'a, T>(
    request: &RequestView<'t, 'a>,
    field: Field,
    pick: impl Fn(Resources<'t>) -> Option<&'t T>,
) -> Option<Found<'t, T>> {
    let inventory = request.inventory?;
    let resource = pick(resources(request))?;
    Some(Found { member: id(request, field)?, resource, inventory })
}

/// The protection group `server_group_id` names.
pub(crate) fn group<'t, 'a>(request: &RequestView<'t, 'a>) -> Option<Found<'t, Group>> {
    find(request, Field::ServerGroupId, |r| r.group)
}

/// The server `server_id` names.
pub(crate) fn server<'t, 'a>(request: &RequestView<'t, 'a>) -> Option<Found<'t, Server>> {
    find(request, Field::ServerId, |r| r.server)
}

/// The subnet `primary_subnet_id` names (by `id` or `neutron_network_id`).
pub(crate) fn subnet<'t, 'a>(request: &RequestView<'t, 'a>) -> Option<Found<'t, Subnet>> {
    find(request, Field::PrimarySubnetId, |r| r.subnet)
}

/// The flavor `flavorRef` names.
pub(crate) fn flavor<'t, 'a>(request: &RequestView<'t, 'a>) -> Option<Found<'t, Flavor>> {
    find(request, Field::FlavorRef, |r| r.flavor)
}

/// The dedicated host `dedicated_host_id` names.
pub(crate) fn host<'t, 'a>(request: &RequestView<'t, 'a>) -> Option<Found<'t, Host>> {
    find(request, Field::DedicatedHostId, |r| r.host)
}

/// Whether the server `server_id` names is known to be missing: the inventory lists servers
/// and not this one (then `server-not-found` speaks, and rules about the server do not).
pub(crate) fn server_missing(request: &RequestView<'_, '_>) -> bool {
    let listed = request.inventory.is_some_and(|i| i.has(Kind::Servers));
    listed && id(request, Field::ServerId).is_some() && resources(request).server.is_none()
}

/// How messages name the server `member` names: its name when the inventory lists it, else
/// its ID.
pub(crate) fn server_name(inventory: &Inventory, member: &StrMember<'_>) -> String {
    let value = member.value.value();
    inventory.servers.get(value).map_or_else(|| crate::text::quote(value, 40), Server::display)
}

/// Adds the inventory fact at `at` as a related location (in its own file).
pub(crate) fn relate(diagnostic: &mut Diagnostic, inventory: &Inventory, at: At, text: impl Into<String>) {
    if let Some(file) = inventory.source(at) {
        diagnostic.with_related(file, at.span, text);
    }
}

/// `*-not-found`: `field`'s value names no element of the inventory's `kind` (`what` names one
/// element, "protection group"). The message says how many the inventory holds and from which
/// files, and suggests the closest ID when one differs by a typo.
pub(crate) fn not_found(request: &RequestView<'_, '_>, ctx: &mut Context<'_>, field: Field, kind: Kind, what: &str) {
    let Some(inventory) = request.inventory.filter(|i| i.has(kind)) else { return };
    let Some(member) = id(request, field) else { return };
    let value = member.value.value();
    if inventory.contains(kind, value) {
        return;
    }
    ctx.report(member.value.span(), |d| {
        let files = inventory.file_names(kind);
        let mut message = format!(
            "`{}` {} names no {what} of the inventory, which holds {} from {}",
            field.name(),
            crate::text::quote(value, 40),
            crate::text::count(inventory.count(kind), what),
            files.join(", ")
        );
        let close = similar::closest(value, inventory.ids(kind));
        if let Some(close) = close {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        d.describe(member.pointer(), message).with_label(format!("no such {what}")).with_help(format!(
            "check the ID, or save a fresh `{kind}` response (the snapshot may be old or hold only some pages)"
        ));
        if let Some(at) = inventory.list_of(kind) {
            relate(d, inventory, at, format!("the {what}s the inventory holds"));
        }
    });
}

/// What `server-az-mismatch` and `server-vpc-mismatch` share: a fact of the server that must
/// equal the same fact of the protection group's current production site.
pub(crate) struct ProductionSite {
    /// The server's fact.
    pub server: fn(&Server) -> Option<&Fact<String>>,
    /// The site's fact.
    pub site: for<'g> fn(&Site<'g>) -> Option<&'g Fact<String>>,
    /// How messages name the fact before the server's value ("VPC"), and before the site's.
    pub noun: &'static str,
    pub site_noun: &'static str,
    /// The label, the help, and the texts of the two related locations.
    pub label: &'static str,
    pub help: &'static str,
    pub server_note: &'static str,
    pub site_note: &'static str,
}

/// Reports the server `server_id` names when its fact differs from the group's production site.
pub(crate) fn production_site_mismatch(request: &RequestView<'_, '_>, ctx: &mut Context<'_>, check: &ProductionSite) {
    let (Some(server), Some(group)) = (self::server(request), self::group(request)) else { return };
    let site = group.resource.production();
    let (Some(actual), Some(expected)) = ((check.server)(server.resource), (check.site)(&site)) else { return };
    if actual.value == expected.value {
        return;
    }
    ctx.report(server.member.value.span(), |d| {
        let server_side = format!("server {} is in {} `{}`", server.resource.display(), check.noun, actual.value);
        let message = format!(
            "{server_side}, but protection group {} protects {}`{}` (its {} site, the current production site)",
            group.resource.display(),
            check.site_noun,
            expected.value,
            site.side
        );
        d.describe(server.member.pointer(), message).with_label(check.label).with_help(check.help);
        relate(d, server.inventory, actual.at, check.server_note);
        relate(d, group.inventory, expected.at, check.site_note);
    });
}
