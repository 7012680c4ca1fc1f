//! The inventory: saved response bodies of the cloud's read-only list APIs (protection groups,
//! protected instances, servers, disks, subnets, ports, key pairs, flavors, dedicated hosts),
//! read once into indexes by ID so that rules can check a request against the state of the
//! cloud without touching the network. Every fact keeps where it is in its file, so a finding
//! can point at the value that proves it.
//!
//! Only the members the rules read are kept; everything else in a response is skipped. An
//! element without a member a rule needs has `None` there, and that rule says nothing about it.

mod read;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use foldhash::fast::RandomState;

use crate::diagnostic::SourceFile;
use crate::span::Span;

pub use read::Kind;

/// A value read from an inventory file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fact<T> {
    /// The value.
    pub value: T,
    /// Its file (an index into the inventory's files) and its JSON token.
    pub at: At,
}

/// Where a fact is: a file of the inventory and a span of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct At {
    pub file: usize,
    pub span: Span,
}

/// A protection group (`server_groups`, `server_group`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Group {
    pub id: Option<Fact<String>>,
    pub name: Option<Fact<String>>,
    pub status: Option<Fact<String>>,
    pub source_az: Option<Fact<String>>,
    pub target_az: Option<Fact<String>>,
    pub source_vpc: Option<Fact<String>>,
    pub target_vpc: Option<Fact<String>>,
    pub priority_station: Option<Fact<String>>,
}

/// One side of a protection group: its availability zone and VPC.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Site<'g> {
    /// `source` or `target`.
    pub side: &'static str,
    pub az: Option<&'g Fact<String>>,
    pub vpc: Option<&'g Fact<String>>,
}

impl Group {
    /// The current production site: the source side unless `priority_station` is `target`.
    pub fn production(&self) -> Site<'_> {
        if self.target_is_production() { self.target() } else { self.source() }
    }

    /// The disaster-recovery site: the other side.
    pub fn dr(&self) -> Site<'_> {
        if self.target_is_production() { self.source() } else { self.target() }
    }

    fn target_is_production(&self) -> bool {
        self.priority_station.as_ref().is_some_and(|p| p.value == "target")
    }

    fn source(&self) -> Site<'_> {
        Site { side: "source", az: self.source_az.as_ref(), vpc: self.source_vpc.as_ref() }
    }

    fn target(&self) -> Site<'_> {
        Site { side: "target", az: self.target_az.as_ref(), vpc: self.target_vpc.as_ref() }
    }

    /// How messages name the group: its name, else its ID.
    pub fn display(&self) -> String {
        display(&self.name, &self.id)
    }
}

/// How messages name an element: its name, else (no name, or an empty one) its ID.
fn display(name: &Option<Fact<String>>, id: &Option<Fact<String>>) -> String {
    let name = name.as_ref().filter(|n| !n.value.is_empty()).or(id.as_ref());
    crate::text::quote(name.map_or("", |n| n.value.as_str()), 60)
}

/// A protected instance (`protected_instances`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Protected {
    pub id: Option<Fact<String>>,
    pub name: Option<Fact<String>>,
    pub status: Option<Fact<String>>,
    pub source_server: Option<Fact<String>>,
    pub target_server: Option<Fact<String>>,
}

impl Protected {
    /// How messages name the protected instance: its name, else its ID.
    pub fn display(&self) -> String {
        display(&self.name, &self.id)
    }
}

/// A server (`servers`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Server {
    pub id: Option<Fact<String>>,
    pub name: Option<Fact<String>>,
    pub status: Option<Fact<String>>,
    pub locked: Option<Fact<bool>>,
    /// `os:scheduler_hints.group`: the ECS server group, when non-empty.
    pub server_group: Option<Fact<String>>,
    pub vpc: Option<Fact<String>>,
    pub os_type: Option<Fact<String>>,
    pub key_name: Option<Fact<String>>,
    pub az: Option<Fact<String>>,
    /// `os-extended-volumes:volumes_attached[].id`.
    pub volumes: Vec<Fact<String>>,
    pub flavor_id: Option<Fact<String>>,
    pub vcpus: Option<Fact<u64>>,
    pub ram: Option<Fact<u64>>,
    pub enterprise_project: Option<Fact<String>>,
}

