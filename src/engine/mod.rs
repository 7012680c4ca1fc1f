//! The engine: one entry point per input kind; parse once, build the view once, run every
//! enabled rule, keep the findings in source order.

mod report;
mod sink;

use std::fmt;
use std::path::Path;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

pub use crate::input::http::SkippedRequest;
pub use report::{LintError, Report};
use sink::Sink;

use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::input::http;
use crate::inventory::Inventory;
use crate::rules::{self, Collect, Context, RULES};
use crate::syntax;
use crate::view::RequestView;

/// What an input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputKind {
    /// A JSON request body (`.json`, standard input, a request built in memory).
    Json,
    /// An HTTP request file (`.http`, `.rest`): request lines, headers and bodies, as the API
    /// reference prints requests and REST-client tools keep them.
    Http,
}

impl InputKind {
    /// The kind of the file at `path`: [`InputKind::Http`] for `.http` and `.rest` (in any
    /// letter case), else [`InputKind::Json`].
    pub fn of_path(path: &Path) -> InputKind {
        let http = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["http", "rest"].iter().any(|x| e.eq_ignore_ascii_case(x)));
        if http { InputKind::Http } else { InputKind::Json }
    }
}

/// Runs the rules with per-rule levels. [`Linter::default`] uses each rule's default.
#[derive(Clone, Debug)]
pub struct Linter {
    /// The level of each rule of [`rules::all`], by position.
    levels: Vec<Level>,
    /// The ids of the request rules it runs (what [`Report::rules_run`] lists), kept with
    /// `levels` so a lint does not list them again.
    ran: Arc<[&'static str]>,
    /// The enabled rules that visit objects (their place in [`RULES`] and severity), for the
    /// one pass over the documented objects.
    visitors: Arc<[(usize, Severity)]>,
    /// At most this many diagnostics per input are kept; the rest are counted.
    max_diagnostics: usize,
    /// The state of the cloud the inventory rules check against.
    inventory: Option<Arc<Inventory>>,
    /// Whether reports say how long the lint and each rule took.
    timing: bool,
}

/// The default of [`Linter::set_max_diagnostics`].
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 1000;

impl Default for Linter {
    fn default() -> Self {
        let mut linter = Linter {
            levels: rules::all().iter().map(|m| Level::from(m.default_severity)).collect(),
            ran: Arc::from([]),
            visitors: Arc::from([]),
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
            inventory: None,
            timing: false,
        };
        linter.levels_changed();
        linter
    }
}

/// A rule id that no rule has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule `{}`", self.0)
    }
}

impl std::error::Error for UnknownRule {}

impl Linter {
    /// A linter running every rule at its default severity.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the level of rule `id`: a [`Severity`], or [`Level::Off`].
    ///
    /// ```
    /// use sdrs_lint::{Level, Linter, Severity};
    /// let mut linter = Linter::new();
    /// linter.set_level("id-not-uuid", Severity::Error)?;
    /// linter.set_level("doc-example-value", Level::Off)?;
    /// assert!(linter.set_level("no-such-rule", Level::Off).is_err());
    /// # Ok::<(), sdrs_lint::UnknownRule>(())
    /// ```
    pub fn set_level(&mut self, id: &str, level: impl Into<Level>) -> Result<&mut Self, UnknownRule> {
        let slot = rules::all().iter().position(|m| m.id == id).and_then(|i| self.levels.get_mut(i));
        *slot.ok_or_else(|| UnknownRule(id.to_string()))? = level.into();
        self.levels_changed();
        Ok(self)
    }

    /// Brings what is derived from the levels up to date.
    fn levels_changed(&mut self) {
        self.ran = self.enabled().collect();
        let severities = RULES.iter().zip(rule_slots()).map(|(rule, &slot)| (rule, self.severity_at(slot)));
        let visitors = severities.enumerate().filter(|(_, (rule, _))| rule.visits_objects());
        self.visitors = visitors.filter_map(|(i, (_, severity))| Some((i, severity?))).collect();
    }

