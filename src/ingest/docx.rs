//! Word documents (.docx, WordprocessingML): paragraphs become lines, table rows become lines of
//! TAB-separated cells (the shape the table extractor reads), list items keep their bullet or
//! number as text ("• Well Led", "2. Based on your…"). Page headers come first and footers last,
//! once each: a trust's letterhead often names the organisation only there.
//!
//! Skipped on purpose: deleted tracked changes, field codes (their results are kept), the
//! fallback copy of text boxes that Word writes twice, comments and footnotes.

use super::archive::{relationships, rels_path, Archive, Relationship};
use super::builder::TextBuilder;
use super::limits::MAX_TABLE_DEPTH;
use super::xml::{decode, XmlEvent, XmlReader};
use super::{Document, Format, IngestError};
use std::collections::HashMap;

pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let mut zip = Archive::open(bytes, Format::Docx)?;
    let main = main_part(&mut zip)?;
    let rels = relationships(&mut zip, &rels_path(&main))?;
    let numbering = match rels.iter().find(|r| r.kind.ends_with("/numbering")) {
        Some(r) => zip
            .read(&r.target)?
            .map(|x| Numbering::parse(&decode(&x)))
            .unwrap_or_default(),
        None => Numbering::default(),
    };
    let styles = match rels.iter().find(|r| r.kind.ends_with("/styles")) {
        Some(r) => zip
            .read(&r.target)?
            .map(|x| StyleNumbering::parse(&decode(&x)))
            .unwrap_or_default(),
        None => StyleNumbering::default(),
    };
    let mut lists = ListState::new(numbering, styles);
    let mut out = TextBuilder::new();

    let mut seen = Vec::new();
    for header in part_texts(&mut zip, &rels, "/header", &mut lists, &mut seen)? {
        out.push_str(&header);
        out.blank_line();
    }
    let xml = zip.read_required(&main)?;
    walk(&decode(&xml), &mut out, &mut lists).map_err(|e| damaged(&main, e))?;
    for footer in part_texts(&mut zip, &rels, "/footer", &mut lists, &mut seen)? {
        out.blank_line();
        out.push_str(&footer);
        out.end_line();
    }
    Ok(out.finish(Format::Docx))
}

/// The text of each header (or footer) part, skipping empty ones and repeats (the first-page
/// and default headers are often the same letterhead).
fn part_texts(
    zip: &mut Archive<'_>,
    rels: &[Relationship],
    kind: &str,
    lists: &mut ListState,
    seen: &mut Vec<String>,
) -> Result<Vec<String>, IngestError> {
    let mut texts = Vec::new();
    for part in rels
        .iter()
        .filter(|r| r.kind.ends_with(kind))
        .map(|r| &r.target)
    {
        let Some(xml) = zip.read(part)? else { continue };
        let mut b = TextBuilder::new();
        walk(&decode(&xml), &mut b, lists).map_err(|e| damaged(part, e))?;
        let text = b.as_str().trim().to_string();
        if !text.is_empty() && !seen.contains(&text) {
            seen.push(text.clone());
            texts.push(text);
        }
    }
    Ok(texts)
}

fn damaged(part: &str, e: String) -> IngestError {
    IngestError::Damaged {
        what: Format::Docx.describe().into(),
        detail: format!("{part}: {e}"),
    }
}

/// The main document part named by the package relationships (normally word/document.xml).
fn main_part(zip: &mut Archive<'_>) -> Result<String, IngestError> {
    let rels = relationships(zip, "_rels/.rels")?;
    Ok(rels
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map(|r| r.target)
        .filter(|t| zip.contains(t))
        .unwrap_or_else(|| {
            if zip.contains("word/document2.xml") && !zip.contains("word/document.xml") {
                "word/document2.xml".into()
            } else {
                "word/document.xml".into()
            }
        }))
}

/// What the walker is inside of, innermost last.
enum Frame {
    /// A table cell collecting its text (paragraphs joined by spaces), plus extra empty cells to
    /// add after it for `w:gridSpan`.
    Cell { text: String, span: u32 },
    /// A table row collecting finished cells.
    Row(Vec<String>),
}