impl Server {
    /// How messages name the server: its name, else its ID.
    pub fn display(&self) -> String {
        display(&self.name, &self.id)
    }
}

/// A disk (`volumes`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Volume {
    pub id: Option<Fact<String>>,
    pub name: Option<Fact<String>>,
    pub multiattach: Option<Fact<bool>>,
    /// The deprecated `shareable`, `"true"` or `"false"`.
    pub shareable: Option<Fact<String>>,
    /// `attachments[].server_id`.
    pub attached_to: Vec<Fact<String>>,
}

impl Volume {
    /// The member that says the disk is shared, if one does.
    pub fn shared(&self) -> Option<At> {
        let multiattach = self.multiattach.as_ref().filter(|m| m.value).map(|m| m.at);
        multiattach.or_else(|| self.shareable.as_ref().filter(|s| s.value == "true").map(|s| s.at))
    }
}

/// A subnet (`subnets`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Subnet {
    pub id: Option<Fact<String>>,
    pub name: Option<Fact<String>>,
    pub vpc: Option<Fact<String>>,
    pub cidr: Option<Fact<String>>,
    pub gateway: Option<Fact<String>>,
    pub network: Option<Fact<String>>,
}

impl Subnet {
    /// How messages name the subnet: its name, else its ID.
    pub fn display(&self) -> String {
        display(&self.name, &self.id)
    }
}

/// A port (`ports`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Port {
    pub id: Option<Fact<String>>,
    pub network: Option<Fact<String>>,
    pub device: Option<Fact<String>>,
    /// `fixed_ips[].ip_address`.
    pub ips: Vec<Fact<String>>,
}

/// A key pair (`keypairs`, each element `{"keypair": {…}}`).
#[derive(Clone, Debug, Default)]
pub(crate) struct KeyPair {
    pub name: Option<Fact<String>>,
}

/// A flavor (`flavors`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Flavor {
    pub id: Option<Fact<String>>,
    pub vcpus: Option<Fact<u64>>,
    pub ram: Option<Fact<u64>>,
}

/// A dedicated host (`dedicated_hosts`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Host {
    pub id: Option<Fact<String>>,
    pub name: Option<Fact<String>>,
    pub state: Option<Fact<String>>,
    pub az: Option<Fact<String>>,
}

/// Elements of one kind, by ID: when an ID repeats, the later element (in file order) wins.
#[derive(Clone, Debug)]
pub(crate) struct Index<T> {
    items: Vec<T>,
    by_id: HashMap<String, usize, RandomState>,
}

impl<T> Default for Index<T> {
    fn default() -> Self {
        Index { items: Vec::new(), by_id: HashMap::default() }
    }
}

impl<T> Index<T> {
    /// The element with ID `id`.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.by_id.get(id).and_then(|&i| self.items.get(i))
    }

    /// Every ID.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }

    /// How many distinct IDs.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Adds `item` under `id`; returns the index of the element it replaces.
    fn insert(&mut self, id: Option<String>, item: T) -> Option<usize> {
        let index = self.items.len();
        self.items.push(item);
        id.and_then(|id| self.by_id.insert(id, index))
    }
}

/// An ID found in two elements of one kind: the later one is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// The kind.
    pub kind: Kind,
    /// The ID.
    pub id: String,
    /// The file of the element that is ignored.
    pub ignored: String,
    /// The file of the element that is used.
    pub used: String,
}

/// An inventory file that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InventoryError {
    /// The file's name.
    pub file: String,
    /// Why, in one line.
    pub reason: String,
}

impl fmt::Display for InventoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

impl std::error::Error for InventoryError {}

/// One file of an inventory: its kind and how many elements it held.
#[derive(Clone, Debug)]
pub struct InventoryFile {
    source: Arc<SourceFile>,
    kind: Kind,
    elements: usize,
    /// The top-level member's value: the list (or object) of elements.
    list: Span,
}

impl InventoryFile {
    /// The file's name.
    pub fn name(&self) -> &str {
        self.source.name()
    }

    /// What it holds.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// How many elements (one for a detail response).
    pub fn elements(&self) -> usize {
        self.elements
    }
}