    /// The level rule `id` runs at ([`Level::Off`] for an id no rule has).
    pub fn level(&self, id: &str) -> Level {
        let index = rules::all().iter().position(|m| m.id == id);
        index.and_then(|i| self.levels.get(i)).copied().unwrap_or(Level::Off)
    }

    /// The severity rule `id` reports with; `None` when it is off.
    pub fn severity(&self, id: &str) -> Option<Severity> {
        self.level(id).severity()
    }

    /// Keeps at most `max` diagnostics per input (the first in source order) and only counts
    /// the rest ([`Report::omitted`]); `None` keeps them all. The default is 1000.
    pub fn set_max_diagnostics(&mut self, max: Option<usize>) -> &mut Self {
        self.max_diagnostics = max.unwrap_or(usize::MAX);
        self
    }

    /// Checks requests against `inventory` too (the inventory rules run only with one, each
    /// only when the inventory holds the kinds it needs).
    pub fn set_inventory(&mut self, inventory: impl Into<Arc<Inventory>>) -> &mut Self {
        self.inventory = Some(inventory.into());
        self
    }

    /// Measures how long each lint and each rule takes (for the command's JUnit report); off by
    /// default, since reading the clock twice per rule is a noticeable part of a small lint.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // Used by the command line.
    pub(crate) fn set_timing(&mut self, on: bool) -> &mut Self {
        self.timing = on;
        self
    }

    /// The inventory requests are checked against, if any.
    pub fn inventory(&self) -> Option<&Inventory> {
        self.inventory.as_deref()
    }

    /// Lints a request body given as text.
    pub fn lint(&self, text: &str) -> Report {
        self.run(Input::Text(text))
    }

    /// Lints a request body given as bytes: invalid UTF-8, UTF-16 and byte-order marks are
    /// diagnosed, never a cause of failure.
    pub fn lint_bytes(&self, bytes: &[u8]) -> Report {
        self.lint_input(bytes, InputKind::Json)
    }

    /// Lints an input of any kind. For an HTTP request file: the request line and body of
    /// every request meant to create a protected instance, with spans into the file; requests
    /// to other endpoints are listed by [`Report::skipped_requests`].
    pub fn lint_input(&self, bytes: &[u8], kind: InputKind) -> Report {
        self.run(Input::Bytes(bytes, kind))
    }

    /// Lints `input`, recording the findings; their diagnostics are built when asked for, by
    /// [`Replay`].
    fn run(&self, input: Input<'_>) -> Report {
        let mut sink = self.sink();
        let skipped = self.walk(input, RuleSet::ALL, &mut sink);
        Report::new(sink, self.ran.clone(), skipped, |findings| Replay::new(self, input, findings))
    }

    /// Lints an input of any kind as [`Linter::lint_input`] does, building every diagnostic as
    /// it is found: for callers that use them all (fixing, the command line, the language
    /// server), which would otherwise pay for the lint twice.
    pub(crate) fn lint_input_built(&self, bytes: &[u8], kind: InputKind) -> Report {
        let mut sink = self.sink();
        let skipped = self.walk(Input::Bytes(bytes, kind), RuleSet::ALL, &mut sink);
        Report::built(sink, self.ran.clone(), skipped)
    }

    /// A sink for one lint, with a clock when the linter measures time.
    fn sink<T: sink::Kept>(&self) -> Sink<T> {
        let mut sink = Sink::new(self.max_diagnostics);
        if self.timing {
            sink.timing = Some(sink::Timing { started: Instant::now(), rules: vec![Duration::ZERO; RULES.len()] });
        }
        sink
    }