/// Walk WordprocessingML (document, header or footer part) into `out`.
fn walk(xml: &str, out: &mut TextBuilder, lists: &mut ListState) -> Result<(), String> {
    let mut reader = XmlReader::new(xml);
    let mut frames: Vec<Frame> = Vec::new();
    // Depth counters for regions whose text is skipped.
    let mut skip_depth = 0usize;
    let mut in_text = false;
    let mut para = ParagraphProps::default();
    let mut in_ppr = 0usize;
    let mut label_pending = false;

    while let Some(ev) = reader.next()? {
        match ev {
            XmlEvent::Open(tag) => {
                let name = tag.name.as_str();
                if skip_depth > 0 {
                    if !tag.empty {
                        skip_depth += 1;
                    }
                    continue;
                }
                match name {
                    // Deleted text, field codes, Word's duplicate of text boxes, comments.
                    "w:delText"
                    | "w:instrText"
                    | "w:delInstrText"
                    | "mc:Fallback"
                    | "w:pPrChange"
                    | "w:rPrChange"
                    | "w:commentReference"
                    | "w:footnoteReference"
                    | "w:endnoteReference"
                        if !tag.empty =>
                    {
                        skip_depth = 1;
                    }
                    "w:p" => {
                        // A paragraph inside a paragraph (a text box) starts on its own line.
                        if !in_table(&frames) {
                            out.end_line();
                        }
                        para = ParagraphProps::default();
                        label_pending = true;
                        if tag.empty {
                            end_paragraph(out, &mut frames);
                            label_pending = false;
                        }
                    }
                    "w:pPr" if !tag.empty => in_ppr += 1,
                    "w:pStyle" if in_ppr > 0 => para.style = tag.attr("w:val").map(str::to_string),
                    "w:ilvl" if in_ppr > 0 => {
                        para.level = tag.attr("w:val").and_then(|v| v.parse().ok())
                    }
                    "w:numId" if in_ppr > 0 => para.num_id = tag.attr("w:val").map(str::to_string),
                    "w:t" => in_text = !tag.empty,
                    "w:tab" | "w:ptab" if in_ppr == 0 => {
                        flush_label(out, &mut frames, lists, &para, &mut label_pending);
                        let tab = if in_table(&frames) { " " } else { "\t" };
                        emit(out, &mut frames, tab);
                    }
                    "w:br" | "w:cr" => {
                        flush_label(out, &mut frames, lists, &para, &mut label_pending);
                        let newline = if in_table(&frames) { " " } else { "\n" };
                        emit(out, &mut frames, newline);
                    }
                    "w:noBreakHyphen" => emit(out, &mut frames, "-"),
                    "w:sym" => {
                        if let Some(c) = tag.attr("w:char").and_then(symbol_char) {
                            flush_label(out, &mut frames, lists, &para, &mut label_pending);
                            emit(out, &mut frames, &c.to_string());
                        }
                    }
                    "w:tr" | "w:tc" if frames.len() >= 2 * MAX_TABLE_DEPTH => {}
                    "w:tr" => frames.push(Frame::Row(Vec::new())),
                    "w:tc" => frames.push(Frame::Cell {
                        text: String::new(),
                        span: 1,
                    }),
                    "w:gridSpan" => {
                        if let (Some(Frame::Cell { span, .. }), Some(n)) = (
                            frames.last_mut(),
                            tag.attr("w:val").and_then(|v| v.parse::<u32>().ok()),
                        ) {
                            *span = n.clamp(1, 64);
                        }
                    }
                    _ => {}
                }
            }
            XmlEvent::Close(name) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match name.as_str() {
                    "w:t" => in_text = false,
                    "w:pPr" => in_ppr = in_ppr.saturating_sub(1),
                    "w:p" => {
                        // An empty list item shows only its bullet: nothing worth keeping.
                        label_pending = false;
                        end_paragraph(out, &mut frames);
                    }
                    "w:tc" => {
                        if let Some(Frame::Cell { text, span }) = pop_cell(&mut frames) {
                            if let Some(Frame::Row(cells)) = frames.last_mut() {
                                cells.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                                for _ in 1..span {
                                    cells.push(String::new());
                                }
                            }
                        }
                    }
                    "w:tr" => {
                        if let Some(Frame::Row(mut cells)) = pop_row(&mut frames) {
                            while cells.last().is_some_and(|c| c.is_empty()) {
                                cells.pop();
                            }
                            let line = cells.join("\t");
                            if in_table(&frames) {
                                emit(out, &mut frames, &line.replace('\t', " "));
                                emit(out, &mut frames, " ");
                            } else {
                                out.end_line();
                                out.push_str(&line);
                                out.end_line();
                            }
                        }
                    }
                    _ => {}
                }
            }
            XmlEvent::Text(t) => {
                if in_text && skip_depth == 0 {
                    flush_label(out, &mut frames, lists, &para, &mut label_pending);
                    emit(out, &mut frames, &t);
                }
            }
        }
    }
    Ok(())
}