/// The state of the cloud as saved responses show it.
///
/// ```
/// use sdrs_lint::{Inventory, Linter};
///
/// let groups = br#"{"server_groups": [{"id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90",
///     "name": "dr-web", "status": "error-stopping"}]}"#;
/// let (inventory, problems) = Inventory::from_files([("server-groups.json", groups.to_vec())]);
/// assert!(problems.is_empty());
/// let mut linter = Linter::new();
/// linter.set_inventory(inventory);
/// let report = linter.lint(r#"{"protected_instance": {
///     "server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90",
///     "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web-01"}}"#);
/// let d = &report.diagnostics()[0];
/// assert_eq!(d.rule, "group-status");
/// assert_eq!(d.secondary[0].file.as_ref().map(|f| f.name()), Some("server-groups.json"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    files: Vec<InventoryFile>,
    pub(crate) groups: Index<Group>,
    pub(crate) protected: Index<Protected>,
    pub(crate) servers: Index<Server>,
    pub(crate) volumes: Index<Volume>,
    pub(crate) subnets: Index<Subnet>,
    /// Subnets by `neutron_network_id`, into `subnets`' elements.
    networks: HashMap<String, usize, RandomState>,
    pub(crate) ports: Index<Port>,
    pub(crate) keypairs: Index<KeyPair>,
    pub(crate) flavors: Index<Flavor>,
    pub(crate) hosts: Index<Host>,
    duplicates: Vec<Duplicate>,
    /// Server ID → the protected instance (not `deleted`) it is the source or target of, and
    /// which of its two members holds the ID.
    protecting: HashMap<String, (usize, bool), RandomState>,
    /// Server ID → the disks whose `attachments` name it.
    attached: HashMap<String, Vec<usize>, RandomState>,
    /// (network ID, IP address) → the port holding the address.
    addresses: HashMap<(String, String), usize, RandomState>,
}

impl Inventory {
    /// Reads the response bodies `files` (each with the name users know it by), in the order
    /// given: when an ID repeats, the later file wins. Files that are not JSON, or not one of
    /// the known responses, are left out and returned as errors.
    pub fn from_files<N: Into<String>>(
        files: impl IntoIterator<Item = (N, Vec<u8>)>,
    ) -> (Inventory, Vec<InventoryError>) {
        let mut inventory = Inventory::default();
        let mut errors = Vec::new();
        for (name, bytes) in files {
            let source = Arc::new(SourceFile::new(name, bytes));
            let file = inventory.files.len();
            match read::file(&source, file) {
                Ok((elements, list)) => {
                    let kind = elements.kind();
                    let count = inventory.add(elements, &source);
                    inventory.files.push(InventoryFile { source, kind, elements: count, list });
                }
                Err(reason) => errors.push(InventoryError { file: source.name().to_string(), reason }),
            }
        }
        inventory.index();
        (inventory, errors)
    }

    /// Builds the indexes the rules look things up in, once all files are read.
    fn index(&mut self) {
        for (i, p) in self.protected.items.iter().enumerate() {
            let current = id(&p.id).is_none_or(|key| self.protected.by_id.get(key) == Some(&i));
            if !current || p.status.as_ref().is_some_and(|s| s.value == "deleted") {
                continue;
            }
            for (server, is_source) in [(&p.source_server, true), (&p.target_server, false)] {
                if let Some(server) = server.as_ref().filter(|s| !s.value.is_empty()) {
                    self.protecting.entry(server.value.clone()).or_insert((i, is_source));
                }
            }
        }
        for (i, v) in self.volumes.items.iter().enumerate() {
            if id(&v.id).is_some_and(|key| self.volumes.by_id.get(key) != Some(&i)) {
                continue;
            }
            for server in &v.attached_to {
                self.attached.entry(server.value.clone()).or_default().push(i);
            }
        }
        for (i, p) in self.ports.items.iter().enumerate() {
            if id(&p.id).is_some_and(|key| self.ports.by_id.get(key) != Some(&i)) {
                continue;
            }
            let Some(network) = &p.network else { continue };
            for ip in &p.ips {
                self.addresses.entry((network.value.clone(), ip.value.clone())).or_insert(i);
            }
        }
    }

