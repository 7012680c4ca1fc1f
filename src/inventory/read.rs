//! Reading one inventory file: recognise its kind by its top-level member, then take from each
//! element only the members the rules read, each with its span.

use std::fmt;

use super::{At, Fact, Flavor, Group, Host, KeyPair, Port, Protected, Server, Subnet, Volume};
use crate::diagnostic::SourceFile;
use crate::input::detect::INVENTORY_KINDS;
use crate::lines::Position;
use crate::span::Span;
use crate::syntax::{self, Node, NodeKind, Object};

/// What an inventory file holds, named by its top-level member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// SDRS, list protection groups.
    ServerGroups,
    /// SDRS, one protection group's details.
    ServerGroup,
    /// SDRS, list protected instances.
    ProtectedInstances,
    /// ECS, list servers with details.
    Servers,
    /// EVS, list disks with details.
    Volumes,
    /// VPC, list subnets.
    Subnets,
    /// VPC, list ports.
    Ports,
    /// KPS, list key pairs.
    Keypairs,
    /// ECS, flavors a server may be resized to (or all flavors).
    Flavors,
    /// DeH, list dedicated hosts.
    DedicatedHosts,
}

impl Kind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [Kind; 10] = [
        Kind::ServerGroups,
        Kind::ServerGroup,
        Kind::ProtectedInstances,
        Kind::Servers,
        Kind::Volumes,
        Kind::Subnets,
        Kind::Ports,
        Kind::Keypairs,
        Kind::Flavors,
        Kind::DedicatedHosts,
    ];

    /// The top-level member that names it: the names request detection already knows, in the
    /// order of [`Kind::ALL`] (a test holds the two together).
    pub fn member(self) -> &'static str {
        INVENTORY_KINDS.get(self as usize).copied().unwrap_or_default()
    }

    /// What its elements are, in words ("protection groups").
    pub fn describe(self) -> &'static str {
        match self {
            Kind::ServerGroups | Kind::ServerGroup => "protection groups",
            Kind::ProtectedInstances => "protected instances",
            Kind::Servers => "servers",
            Kind::Volumes => "disks",
            Kind::Subnets => "subnets",
            Kind::Ports => "ports",
            Kind::Keypairs => "key pairs",
            Kind::Flavors => "flavors",
            Kind::DedicatedHosts => "dedicated hosts",
        }
    }

    /// The API whose response it is.
    pub fn api(self) -> &'static str {
        match self {
            Kind::ServerGroups => "SDRS: GET /v1/{project_id}/server-groups",
            Kind::ServerGroup => "SDRS: GET /v1/{project_id}/server-groups/{server_group_id}",
            Kind::ProtectedInstances => "SDRS: GET /v1/{project_id}/protected-instances",
            Kind::Servers => "ECS: GET /v1/{project_id}/cloudservers/detail",
            Kind::Volumes => "EVS: GET /v2/{project_id}/cloudvolumes/detail",
            Kind::Subnets => "VPC: GET /v1/{project_id}/subnets",
            Kind::Ports => "VPC: GET /v1/{project_id}/ports",
            Kind::Keypairs => "KPS: GET /v3/{project_id}/keypairs",
            Kind::Flavors => "ECS: GET /v1/{project_id}/cloudservers/resize_flavors?instance_uuid={server_id}",
            Kind::DedicatedHosts => "DeH: GET /v1.0/{project_id}/dedicated-hosts",
        }
    }

    /// The kind whose elements it adds to (a group's details are protection groups).
    pub fn merges_into(self) -> Kind {
        match self {
            Kind::ServerGroup => Kind::ServerGroups,
            other => other,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.member())
    }
}

/// The elements one file holds.
#[derive(Debug)]
pub(super) enum Elements {
    Groups(Vec<Group>),
    Protected(Vec<Protected>),
    Servers(Vec<Server>),
    Volumes(Vec<Volume>),
    Subnets(Vec<Subnet>),
    Ports(Vec<Port>),
    Keypairs(Vec<KeyPair>),
    Flavors(Vec<Flavor>),
    Hosts(Vec<Host>),
    /// A detail response: one group (boxed: one per file, and far larger than a list).
    Group(Box<Group>),
}

