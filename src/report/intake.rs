//! Deciding what a new input means for the page, and saying so: an empty paste, text with no
//! FOI figures in it, a file that is not text. The app never replaces results the user already
//! has with nothing: these verdicts tell it whether to show the new parse or keep the old one,
//! and the messages say what happened and what to do next.

use crate::model::{DmaStatus, HimssStatus, Response};

/// What a new input is worth showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing but white space.
    Empty,
    /// Mostly control characters or undecodable bytes: a binary file read as text.
    NotText,
    /// Text, but nothing foi-lens recognises: no spend, DMA, HIMSS, exemption or money table.
    NothingFound,
    /// At least one figure or answer was recognised.
    Found,
}

/// Judge `text` and what the parser made of it.
pub fn assess(text: &str, parsed: &Response) -> Verdict {
    if text.trim().is_empty() {
        Verdict::Empty
    } else if !looks_like_text(text) {
        Verdict::NotText
    } else if recognised_anything(parsed) {
        Verdict::Found
    } else {
        Verdict::NothingFound
    }
}

/// True when the parser found something worth showing: a figure, a status answer, an exemption
/// or a money table. An organisation name alone is not enough (any letter has one).
pub fn recognised_anything(r: &Response) -> bool {
    !r.it_spend.is_empty()
        || r.dma.is_some()
        || r.dma_status.value != DmaStatus::NotAnswered
        || r.himss_status.value != HimssStatus::NotAnswered
        || r.emram_stage.is_some()
        || r.infram_stage.is_some()
        || !r.exemptions.is_empty()
        || !r.tables.is_empty()
}

/// A binary file decoded as text is full of control characters and U+FFFD replacement
/// characters; real documents have almost none. Looks at the first 64 KiB only (bounded time).
pub fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        let control = c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}');
        if control || c == '\u{fffd}' || c == '\0' {
            odd += 1;
        }
    }
    total == 0 || odd * 20 < total // under 5 %
}

/// The message for an input that is not shown, naming what is still on screen (if anything).
pub fn message(verdict: Verdict, chars: usize, still_showing: Option<&str>) -> Option<String> {
    let keep = match still_showing {
        Some(name) => format!(" The figures below are still those of {name}."),
        None => String::new(),
    };
    match verdict {
        Verdict::Found => None,
        Verdict::Empty => Some(format!(
            "The paste area is empty. Paste the text of an FOI reply (Ctrl+V or the Paste \
             button), drop a file anywhere on the page, or try an example.{keep}"
        )),
        Verdict::NotText => Some(format!(
            "That does not look like text ({chars} characters, mostly unreadable): it is probably \
             a binary file. Drop the reply as .txt, .eml, .html, .docx, .xlsx, .ods or .pdf, or \
             copy its text and paste it.{keep}"
        )),
        Verdict::NothingFound => Some(format!(
            "No FOI figures found in this text ({chars} characters). foi-lens looks for IT spend \
             by financial year, Digital Maturity Assessment scores, HIMSS stages, FOI exemptions \
             and money tables by year. Check that you pasted the reply itself (the part with the \
             answers), not the covering e-mail.{keep}"
        )),
    }
}

/// How big a file is, for messages: "3.2 KB", "10.0 MB".
pub fn human_size(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB {
        format!("{:.1} MB", b / KB / KB)
    } else if b >= KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FinYear, SpendYear, Value};

    #[test]
    fn empty_binary_unrelated_and_real_inputs_are_told_apart() {
        let nothing = Response::default();
        assert_eq!(assess("  \n\t ", &nothing), Verdict::Empty);
        let binary: String = (0u8..=255).map(|b| b as char).cycle().take(4000).collect();
        assert!(!looks_like_text(&binary));
        assert_eq!(assess(&binary, &nothing), Verdict::NotText);
        assert_eq!(
            assess("Dear colleague, minutes of the AGM.", &nothing),
            Verdict::NothingFound
        );
        let mut found = Response::default();
        found.it_spend.push(SpendYear::new(FinYear(2023), None));
        assert_eq!(assess("IT spend 2023/24", &found), Verdict::Found);
        let exempt = Response {
            dma_status: Value::found(DmaStatus::Exempt, crate::model::Span::new(0, 1)),
            ..Response::default()
        };
        assert!(recognised_anything(&exempt));
    }

    #[test]
    fn ordinary_text_with_tabs_and_accents_is_text() {
        assert!(looks_like_text(
            "Question\tResponse\r\nCafé £16,467,000\u{c}next page"
        ));
        assert!(looks_like_text(""));
    }

    #[test]
    fn messages_say_what_to_do_and_what_is_still_shown() {
        let m = message(
            Verdict::NothingFound,
            1234,
            Some("The Dudley Group NHS Foundation Trust"),
        )
        .unwrap();
        assert!(m.starts_with("No FOI figures found in this text (1234 characters)."));
        assert!(m.ends_with("still those of The Dudley Group NHS Foundation Trust."));
        assert!(message(Verdict::Empty, 0, None)
            .unwrap()
            .contains("try an example"));
        assert_eq!(message(Verdict::Found, 10, None), None);
        assert_eq!(human_size(10 * 1024 * 1024 + 1), "10.0 MB");
        assert_eq!(human_size(3300), "3.2 KB");
    }
}