    /// Runs the enabled rules among `rules` on every request of `input`, into `sink`; returns
    /// the requests of an HTTP file that are not linted.
    fn walk<T>(&self, input: Input<'_>, rules: RuleSet, sink: &mut Sink<T>) -> Vec<SkippedRequest>
    where
        Sink<T>: Collect,
    {
        let inventory = self.inventory();
        let bytes = match input {
            Input::Text(text) => {
                self.check(&RequestView::new(&syntax::parse_str(text)).with_inventory(inventory), rules, sink);
                return Vec::new();
            }
            Input::Bytes(bytes, InputKind::Json) => {
                self.check(&RequestView::new(&syntax::parse(bytes)).with_inventory(inventory), rules, sink);
                return Vec::new();
            }
            Input::Bytes(bytes, InputKind::Http) => bytes,
        };
        let text = match syntax::encoding_error(bytes) {
            None => std::str::from_utf8(bytes).unwrap_or_default(),
            Some(error) => {
                let parsed = syntax::Parsed { text: "", tree: syntax::Tree::default(), error: Some(error), bom: None };
                self.check(&RequestView::new(&parsed), rules, sink);
                return Vec::new();
            }
        };
        let mut skipped = Vec::new();
        for body in http::bodies(text) {
            match body {
                Ok((request, parsed)) => {
                    let view = RequestView::new(&parsed).with_http(&request).with_inventory(inventory);
                    self.check(&view, rules, sink)
                }
                Err(skip) => skipped.push(skip),
            }
        }
        skipped
    }

    /// The ids of the request rules this linter runs.
    pub fn enabled(&self) -> impl Iterator<Item = &'static str> + '_ {
        RULES.iter().zip(rule_slots()).filter(|&(_, &slot)| self.runs(slot)).map(|(rule, _)| rule.meta().id)
    }

    fn runs(&self, slot: usize) -> bool {
        self.severity_at(slot).is_some()
    }

    /// The severity of the rule at `slot` of [`rules::all`], `None` when it is off.
    fn severity_at(&self, slot: usize) -> Option<Severity> {
        self.levels.get(slot).and_then(|l| l.severity())
    }

    /// Runs every enabled rule on `view`: first the checks of the request as a whole (the
    /// inventory rules only when the view has an inventory holding every kind they need), then
    /// one pass over the documented objects, each handed to every rule that visits objects.
    fn check<T>(&self, view: &RequestView<'_, '_>, rules: RuleSet, sink: &mut Sink<T>)
    where
        Sink<T>: Collect,
    {
        for (i, (rule, &slot)) in RULES.iter().zip(rule_slots()).enumerate() {
            if !rules.has(i) {
                continue;
            }
            let needs = rule.meta().needs;
            if !needs.is_empty() && !view.inventory.is_some_and(|inv| inv.has_all(needs)) {
                continue;
            }
            if let Some(severity) = self.severity_at(slot) {
                timed(sink, i, |sink| rule.check(view, &mut Context::new(i, severity, sink)));
            }
        }
        if self.visitors.is_empty() {
            return;
        }
        for object in view.objects() {
            for &(i, severity) in self.visitors.iter().filter(|&&(i, _)| rules.has(i)) {
                let Some(rule) = RULES.get(i) else { continue };
                timed(sink, i, |sink| rule.check_object(view, &object, &mut Context::new(i, severity, sink)));
            }
        }
    }
}

/// Runs `check` (of rule `RULES[i]`), adding its time to the rule's when the sink keeps time.
fn timed<T>(sink: &mut Sink<T>, i: usize, check: impl FnOnce(&mut Sink<T>)) {
    let started = sink.timing.is_some().then(Instant::now);
    check(sink);
    if let Some((started, time)) = started.zip(sink.timing.as_mut().and_then(|t| t.rules.get_mut(i))) {
        *time += started.elapsed();
    }
}

/// What is linted: text, or bytes of a kind.
#[derive(Clone, Copy)]
enum Input<'a> {
    Text(&'a str),
    Bytes(&'a [u8], InputKind),
}

/// Rules of [`RULES`], one bit each by position.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct RuleSet(u128);

impl RuleSet {
    /// Every rule (a test holds [`RULES`] to at most 128).
    const ALL: RuleSet = RuleSet(u128::MAX);

    fn with(self, i: usize) -> RuleSet {
        RuleSet(self.0 | u32::try_from(i).ok().and_then(|i| 1u128.checked_shl(i)).unwrap_or(0))
    }

    fn has(self, i: usize) -> bool {
        u32::try_from(i).ok().and_then(|i| self.0.checked_shr(i)).is_some_and(|bits| bits & 1 == 1)
    }
}

/// How a [`Report`] builds its diagnostics when they are asked for: the lint once more, on a
/// copy of the input, with whole diagnostics, running only the rules that found something.
/// Rules are deterministic, so the second run finds exactly what the first recorded.
#[derive(Clone, Debug)]
pub(crate) struct Replay {
    input: OwnedInput,
    linter: Linter,
    /// The rules that found something.
    found: RuleSet,
}

#[derive(Clone, Debug)]
enum OwnedInput {
    Text(Box<str>),
    Bytes(Box<[u8]>, InputKind),
}

impl Replay {
    fn new(linter: &Linter, input: Input<'_>, findings: &[rules::Finding]) -> Replay {
        let found = findings.iter().fold(RuleSet::default(), |set, f| set.with(usize::from(f.rule)));
        let input = match input {
            Input::Text(text) => OwnedInput::Text(text.into()),
            Input::Bytes(bytes, kind) => OwnedInput::Bytes(bytes.into(), kind),
        };
        Replay { input, linter: Linter { timing: false, ..linter.clone() }, found }
    }

    /// The diagnostics of the findings, kept as the lint kept the findings.
    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        let input = match &self.input {
            OwnedInput::Text(text) => Input::Text(text),
            OwnedInput::Bytes(bytes, kind) => Input::Bytes(bytes, *kind),
        };
        let mut sink = Sink::new(self.linter.max_diagnostics);
        self.linter.walk(input, self.found, &mut sink);
        sink.keep_first();
        sink.kept
    }
}

/// The position in [`rules::all`] of each rule of [`RULES`].
fn rule_slots() -> &'static [usize] {
    static SLOTS: LazyLock<Vec<usize>> = LazyLock::new(|| {
        let all = rules::all();
        RULES.iter().map(|r| all.iter().position(|m| m.id == r.meta().id).unwrap_or(usize::MAX)).collect()
    });
    &SLOTS
}

