//! The report people read: for each diagnostic a header (`error[rule-id]: message`, with `[*]`
//! when `--fix` can fix it), the location (`--> path:line:col`), a source snippet with the
//! primary label underlined `^^^` and secondary ones `---`, then `= help:` and `= fix:` lines,
//! laid out as rustc and ruff do.
//!
//! Hand-written rather than built on `annotate-snippets` (rustc's and cargo's renderer), because:
//! - the location carries our own columns (characters of the input, a byte-order mark not
//!   counted) while the snippet shows the input made terminal-safe ([`DisplaySource`]), whose
//!   escapes make lines longer: a renderer that derives the column from the text it is given, as
//!   annotate-snippets does, would disagree with `short`, `json` and the editors;
//! - every byte printed is decided here, so nothing from the input reaches the terminal raw,
//!   whatever a dependency would do with tabs, controls or a 50 MB line;
//! - windows and caps are ours: a long line (minified JSON, an `.http` request line) is shown as
//!   a window of the terminal's width around its labels with `…` where it is cut, labels far
//!   apart on one line get a window each, and a label taller than [`MAX_LABEL_LINES`] shows its
//!   first and last lines only, so the work per diagnostic does not grow with the input;
//! - the layout needed is small (one file, a few one-line labels), while annotate-snippets' API
//!   has changed in each of its last minor versions.
//!
//! A diagnostic ends with "trailer" lines (`= help:`, `= fix (safe):`), one per `Trailer`; a
//! note pointing into another file (`= note: inventory: PATH:LINE:COL`) is one more trailer.

use std::collections::BTreeSet;
use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use super::FileReport;
use super::safe::{DisplaySource, one_line};
use crate::diagnostic::{Applicability, Diagnostic, Label, Severity};

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// The terminal's width in columns: long source lines are shown as windows this wide.
    pub width: usize,
}

/// A label spanning more lines than this shows its first two and last two lines only.
pub const MAX_LABEL_LINES: usize = 6;

/// Source text is never squeezed into fewer columns than this, however narrow the terminal.
const MIN_CODE_WIDTH: usize = 40;

/// A tab is shown as this many spaces, so underlines line up.
const TAB_WIDTH: usize = 4;

/// Writes every diagnostic of `file`, then the note on diagnostics omitted past the limit.
pub fn write(out: &mut dyn Write, file: &FileReport<'_>, style: Style) -> io::Result<()> {
    write_diagnostics(out, file, style)?;
    write_omitted_note(out, file, style)
}

/// Writes every diagnostic of `file`, each followed by a blank line.
pub fn write_diagnostics(out: &mut dyn Write, file: &FileReport<'_>, style: Style) -> io::Result<()> {
    if file.report.diagnostics().is_empty() {
        return Ok(());
    }
    let shown = DisplaySource::new(file.source);
    let path = one_line(file.path);
    for d in file.report.diagnostics() {
        let mut text = Text { color: style.color, buf: String::new() };
        diagnostic(&mut text, file, &shown, &path, d, style.width);
        out.write_all(text.buf.as_bytes())?;
    }
    Ok(())
}

/// Writes the note saying how many diagnostics of `file` were omitted, if any were.
pub fn write_omitted_note(out: &mut dyn Write, file: &FileReport<'_>, style: Style) -> io::Result<()> {
    let Some(note) = super::omitted_note(file) else { return Ok(()) };
    let mut text = Text { color: style.color, buf: String::new() };
    text.row(vec![(Paint::Bold, "note".into()), (Paint::Plain, format!(": {}: {note}", one_line(file.path)))]);
    text.row(Vec::new());
    out.write_all(text.buf.as_bytes())
}

/// Whether `d` has a fix that `--fix` applies.
pub fn has_safe_fix(d: &Diagnostic) -> bool {
    d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
}

/// Whether `d` has a fix that only `--fix --unsafe-fixes` applies.
pub fn has_unsafe_fix(d: &Diagnostic) -> bool {
    d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Unsafe && !f.edits.is_empty())
}