impl Elements {
    pub fn kind(&self) -> Kind {
        match self {
            Elements::Groups(_) => Kind::ServerGroups,
            Elements::Group(_) => Kind::ServerGroup,
            Elements::Protected(_) => Kind::ProtectedInstances,
            Elements::Servers(_) => Kind::Servers,
            Elements::Volumes(_) => Kind::Volumes,
            Elements::Subnets(_) => Kind::Subnets,
            Elements::Ports(_) => Kind::Ports,
            Elements::Keypairs(_) => Kind::Keypairs,
            Elements::Flavors(_) => Kind::Flavors,
            Elements::Hosts(_) => Kind::DedicatedHosts,
        }
    }
}

/// Reads `source`, the `file`-th file of the inventory; `Err` says in one line why it cannot be
/// used.
pub(super) fn file(source: &SourceFile, file: usize) -> Result<(Elements, Span), String> {
    let kept = syntax::parse_kept(source.bytes(), is_read);
    // A file of no known kind is parsed again in full, to name the members it holds.
    let known = kept
        .root()
        .as_ref()
        .and_then(Node::as_object)
        .is_some_and(|root| root.members().any(|m| Kind::ALL.iter().any(|k| k.member() == m.key().value())));
    if known { elements(&kept, source, file) } else { elements(&syntax::parse(source.bytes()), source, file) }
}

/// What the parsed file holds.
fn elements(parsed: &syntax::Parsed<'_>, source: &SourceFile, file: usize) -> Result<(Elements, Span), String> {
    if let Some(error) = &parsed.error {
        let Position { line, column } = source.position(error.span.start);
        return Err(format!("not valid JSON: {} at line {line}, column {column}", error.message));
    }
    let Some(root) = parsed.root().as_ref().and_then(Node::as_object) else {
        return Err(format!("not an inventory file: its JSON is not an object; {}", expected()));
    };
    let Some((kind, value)) =
        root.members().find_map(|m| Kind::ALL.iter().find(|k| k.member() == m.key().value()).map(|&k| (k, m.value())))
    else {
        let names: Vec<String> = root.members().take(5).map(|m| crate::text::quote(m.key().value(), 40)).collect();
        let held = if names.is_empty() { "nothing".to_string() } else { names.join(", ") };
        return Err(format!("unknown kind of inventory file: its top-level members are {held}; {}", expected()));
    };
    let read = Reader { file };
    let list = value.span();
    let objects = || -> Result<_, String> {
        let items = value.as_array().ok_or_else(|| format!("`{kind}` is not an array"))?;
        Ok(items.items().filter_map(|n| n.as_object()))
    };
    let elements = match kind {
        Kind::ServerGroup => Elements::Group(Box::new(
            read.group(&value.as_object().ok_or_else(|| format!("`{kind}` is not an object"))?),
        )),
        Kind::ServerGroups => Elements::Groups(objects()?.map(|o| read.group(&o)).collect()),
        Kind::ProtectedInstances => Elements::Protected(objects()?.map(|o| read.protected(&o)).collect()),
        Kind::Servers => Elements::Servers(objects()?.map(|o| read.server(&o)).collect()),
        Kind::Volumes => Elements::Volumes(objects()?.map(|o| read.volume(&o)).collect()),
        Kind::Subnets => Elements::Subnets(objects()?.map(|o| read.subnet(&o)).collect()),
        Kind::Ports => Elements::Ports(objects()?.map(|o| read.port(&o)).collect()),
        Kind::Keypairs => Elements::Keypairs(objects()?.map(|o| read.keypair(&o)).collect()),
        Kind::Flavors => Elements::Flavors(objects()?.map(|o| read.flavor(&o)).collect()),
        Kind::DedicatedHosts => Elements::Hosts(objects()?.map(|o| read.host(&o)).collect()),
    };
    Ok((elements, list))
}

