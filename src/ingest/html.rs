//! HTML (web pages, "Save as Web Page" exports, e-mail bodies) to text: block elements end
//! lines, table rows become lines of TAB-separated cells (what the table extractor reads), list
//! items keep a bullet or number, script/style/head content is dropped and character references
//! are decoded.
//!
//! The tokenizer (`html_tokens`) is our own: html5gum (a WHATWG tokenizer, evaluated first) is
//! 50 KB gzipped in the page, mostly its table of 2,231 named entities; text extraction needs
//! tags, comments, raw-text elements and the entities documents actually use.
//!
//! The charset comes from a byte-order mark, else UTF-8 when the bytes are valid UTF-8, else a
//! `<meta charset>` / `http-equiv` declaration, else Windows-1252 (what old Office exports use).

use super::builder::TextBuilder;
use super::charset::Charset;
use super::html_tokens::{Token, Tokenizer};
use super::limits::MAX_TABLE_DEPTH;
use super::{Document, Format, IngestError};

pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let html = decode(bytes);
    let mut out = TextBuilder::new();
    out.push_str(&to_text(&html));
    Ok(out.finish(Format::Html))
}

/// Decode HTML bytes using the charset the page declares (see the module comment).
pub(crate) fn decode(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        return super::txt::decode(bytes);
    }
    // Valid UTF-8 is UTF-8 whatever the page declares: text that was already decoded (an e-mail
    // attachment) keeps its old declaration, and real Windows-1252 text is almost never valid UTF-8.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let head = &bytes[..bytes.len().min(4096)];
    if let Some(charset) = declared_charset(head).and_then(|l| Charset::from_label(&l)) {
        if charset != Charset::Utf8 {
            return charset.decode(bytes);
        }
    }
    super::txt::decode(bytes)
}

/// The charset named by `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in the first bytes of the page.
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower: String = head
        .iter()
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let mut from = 0;
    while let Some(at) = lower[from..].find("charset") {
        let rest = &lower[from + at + "charset".len()..];
        let rest = rest.trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start().trim_start_matches(['"', '\'']);
            let label: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if !label.is_empty() {
                return Some(label);
            }
        }
        from += at + "charset".len();
    }
    None
}

/// Elements whose content is never visible text.
fn invisible(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"head"
            | b"title"
            | b"noscript"
            | b"template"
            | b"svg"
            | b"math"
            | b"iframe"
            | b"object"
            | b"noembed"
            | b"noframes"
            | b"xml"
    )
}

/// Elements that start and end a line.
fn block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"blockquote"
            | b"pre"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"address"
            | b"hr"
            | b"form"
            | b"fieldset"
            | b"figure"
            | b"figcaption"
            | b"main"
            | b"nav"
            | b"aside"
            | b"caption"
            | b"center"
            | b"table"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"body"
            | b"html"
            | b"li"
            | b"tr"
            | b"legend"
            | b"details"
            | b"summary"
    )
}

enum Frame {
    Table,
    Row(Vec<String>),
    Cell { text: String, span: usize },
}

struct Walker {
    out: String,
    frames: Vec<Frame>,
    lists: Vec<Option<u32>>, // None = bulleted list, Some(n) = numbered list at item n
    pre: usize,
}

impl Walker {
    fn in_cell(&self) -> bool {
        self.frames.iter().any(|f| matches!(f, Frame::Cell { .. }))
    }

    fn target(&mut self) -> &mut String {
        match self
            .frames
            .iter_mut()
            .rev()
            .find(|f| matches!(f, Frame::Cell { .. }))
        {
            Some(Frame::Cell { text, .. }) => text,
            _ => &mut self.out,
        }
    }

    /// Append text, collapsing whitespace as a browser does (outside `<pre>`).
    fn text(&mut self, s: &str) {
        let pre = self.pre > 0 && !self.in_cell();
        let target = self.target();
        for c in s.chars() {
            let c = if c == '\u{a0}' { ' ' } else { c };
            if pre {
                target.push(c);
            } else if c.is_whitespace() {
                if !target.is_empty() && !target.ends_with([' ', '\n', '\t']) {
                    target.push(' ');
                }
            } else {
                target.push(c);
            }
        }
    }

