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
        let view = Printable {
            d,
            source: Named { name: format!("{path}:{}:{}", at.line, at.column), text: &shown.text },
            shown: &shown,
            message: one_line(&d.message).into_owned(),
        };
        let mut rendered = String::new();
        handler.render_report(&mut rendered, &view).map_err(io::Error::other)?;
        out.write_all(rendered.as_bytes())?;
    }
    Ok(())
}

/// A diagnostic with its labels moved onto the printable source.
struct Printable<'a> {
    d: &'a Diagnostic,
    source: Named<'a>,
    shown: &'a DisplaySource,
    message: String,
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
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
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