/// One diagnostic: header, location, snippet, trailers, blank line.
fn diagnostic(t: &mut Text, file: &FileReport<'_>, shown: &DisplaySource, path: &str, d: &Diagnostic, width: usize) {
    let severity = match d.severity {
        Severity::Error => Paint::Error,
        Severity::Warning => Paint::Warning,
    };
    let mut header = vec![(severity, format!("{}[{}]", d.severity, d.rule)), (Paint::Bold, ": ".to_string())];
    if has_safe_fix(d) {
        header.push((Paint::Fixable, "[*]".to_string()));
        header.push((Paint::Bold, " ".to_string()));
    }
    header.push((Paint::Bold, one_line(&d.message).into_owned()));
    t.row(header);

    let snippet = Snippet::new(shown, d, severity);
    let gutter = digits(snippet.lines.last().map_or(1, |&l| l + 1));
    let at = file.position(d.primary.span.start);
    t.row(vec![
        (Paint::Plain, " ".repeat(gutter)),
        (Paint::Accent, "--> ".to_string()),
        (Paint::Plain, format!("{path}:{}:{}", at.line, at.column)),
    ]);
    snippet.render(t, gutter, width);

    let trailers = trailers(d);
    if !trailers.is_empty() {
        t.row(vec![(Paint::Accent, format!("{:gutter$} |", ""))]);
    }
    for trailer in trailers {
        t.row(vec![
            (Paint::Accent, format!("{:gutter$} = ", "")),
            (Paint::Bold, trailer.kind),
            (Paint::Plain, format!(": {}", trailer.text)),
        ]);
    }
    t.row(Vec::new());
}

/// A closing line of a diagnostic: `= KIND: TEXT`.
struct Trailer {
    kind: String,
    text: String,
}

/// The labels in other files (the inventory facts that prove a finding), then the help, then
/// the fix. Texts are one line each, never wrapped (a wrap could split a code span the reader
/// copies).
fn trailers(d: &Diagnostic) -> Vec<Trailer> {
    let mut trailers = Vec::new();
    for label in &d.secondary {
        let Some(file) = &label.file else { continue };
        let at = file.position(label.span.start);
        let what = label.text.as_deref().map_or(String::new(), |t| format!(" ({})", one_line(t)));
        let text = format!("inventory: {}:{}:{}{what}", one_line(file.name()), at.line, at.column);
        trailers.push(Trailer { kind: "note".into(), text });
    }
    if let Some(help) = &d.help {
        trailers.push(Trailer { kind: "help".into(), text: one_line(help).into_owned() });
    }
    if let Some(fix) = d.fix.as_ref().filter(|f| !f.edits.is_empty()) {
        let kind = match fix.applicability {
            Applicability::Safe => "fix (safe)",
            Applicability::Unsafe => "fix (unsafe)",
        };
        trailers.push(Trailer { kind: kind.into(), text: one_line(&fix.title).into_owned() });
    }
    trailers
}

/// What a piece of output is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Paint {
    Plain,
    Error,
    Warning,
    /// Gutter, location arrow, secondary labels, cut marks.
    Accent,
    Bold,
    /// The `[*]` of a fixable finding.
    Fixable,
}

impl Paint {
    fn ansi(self) -> &'static str {
        match self {
            Paint::Plain => "",
            Paint::Error => "\x1b[1;31m",
            Paint::Warning => "\x1b[1;33m",
            Paint::Accent => "\x1b[1;34m",
            Paint::Bold => "\x1b[1m",
            Paint::Fixable => "\x1b[1;36m",
        }
    }
}

type Row = Vec<(Paint, String)>;

/// Output being built: rows of painted pieces.
struct Text {
    color: bool,
    buf: String,
}

impl Text {
    /// Appends `row` without trailing spaces, and a line break.
    fn row(&mut self, mut row: Row) {
        while let Some((_, piece)) = row.last_mut() {
            piece.truncate(piece.trim_end_matches(' ').len());
            if !piece.is_empty() {
                break;
            }
            row.pop();
        }
        for (paint, piece) in row {
            if self.color && paint != Paint::Plain && !piece.trim().is_empty() {
                self.buf.push_str(paint.ansi());
                self.buf.push_str(&piece);
                self.buf.push_str("\x1b[0m");
            } else {
                self.buf.push_str(&piece);
            }
        }
        self.buf.push('\n');
    }
}

/// A row of one-column cells (underlines, connectors), then an optional text.
#[derive(Default)]
struct Canvas {
    cells: Vec<(char, Paint)>,
    tail: Option<(String, Paint)>,
}

impl Canvas {
    fn put(&mut self, at: usize, c: char, paint: Paint) {
        if self.cells.len() <= at {
            self.cells.resize(at + 1, (' ', Paint::Plain));
        }
        if let Some(cell) = self.cells.get_mut(at) {
            *cell = (c, paint);
        }
    }

    fn fill(&mut self, from: usize, to: usize, c: char, paint: Paint) {
        for at in from..to {
            self.put(at, c, paint);
        }
    }