fn in_table(frames: &[Frame]) -> bool {
    frames.iter().any(|f| matches!(f, Frame::Cell { .. }))
}

fn pop_cell(frames: &mut Vec<Frame>) -> Option<Frame> {
    // Tolerate a missing </w:tr> or </w:tc> in broken files: unwind to the nearest cell.
    let at = frames
        .iter()
        .rposition(|f| matches!(f, Frame::Cell { .. }))?;
    let cell = frames.remove(at);
    frames.truncate(at);
    Some(cell)
}

fn pop_row(frames: &mut Vec<Frame>) -> Option<Frame> {
    let at = frames.iter().rposition(|f| matches!(f, Frame::Row(_)))?;
    let row = frames.remove(at);
    frames.truncate(at);
    Some(row)
}

/// Write text to the innermost open cell, or to the document outside tables.
fn emit(out: &mut TextBuilder, frames: &mut [Frame], s: &str) {
    match frames
        .iter_mut()
        .rev()
        .find(|f| matches!(f, Frame::Cell { .. }))
    {
        Some(Frame::Cell { text, .. }) => text.push_str(s),
        _ => out.push_str(s),
    }
}

fn end_paragraph(out: &mut TextBuilder, frames: &mut [Frame]) {
    if in_table(frames) {
        emit(out, frames, " ");
    } else if out.as_str().ends_with('\n') {
        // An empty paragraph: keep it as one blank line (several collapse into one).
        out.blank_line();
    } else {
        out.trim_line_end();
        out.end_line();
    }
}

/// Write the list label (bullet or number) before the first text of a list paragraph.
fn flush_label(
    out: &mut TextBuilder,
    frames: &mut [Frame],
    lists: &mut ListState,
    para: &ParagraphProps,
    pending: &mut bool,
) {
    if !*pending {
        return;
    }
    *pending = false;
    if let Some(label) = lists.label(para) {
        emit(out, frames, &label);
        emit(out, frames, " ");
    }
}

/// `w:sym` characters are code points in a symbol font; the common bullets map to Unicode ones.
fn symbol_char(hex: &str) -> Option<char> {
    let code = u32::from_str_radix(hex, 16).ok()?;
    let code = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    match code {
        0xB7 | 0x6C | 0x9F | 0xA8 => Some('•'),
        0xA7 | 0x6E => Some('▪'),
        0xFC => Some('✓'),
        0xD8 => Some('➢'),
        0x20..=0x7E => char::from_u32(code),
        _ => None,
    }
}

#[derive(Default)]
struct ParagraphProps {
    style: Option<String>,
    num_id: Option<String>,
    level: Option<usize>,
}

/// One level of a list definition (`w:abstractNum/w:lvl`).
#[derive(Clone, Debug, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// numbering.xml: numId → abstractNum → levels.
#[derive(Default)]
struct Numbering {
    abstract_levels: HashMap<String, Vec<Level>>,
    num_to_abstract: HashMap<String, String>,
    start_overrides: HashMap<(String, usize), u32>,
}