    /// End the current line unless it is already ended (inside a cell: a space).
    fn line_break(&mut self) {
        if self.in_cell() {
            self.text(" ");
            return;
        }
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn end_cell(&mut self) {
        if !matches!(self.frames.last(), Some(Frame::Cell { .. })) {
            return;
        }
        if let Some(Frame::Cell { text, span }) = self.frames.pop() {
            if !matches!(self.frames.last(), Some(Frame::Row(_))) {
                self.frames.push(Frame::Row(Vec::new()));
            }
            if let Some(Frame::Row(cells)) = self.frames.last_mut() {
                cells.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                for _ in 1..span {
                    cells.push(String::new());
                }
            }
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if !matches!(self.frames.last(), Some(Frame::Row(_))) {
            return;
        }
        let Some(Frame::Row(mut cells)) = self.frames.pop() else {
            return;
        };
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        if cells.is_empty() {
            return;
        }
        if self.in_cell() {
            // A table nested in a cell flattens into that cell.
            let line = cells.join(" ");
            self.text(&line);
            self.text(" ");
        } else {
            self.line_break();
            self.out.push_str(&cells.join("\t"));
            self.out.push('\n');
        }
    }

    /// Close the rows and cells of the innermost table that a sloppy page left open.
    fn close_to_table(&mut self) {
        while matches!(self.frames.last(), Some(Frame::Row(_) | Frame::Cell { .. })) {
            self.end_row();
        }
    }
}

/// The visible text of an HTML document.
pub(crate) fn to_text(html: &str) -> String {
    let mut w = Walker {
        out: String::new(),
        frames: Vec::new(),
        lists: Vec::new(),
        pre: 0,
    };
    let mut hidden: Vec<String> = Vec::new();
    for token in Tokenizer::new(html) {
        match token {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                // </head> is optional: any tag that cannot be in the head ends it.
                if hidden.len() == 1
                    && hidden[0] == "head"
                    && !matches!(
                        name.as_str(),
                        "meta"
                            | "link"
                            | "title"
                            | "style"
                            | "script"
                            | "base"
                            | "noscript"
                            | "template"
                    )
                {
                    hidden.clear();
                }
                if invisible(name.as_bytes()) || !hidden.is_empty() {
                    if invisible(name.as_bytes()) && !self_closing && hidden.len() < 256 {
                        hidden.push(name);
                    }
                    continue;
                }
                if matches!(name.as_str(), "table" | "tr" | "td" | "th")
                    && w.frames.len() >= 3 * MAX_TABLE_DEPTH
                {
                    w.text(" ");
                    continue;
                }
                let attr = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
                match name.as_bytes() {
                    b"br" => {
                        if w.in_cell() {
                            w.text(" ");
                        } else {
                            let trimmed = w.out.trim_end_matches(' ').len();
                            w.out.truncate(trimmed);
                            w.out.push('\n');
                        }
                    }
                    b"table" => {
                        if !w.in_cell() {
                            w.line_break();
                        }
                        w.frames.push(Frame::Table);
                    }
                    b"tr" => {
                        w.close_to_table();
                        w.frames.push(Frame::Row(Vec::new()));
                    }
                    b"td" | b"th" => {
                        w.end_cell();
                        if !matches!(w.frames.last(), Some(Frame::Row(_))) {
                            w.frames.push(Frame::Row(Vec::new()));
                        }
                        let span = attr("colspan")
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                        w.frames.push(Frame::Cell {
                            text: String::new(),
                            span,
                        });
                    }
                    b"ul" | b"menu" => w.lists.push(None),
                    b"ol" => {
                        let start = attr("start")
                            .and_then(|v| v.trim().parse::<u32>().ok())
                            .unwrap_or(1);
                        w.lists.push(Some(start.saturating_sub(1)));
                    }
                    b"li" => {
                        w.line_break();
                        let label = match w.lists.last_mut() {
                            Some(Some(n)) => {
                                *n = n.saturating_add(1);
                                format!("{n}. ")
                            }
                            _ => "• ".to_string(),
                        };
                        w.text(&label);
                    }
                    b"pre" => {
                        w.line_break();
                        w.pre += 1;
                    }
                    _ if block(name.as_bytes()) => w.line_break(),
                    _ => {}
                }
            }
            Token::End { name } => {
                if !hidden.is_empty() {
                    if hidden.last() == Some(&name) {
                        hidden.pop();
                    }
                    continue;
                }
                match name.as_bytes() {
                    b"td" | b"th" => w.end_cell(),
                    b"tr" => w.end_row(),
                    b"table" => {
                        w.close_to_table();
                        if matches!(w.frames.last(), Some(Frame::Table)) {
                            w.frames.pop();
                        }
                        if !w.in_cell() {
                            w.line_break();
                        }
                    }
                    b"ul" | b"ol" | b"menu" => {
                        w.lists.pop();
                        w.line_break();
                    }
                    b"pre" => {
                        w.pre = w.pre.saturating_sub(1);
                        w.line_break();
                    }
                    _ if block(name.as_bytes()) => w.line_break(),
                    _ => {}
                }
            }
            Token::Text(text) => {
                if hidden.is_empty() {
                    w.text(&text);
                }
            }
        }
    }
    while !w.frames.is_empty() {
        w.close_to_table();
        if matches!(w.frames.last(), Some(Frame::Table)) {
            w.frames.pop();
        }
    }
    // Trim each line; at most one blank line in a row.
    let mut text = String::with_capacity(w.out.len());
    let mut blank = 0;
    for line in w.out.lines() {
        let line = line.trim_matches(' ');
        if line.trim().is_empty() {
            blank += 1;
            if blank == 1 && !text.is_empty() {
                text.push('\n');
            }
            continue;
        }
        blank = 0;
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_become_tab_separated_rows() {
        let html =
            "<p>FY 2023/2024 (&pound;):</p><table><tr><th>Question</th><th>Response</th></tr>\
                    <tr><td>Capital &amp; Revenue Cost</td><td>&#163;16,467,000</td></tr>\
                    <tr><td><p>IT</p><p>Staff</p></td><td>£6,167,000</td></tr></table><p>After</p>";
        assert_eq!(
            to_text(html),
            "FY 2023/2024 (£):\nQuestion\tResponse\nCapital & Revenue Cost\t£16,467,000\nIT Staff\t£6,167,000\nAfter\n"
        );
    }

    #[test]
    fn scripts_styles_and_head_are_dropped() {
        let html = "<html><head><title>T</title><style>td{color:red}</style></head><body><script>var s = '<td>x</td>';</script>\
                    <p>Well Led <b>4.3</b></p><noscript>enable js</noscript></body></html>";
        assert_eq!(to_text(html), "Well Led 4.3\n");
    }

    #[test]
    fn a_head_without_its_end_tag_ends_at_the_body() {
        assert_eq!(
            to_text("<html><head><title>FOI</title><meta charset=utf-8><body><p>Well Led 4.3"),
            "Well Led 4.3\n"
        );
        assert_eq!(to_text("<head><style>p{}</style><p>text"), "text\n");
    }

    #[test]
    fn sloppy_tables_without_end_tags_still_split_cells() {
        let html = "<table><tr><td>Software<td>£1<tr><td>Hardware<td colspan=2>£2<td>x</table>";
        assert_eq!(to_text(html), "Software\t£1\nHardware\t£2\t\tx\n");
    }

    #[test]
    fn lists_keep_bullets_and_numbers_and_whitespace_collapses() {
        let html = "<ul><li>Empower\n   Citizens</li><li>Well&nbsp;Led</li></ul><ol start=3><li>IT spend</li></ol><pre>a  b\nc</pre>";
        assert_eq!(
            to_text(html),
            "• Empower Citizens\n• Well Led\n3. IT spend\na  b\nc\n"
        );
    }

    #[test]
    fn declared_charsets_are_honoured() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body>\xa316,467,000 \x93held\x94</body></html>";
        assert_eq!(read(page).unwrap().text, "£16,467,000 “held”\n");
        assert_eq!(
            declared_charset(b"<meta charset='ISO-8859-1'>").as_deref(),
            Some("iso-8859-1")
        );
    }
}