    /// Pads with spaces up to column `at` and puts `text` there.
    fn text_at(&mut self, at: usize, text: String, paint: Paint) {
        self.cells.truncate(at);
        self.cells.resize(at, (' ', Paint::Plain));
        self.tail = Some((text, paint));
    }

    fn into_row(self) -> Row {
        let mut row: Row = Vec::new();
        for (c, paint) in self.cells {
            match row.last_mut() {
                Some((last, piece)) if *last == paint => piece.push(c),
                _ => row.push((paint, c.to_string())),
            }
        }
        if let Some((text, paint)) = self.tail {
            row.push((paint, text));
        }
        row
    }
}

/// A label moved onto the printable text.
struct Placed {
    /// Its span in [`DisplaySource::text`], on character boundaries.
    start: usize,
    end: usize,
    /// 0-based lines of its first and last characters.
    start_line: usize,
    end_line: usize,
    paint: Paint,
    primary: bool,
    text: Option<String>,
}

impl Placed {
    fn new(shown: &DisplaySource, label: &Label, primary: bool, severity: Paint) -> Placed {
        let text = &shown.text;
        let span = shown.map_span(label.span);
        let start = floor_boundary(text, span.start.min(text.len()));
        let end = ceil_boundary(text, span.end.min(text.len())).max(start);
        let start_line = shown.line_of(start);
        let end_line = if end > start { shown.line_of(end - 1).max(start_line) } else { start_line };
        Placed {
            start,
            end,
            start_line,
            end_line,
            paint: if primary { severity } else { Paint::Accent },
            primary,
            text: label.text.as_deref().map(|t| one_line(t).into_owned()),
        }
    }

    fn multi_line(&self) -> bool {
        self.end_line > self.start_line
    }
}

/// Where a multi-line label is in the rows printed so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bar {
    /// Its first line is not reached yet.
    Pending,
    /// Between its first and last line: a `|` in its column.
    Active,
    /// Its last line is done.
    Done,
}

/// What a mark on one line draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A whole one-line label.
    Under,
    /// The first character of the multi-line label drawn in bar column `.0`.
    Start(usize),
    /// The last character of the multi-line label drawn in bar column `.0`.
    End(usize),
}

/// A label's part on one line.
struct Mark<'a> {
    /// Its bytes on the line (in [`DisplaySource::text`]); `lo == hi` for an empty span.
    lo: usize,
    hi: usize,
    label: &'a Placed,
    kind: Kind,
}

/// Marks of one line close enough to be shown in one window.
struct Cluster<'a> {
    lo: usize,
    hi: usize,
    marks: Vec<Mark<'a>>,
}

/// The snippet of one diagnostic.
struct Snippet<'a> {
    shown: &'a DisplaySource,
    labels: Vec<Placed>,
    /// The multi-line labels (indices into `labels`), one bar column each.
    bars: Vec<usize>,
    /// The lines to show, in order.
    lines: Vec<usize>,
}

