//! Where the rules' findings go while an input is linted.

use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Collect, Finding};
use crate::span::Span;

/// What a sink keeps: findings (a lint) or whole diagnostics (when they are asked for).
pub(crate) trait Kept {
    /// What orders it: by position, then by rule id.
    type Order: Ord;
    fn source_order(&self) -> Self::Order;
    fn severity(&self) -> Severity;
}

impl Kept for Finding {
    type Order = (usize, u16);

    fn source_order(&self) -> (usize, u16) {
        Finding::source_order(self)
    }

    fn severity(&self) -> Severity {
        self.severity
    }
}

impl Kept for Diagnostic {
    type Order = (usize, &'static str);

    fn source_order(&self) -> (usize, &'static str) {
        Diagnostic::source_order(self)
    }

    fn severity(&self) -> Severity {
        self.severity
    }
}

/// Keeps the first `limit` findings in source order and counts the others, so a hostile input
/// (a million bad tags) cannot make the lint hold a million: whenever twice the limit is held,
/// the later half is dropped. Findings and their diagnostics go through the same steps, so
/// both keep the same ones.
#[derive(Debug)]
pub(crate) struct Sink<T> {
    pub kept: Vec<T>,
    limit: usize,
    /// Findings dropped, by severity: errors, warnings.
    pub dropped: (usize, usize),
    /// When the linter measures time: since when, and each rule's time so far.
    pub timing: Option<Timing>,
}

/// The clock of one lint.
#[derive(Debug)]
pub(crate) struct Timing {
    /// When the lint started.
    pub started: Instant,
    /// Time spent in each rule of [`crate::rules::RULES`], by position.
    pub rules: Vec<Duration>,
}

impl<T: Kept> Sink<T> {
    pub fn new(limit: usize) -> Sink<T> {
        Sink { kept: Vec::new(), limit, dropped: (0, 0), timing: None }
    }

    /// Sorts, keeps the first `limit` and counts the others.
    pub fn keep_first(&mut self) {
        sort(&mut self.kept);
        let keep = self.limit.min(self.kept.len());
        for cut in self.kept.drain(keep..) {
            match cut.severity() {
                Severity::Error => self.dropped.0 += 1,
                Severity::Warning => self.dropped.1 += 1,
            }
        }
    }

    /// Makes room for one more.
    fn room(&mut self) {
        if self.kept.len() >= self.limit.saturating_mul(2) {
            self.keep_first();
        }
    }
}

impl Collect for Sink<Finding> {
    fn found(&mut self, finding: Finding, _: &'static str, _: Span) -> Option<&mut Diagnostic> {
        self.room();
        self.kept.push(finding);
        None
    }
}

impl Collect for Sink<Diagnostic> {
    fn found(&mut self, finding: Finding, id: &'static str, span: Span) -> Option<&mut Diagnostic> {
        self.room();
        // A diagnostic's position does not change while the rule describes it.
        Some(self.kept.push_mut(finding.diagnostic(id, span)))
    }
}

/// Puts `kept` in source order (stable: a rule's own order is kept).
pub(crate) fn sort<T: Kept>(kept: &mut [T]) {
    kept.sort_by_key(T::source_order);
}
