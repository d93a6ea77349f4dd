//! OpenDocument text (.odt) and spreadsheets (.ods), zipped or flat (.fodt/.fods): one streaming
//! pass over `content.xml` (plus page headers and footers from `styles.xml` for text).
//!
//! Text documents: paragraphs and headings become lines, table rows TAB-separated lines, list
//! items keep their bullet or number. Spreadsheets: each sheet is a heading line with its name,
//! then one line per row of TAB-separated cells, every cell recorded as a locator
//! ("'FOI response'!B7"). Numbers are written as the sheet displays them ("£16,467,000") when
//! the display agrees with the stored value, else as the plain value (never "1.6467E+07");
//! dates come from `office:date-value` as ISO dates. Repeated rows and columns — the way ODF
//! stores empty space, and a favourite of hostile files — are expanded only within
//! [`MAX_CELLS`] and [`MAX_COLUMN_GAP`].

use super::archive::Archive;
use super::builder::TextBuilder;
use super::cells::{number_text, write_row, CellBudget};
use super::limits::{MAX_COLUMN_GAP, MAX_TABLE_DEPTH};
use super::xml::{decode, Tag, XmlEvent, XmlReader};
use super::{Document, Format, IngestError, Place};
use std::collections::HashMap;

/// The XML of an OpenDocument file: content.xml and styles.xml from a zip, or the one flat file.
fn parts(bytes: &[u8], format: Format) -> Result<(String, Option<String>), IngestError> {
    if bytes.starts_with(b"PK") {
        let mut zip = Archive::open(bytes, format)?;
        let content = decode(&zip.read_required("content.xml")?);
        let styles = zip.read("styles.xml")?.map(|b| decode(&b));
        Ok((content, styles))
    } else {
        Ok((super::txt::decode(bytes), None))
    }
}

fn damaged(format: Format, e: String) -> IngestError {
    IngestError::Damaged {
        what: format.describe().into(),
        detail: e,
    }
}

pub fn read_text_document(bytes: &[u8]) -> Result<Document, IngestError> {
    let (content, styles) = parts(bytes, Format::Odt)?;
    let mut out = TextBuilder::new();
    // Headers and footers live in styles.xml (or in the flat file itself).
    let header_source = styles.as_deref().unwrap_or(&content);
    let (headers, footers) = headers_and_footers(header_source);
    for h in &headers {
        out.push_str(h);
        out.blank_line();
    }
    let list_styles = ListStyles::parse(&content, styles.as_deref());
    walk_text(&content, &mut out, &list_styles).map_err(|e| damaged(Format::Odt, e))?;
    for f in &footers {
        out.blank_line();
        out.push_str(f);
        out.end_line();
    }
    Ok(out.finish(Format::Odt))
}

/// Elements whose text is never part of the document's visible body text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "office:annotation"
            | "text:note-body"
            | "text:note-citation"
            | "text:tracked-changes"
            | "svg:title"
            | "svg:desc"
            | "text:sequence-decls"
            | "office:forms"
            | "table:table-columns"
            | "office:automatic-styles"
            | "office:styles"
            | "office:master-styles"
            | "office:meta"
            | "office:settings"
            | "office:scripts"
            | "office:font-face-decls"
    )
}

/// Inline elements that stand for whitespace.
fn inline_whitespace(tag: &Tag, in_cell: bool) -> Option<String> {
    match tag.name.as_str() {
        "text:s" => {
            let n = tag
                .attr("text:c")
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 100);
            Some(" ".repeat(n))
        }
        "text:tab" => Some(if in_cell { " " } else { "\t" }.into()),
        "text:line-break" => Some(if in_cell { " " } else { "\n" }.into()),
        _ => None,
    }
}

/// ODF collapses runs of whitespace in paragraph text (explicit spaces are `text:s`).
fn push_collapsed(buf: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !buf.ends_with(' ') && !buf.is_empty() {
                buf.push(' ');
            }
        } else {
            buf.push(c);
        }
    }
}

/// One list nesting level being walked: its style and counter.
struct OpenList {
    style: Option<String>,
    counter: u32,
}

enum Frame {
    Cell {
        text: String,
        span: u32,
        repeat: u32,
    },
    Row(Vec<String>),
}