impl<'a> Snippet<'a> {
    fn new(shown: &'a DisplaySource, d: &Diagnostic, severity: Paint) -> Snippet<'a> {
        let labels: Vec<Placed> = std::iter::once(Placed::new(shown, &d.primary, true, severity))
            .chain(d.secondary.iter().filter(|l| l.file.is_none()).map(|l| Placed::new(shown, l, false, severity)))
            .collect();
        let mut bars: Vec<usize> =
            (0..labels.len()).filter(|&i| labels.get(i).is_some_and(Placed::multi_line)).collect();
        bars.sort_by_key(|&i| labels.get(i).map(|l| (l.start, l.end)));
        let mut lines = BTreeSet::new();
        for label in &labels {
            let (first, last) = (label.start_line, label.end_line);
            if last - first < MAX_LABEL_LINES {
                lines.extend(first..=last);
            } else {
                lines.extend([first, first + 1, last - 1, last]);
            }
        }
        // A single line between two shown ones is shown rather than elided.
        let gaps: Vec<usize> =
            lines.iter().zip(lines.iter().skip(1)).filter(|(a, b)| **b == **a + 2).map(|(a, _)| a + 1).collect();
        lines.extend(gaps);
        Snippet { shown, labels, bars, lines: lines.into_iter().collect() }
    }

    fn bar_of(&self, label: usize) -> usize {
        self.bars.iter().position(|&i| i == label).unwrap_or(0)
    }

    /// The columns of the bar area: one per multi-line label and a space, or none.
    fn bar_area(&self) -> usize {
        if self.bars.is_empty() { 0 } else { self.bars.len() + 1 }
    }

    fn render(&self, t: &mut Text, gutter: usize, width: usize) {
        let budget = width.saturating_sub(gutter + 3 + self.bar_area()).max(MIN_CODE_WIDTH);
        let mut state = vec![Bar::Pending; self.bars.len()];
        t.row(vec![(Paint::Accent, format!("{:gutter$} |", ""))]);
        let mut previous: Option<usize> = None;
        for &line in &self.lines {
            if previous.is_some_and(|p| line > p + 1) {
                let mut row = vec![(Paint::Accent, format!("{:<w$}", "...", w = gutter + 3))];
                row.extend(self.bars_row(&state).into_row());
                t.row(row);
            }
            previous = Some(line);
            self.render_line(t, line, gutter, budget, &mut state);
        }
    }

    /// A canvas holding the bars of the active multi-line labels.
    fn bars_row(&self, state: &[Bar]) -> Canvas {
        let mut canvas = Canvas::default();
        for (column, (&label, &bar)) in self.bars.iter().zip(state).enumerate() {
            if bar == Bar::Active {
                canvas.put(column, '|', self.labels.get(label).map_or(Paint::Accent, |l| l.paint));
            }
        }
        canvas
    }

    fn render_line(&self, t: &mut Text, line: usize, gutter: usize, budget: usize, state: &mut [Bar]) {
        let text = self.shown.text.as_str();
        let (ls, le) = self.shown.line_bounds(line);
        let marks = self.marks_on(line, ls, le);
        if marks.is_empty() {
            let we = if fits(text, ls, le, budget) { le } else { advance(text, ls, le, budget.saturating_sub(1)).1 };
            let row =
                self.code_row(line, gutter, &Window { start: ls, end: we, line_start: ls, line_end: le }, state, &[]);
            t.row(row);
            return;
        }
        let whole = fits(text, ls, le, budget);
        // A cut line loses two columns to the `…`, and keeps room for the longest label text.
        let reserve = marks
            .iter()
            .filter_map(|m| m.label.text.as_deref())
            .map(|s| s.chars().map(char_width).sum::<usize>() + 1)
            .max()
            .unwrap_or(0)
            .min(budget / 2);
        let room = budget.saturating_sub(reserve + 2).max(1);
        for cluster in clusters(text, marks, if whole { usize::MAX } else { room }) {
            let window = if whole {
                Window { start: ls, end: le, line_start: ls, line_end: le }
            } else {
                window(text, ls, le, cluster.lo, cluster.hi, room)
            };
            // A multi-line label starting at the line's first non-blank character draws `/`
            // on the code row instead of a row of its own.
            let slashes: Vec<usize> = cluster
                .marks
                .iter()
                .filter_map(|m| match m.kind {
                    Kind::Start(bar)
                        if window.start == ls && text.get(ls..m.lo).is_some_and(|s| s.trim().is_empty()) =>
                    {
                        Some(bar)
                    }
                    _ => None,
                })
                .collect();
            let row = self.code_row(line, gutter, &window, state, &slashes);
            t.row(row);
            for &bar in &slashes {
                if let Some(s) = state.get_mut(bar) {
                    *s = Bar::Active;
                }
            }
            self.mark_rows(t, gutter, &window, &cluster, &slashes, state);
        }
    }

    /// The parts of labels on `line`, in order.
    fn marks_on(&self, line: usize, ls: usize, le: usize) -> Vec<Mark<'_>> {
        let text = self.shown.text.as_str();
        let mut marks = Vec::new();
        for (i, label) in self.labels.iter().enumerate() {
            let clamp = |x: usize| x.clamp(ls, le);
            if !label.multi_line() && label.start_line == line {
                let lo = clamp(label.start);
                let hi = clamp(label.end).max(lo);
                marks.push(Mark { lo, hi, label, kind: Kind::Under });
                continue;
            }
            if label.multi_line() && label.start_line == line {
                let lo = clamp(label.start);
                marks.push(Mark { lo, hi: next_boundary(text, lo, le), label, kind: Kind::Start(self.bar_of(i)) });
            }
            if label.multi_line() && label.end_line == line {
                let hi = clamp(label.end);
                marks.push(Mark { lo: previous_boundary(text, hi, ls), hi, label, kind: Kind::End(self.bar_of(i)) });
            }
        }
        marks.sort_by_key(|m| (m.lo, m.hi));
        marks
    }