#[cfg(test)]
mod tests {
    use super::{InputKind, Linter, RULES, RuleSet};
    use crate::inventory::Inventory;

    #[test]
    fn rule_sets_hold_every_rule() {
        assert!(RULES.len() <= 128, "RuleSet has 128 bits");
        let set = RuleSet::default().with(0).with(RULES.len() - 1);
        assert!(set.has(0) && set.has(RULES.len() - 1) && !set.has(1));
        assert!((0..RULES.len()).all(|i| RuleSet::ALL.has(i)));
    }

    /// A report whose diagnostics are built on demand and one built as the lint goes say the same
    /// of every example, with and without the example inventory.
    #[test]
    fn built_now_or_on_demand_the_diagnostics_agree() {
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut files: Vec<_> = ["", "with-inventory"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(examples.join(dir)).into_iter().flatten().flatten())
            .map(|entry| entry.path())
            .filter(|path| path.is_file())
            .collect();
        files.sort();
        let inventory_dir = examples.join("inventory");
        let mut inventory_files: Vec<_> =
            std::fs::read_dir(&inventory_dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        inventory_files.sort();
        let read = inventory_files.iter().map(|p| (p.display().to_string(), std::fs::read(p).unwrap_or_default()));
        let (inventory, errors) = Inventory::from_files(read);
        assert!(errors.is_empty(), "{errors:?}");
        let mut with_inventory = Linter::new();
        with_inventory.set_inventory(inventory);
        assert!(files.len() > 30, "{files:?}");
        for linter in [Linter::new(), with_inventory] {
            for path in &files {
                let bytes = std::fs::read(path).expect("examples are readable");
                let kind = InputKind::of_path(path);
                let (later, now) = (linter.lint_input(&bytes, kind), linter.lint_input_built(&bytes, kind));
                assert_eq!(later, now, "{}", path.display());
                assert_eq!(later.omitted(), now.omitted());
            }
        }
    }
}
