//! Linting one input: skip it if the configuration or its content says so, lint it as JSON or
//! as an HTTP request file, then apply the configuration's suppressions.

use std::path::Path;
use std::sync::Arc;

use std::io::Write as _;

use crate::{Applicability, Linter, Report, fix};

use super::args::LintArgs;
use super::inputs::{self, Failure, Input, Source};
use super::settings::Loaded;

/// An input with the configuration that governs it.
pub struct Job {
    pub input: Input,
    pub config: Option<Arc<Loaded>>,
    pub linter: Arc<Linter>,
}

/// What became of an input.
pub enum Outcome {
    Linted(Box<InputReport>),
    Skipped { path: String, reason: String },
    Failed(Failure),
}

/// A linted input.
pub struct InputReport {
    pub path: String,
    pub bytes: Vec<u8>,
    pub report: Report,
    pub config: Option<Arc<Loaded>>,
    /// Diagnostics silenced by suppressions.
    pub suppressed: usize,
    /// Suppression entries (by index) whose `paths` cover this file, and those that silenced
    /// something in it.
    pub covered_by: Vec<usize>,
    pub used: Vec<usize>,
    /// Fixes applied (or, with `--diff`, that would be).
    pub fixes: usize,
    /// With `--diff`: the unified diff of the fixes.
    pub diff: Option<String>,
    /// Why the fixed file could not be written.
    pub write_error: Option<String>,
    /// Read from standard input (with `--fix`, the fixed text goes to standard output).
    pub from_stdin: bool,
    /// A configuration file with findings about it, not a request.
    pub config_file: bool,
}

impl InputReport {
    /// `report` on `bytes`, with nothing suppressed, fixed or skipped yet.
    pub fn new(path: String, bytes: Vec<u8>, report: Report) -> InputReport {
        InputReport {
            path,
            bytes,
            report,
            config: None,
            suppressed: 0,
            covered_by: Vec::new(),
            used: Vec::new(),
            fixes: 0,
            diff: None,
            write_error: None,
            from_stdin: false,
            config_file: false,
        }
    }
}

impl Outcome {
    pub fn path(&self) -> &str {
        match self {
            Outcome::Linted(l) => &l.path,
            Outcome::Skipped { path, .. } => path,
            Outcome::Failed(f) => &f.path,
        }
    }
}

/// Lints one input.
pub fn run(job: &Job, args: &LintArgs) -> Outcome {
    // Named files are always linted, unless the command line says to select them as a walk does.
    let named = job.input.explicit && !args.only_requests;
    let path = job.input.display();
    let relative = job.config.as_ref().zip(job.input.path.as_deref()).map(|(c, p)| c.relative(p));
    let excluded =
        job.config.as_ref().zip(relative.as_ref()).and_then(|(c, r)| c.config.exclude.matching(r).map(|p| (c, p)));
    if let Some((config, pattern)) = excluded.filter(|_| !named || args.force_exclude) {
        return Outcome::Skipped { path, reason: format!("excluded by `{pattern}` in {}", config.display) };
    }
    let bytes = match job.input.read() {
        Ok(bytes) => bytes,
        Err(e) => return Outcome::Failed(Failure { path, error: e.to_string() }),
    };
    let kind = job.input.kind();
    let included =
        job.config.as_ref().zip(relative.as_ref()).is_some_and(|(c, r)| c.config.include.matching(r).is_some());
    if !named && !included {
        let detection = inputs::detect(&bytes, kind);
        if !detection.request {
            return Outcome::Skipped { path, reason: detection.reason };
        }
    }
    // Every output shows the diagnostics: build them as they are found, on this worker thread.
    let report = job.linter.lint_input_built(&bytes, kind);
    let mut linted = InputReport {
        config: job.config.clone(),
        from_stdin: matches!(job.input.source, Source::Stdin),
        ..InputReport::new(path, bytes, report)
    };
    if let (Some(config), Some(relative)) = (&job.config, &relative) {
        suppress(&mut linted, config, relative);
    }
    if args.fix || args.diff {
        fix_input(&mut linted, job, args, relative.as_deref());
    }
    Outcome::Linted(Box::new(linted))
}

/// Applies the allowed fixes (never those of suppressed diagnostics). With `--diff` the
/// change is only described; otherwise the file is rewritten atomically and the report
/// becomes that of the fixed text. Standard input's fixed text is printed by the caller.
fn fix_input(linted: &mut InputReport, job: &Job, args: &LintArgs, relative: Option<&Path>) {
    let allow = if args.unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    let kind = job.input.kind();
    let fixed = fix::fix_with(&linted.bytes, allow, |text| {
        let mut report = job.linter.lint_input_built(text, kind);
        if let (Some(config), Some(relative)) = (&job.config, relative) {
            apply_suppressions(&mut report, config, relative);
        }
        report
    });
    if fixed.applied.is_empty() {
        return;
    }
    linted.fixes = fixed.applied.len();
    if args.diff {
        linted.diff = Some(unified_diff(&linted.path, &linted.bytes, &fixed.text));
        return;
    }
    if let Source::File(path) = &job.input.source
        && let Err(e) = write_atomically(path, &linted.bytes, &fixed.text)
    {
        linted.write_error = Some(e.to_string());
        linted.fixes = 0;
        return;
    }
    linted.bytes = fixed.text;
    linted.report = fixed.report;
}