    fn code_row(&self, line: usize, gutter: usize, window: &Window, state: &[Bar], slashes: &[usize]) -> Row {
        let mut row = vec![(Paint::Accent, format!("{:>gutter$} | ", line + 1))];
        let mut bars = self.bars_row(state);
        for &bar in slashes {
            let paint = self.bars.get(bar).and_then(|&l| self.labels.get(l)).map_or(Paint::Accent, |l| l.paint);
            bars.put(bar, '/', paint);
        }
        if self.bar_area() > 0 {
            bars.fill(bars.cells.len(), self.bar_area(), ' ', Paint::Plain);
        }
        row.extend(bars.into_row());
        if window.start > window.line_start {
            row.push((Paint::Accent, "…".to_string()));
        }
        let code = self.shown.text.get(window.start..window.end).unwrap_or_default();
        row.push((Paint::Plain, code.replace('\t', &" ".repeat(TAB_WIDTH))));
        if window.end < window.line_end {
            row.push((Paint::Accent, "…".to_string()));
        }
        row
    }

    /// The rows under a window's code row: underlines and their texts, then the starts and
    /// ends of multi-line labels.
    fn mark_rows(
        &self,
        t: &mut Text,
        gutter: usize,
        window: &Window,
        cluster: &Cluster<'_>,
        slashes: &[usize],
        state: &mut [Bar],
    ) {
        let text = self.shown.text.as_str();
        let area = self.bar_area();
        let prefix = usize::from(window.start > window.line_start);
        let column = |x: usize| area + prefix + width(text, window.start, x.clamp(window.start, window.end));
        // Columns [c0, c1) of each mark; a mark running past the window's end runs under the `…`.
        let columns = |m: &Mark<'_>| {
            let c0 = column(m.lo);
            let c1 = if m.hi > window.end { column(window.end) + 1 } else { column(m.hi) };
            (c0, c1.max(c0 + 1))
        };
        let emit = |t: &mut Text, canvas: Canvas| {
            let mut row = vec![(Paint::Accent, format!("{:gutter$} | ", ""))];
            row.extend(canvas.into_row());
            t.row(row);
        };

        let under: Vec<(&Mark<'_>, usize, usize)> = cluster
            .marks
            .iter()
            .filter(|m| m.kind == Kind::Under)
            .map(|m| {
                let (c0, c1) = columns(m);
                (m, c0, c1)
            })
            .collect();
        if !under.is_empty() {
            let mut canvas = self.bars_row(state);
            // Secondary underlines first, so the primary one wins where they overlap.
            for &(m, c0, c1) in under.iter().filter(|(m, ..)| !m.label.primary) {
                canvas.fill(c0, c1, '-', m.label.paint);
            }
            for &(m, c0, c1) in under.iter().filter(|(m, ..)| m.label.primary) {
                canvas.fill(c0, c1, '^', m.label.paint);
            }
            // The text of the rightmost underline goes on its row; the others hang below.
            let end = under.iter().map(|&(_, _, c1)| c1).max().unwrap_or(0);
            let inline = under.iter().rposition(|&(m, _, c1)| c1 == end && m.label.text.is_some());
            if let Some((m, ..)) = inline.and_then(|i| under.get(i))
                && let Some(label) = &m.label.text
            {
                canvas.text_at(end + 1, label.clone(), m.label.paint);
            }
            emit(t, canvas);
            let hanging: Vec<&(&Mark<'_>, usize, usize)> = under
                .iter()
                .enumerate()
                .filter(|&(i, (m, ..))| Some(i) != inline && m.label.text.is_some())
                .map(|(_, u)| u)
                .collect();
            if !hanging.is_empty() {
                let mut connectors = self.bars_row(state);
                for &&(m, c0, _) in &hanging {
                    connectors.put(c0, '|', m.label.paint);
                }
                emit(t, connectors);
                for (j, &&(m, c0, _)) in hanging.iter().enumerate().rev() {
                    let mut canvas = self.bars_row(state);
                    for &&(left, left_c0, _) in hanging.iter().take(j) {
                        if left_c0 < c0 {
                            canvas.put(left_c0, '|', left.label.paint);
                        }
                    }
                    canvas.text_at(c0, m.label.text.clone().unwrap_or_default(), m.label.paint);
                    emit(t, canvas);
                }
            }
        }

        for m in &cluster.marks {
            if let Kind::Start(bar) = m.kind
                && !slashes.contains(&bar)
            {
                let (c0, c1) = columns(m);
                let mut canvas = self.bars_row(state);
                canvas.fill(bar + 1, c0, '_', m.label.paint);
                canvas.fill(c0, c1, if m.label.primary { '^' } else { '-' }, m.label.paint);
                emit(t, canvas);
                if let Some(s) = state.get_mut(bar) {
                    *s = Bar::Active;
                }
            }
        }
        for m in &cluster.marks {
            if let Kind::End(bar) = m.kind {
                let (c0, c1) = columns(m);
                let mut canvas = self.bars_row(state);
                canvas.put(bar, '|', m.label.paint);
                canvas.fill(bar + 1, c0, '_', m.label.paint);
                canvas.fill(c0, c1, if m.label.primary { '^' } else { '-' }, m.label.paint);
                if let Some(label) = &m.label.text {
                    canvas.text_at(c1 + 1, label.clone(), m.label.paint);
                }
                emit(t, canvas);
                if let Some(s) = state.get_mut(bar) {
                    *s = Bar::Done;
                }
            }
        }
    }
}

/// The part of a line shown: `start..end` of the line `line_start..line_end`.
struct Window {
    start: usize,
    end: usize,
    line_start: usize,
    line_end: usize,
}

/// Groups `marks` (in order) into clusters that fit `room` columns together; marks that
/// overlap always share one.
fn clusters<'a>(text: &str, marks: Vec<Mark<'a>>, room: usize) -> Vec<Cluster<'a>> {
    let mut clusters: Vec<Cluster<'a>> = Vec::new();
    for mark in marks {
        if let Some(last) = clusters.last_mut() {
            let hi = last.hi.max(mark.hi);
            if mark.lo < last.hi || room == usize::MAX || fits(text, last.lo, hi, room) {
                last.hi = hi;
                last.marks.push(mark);
                continue;
            }
        }
        clusters.push(Cluster { lo: mark.lo, hi: mark.hi, marks: vec![mark] });
    }
    clusters
}