fn walk_text(xml: &str, out: &mut TextBuilder, styles: &ListStyles) -> Result<(), String> {
    let mut reader = XmlReader::new(xml);
    let mut in_body = false;
    let mut skip_depth = 0usize;
    let mut para_depth = 0usize;
    let mut para = String::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut lists: Vec<OpenList> = Vec::new();
    // Counters of lists that a later list continues (text:continue-numbering).
    let mut last_counter: HashMap<Option<String>, u32> = HashMap::new();
    let mut label_for_item: Option<String> = None;

    while let Some(ev) = reader.next()? {
        match ev {
            XmlEvent::Open(tag) => {
                if skip_depth > 0 {
                    if !tag.empty {
                        skip_depth += 1;
                    }
                    continue;
                }
                let name = tag.name.as_str();
                if name == "office:body" {
                    in_body = true;
                    continue;
                }
                if !in_body {
                    continue;
                }
                if skipped(name) {
                    if !tag.empty {
                        skip_depth = 1;
                    }
                    continue;
                }
                if para_depth > 0 {
                    if let Some(ws) = inline_whitespace(&tag, in_cell(&frames)) {
                        para.push_str(&ws);
                        continue;
                    }
                }
                match name {
                    "text:p" | "text:h" => {
                        if para_depth == 0 {
                            para.clear();
                            if let Some(label) = label_for_item.take() {
                                para.push_str(&label);
                                para.push(' ');
                            }
                        }
                        if tag.empty {
                            if para_depth == 0 {
                                end_paragraph(out, &mut frames, &para);
                                para.clear();
                            }
                        } else {
                            para_depth += 1;
                        }
                    }
                    "text:list" if !tag.empty => {
                        let style = tag
                            .attr("text:style-name")
                            .map(str::to_string)
                            .or_else(|| lists.last().and_then(|l| l.style.clone()));
                        let counter = if tag.attr("text:continue-numbering") == Some("true") {
                            last_counter.get(&style).copied().unwrap_or(0)
                        } else {
                            0
                        };
                        lists.push(OpenList { style, counter });
                    }
                    "text:list-item" => {
                        let level = lists.len();
                        if let Some(list) = lists.last_mut() {
                            if let Some(start) = tag
                                .attr("text:start-value")
                                .and_then(|v| v.parse::<u32>().ok())
                            {
                                list.counter = start.saturating_sub(1);
                            }
                            list.counter = list.counter.saturating_add(1);
                            label_for_item =
                                styles.label(list.style.as_deref(), level, list.counter);
                        }
                    }
                    "table:table-row" | "table:table-cell" | "table:covered-table-cell"
                        if frames.len() >= 2 * MAX_TABLE_DEPTH => {}
                    "table:table-row" if !tag.empty => frames.push(Frame::Row(Vec::new())),
                    "table:table-cell" | "table:covered-table-cell" => {
                        let span = tag
                            .attr("table:number-columns-spanned")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1u32)
                            .clamp(1, MAX_COLUMN_GAP);
                        let repeat = tag
                            .attr("table:number-columns-repeated")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1u32)
                            .clamp(1, MAX_COLUMN_GAP);
                        if tag.empty {
                            if let Some(Frame::Row(cells)) = frames.last_mut() {
                                for _ in 0..repeat.saturating_mul(span).min(MAX_COLUMN_GAP) {
                                    cells.push(String::new());
                                }
                            }
                        } else {
                            frames.push(Frame::Cell {
                                text: String::new(),
                                span,
                                repeat,
                            });
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
                if name == "office:body" {
                    in_body = false;
                    continue;
                }
                if !in_body {
                    continue;
                }
                match name.as_str() {
                    "text:p" | "text:h" => {
                        para_depth = para_depth.saturating_sub(1);
                        if para_depth == 0 {
                            end_paragraph(out, &mut frames, &para);
                            para.clear();
                        }
                    }
                    "text:list" => {
                        if let Some(list) = lists.pop() {
                            last_counter.insert(list.style, list.counter);
                        }
                    }
                    "text:list-item" => label_for_item = None,
                    "table:table-cell" | "table:covered-table-cell" => {
                        let at = frames.iter().rposition(|f| matches!(f, Frame::Cell { .. }));
                        if let Some(at) = at {
                            let cell = frames.remove(at);
                            frames.truncate(at);
                            if let (Frame::Cell { text, span, repeat }, Some(Frame::Row(cells))) =
                                (cell, frames.last_mut())
                            {
                                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                                for _ in 0..repeat {
                                    cells.push(text.clone());
                                    for _ in 1..span {
                                        cells.push(String::new());
                                    }
                                }
                            }
                        }
                    }
                    "table:table-row" => {
                        let at = frames.iter().rposition(|f| matches!(f, Frame::Row(_)));
                        if let Some(at) = at {
                            let row = frames.remove(at);
                            frames.truncate(at);
                            if let Frame::Row(mut cells) = row {
                                while cells.last().is_some_and(|c| c.is_empty()) {
                                    cells.pop();
                                }
                                let line = cells.join("\t");
                                match frames
                                    .iter_mut()
                                    .rev()
                                    .find(|f| matches!(f, Frame::Cell { .. }))
                                {
                                    Some(Frame::Cell { text, .. }) => {
                                        text.push(' ');
                                        text.push_str(&line.replace('\t', " "));
                                    }
                                    _ => {
                                        out.end_line();
                                        out.push_str(&line);
                                        out.end_line();
                                    }
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            XmlEvent::Text(t) => {
                if in_body && skip_depth == 0 && para_depth > 0 {
                    push_collapsed(&mut para, &t);
                }
            }
        }
    }
    Ok(())
}

fn in_cell(frames: &[Frame]) -> bool {
    frames.iter().any(|f| matches!(f, Frame::Cell { .. }))
}

fn end_paragraph(out: &mut TextBuilder, frames: &mut [Frame], para: &str) {
    let text = para.trim_matches(' ');
    match frames
        .iter_mut()
        .rev()
        .find(|f| matches!(f, Frame::Cell { .. }))
    {
        Some(Frame::Cell { text: cell, .. }) => {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(text);
        }
        _ => {
            if text.is_empty() {
                out.blank_line();
            } else {
                out.end_line();
                out.push_str(text);
                out.end_line();
            }
        }
    }
}

/// The text of `style:header*` and `style:footer*` elements of the master pages.
fn headers_and_footers(xml: &str) -> (Vec<String>, Vec<String>) {
    let mut reader = XmlReader::new(xml);
    let (mut headers, mut footers) = (Vec::new(), Vec::new());
    let mut current: Option<(bool, String)> = None;
    let mut depth = 0usize;
    while let Ok(Some(ev)) = reader.next() {
        match ev {
            XmlEvent::Open(tag) => {
                let name = tag.name.as_str();
                if current.is_none()
                    && !tag.empty
                    && (name.starts_with("style:header") || name.starts_with("style:footer"))
                    && !name.ends_with("-style")
                {
                    current = Some((name.starts_with("style:header"), String::new()));
                    depth = 1;
                } else if let Some((_, text)) = &mut current {
                    if !tag.empty {
                        depth += 1;
                    }
                    if let Some(ws) = inline_whitespace(&tag, false) {
                        text.push_str(&ws);
                    }
                }
            }
            XmlEvent::Close(name) => {
                if let Some((is_header, text)) = &mut current {
                    if name == "text:p" || name == "text:h" {
                        text.push('\n');
                    }
                    depth -= 1;
                    if depth == 0 {
                        let t = text
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .collect::<Vec<_>>()
                            .join("\n");
                        let list = if *is_header {
                            &mut headers
                        } else {
                            &mut footers
                        };
                        if !t.is_empty() && !list.contains(&t) {
                            list.push(t);
                        }
                        current = None;
                    }
                }
            }
            XmlEvent::Text(t) => {
                if let Some((_, text)) = &mut current {
                    push_collapsed(text, &t);
                }
            }
        }
    }
    (headers, footers)
}

/// List styles by name: bullet characters and number formats per level.
#[derive(Default)]
struct ListStyles {
    styles: HashMap<String, Vec<Option<ListLevel>>>,
}

#[derive(Clone)]
enum ListLevel {
    Bullet(String),
    Number {
        format: String,
        prefix: String,
        suffix: String,
    },
}

impl ListStyles {
    fn parse(content: &str, styles: Option<&str>) -> Self {
        let mut out = ListStyles::default();
        for xml in [Some(content), styles].into_iter().flatten() {
            let mut reader = XmlReader::new(xml);
            let mut current: Option<String> = None;
            while let Ok(Some(ev)) = reader.next() {
                match ev {
                    XmlEvent::Open(tag) => match tag.name.as_str() {
                        "text:list-style" => current = tag.attr("style:name").map(str::to_string),
                        "text:list-level-style-bullet" | "text:list-level-style-number" => {
                            let Some(style) = &current else { continue };
                            let level = tag
                                .attr("text:level")
                                .and_then(|v| v.parse::<usize>().ok())
                                .unwrap_or(1)
                                .clamp(1, 10);
                            let def = if tag.name.ends_with("bullet") {
                                ListLevel::Bullet(
                                    tag.attr("text:bullet-char").unwrap_or("•").to_string(),
                                )
                            } else {
                                ListLevel::Number {
                                    format: tag.attr("style:num-format").unwrap_or("1").to_string(),
                                    prefix: tag.attr("style:num-prefix").unwrap_or("").to_string(),
                                    suffix: tag.attr("style:num-suffix").unwrap_or("").to_string(),
                                }
                            };
                            let levels = out.styles.entry(style.clone()).or_default();
                            if levels.len() < level {
                                levels.resize(level, None);
                            }
                            levels[level - 1] = Some(def);
                        }
                        _ => {}
                    },
                    XmlEvent::Close(name) if name == "text:list-style" => current = None,
                    _ => {}
                }
            }
        }
        out
    }

    fn label(&self, style: Option<&str>, level: usize, counter: u32) -> Option<String> {
        let def = style
            .and_then(|s| self.styles.get(s))
            .and_then(|levels| levels.get(level.max(1) - 1))
            .cloned()
            .flatten();
        match def {
            Some(ListLevel::Bullet(c)) => Some(match c.chars().next() {
                Some(ch) if ('\u{E000}'..='\u{F8FF}').contains(&ch) || c.trim().is_empty() => {
                    "•".into()
                }
                _ => c,
            }),
            Some(ListLevel::Number {
                format,
                prefix,
                suffix,
            }) if !format.is_empty() => {
                let n = match format.as_str() {
                    "a" => alpha(counter).to_lowercase(),
                    "A" => alpha(counter),
                    "i" => super::roman(counter).to_lowercase(),
                    "I" => super::roman(counter),
                    _ => counter.to_string(),
                };
                Some(format!("{prefix}{n}{suffix}"))
            }
            Some(ListLevel::Number { .. }) => None,
            // A list without a known style is still a list: show a bullet.
            None => Some("•".into()),
        }
    }
}

fn alpha(n: u32) -> String {
    super::column_letters(n.saturating_sub(1))
}

// ---------------------------------------------------------------------------------------------
// Spreadsheets

pub fn read_spreadsheet(bytes: &[u8]) -> Result<Document, IngestError> {
    let (content, _) = parts(bytes, Format::Ods)?;
    let mut out = TextBuilder::new();
    walk_sheets(&content, &mut out).map_err(|e| match e {
        SheetError::Xml(e) => damaged(Format::Ods, e),
        SheetError::Budget(e) => e,
    })?;
    Ok(out.finish(Format::Ods))
}

enum SheetError {
    Xml(String),
    Budget(IngestError),
}

impl From<String> for SheetError {
    fn from(e: String) -> Self {
        SheetError::Xml(e)
    }
}

/// The cell being read.
struct OdsCell {
    value_type: Option<String>,
    value: Option<String>,
    date: Option<String>,
    text: String,
    repeat: u64,
    paragraphs: usize,
}

fn walk_sheets(xml: &str, out: &mut TextBuilder) -> Result<(), SheetError> {
    let mut reader = XmlReader::new(xml);
    let mut budget = CellBudget::new(Format::Ods);
    let mut sheet: Option<String> = None;
    let mut sheet_start = 0usize;
    let mut row: u64 = 0;
    let mut pending_blank = false;
    let mut wrote_row = false;
    let mut row_repeat: u64 = 1;
    let mut cells: Vec<(u64, String)> = Vec::new(); // (column, text) of filled cells in this row
    let mut col: u64 = 0;
    let mut cell: Option<OdsCell> = None;
    let mut skip_depth = 0usize;
    let mut para_depth = 0usize;

    while let Some(ev) = reader.next()? {
        match ev {
            XmlEvent::Open(tag) => {
                if skip_depth > 0 {
                    if !tag.empty {
                        skip_depth += 1;
                    }
                    continue;
                }
                let name = tag.name.as_str();
                match name {
                    "office:annotation"
                    | "table:shapes"
                    | "draw:frame"
                    | "table:named-expressions" => {
                        if !tag.empty {
                            skip_depth = 1;
                        }
                    }
                    "table:table" => {
                        let name = tag.attr("table:name").unwrap_or("Sheet").to_string();
                        out.blank_line();
                        sheet_start = out.offset();
                        out.push_str(&name);
                        out.end_line();
                        sheet = Some(name);
                        row = 0;
                        pending_blank = false;
                        wrote_row = false;
                    }
                    "table:table-row" => {
                        row_repeat = tag
                            .attr("table:number-rows-repeated")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1u64)
                            .max(1);
                        cells.clear();
                        col = 0;
                        if tag.empty {
                            row = row.saturating_add(row_repeat);
                            pending_blank = wrote_row;
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let repeat = tag
                            .attr("table:number-columns-repeated")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1u64)
                            .max(1);
                        let c = OdsCell {
                            value_type: tag.attr("office:value-type").map(str::to_string),
                            value: tag.attr("office:value").map(str::to_string),
                            date: tag
                                .attr("office:date-value")
                                .or_else(|| tag.attr("office:time-value"))
                                .map(str::to_string),
                            text: String::new(),
                            repeat,
                            paragraphs: 0,
                        };
                        if tag.empty {
                            finish_cell(c, &mut cells, &mut col, &mut budget)?;
                        } else {
                            cell = Some(c);
                        }
                    }
                    "text:p" | "text:h" => {
                        if let Some(c) = &mut cell {
                            if c.paragraphs > 0 {
                                c.text.push(' ');
                            }
                            c.paragraphs += 1;
                            if !tag.empty {
                                para_depth += 1;
                            }
                        }
                    }
                    _ => {
                        if let (Some(c), true) = (&mut cell, para_depth > 0) {
                            if let Some(ws) = inline_whitespace(&tag, true) {
                                c.text.push_str(&ws);
                            }
                        }
                    }
                }
            }
            XmlEvent::Close(name) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match name.as_str() {
                    "text:p" | "text:h" => para_depth = para_depth.saturating_sub(1),
                    "table:table-cell" | "table:covered-table-cell" => {
                        if let Some(c) = cell.take() {
                            finish_cell(c, &mut cells, &mut col, &mut budget)?;
                        }
                        para_depth = 0;
                    }
                    "table:table-row" => {
                        if cells.is_empty() {
                            pending_blank = wrote_row;
                            row = row.saturating_add(row_repeat);
                            continue;
                        }
                        let Some(sheet_name) = &sheet else { continue };
                        // A repeated row with content is written out each time (within budget).
                        budget
                            .spend(cells.len() as u64 * row_repeat.saturating_sub(1))
                            .map_err(SheetError::Budget)?;
                        for _ in 0..row_repeat {
                            if pending_blank {
                                out.blank_line();
                                pending_blank = false;
                            }
                            write_row(out, sheet_name, row, &cells);
                            wrote_row = true;
                            row += 1;
                        }
                    }
                    "table:table" => {
                        if let Some(name) = sheet.take() {
                            out.end_line();
                            out.locate_from(sheet_start, Place::Sheet(name));
                        }
                    }
                    _ => {}
                }
            }
            XmlEvent::Text(t) => {
                if let (Some(c), true) = (&mut cell, para_depth > 0 && skip_depth == 0) {
                    push_collapsed(&mut c.text, &t);
                }
            }
        }
    }
    Ok(())
}

/// Turn a finished cell into its display text and add it (repeated) to the row.
fn finish_cell(
    c: OdsCell,
    cells: &mut Vec<(u64, String)>,
    col: &mut u64,
    budget: &mut CellBudget,
) -> Result<(), SheetError> {
    let text = cell_text(&c);
    if !text.is_empty() {
        budget.spend(c.repeat).map_err(SheetError::Budget)?;
        for i in 0..c.repeat {
            cells.push((*col + i, text.clone()));
        }
    }
    *col = col.saturating_add(c.repeat);
    Ok(())
}

fn cell_text(c: &OdsCell) -> String {
    let shown = c.text.trim();
    match c.value_type.as_deref() {
        Some("float" | "currency" | "percentage") => match c
            .value
            .as_deref()
            .and_then(|v| v.trim().parse::<f64>().ok())
        {
            Some(v) => number_text(
                v,
                Some(shown).filter(|s| !s.is_empty()),
                c.value_type.as_deref() == Some("percentage"),
            ),
            None => shown.to_string(),
        },
        Some("date") => match &c.date {
            // "2025-09-26T00:00:00" → "2025-09-26"; keep a real time of day.
            Some(d) => d.strip_suffix("T00:00:00").unwrap_or(d).to_string(),
            None => shown.to_string(),
        },
        _ => shown.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn odt_body(inner: &str) -> String {
        let xml = format!("<office:document-content><office:body><office:text>{inner}</office:text></office:body></office:document-content>");
        let styles = ListStyles::parse(&xml, None);
        let mut out = TextBuilder::new();
        walk_text(&xml, &mut out, &styles).unwrap();
        out.finish(Format::Odt).text
    }

    #[test]
    fn paragraphs_spaces_and_tabs() {
        assert_eq!(
            odt_body("<text:p>Capital &amp;<text:s/>Revenue<text:s text:c=\"2\"/>Cost<text:tab/>£16,467,000</text:p><text:h>Next\n  line</text:h>"),
            "Capital & Revenue  Cost\t£16,467,000\nNext line\n"
        );
    }

    #[test]
    fn tables_are_tab_separated_and_notes_skipped() {
        let xml = "<table:table><table:table-row><table:table-cell><text:p>IT Staff<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>footnote</text:p></text:note-body></text:note></text:p></table:table-cell>\
                   <table:table-cell><text:p>£6,167,000</text:p></table:table-cell><table:table-cell/></table:table-row></table:table>";
        assert_eq!(odt_body(xml), "IT Staff\t£6,167,000\n");
    }

    #[test]
    fn lists_keep_bullets_and_numbers() {
        let xml = "<office:automatic-styles><text:list-style style:name=\"L1\"><text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"•\"/></text:list-style>\
                   <text:list-style style:name=\"L2\"><text:list-level-style-number text:level=\"1\" style:num-suffix=\".\" style:num-format=\"1\"/></text:list-style></office:automatic-styles>\
                   <office:body><office:text><text:list text:style-name=\"L1\"><text:list-item><text:p>Well Led</text:p></text:list-item></text:list>\
                   <text:list text:style-name=\"L2\"><text:list-item><text:p>IT spend</text:p></text:list-item><text:list-item><text:p>DMA</text:p></text:list-item></text:list></office:text></office:body>";
        let doc = format!("<office:document-content>{xml}</office:document-content>");
        let styles = ListStyles::parse(&doc, None);
        let mut out = TextBuilder::new();
        walk_text(&doc, &mut out, &styles).unwrap();
        assert_eq!(
            out.finish(Format::Odt).text,
            "• Well Led\n1. IT spend\n2. DMA\n"
        );
    }

    fn ods(inner: &str) -> Result<Document, SheetError> {
        let xml = format!("<office:document-content><office:body><office:spreadsheet>{inner}</office:spreadsheet></office:body></office:document-content>");
        let mut out = TextBuilder::new();
        walk_sheets(&xml, &mut out)?;
        Ok(out.finish(Format::Ods))
    }

    #[test]
    fn sheet_cells_show_display_values_dates_and_locators() {
        let doc = ods("<table:table table:name=\"FOI response\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>Capital &amp; Revenue Cost</text:p></table:table-cell>\
                       <table:table-cell office:value-type=\"currency\" office:value=\"16467000\"><text:p>£16,467,000</text:p></table:table-cell></table:table-row>\
                       <table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"2\"/></table:table-row>\
                       <table:table-row><table:table-cell office:value-type=\"date\" office:date-value=\"2025-09-26\"><text:p>26/09/2025</text:p></table:table-cell>\
                       <table:table-cell table:number-columns-repeated=\"2\"/><table:table-cell office:value-type=\"float\" office:value=\"2.8\"><text:p>3</text:p></table:table-cell></table:table-row></table:table>").ok().unwrap();
        assert_eq!(
            doc.text,
            "FOI response\nCapital & Revenue Cost\t£16,467,000\n\n2025-09-26\t\t\t2.8\n"
        );
        let places: Vec<String> = doc
            .locators
            .iter()
            .map(|l| format!("{}={}", l.place, l.span.text(&doc.text)))
            .collect();
        assert_eq!(places[0], "sheet 'FOI response'=FOI response\nCapital & Revenue Cost\t£16,467,000\n\n2025-09-26\t\t\t2.8\n");
        assert_eq!(
            &places[1..],
            [
                "'FOI response'!A1=Capital & Revenue Cost",
                "'FOI response'!B1=£16,467,000",
                "'FOI response'!A5=2025-09-26",
                "'FOI response'!D5=2.8"
            ]
        );
    }

    #[test]
    fn repeated_cells_beyond_the_budget_are_refused_quickly() {
        let t = std::time::Instant::now();
        let r = ods("<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row></table:table>");
        match r {
            Err(SheetError::Budget(IngestError::TooMuchContent { what, detail })) => {
                assert_eq!(what, "OpenDocument spreadsheet");
                assert!(
                    detail.contains("more than 1000000 filled cells"),
                    "{detail}"
                );
            }
            _ => panic!("expected a refusal"),
        }
        assert!(t.elapsed().as_secs() < 2);
    }
}