/// Whether a member of that name is read by [`Reader`] (at whatever depth): the values of the
/// others are skipped without building their nodes.
fn is_read(name: &str) -> bool {
    INVENTORY_KINDS.contains(&name)
        || matches!(
            name,
            "id" | "name"
                | "status"
                | "source_availability_zone"
                | "target_availability_zone"
                | "source_vpc_id"
                | "target_vpc_id"
                | "priority_station"
                | "source_server"
                | "target_server"
                | "locked"
                | "os:scheduler_hints"
                | "group"
                | "metadata"
                | "vpc_id"
                | "os_type"
                | "key_name"
                | "OS-EXT-AZ:availability_zone"
                | "os-extended-volumes:volumes_attached"
                | "flavor"
                | "vcpus"
                | "ram"
                | "enterprise_project_id"
                | "multiattach"
                | "shareable"
                | "attachments"
                | "server_id"
                | "cidr"
                | "gateway_ip"
                | "neutron_network_id"
                | "network_id"
                | "device_id"
                | "fixed_ips"
                | "ip_address"
                | "keypair"
                | "dedicated_host_id"
                | "state"
                | "availability_zone"
        )
}

/// "an inventory file holds one of: `server_groups`, …".
fn expected() -> String {
    let kinds: Vec<String> = Kind::ALL.iter().map(|k| format!("`{k}`")).collect();
    format!("an inventory file is one response whose top-level member is one of {}", kinds.join(", "))
}

/// Takes facts out of the elements of the `file`-th file.
struct Reader {
    file: usize,
}

impl Reader {
    fn at(&self, node: &Node<'_>) -> At {
        At { file: self.file, span: node.span() }
    }