/// `git diff`-style unified diff of the fix.
fn unified_diff(path: &str, before: &[u8], after: &[u8]) -> String {
    let (before, after) = (String::from_utf8_lossy(before), String::from_utf8_lossy(after));
    let diff = similar::TextDiff::from_lines(before.as_ref(), after.as_ref());
    let path = diff_path(Path::new(path), std::env::current_dir().ok().as_deref());
    diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string()
}

/// The name a diff gives the file at `path`, so that `git apply` (which refuses absolute names
/// such as `a//tmp/r.json`) takes it: a relative path as it is; an absolute one relative to
/// `cwd` when the file is below it, else without its root, as `git diff --no-index` writes it
/// (`/tmp/r.json` → `tmp/r.json`, applied from `/`). Separators become `/`.
fn diff_path(path: &Path, cwd: Option<&Path>) -> String {
    use std::path::Component;
    if !path.is_absolute() {
        return path.to_string_lossy().into_owned();
    }
    let relative = cwd.and_then(|cwd| path.strip_prefix(cwd).ok()).filter(|r| !r.as_os_str().is_empty());
    let parts =
        relative.unwrap_or(path).components().filter(|c| !matches!(c, Component::Prefix(_) | Component::RootDir));
    parts.map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// Replaces `path`'s content with `new` through a temporary file in the same directory and a
/// rename, keeping the permissions, and only if the file still holds `original`.
fn write_atomically(path: &Path, original: &[u8], new: &[u8]) -> std::io::Result<()> {
    // Write through a symbolic link to its target rather than replacing the link.
    let path = std::fs::canonicalize(path)?;
    if std::fs::read(&path)? != original {
        return Err(std::io::Error::other("it changed on disk while being linted; left as it is"));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(new)?;
    temp.as_file().set_permissions(std::fs::metadata(&path)?.permissions())?;
    temp.as_file().sync_all()?;
    temp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

/// Drops the diagnostics the configuration suppresses for this file, noting which entries
/// covered it and which silenced something.
fn suppress(linted: &mut InputReport, config: &Loaded, relative: &Path) {
    let silenced = apply_suppressions(&mut linted.report, config, relative);
    linted.covered_by = silenced.covered_by;
    linted.used = silenced.used;
    linted.suppressed = silenced.count;
}

/// What the suppressions did to one report.
#[derive(Debug, Default)]
pub struct Silenced {
    /// Entries (by index) whose `paths` cover the file.
    pub covered_by: Vec<usize>,
    /// Entries that silenced at least one diagnostic.
    pub used: Vec<usize>,
    /// Diagnostics silenced.
    pub count: usize,
}

/// Removes from `report` what `config`'s suppressions silence in the file at `relative`.
pub fn apply_suppressions(report: &mut Report, config: &Loaded, relative: &Path) -> Silenced {
    let entries: Vec<(usize, &crate::config::Suppression)> =
        config.config.suppressions.iter().enumerate().filter(|(_, s)| s.covers(relative)).collect();
    let mut silenced = Silenced { covered_by: entries.iter().map(|(i, _)| *i).collect(), ..Silenced::default() };
    if entries.is_empty() {
        return silenced;
    }
    report.retain(|diagnostic| match entries.iter().find(|(_, s)| s.silences(diagnostic)) {
        Some((i, _)) => {
            silenced.count += 1;
            if !silenced.used.contains(i) {
                silenced.used.push(*i);
            }
            false
        }
        None => true,
    });
    silenced
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use std::path::Path;

    use super::{diff_path, write_atomically};

    #[test]
    fn diffs_name_absolute_paths_as_git_does() {
        let cwd = Some(Path::new("/work/repo"));
        assert_eq!(diff_path(Path::new("r.json"), cwd), "r.json");
        assert_eq!(diff_path(Path::new("../x/r.json"), cwd), "../x/r.json");
        assert_eq!(diff_path(Path::new("/work/repo/sub/r.json"), cwd), "sub/r.json");
        assert_eq!(diff_path(Path::new("/tmp/r.json"), cwd), "tmp/r.json");
        assert_eq!(diff_path(Path::new("/work/repository/r.json"), cwd), "work/repository/r.json");
        assert_eq!(diff_path(Path::new("/tmp/r.json"), None), "tmp/r.json");
    }

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sdrs-lint-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn rewrites_keeping_permissions_and_leaves_no_temporary_file() {
        let dir = temp("perm");
        let path = dir.join("r.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"old", b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let dir = temp("changed");
        let path = dir.join("r.json");
        std::fs::write(&path, "edited meanwhile").unwrap();
        let err = write_atomically(&path, b"as read", b"fixed").unwrap_err();
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"edited meanwhile");
    }

    #[test]
    fn a_symbolic_link_keeps_pointing_at_the_fixed_target() {
        let dir = temp("link");
        let target = dir.join("target.json");
        let link = dir.join("link.json");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"old", b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }
}