/// The window of `room` columns (plus the `…` at either cut end) of the line `ls..le` that shows
/// `lo..hi`, or the start of it when it is wider: a third of the columns left go before it, the
/// rest after, and a side that reaches the line's end gives its rest to the other.
fn window(text: &str, ls: usize, le: usize, lo: usize, hi: usize, room: usize) -> Window {
    let (mut core, mut core_end) = advance(text, lo, hi, room);
    if core_end < hi {
        // Wider than the window: its start, after a little context.
        (core, core_end) = advance(text, lo, hi, room - room / 4);
    }
    let spare = room - core;
    let want_left = if core_end < hi { spare } else { spare * 2 / 3 };
    let (left, mut start) = retreat(text, lo, ls, want_left);
    let (right, end) = advance(text, core_end, le, spare - left);
    if end == le {
        start = retreat(text, start, ls, spare - left - right).1;
    }
    Window { start, end, line_start: ls, line_end: le }
}

/// The columns character `c` takes on a terminal.
fn char_width(c: char) -> usize {
    if c == '\t' { TAB_WIDTH } else { c.width().unwrap_or(1) }
}

/// The columns `text[from..to]` takes.
fn width(text: &str, from: usize, to: usize) -> usize {
    text.get(from..to).map_or(0, |s| s.chars().map(char_width).sum())
}

/// Whether `text[from..to]` fits in `budget` columns (measuring at most that many).
fn fits(text: &str, from: usize, to: usize, budget: usize) -> bool {
    advance(text, from, to, budget).1 >= to
}

/// From `from` towards `to`, the columns taken and the offset reached within `budget` columns.
fn advance(text: &str, from: usize, to: usize, budget: usize) -> (usize, usize) {
    let mut used = 0;
    let mut at = from;
    for c in text.get(from..to).unwrap_or_default().chars() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        at += c.len_utf8();
    }
    (used, at)
}

/// From `from` back towards `floor`, the columns taken and the offset reached within `budget`.
fn retreat(text: &str, from: usize, floor: usize, budget: usize) -> (usize, usize) {
    let mut used = 0;
    let mut at = from;
    for c in text.get(floor..from).unwrap_or_default().chars().rev() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        at -= c.len_utf8();
    }
    (used, at)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The boundary after the character at `at`, or `at` at `end`.
fn next_boundary(text: &str, at: usize, end: usize) -> usize {
    text.get(at..end).and_then(|s| s.chars().next()).map_or(at, |c| at + c.len_utf8())
}