    /// The value at `path` (member names, one per level of objects).
    fn node<'t>(object: &Object<'t>, path: &[&str]) -> Option<Node<'t>> {
        let (last, parents) = path.split_last()?;
        let mut object = *object;
        for name in parents {
            object = object.get(name)?.value().as_object()?;
        }
        Some(object.get(last)?.value())
    }

    fn text(&self, object: &Object<'_>, path: &[&str]) -> Option<Fact<String>> {
        let node = Self::node(object, path)?;
        Some(Fact { value: node.as_str()?.value().to_string(), at: self.at(&node) })
    }

    fn flag(&self, object: &Object<'_>, path: &[&str]) -> Option<Fact<bool>> {
        let node = Self::node(object, path)?;
        match node.kind() {
            NodeKind::Bool(value) => Some(Fact { value, at: self.at(&node) }),
            _ => None,
        }
    }

    /// A whole number, written as a number or as a numeric string (ECS writes `"vcpus": "2"`).
    fn number(&self, object: &Object<'_>, path: &[&str]) -> Option<Fact<u64>> {
        let node = Self::node(object, path)?;
        let value = match &node.kind() {
            NodeKind::Number(n) => n.parse().ok(),
            NodeKind::String(s) => s.value().trim().parse().ok(),
            _ => None,
        }?;
        Some(Fact { value, at: self.at(&node) })
    }

    /// The string `name` of each object element of the array at `path`.
    fn texts(&self, object: &Object<'_>, path: &[&str], name: &str) -> Vec<Fact<String>> {
        let items = Self::node(object, path).as_ref().and_then(Node::as_array).map(|a| a.items());
        items.into_iter().flatten().filter_map(|n| n.as_object()).filter_map(|o| self.text(&o, &[name])).collect()
    }

    fn group(&self, o: &Object<'_>) -> Group {
        Group {
            id: self.text(o, &["id"]),
            name: self.text(o, &["name"]),
            status: self.text(o, &["status"]),
            source_az: self.text(o, &["source_availability_zone"]),
            target_az: self.text(o, &["target_availability_zone"]),
            source_vpc: self.text(o, &["source_vpc_id"]),
            target_vpc: self.text(o, &["target_vpc_id"]),
            priority_station: self.text(o, &["priority_station"]),
        }
    }

    fn protected(&self, o: &Object<'_>) -> Protected {
        Protected {
            id: self.text(o, &["id"]),
            name: self.text(o, &["name"]),
            status: self.text(o, &["status"]),
            source_server: self.text(o, &["source_server"]),
            target_server: self.text(o, &["target_server"]),
        }
    }

    fn server(&self, o: &Object<'_>) -> Server {
        Server {
            id: self.text(o, &["id"]),
            name: self.text(o, &["name"]),
            status: self.text(o, &["status"]),
            locked: self.flag(o, &["locked"]),
            server_group: self.server_group(o),
            vpc: self.text(o, &["metadata", "vpc_id"]),
            os_type: self.text(o, &["metadata", "os_type"]),
            key_name: self.text(o, &["key_name"]),
            az: self.text(o, &["OS-EXT-AZ:availability_zone"]),
            volumes: self.texts(o, &["os-extended-volumes:volumes_attached"], "id"),
            flavor_id: self.text(o, &["flavor", "id"]),
            vcpus: self.number(o, &["flavor", "vcpus"]),
            ram: self.number(o, &["flavor", "ram"]),
            enterprise_project: self.text(o, &["enterprise_project_id"]),
        }
    }

    /// `os:scheduler_hints.group`: a non-empty string, or the first of a non-empty array.
    fn server_group(&self, o: &Object<'_>) -> Option<Fact<String>> {
        let node = Self::node(o, &["os:scheduler_hints", "group"])?;
        let first = match &node.kind() {
            NodeKind::Array(a) => a.items().find_map(|n| n.as_str()),
            NodeKind::String(s) => Some(*s),
            _ => None,
        }?;
        let value = first.value().trim();
        (!value.is_empty()).then(|| Fact { value: value.to_string(), at: self.at(&node) })
    }

    fn volume(&self, o: &Object<'_>) -> Volume {
        Volume {
            id: self.text(o, &["id"]),
            name: self.text(o, &["name"]),
            multiattach: self.flag(o, &["multiattach"]),
            shareable: self.text(o, &["shareable"]),
            attached_to: self.texts(o, &["attachments"], "server_id"),
        }
    }

    fn subnet(&self, o: &Object<'_>) -> Subnet {
        Subnet {
            id: self.text(o, &["id"]),
            name: self.text(o, &["name"]),
            vpc: self.text(o, &["vpc_id"]),
            cidr: self.text(o, &["cidr"]),
            gateway: self.text(o, &["gateway_ip"]),
            network: self.text(o, &["neutron_network_id"]),
        }
    }

    fn port(&self, o: &Object<'_>) -> Port {
        Port {
            id: self.text(o, &["id"]),
            network: self.text(o, &["network_id"]),
            device: self.text(o, &["device_id"]),
            ips: self.texts(o, &["fixed_ips"], "ip_address"),
        }
    }

    fn keypair(&self, o: &Object<'_>) -> KeyPair {
        KeyPair { name: self.text(o, &["keypair", "name"]) }
    }

    fn flavor(&self, o: &Object<'_>) -> Flavor {
        Flavor { id: self.text(o, &["id"]), vcpus: self.number(o, &["vcpus"]), ram: self.number(o, &["ram"]) }
    }

    fn host(&self, o: &Object<'_>) -> Host {
        Host {
            id: self.text(o, &["dedicated_host_id"]),
            name: self.text(o, &["name"]),
            state: self.text(o, &["state"]),
            az: self.text(o, &["availability_zone"]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skipping the members the reader does not read changes nothing it reads: every file of
    /// the example snapshot reads the same from the kept tree as from the whole tree.
    #[test]
    fn each_kind_is_named_by_its_own_member() {
        let members: Vec<&str> = Kind::ALL.iter().map(|k| k.member()).collect();
        assert_eq!(members, INVENTORY_KINDS);
        assert_eq!(Kind::Servers.member(), "servers");
        assert_eq!(Kind::ServerGroup.member(), "server_group");
    }

    #[test]
    fn the_kept_tree_reads_like_the_whole_tree() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/inventory");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let source = SourceFile::new(path.display().to_string(), std::fs::read(&path).unwrap());
            let whole = elements(&syntax::parse(source.bytes()), &source, 0).unwrap();
            let kept = elements(&syntax::parse_kept(source.bytes(), is_read), &source, 0).unwrap();
            assert_eq!(format!("{kept:?}"), format!("{whole:?}"), "{}", path.display());
        }
    }
}
