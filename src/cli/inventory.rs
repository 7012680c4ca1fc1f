//! The inventory on the command line: which files make it (`--inventory`, `[inventory] paths`),
//! reading them once per run (and once per change in the language server, through a cache
//! keyed by each file's size and modification time), and `sdrs-lint inventory [PATH]`, which
//! says what a snapshot holds.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::SystemTime;

use crate::inventory::{Inventory, InventoryError, Kind as InventoryKind};
use crate::render::safe::one_line;
use crate::text::count;

use super::settings::display_path;

/// The `.json` files an inventory path stands for: the file itself, or every `*.json` below
/// a directory (recursively, symbolic links not followed), in path order.
pub fn files_of(path: &Path) -> Result<Vec<PathBuf>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("{}: {e}", display_path(path)))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let walk = ignore::WalkBuilder::new(path).standard_filters(false).follow_links(false).build();
    for entry in walk {
        let entry = entry.map_err(|e| format!("{}: {e}", display_path(path)))?;
        let is_json = entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json && entry.file_type().is_some_and(|t| t.is_file()) {
            files.push(entry.into_path());
        }
    }
    files.sort();
    Ok(files)
}

/// `path` made absolute, `.` and `..` resolved by name (so `a/../inventory/x.json` shows as
/// `inventory/x.json`).
fn normalise(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// What identifies a loaded inventory: its files, with their sizes and modification times.
type Stamp = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Inventories already read, by their paths as given (absolute), with their stamps.
type Cache = HashMap<Vec<PathBuf>, (Stamp, Arc<Inventory>)>;

static LOADED: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Reads the inventory made of `paths` (files or directories), or every reason it cannot be
/// used, one line each. Read once: a later call with the same paths, none of whose files
/// changed, returns the same inventory.
pub fn load(paths: &[PathBuf]) -> Result<Arc<Inventory>, Vec<String>> {
    let key: Vec<PathBuf> = paths.iter().map(|p| normalise(p)).collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in &key {
        match files_of(path) {
            Ok(found) => files.extend(found),
            Err(e) => problems.push(format!("cannot read the inventory {e}")),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let stamp: Stamp = files
        .iter()
        .map(|f| {
            let meta = std::fs::metadata(f).ok();
            (f.clone(), meta.as_ref().map_or(0, |m| m.len()), meta.and_then(|m| m.modified().ok()))
        })
        .collect();
    if let Ok(cache) = LOADED.lock()
        && let Some((known, inventory)) = cache.get(&key)
        && *known == stamp
    {
        return Ok(inventory.clone());
    }
    let (inventory, errors) = read(&files);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| format!("inventory file {}: {}", one_line(&e.file), one_line(&e.reason)))
            .collect());
    }
    let inventory = Arc::new(inventory);
    if let Ok(mut cache) = LOADED.lock() {
        cache.insert(key, (stamp, inventory.clone()));
    }
    Ok(inventory)
}

/// Reads `files` into an inventory; files that cannot be read are errors like files of an
/// unknown kind.
fn read(files: &[PathBuf]) -> (Inventory, Vec<InventoryError>) {
    let mut unreadable = Vec::new();
    let contents: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|f| match std::fs::read(f) {
            Ok(bytes) => Some((display_path(f), bytes)),
            Err(e) => {
                unreadable.push(InventoryError { file: display_path(f), reason: e.to_string() });
                None
            }
        })
        .collect();
    let (inventory, mut errors) = Inventory::from_files(contents);
    errors.extend(unreadable);
    (inventory, errors)
}

/// `sdrs-lint inventory [PATH]`: the files read, their kinds and element counts, the counts per
/// kind, duplicate IDs, and the files skipped and why. Exit status 2 when a file was skipped
/// (linting with this inventory would stop).
pub fn run(out: &mut dyn Write, paths: &[PathBuf]) -> io::Result<i32> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        match files_of(&normalise(path)) {
            Ok(found) => files.extend(found),
            Err(e) => skipped.push(format!("cannot read {e}")),
        }
    }
    let (inventory, errors) = read(&files);
    skipped.extend(errors.iter().map(|e| format!("{}: {}", e.file, e.reason)));
    let shown: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
    writeln!(out, "inventory: {}", one_line(&shown.join(", ")))?;
    writeln!(out, "\nfiles read ({}):", inventory.files().len())?;
    let names: Vec<_> = inventory.files().iter().map(|f| one_line(f.name())).collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    for (file, name) in inventory.files().iter().zip(&names) {
        writeln!(out, "  {name:<width$}  {} ({})", file.kind(), count(file.elements(), "element"))?;
    }
    writeln!(out, "\nby kind:")?;
    let missing = missing_kinds(&inventory);
    for kind in InventoryKind::ALL.into_iter().filter(|k| k.merges_into() == *k) {
        if inventory.has(kind) {
            writeln!(out, "  {:<20} {:>7}  {}", kind.describe(), inventory.count(kind), kind.api())?;
        } else {
            let skipped =
                missing.iter().find(|(k, _)| *k == kind).map(|(_, rules)| rules.join(", ")).unwrap_or_default();
            writeln!(out, "  {:<20} {:>7}  none: {kind} not given; not run: {skipped}", kind.describe(), "-")?;
        }
    }
    if !inventory.duplicates().is_empty() {
        writeln!(out, "\nduplicate IDs ({}; the later file wins):", inventory.duplicates().len())?;
        for d in inventory.duplicates() {
            writeln!(
                out,
                "  {} {}: {} is used, {} is ignored",
                d.kind,
                one_line(&d.id),
                one_line(&d.used),
                one_line(&d.ignored)
            )?;
        }
    }
    if !skipped.is_empty() {
        writeln!(out, "\nskipped ({}):", skipped.len())?;
        for reason in &skipped {
            writeln!(out, "  {}", one_line(reason))?;
        }
    }
    Ok(if skipped.is_empty() { super::OK } else { super::USAGE_OR_IO })
}

/// The kinds `inventory` lacks, each with the rules that do not run for want of it (a rule
/// lacking several kinds is listed under each).
pub fn missing_kinds(inventory: &Inventory) -> Vec<(InventoryKind, Vec<&'static str>)> {
    InventoryKind::ALL
        .into_iter()
        .filter(|&kind| kind.merges_into() == kind && !inventory.has(kind))
        .map(|kind| (kind, crate::rules().filter(|r| r.needs.contains(&kind)).map(|r| r.id).collect()))
        .collect()
}