/// The boundary before the character ending at `at`, or `at` at `start`.
fn previous_boundary(text: &str, at: usize, start: usize) -> usize {
    text.get(start..at).and_then(|s| s.chars().next_back()).map_or(at, |c| at - c.len_utf8())
}

fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
    use crate::engine::Report;

    fn render(source: &str, diagnostics: Vec<Diagnostic>, width: usize) -> String {
        let report = Report::from_diagnostics(diagnostics);
        let file = FileReport::new("t.json", source.as_bytes(), &report);
        let mut out = Vec::new();
        write(&mut out, &file, Style { color: false, width }).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn at(source: &str, needle: &str) -> Span {
        let start = source.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    fn diagnostic(span: Span, label: &str) -> Diagnostic {
        let mut d = Diagnostic::new("name-empty", Severity::Error, String::new(), span, "message".into());
        d.with_label(label);
        d
    }

    #[test]
    fn a_one_line_label_is_underlined_with_its_text() {
        let source = "{\n  \"name\": \"\"\n}\n";
        let out = render(source, vec![diagnostic(at(source, "\"\""), "empty")], 100);
        let expected = format!(
            "error[name-empty]: message\n --> t.json:2:11\n  |\n2 |   \"name\": \"\"\n  | {}^^ empty\n\n",
            " ".repeat(10)
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn labels_on_one_line_hang_their_texts_right_to_left() {
        let source = "{\"a\": 1, \"b\": 2, \"a\": 3}";
        let mut d = diagnostic(Span::new(17, 20), "repeated");
        d.with_secondary(Span::new(1, 4), "first").with_secondary(Span::new(9, 12), "other");
        let out = render(source, vec![d], 100);
        let expected = [
            "1 | {\"a\": 1, \"b\": 2, \"a\": 3}",
            "  |  ---     ---     ^^^ repeated",
            "  |  |       |",
            "  |  |       other",
            "  |  first",
        ];
        assert!(out.contains(&expected.join("\n")), "{out}");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_label() {
        let source = format!("{{\"x\": \"{}\", \"name\": \"\", \"y\": \"{}\"}}", "a".repeat(3000), "b".repeat(3000));
        let span = at(&source, "\"\",");
        let out = render(&source, vec![diagnostic(Span::new(span.start, span.start + 2), "empty")], 80);
        let code = out.lines().nth(3).unwrap();
        let marks = out.lines().nth(4).unwrap();
        assert!(code.starts_with("1 | …aaa") && code.ends_with("bbb…"), "{out}");
        assert!(code.contains("\"name\": \"\""), "{out}");
        assert!(code.chars().count() <= 80, "{} columns: {code}", code.chars().count());
        let caret = marks.find('^').unwrap();
        assert_eq!(caret, code[..code.find("\"\",").unwrap()].chars().count(), "the carets are under `\"\"`");
        assert!(marks.ends_with("^^ empty"), "{out}");
    }

    #[test]
    fn labels_far_apart_on_one_line_get_a_window_each() {
        let source = format!("{{\"a\": 1, \"pad\": \"{}\", \"a\": 2}}", "p".repeat(500));
        let first = Span::new(1, 4);
        let second = Span::new(source.rfind("\"a\"").unwrap(), source.rfind("\"a\"").unwrap() + 3);
        let mut d = diagnostic(second, "repeated");
        d.with_secondary(first, "first");
        let out = render(&source, vec![d], 80);
        let code_rows: Vec<&str> = out.lines().filter(|l| l.starts_with("1 | ")).collect();
        assert_eq!(code_rows.len(), 2, "{out}");
        assert!(code_rows[0].starts_with("1 | {\"a\": 1") && code_rows[0].ends_with('…'), "{out}");
        assert!(code_rows[1].starts_with("1 | …") && code_rows[1].ends_with("\"a\": 2}"), "{out}");
        assert!(out.contains("- first") && out.contains("^^^ repeated"), "{out}");
    }

    #[test]
    fn a_multi_line_label_draws_a_bar_and_a_tall_one_is_elided() {
        let source = "[\n  1,\n  2\n]\n";
        let out = render(source, vec![diagnostic(Span::new(0, source.len() - 1), "the array")], 100);
        let expected = "1 | / [\n2 | |   1,\n3 | |   2\n4 | | ]\n  | |_^ the array\n";
        assert!(out.contains(expected), "{out}");
        let tall = format!("x = [\n{}]\n", "  1,\n".repeat(20));
        let out = render(&tall, vec![diagnostic(Span::new(4, tall.len() - 1), "tall")], 100);
        let expected = " 1 |   x = [\n   |  _____^\n 2 | |   1,\n...  |\n21 | |   1,\n22 | | ]\n   | |_^ tall\n";
        assert!(out.contains(expected), "{out}");
    }

    #[test]
    fn escapes_wide_characters_and_tabs_keep_underlines_aligned() {
        let source = "{\"k\": \"数据\u{1b}\t<\"}";
        let lt = source.find('<').unwrap();
        let esc = source.find('\u{1b}').unwrap();
        let mut d = diagnostic(Span::new(lt, lt + 1), "here");
        d.with_secondary(Span::new(esc, esc + 1), "escape");
        let out = render(source, vec![d], 100);
        let pad = " ".repeat(11);
        let expected =
            format!("1 | {{\"k\": \"数据\\u{{1b}}    <\"}}\n  | {pad}------    ^ here\n  | {pad}|\n  | {pad}escape\n");
        assert!(out.contains(&expected), "{out}");
    }

    #[test]
    fn crlf_and_a_bom_do_not_move_labels_and_columns_are_characters() {
        let source = "\u{feff}{\r\n  \"数\": \"\"\r\n}";
        let start = source.find("\"\"").unwrap();
        let out = render(source, vec![diagnostic(Span::new(start, start + 2), "empty")], 100);
        assert!(out.contains(" --> t.json:2:8\n"), "{out}");
        assert!(out.contains(&format!("2 |   \"数\": \"\"\n  | {}^^ empty\n", " ".repeat(8))), "{out}");
        assert!(!out.contains('\r'), "{out:?}");
    }

    #[test]
    fn help_and_fix_trailers_and_the_fixable_marker() {
        let source = "{\"tenancy\": \"Shared\"}";
        let span = at(source, "\"Shared\"");
        let mut d = diagnostic(span, "not lower case");
        d.with_help("write `shared`, in lower case, as the reference does; see the page for `tenancy` values")
            .with_fix(crate::Fix::replace("replace with `shared`", Applicability::Safe, span, "\"shared\""));
        let out = render(source, vec![d], 60);
        assert!(out.starts_with("error[name-empty]: [*] message\n"), "{out}");
        assert!(
            out.ends_with(
                "  |\n  = help: write `shared`, in lower case, as the reference does; see the page for `tenancy` values\n  = fix (safe): replace with `shared`\n\n"
            ),
            "one line each, never wrapped: {out}"
        );
    }

    #[test]
    fn nothing_from_the_input_reaches_the_output_raw() {
        let long = "x".repeat(500);
        let inputs: [&[u8]; 6] = [
            b"\xef\xbb\xbf{\"protected_instance\": {\"name\": \"a\x1b[2Jb\", \"tags\": [{\"key\": \"\x07\"}]}}",
            b"{\"protected_instance\": {\"name\": \"a\rb\r\nc\"}}\r",
            "{\"protected_instance\": {\"name\": \"e\u{301}\u{202e}\u{2028}😀\t数\"}}".as_bytes(),
            b"{\"protected_instance\": {\"name\": \"\xff\xfe\", \"description\": \"\x00\"}",
            b"\xff\xfe{\x00}\x00",
            long.as_bytes(),
        ];
        for input in inputs {
            let report = crate::lint_bytes(input);
            assert!(!report.diagnostics().is_empty());
            let file = FileReport::new("a\u{1b}]0;title\u{7}.json", input, &report);
            for width in [20, 80, 300] {
                let mut out = Vec::new();
                write(&mut out, &file, Style { color: false, width }).unwrap();
                let out = String::from_utf8(out).unwrap();
                let raw = out.chars().find(|&c| {
                    (c.is_control() && c != '\n') || crate::text::is_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
                });
                assert_eq!(raw, None, "{input:?} at {width} columns:\n{out}");
            }
        }
    }

    #[test]
    fn colour_only_when_asked() {
        let source = "{}";
        let report = Report::from_diagnostics(vec![diagnostic(Span::new(0, 1), "here")]);
        let file = FileReport::new("t.json", source.as_bytes(), &report);
        let mut out = Vec::new();
        write(&mut out, &file, Style { color: true, width: 80 }).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("\x1b[1;31merror[name-empty]\x1b[0m"), "{out:?}");
        assert!(out.contains("\x1b[1;31m^ here\x1b[0m") || out.contains("\x1b[1;31m^\x1b[0m"), "{out:?}");
    }
}