impl Numbering {
    fn parse(xml: &str) -> Self {
        let mut n = Numbering::default();
        let mut reader = XmlReader::new(xml);
        let mut current_abstract: Option<String> = None;
        let mut current_num: Option<String> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        while let Ok(Some(ev)) = reader.next() {
            match ev {
                XmlEvent::Open(tag) => match tag.name.as_str() {
                    "w:abstractNum" => {
                        current_abstract = tag.attr("w:abstractNumId").map(str::to_string)
                    }
                    "w:num" => current_num = tag.attr("w:numId").map(str::to_string),
                    "w:abstractNumId" => {
                        if let (Some(num), Some(abs)) = (&current_num, tag.attr("w:val")) {
                            n.num_to_abstract.insert(num.clone(), abs.to_string());
                        }
                    }
                    "w:lvlOverride" => {
                        override_level = tag.attr("w:ilvl").and_then(|v| v.parse().ok())
                    }
                    "w:startOverride" => {
                        if let (Some(num), Some(lvl), Some(v)) = (
                            &current_num,
                            override_level,
                            tag.attr("w:val").and_then(|v| v.parse().ok()),
                        ) {
                            n.start_overrides.insert((num.clone(), lvl), v);
                        }
                    }
                    "w:lvl" if current_abstract.is_some() => {
                        let ilvl = tag
                            .attr("w:ilvl")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0usize)
                            .min(8);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    "w:start" => {
                        if let (Some((_, l)), Some(v)) =
                            (&mut level, tag.attr("w:val").and_then(|v| v.parse().ok()))
                        {
                            l.start = v;
                        }
                    }
                    "w:numFmt" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, tag.attr("w:val")) {
                            l.format = v.to_string();
                        }
                    }
                    "w:lvlText" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, tag.attr("w:val")) {
                            l.text = v.to_string();
                        }
                    }
                    _ => {}
                },
                XmlEvent::Close(name) => match name.as_str() {
                    "w:lvl" => {
                        if let (Some(abs), Some((ilvl, l))) = (&current_abstract, level.take()) {
                            let levels = n.abstract_levels.entry(abs.clone()).or_default();
                            if levels.len() <= ilvl {
                                levels.resize(ilvl + 1, Level::default());
                            }
                            levels[ilvl] = l;
                        }
                    }
                    "w:abstractNum" => current_abstract = None,
                    "w:num" => current_num = None,
                    _ => {}
                },
                XmlEvent::Text(_) => {}
            }
        }
        n
    }
}

/// styles.xml: paragraph styles that carry list numbering (e.g. "List Bullet"), with basedOn.
#[derive(Default)]
struct StyleNumbering {
    num: HashMap<String, (Option<String>, Option<usize>)>,
    based_on: HashMap<String, String>,
}

impl StyleNumbering {
    fn parse(xml: &str) -> Self {
        let mut s = StyleNumbering::default();
        let mut reader = XmlReader::new(xml);
        let mut style: Option<String> = None;
        while let Ok(Some(ev)) = reader.next() {
            match ev {
                XmlEvent::Open(tag) => match tag.name.as_str() {
                    "w:style" => style = tag.attr("w:styleId").map(str::to_string),
                    "w:basedOn" => {
                        if let (Some(id), Some(v)) = (&style, tag.attr("w:val")) {
                            s.based_on.insert(id.clone(), v.to_string());
                        }
                    }
                    "w:numId" => {
                        if let (Some(id), Some(v)) = (&style, tag.attr("w:val")) {
                            s.num.entry(id.clone()).or_default().0 = Some(v.to_string());
                        }
                    }
                    "w:ilvl" => {
                        if let (Some(id), Some(v)) =
                            (&style, tag.attr("w:val").and_then(|v| v.parse().ok()))
                        {
                            s.num.entry(id.clone()).or_default().1 = Some(v);
                        }
                    }
                    _ => {}
                },
                XmlEvent::Close(name) if name == "w:style" => style = None,
                _ => {}
            }
        }
        s
    }