    /// The protected instance (not `deleted`) whose source or target is server `id`, and the
    /// member naming it.
    pub(crate) fn protecting(&self, id: &str) -> Option<(&Protected, &Fact<String>)> {
        let &(i, is_source) = self.protecting.get(id)?;
        let p = self.protected.items.get(i)?;
        let member = if is_source { p.source_server.as_ref() } else { p.target_server.as_ref() }?;
        Some((p, member))
    }

    /// The disks attached to server `server`: by its `volumes_attached` and by the disks'
    /// `attachments`, each once.
    pub(crate) fn disks_of(&self, id: &str, server: Option<&Server>) -> Vec<&Volume> {
        let mut disks: Vec<&Volume> = Vec::new();
        let by_server = server.into_iter().flat_map(|s| &s.volumes).filter_map(|v| self.volumes.get(&v.value));
        let by_disk = self.attached.get(id).into_iter().flatten().filter_map(|&i| self.volumes.items.get(i));
        for disk in by_server.chain(by_disk) {
            if !disks.iter().any(|d| std::ptr::eq(*d, disk)) {
                disks.push(disk);
            }
        }
        disks
    }

    /// The port on network `network` holding `ip`.
    pub(crate) fn port(&self, network: &str, ip: &str) -> Option<&Port> {
        let &i = self.addresses.get(&(network.to_string(), ip.to_string()))?;
        self.ports.items.get(i)
    }

    /// Adds the elements of one file; returns how many there were.
    fn add(&mut self, elements: read::Elements, source: &SourceFile) -> usize {
        let kind = elements.kind();
        let mut replaced = Vec::new();
        let count = match elements {
            read::Elements::Groups(items) => add_all(&mut self.groups, items, |g| &g.id, &mut replaced),
            read::Elements::Group(group) => add_all(&mut self.groups, vec![*group], |g| &g.id, &mut replaced),
            read::Elements::Protected(items) => add_all(&mut self.protected, items, |p| &p.id, &mut replaced),
            read::Elements::Servers(items) => add_all(&mut self.servers, items, |s| &s.id, &mut replaced),
            read::Elements::Volumes(items) => add_all(&mut self.volumes, items, |v| &v.id, &mut replaced),
            read::Elements::Subnets(items) => {
                let first = self.subnets.items.len();
                let count = add_all(&mut self.subnets, items, |s| &s.id, &mut replaced);
                for (i, subnet) in self.subnets.items.iter().enumerate().skip(first) {
                    if let Some(network) = &subnet.network {
                        self.networks.insert(network.value.clone(), i);
                    }
                }
                count
            }
            read::Elements::Ports(items) => add_all(&mut self.ports, items, |p| &p.id, &mut replaced),
            read::Elements::Keypairs(items) => add_all(&mut self.keypairs, items, |k| &k.name, &mut replaced),
            read::Elements::Flavors(items) => add_all(&mut self.flavors, items, |f| &f.id, &mut replaced),
            read::Elements::Hosts(items) => add_all(&mut self.hosts, items, |h| &h.id, &mut replaced),
        };
        for (id, ignored_file) in replaced {
            let ignored =
                self.files.get(ignored_file).map_or_else(|| source.name().to_string(), |f| f.name().to_string());
            self.duplicates.push(Duplicate { kind, id, ignored, used: source.name().to_string() });
        }
        count
    }

    /// The files read, in order.
    pub fn files(&self) -> &[InventoryFile] {
        &self.files
    }

    /// The IDs found twice, and which element is used.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// Whether the inventory holds any file of `kind` (or of the kind it is part of: a
    /// protection group's details count as protection groups).
    pub fn has(&self, kind: Kind) -> bool {
        self.files.iter().any(|f| f.kind.merges_into() == kind.merges_into())
    }

    /// Whether it holds every one of `kinds`.
    pub fn has_all(&self, kinds: &[Kind]) -> bool {
        kinds.iter().all(|&k| self.has(k))
    }

