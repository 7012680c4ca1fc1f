//! miette's graphical report: source snippet, labels and help, one report per diagnostic.
//! The snippet is the input made printable ([`DisplaySource`]) and the header's line:column is
//! ours, since miette counts columns in bytes.

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::LintedFile;
use super::safe::{DisplaySource, one_line};
use crate::diagnostic::{Diagnostic, Severity};

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Wrap width in columns.
    pub width: usize,
}

/// Writes a graphical report of every diagnostic of `file`.
pub fn write(out: &mut dyn Write, file: &LintedFile<'_>, style: Style) -> io::Result<()> {
    if file.report.diagnostics().is_empty() {
        return Ok(());
    }
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .without_primary_span_start()
        .with_links(false);
    let shown = DisplaySource::new(file.source);
    let path = one_line(file.path);
    for d in file.report.diagnostics() {
        let at = file.position(d.primary.span.start);
        let location = format!("{path}:{}:{}", at.line, at.column);
        // A snippet of a huge line (a minified file, a 50 MB string) or of a label spanning
        // thousands of lines would flood the terminal: show the location instead.
        let snippet = d.labels().all(|l| shown.fits(l.span, MAX_SNIPPET_LINES, MAX_SNIPPET_WIDTH));
        let mut message = one_line(&d.message).into_owned();
        if !snippet {
            message.push_str(&format!("\n  at {location} (source not shown: its lines are too long or too many)"));
        }
        let view =
            Printable { d, source: Named { name: location, text: &shown.text }, shown: &shown, message, snippet };
        let mut rendered = String::new();
        handler.render_report(&mut rendered, &view).map_err(io::Error::other)?;
        out.write_all(rendered.as_bytes())?;
    }
    if let Some(note) = super::omitted_note(file) {
        writeln!(out, "\n  {path}: {note}\n")?;
    }
    Ok(())
}

/// Snippets are printed only for labels within this many lines of at most this many bytes.
const MAX_SNIPPET_LINES: usize = 40;
const MAX_SNIPPET_WIDTH: usize = 1000;

/// A diagnostic with its labels moved onto the printable source.
struct Printable<'a> {
    d: &'a Diagnostic,
    source: Named<'a>,
    shown: &'a DisplaySource,
    message: String,
    /// Whether to print the source snippet.
    snippet: bool,
}

impl fmt::Debug for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Printable<'_> {}

impl miette::Diagnostic for Printable<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d.help.as_deref().map(|h| Box::new(one_line(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if !self.snippet {
            return None;
        }
        let label = |l: &crate::diagnostic::Label, primary: bool| {
            let text = l.text.as_deref().map(|t| one_line(t).into_owned());
            let span = self.shown.map_span(l.span);
            if primary {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        };
        let primary = std::iter::once(label(&self.d.primary, true));
        Some(Box::new(primary.chain(self.d.secondary.iter().map(move |l| label(l, false)))))
    }
}

/// Printable source text under a name that carries our line:column.
struct Named<'a> {
    name: String,
    text: &'a str,
}

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.text.read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}