    /// The numbering a style gives its paragraphs, following basedOn (a few steps at most).
    fn lookup(&self, style: &str) -> (Option<String>, Option<usize>) {
        let mut id = style.to_string();
        for _ in 0..10 {
            if let Some((num, lvl)) = self.num.get(&id) {
                if num.is_some() {
                    return (num.clone(), *lvl);
                }
            }
            match self.based_on.get(&id) {
                Some(parent) => id = parent.clone(),
                None => break,
            }
        }
        (None, None)
    }
}

/// Running counters for numbered lists, per list instance (numId) and level.
struct ListState {
    numbering: Numbering,
    styles: StyleNumbering,
    counters: HashMap<String, [u32; 9]>,
}

impl ListState {
    fn new(numbering: Numbering, styles: StyleNumbering) -> Self {
        ListState {
            numbering,
            styles,
            counters: HashMap::new(),
        }
    }

    /// The label of a paragraph ("•", "3.", "2.1") and advance its counter; `None` for
    /// paragraphs that are not list items.
    fn label(&mut self, para: &ParagraphProps) -> Option<String> {
        let (style_num, style_lvl) = para
            .style
            .as_deref()
            .map(|s| self.styles.lookup(s))
            .unwrap_or((None, None));
        let num_id = para.num_id.clone().or(style_num)?;
        if num_id == "0" {
            return None; // numbering explicitly removed
        }
        let level = para.level.or(style_lvl).unwrap_or(0).min(8);
        let abstract_id = self.numbering.num_to_abstract.get(&num_id)?;
        let levels = self.numbering.abstract_levels.get(abstract_id)?;
        let def = levels.get(level)?.clone();
        let starts: Vec<u32> = (0..9)
            .map(|l| {
                self.numbering
                    .start_overrides
                    .get(&(num_id.clone(), l))
                    .copied()
                    .or_else(|| levels.get(l).map(|d| d.start))
                    .unwrap_or(1)
            })
            .collect();
        let counters = self.counters.entry(num_id.clone()).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            starts[level]
        } else {
            counters[level].saturating_add(1)
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        match def.format.as_str() {
            "bullet" => Some(bullet_text(&def.text)),
            "none" => None,
            _ => {
                let mut label = def.text.clone();
                for (l, lvl_def) in levels.iter().enumerate().take(level + 1) {
                    let value = if counters[l] == 0 {
                        starts[l]
                    } else {
                        counters[l]
                    };
                    label = label.replace(
                        &format!("%{}", l + 1),
                        &format_number(value, &lvl_def.format),
                    );
                }
                let label = label.trim().to_string();
                (!label.is_empty()).then_some(label)
            }
        }
    }
}