    /// How many distinct elements of `kind` it holds.
    pub fn count(&self, kind: Kind) -> usize {
        match kind.merges_into() {
            Kind::ServerGroups | Kind::ServerGroup => self.groups.len(),
            Kind::ProtectedInstances => self.protected.len(),
            Kind::Servers => self.servers.len(),
            Kind::Volumes => self.volumes.len(),
            Kind::Subnets => self.subnets.len(),
            Kind::Ports => self.ports.len(),
            Kind::Keypairs => self.keypairs.len(),
            Kind::Flavors => self.flavors.len(),
            Kind::DedicatedHosts => self.hosts.len(),
        }
    }

    /// Whether an element of `kind` has ID `id` (a subnet: `id` or `neutron_network_id`).
    pub(crate) fn contains(&self, kind: Kind, id: &str) -> bool {
        match kind.merges_into() {
            Kind::ServerGroups | Kind::ServerGroup => self.groups.get(id).is_some(),
            Kind::ProtectedInstances => self.protected.get(id).is_some(),
            Kind::Servers => self.servers.get(id).is_some(),
            Kind::Volumes => self.volumes.get(id).is_some(),
            Kind::Subnets => self.subnet(id).is_some(),
            Kind::Ports => self.ports.get(id).is_some(),
            Kind::Keypairs => self.keypairs.get(id).is_some(),
            Kind::Flavors => self.flavors.get(id).is_some(),
            Kind::DedicatedHosts => self.hosts.get(id).is_some(),
        }
    }

    /// The IDs of the elements of `kind` (subnets: both IDs).
    pub(crate) fn ids(&self, kind: Kind) -> Box<dyn Iterator<Item = &str> + '_> {
        match kind.merges_into() {
            Kind::ServerGroups | Kind::ServerGroup => Box::new(self.groups.ids()),
            Kind::ProtectedInstances => Box::new(self.protected.ids()),
            Kind::Servers => Box::new(self.servers.ids()),
            Kind::Volumes => Box::new(self.volumes.ids()),
            Kind::Subnets => Box::new(self.subnets.ids().chain(self.networks.keys().map(String::as_str))),
            Kind::Ports => Box::new(self.ports.ids()),
            Kind::Keypairs => Box::new(self.keypairs.ids()),
            Kind::Flavors => Box::new(self.flavors.ids()),
            Kind::DedicatedHosts => Box::new(self.hosts.ids()),
        }
    }

    /// The names of the files of `kind`, for messages.
    pub(crate) fn file_names(&self, kind: Kind) -> Vec<&str> {
        self.files.iter().filter(|f| f.kind.merges_into() == kind.merges_into()).map(InventoryFile::name).collect()
    }

    /// Where the elements of `kind` are listed: the first file's list.
    pub(crate) fn list_of(&self, kind: Kind) -> Option<At> {
        let (file, f) = self.files.iter().enumerate().find(|(_, f)| f.kind.merges_into() == kind.merges_into())?;
        Some(At { file, span: f.list })
    }

    /// The file a fact is in.
    pub(crate) fn source(&self, at: At) -> Option<Arc<SourceFile>> {
        self.files.get(at.file).map(|f| f.source.clone())
    }

    /// The subnet a request's `primary_subnet_id` names: by `id` or `neutron_network_id`.
    pub(crate) fn subnet(&self, id: &str) -> Option<&Subnet> {
        self.subnets.get(id).or_else(|| self.networks.get(id).and_then(|&i| self.subnets.items.get(i)))
    }
}

/// The value of an optional fact.
fn id(fact: &Option<Fact<String>>) -> Option<&str> {
    fact.as_ref().map(|f| f.value.as_str())
}

/// Adds `items` to `index` under the ID `id` gives; notes each replaced element's file.
fn add_all<T>(
    index: &mut Index<T>,
    items: Vec<T>,
    id: impl Fn(&T) -> &Option<Fact<String>>,
    replaced: &mut Vec<(String, usize)>,
) -> usize {
    let count = items.len();
    for item in items {
        let key = id(&item).as_ref().map(|f| f.value.clone());
        let Some(old) = index.insert(key.clone(), item) else { continue };
        let file = index.items.get(old).and_then(|o| id(o).as_ref()).map_or(usize::MAX, |f| f.at.file);
        replaced.extend(key.map(|k| (k, file)));
    }
    count
}
