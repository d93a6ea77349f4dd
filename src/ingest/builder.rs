//! Building a [`Document`]'s text line by line while recording where each part came from.
//! Readers push text and mark spans; the builder keeps offsets consistent so locators always
//! point at the right bytes of the final text.

use super::{Document, Format, Locator, Place};
use crate::model::Span;

#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    locators: Vec<Locator>,
    notes: Vec<String>,
}

impl TextBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Current end of the text: the start offset of whatever is pushed next.
    pub fn offset(&self) -> usize {
        self.text.len()
    }

    pub fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub fn push(&mut self, c: char) {
        self.text.push(c);
    }

    /// The text so far, e.g. to look at the current line.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// End the current line (no-op on an empty text or when it already ends with a newline).
    pub fn end_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// Make sure the text ends with an empty line (paragraph or section break), unless empty.
    pub fn blank_line(&mut self) {
        self.end_line();
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// Remove trailing spaces and TABs from the current line (keeps the newline structure).
    pub fn trim_line_end(&mut self) {
        let trimmed = self.text.trim_end_matches([' ', '\u{a0}']).len();
        self.text.truncate(trimmed);
    }

    /// Record that `start..offset()` came from `place`. Empty spans are not recorded.
    pub fn locate_from(&mut self, start: usize, place: Place) {
        let end = self.text.len();
        if start < end {
            self.locators.push(Locator {
                span: Span::new(start, end),
                place,
            });
        }
    }

    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Append another document (e.g. an e-mail attachment) at the current offset, shifting its
    /// locators, and return the span it occupies.
    pub fn append_document(&mut self, doc: Document) -> Span {
        let start = self.text.len();
        self.text.push_str(&doc.text);
        for l in doc.locators {
            self.locators.push(Locator {
                span: Span::new(l.span.start + start, l.span.end + start),
                place: l.place,
            });
        }
        for n in doc.notes {
            self.note(n);
        }
        Span::new(start, self.text.len())
    }

    pub fn finish(mut self, format: Format) -> Document {
        // One newline at the end, no trailing blank lines or spaces.
        let keep = self.text.trim_end().len();
        self.text.truncate(keep);
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        for l in &mut self.locators {
            l.span.end = l.span.end.min(self.text.len());
            l.span.start = l.span.start.min(l.span.end);
        }
        self.locators.retain(|l| l.span.start < l.span.end);
        self.locators.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        Document {
            text: self.text,
            format,
            locators: self.locators,
            notes: self.notes,
        }
    }
}