/// Bullets in symbol fonts are private-use code points; show them as "•".
fn bullet_text(text: &str) -> String {
    let t = text.trim();
    match t.chars().next() {
        None => "•".into(),
        Some(c) if ('\u{E000}'..='\u{F8FF}').contains(&c) => match c as u32 & 0xFF {
            0xA7 | 0x6E => "▪".into(),
            0xFC => "✓".into(),
            0xD8 => "➢".into(),
            _ => "•".into(),
        },
        Some('o') if t.len() == 1 => "◦".into(),
        Some(_) => t.to_string(),
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => super::roman(n).to_lowercase(),
        "upperRoman" => super::roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

fn letters(n: u32) -> String {
    if n == 0 {
        return "0".into();
    }
    // Word repeats the letter: a, b, …, z, aa, bb, …
    let letter = (b'A' + ((n - 1) % 26) as u8) as char;
    letter
        .to_string()
        .repeat(((n - 1) / 26 + 1).min(10) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        let xml = format!("<w:document xmlns:w=\"w\"><w:body>{inner}</w:body></w:document>");
        let mut out = TextBuilder::new();
        let mut lists = ListState::new(Numbering::default(), StyleNumbering::default());
        walk(&xml, &mut out, &mut lists).unwrap();
        out.finish(Format::Docx).text
    }

    #[test]
    fn paragraphs_are_lines_and_runs_join() {
        assert_eq!(
            body("<w:p><w:r><w:t>Capital &amp; </w:t></w:r><w:r><w:t>Revenue</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>b</w:t></w:r></w:p>"),
            "Capital & Revenue\n\nb\n"
        );
    }

    #[test]
    fn table_rows_become_tab_separated_lines() {
        let row = |a: &str, b: &str| {
            format!("<w:tr><w:tc><w:p><w:r><w:t>{a}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{b}</w:t></w:r></w:p></w:tc></w:tr>")
        };
        let xml = format!("<w:p><w:r><w:t>Before</w:t></w:r></w:p><w:tbl>{}{}</w:tbl><w:p><w:r><w:t>After</w:t></w:r></w:p>",
            row("Capital &amp; Revenue Cost", "£16,467,000"), row("IT Staff", "£6,167,000"));
        assert_eq!(
            body(&xml),
            "Before\nCapital & Revenue Cost\t£16,467,000\nIT Staff\t£6,167,000\nAfter\n"
        );
    }

    #[test]
    fn multi_paragraph_cells_and_spans_keep_the_row_on_one_line() {
        let xml = "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>FY 2023/24</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>one</w:t></w:r></w:p><w:p><w:r><w:t>two</w:t><w:br/><w:t>three</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        assert_eq!(body(xml), "FY 2023/24\t\tone two three\n");
        // Trailing empty cells add nothing.
        let empty_last = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>FY 2023/2024 (£):</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>";
        assert_eq!(body(empty_last), "FY 2023/2024 (£):\n");
    }

    #[test]
    fn deleted_text_field_codes_and_fallback_copies_are_skipped() {
        let xml = "<w:p><w:r><w:t>kept </w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>\
                   <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
                   <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
                   <mc:AlternateContent><mc:Choice><w:t>box</w:t></mc:Choice><mc:Fallback><w:t>box</w:t></mc:Fallback></mc:AlternateContent></w:p>";
        assert_eq!(body(xml), "kept 7box\n");
    }

    #[test]
    fn tabs_in_body_text_stay_tabs() {
        assert_eq!(
            body("<w:p><w:r><w:t>Well Led</w:t><w:tab/><w:t>4.3</w:t></w:r></w:p>"),
            "Well Led\t4.3\n"
        );
    }

    #[test]
    fn list_items_keep_bullets_and_numbers() {
        let numbering = Numbering::parse(
            "<w:numbering><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{F0B7}\"/></w:lvl></w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
             <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/></w:lvl></w:abstractNum>\
             <w:num w:numId=\"5\"><w:abstractNumId w:val=\"1\"/></w:num><w:num w:numId=\"6\"><w:abstractNumId w:val=\"2\"/></w:num></w:numbering>",
        );
        let mut lists = ListState::new(numbering, StyleNumbering::default());
        let item = |num: u32, lvl: u32, text: &str| {
            format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        let xml = format!(
            "<w:body>{}{}{}{}{}</w:body>",
            item(5, 0, "Empower Citizens"),
            item(6, 0, "IT spend?"),
            item(6, 1, "overall"),
            item(6, 1, "pillars"),
            item(6, 0, "HIMSS?")
        );
        let mut out = TextBuilder::new();
        walk(&xml, &mut out, &mut lists).unwrap();
        assert_eq!(
            out.finish(Format::Docx).text,
            "• Empower Citizens\n1. IT spend?\na) overall\nb) pillars\n2. HIMSS?\n"
        );
    }

    #[test]
    fn relationship_targets_resolve_inside_the_package() {
        use super::super::archive::resolve;
        assert_eq!(resolve("word/", "header1.xml"), "word/header1.xml");
        assert_eq!(
            resolve("word/", "../customXml/item.xml"),
            "customXml/item.xml"
        );
        assert_eq!(resolve("", "/word/document.xml"), "word/document.xml");
        assert_eq!(
            rels_path("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }

    #[test]
    fn number_formats() {
        assert_eq!(super::super::roman(14), "XIV");
        assert_eq!(letters(28), "BB");
        assert_eq!(format_number(3, "lowerRoman"), "iii");
    }
}
