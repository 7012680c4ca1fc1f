//! Where the rules' diagnostics go while an input is linted.

use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::Collect;

/// Keeps the first `limit` diagnostics in source order and counts the others, so a hostile
/// input (a million bad tags) cannot make the lint hold a million diagnostics: whenever twice
/// the limit is held, the later half is dropped.
#[derive(Debug)]
pub(crate) struct Sink {
    pub diagnostics: Vec<Diagnostic>,
    limit: usize,
    /// Diagnostics dropped, by severity: errors, warnings.
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

impl Sink {
    pub fn new(limit: usize) -> Sink {
        Sink { diagnostics: Vec::new(), limit, dropped: (0, 0), timing: None }
    }

    /// Sorts, keeps the first `limit` and counts the others.
    pub fn keep_first(&mut self) {
        sort(&mut self.diagnostics);
        let keep = self.limit.min(self.diagnostics.len());
        for cut in self.diagnostics.drain(keep..) {
            match cut.severity {
                Severity::Error => self.dropped.0 += 1,
                Severity::Warning => self.dropped.1 += 1,
            }
        }
    }
}

impl Collect for Sink {
    fn push(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        if self.diagnostics.len() >= self.limit.saturating_mul(2) {
            self.keep_first();
        }
        // A diagnostic's position does not change while the rule decorates it.
        self.diagnostics.push_mut(diagnostic)
    }
}

/// Puts `diagnostics` in [`Diagnostic::source_order`] (stable: a rule's own order is kept).
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(Diagnostic::source_order);
}
