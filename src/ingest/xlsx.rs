//! Excel workbooks (.xlsx, SpreadsheetML): one streaming pass per worksheet over our zip and XML
//! readers. Each sheet becomes a heading line with its name, then one line per row of
//! TAB-separated cells, every cell recorded as a locator ("'FOI response'!B8").
//!
//! Numbers print as the cell's number format would show them ("£16,467,000") when that equals
//! the stored value, else plainly ("16467000", never "1.6467E+07"); cells with a date format
//! print as ISO dates, never as serials like 45926. Cells are collected sparsely, so a cell at
//! XFD1048576 costs one cell, and at most [`MAX_CELLS`] of them.
//!
//! Our own rather than calamine (which reads .xlsx well) because calamine brings encoding_rs
//! along: together about 180 KB gzipped of the page, for what the pieces here already do.
//!
//! [`MAX_CELLS`]: super::limits::MAX_CELLS

use super::archive::{relationships, Archive};
use super::builder::TextBuilder;
use super::cells::{
    builtin_format_code, format_number, is_builtin_date_format, is_date_format, number_text,
    serial_date_text, write_sheet, CellBudget,
};
use super::xml::{decode, XmlEvent, XmlReader};
use super::{Document, Format, IngestError};
use std::collections::HashMap;

fn damaged(part: &str, e: String) -> IngestError {
    IngestError::Damaged {
        what: Format::Xlsx.describe().into(),
        detail: format!("{part}: {e}"),
    }
}

pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let mut zip = Archive::open(bytes, Format::Xlsx)?;
    let main = relationships(&mut zip, "_rels/.rels")?
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map(|r| r.target)
        .filter(|t| zip.contains(t))
        .unwrap_or_else(|| "xl/workbook.xml".into());
    let (sheets, is_1904) =
        workbook(&decode(&zip.read_required(&main)?)).map_err(|e| damaged(&main, e))?;
    let rels = relationships(&mut zip, &super::archive::rels_path(&main))?;
    let target = |kind: &str| {
        rels.iter()
            .find(|r| r.kind.ends_with(kind))
            .map(|r| r.target.clone())
    };
    let strings = match target("/sharedStrings") {
        Some(part) => match zip.read(&part)? {
            Some(x) => shared_strings(&decode(&x)).map_err(|e| damaged(&part, e))?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let styles = match target("/styles") {
        Some(part) => zip
            .read(&part)?
            .map(|x| Styles::parse(&decode(&x)))
            .unwrap_or_default(),
        None => Styles::default(),
    };

    let mut out = TextBuilder::new();
    let mut budget = CellBudget::new(Format::Xlsx);
    for (name, rid) in sheets {
        let Some(part) = rels
            .iter()
            .find(|r| r.id == rid && r.kind.ends_with("/worksheet"))
            .map(|r| r.target.clone())
        else {
            continue; // chart sheets and dialog sheets have no cells
        };
        let Some(xml) = zip.read(&part)? else {
            out.note(format!(
                "Sheet {name:?} is missing from the workbook; the other sheets were read."
            ));
            continue;
        };
        let cells = sheet_cells(&decode(&xml), &strings, &styles, is_1904, &mut budget).map_err(
            |e| match e {
                SheetError::Xml(e) => damaged(&part, e),
                SheetError::Budget(e) => e,
            },
        )?;
        write_sheet(&mut out, &name, cells);
    }
    Ok(out.finish(Format::Xlsx))
}

/// The sheets (name, relationship id) in order, and whether dates count from 1904.
fn workbook(xml: &str) -> Result<(Vec<(String, String)>, bool), String> {
    let mut reader = XmlReader::new(xml);
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    while let Some(ev) = reader.next()? {
        if let XmlEvent::Open(tag) = ev {
            match local(&tag.name) {
                "sheet" => {
                    let rid = tag
                        .attrs
                        .iter()
                        .find(|(k, _)| local(k) == "id")
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default();
                    sheets.push((tag.attr("name").unwrap_or("Sheet").to_string(), rid));
                }
                "workbookPr" => is_1904 = matches!(tag.attr("date1904"), Some("1" | "true")),
                _ => {}
            }
        }
    }
    Ok((sheets, is_1904))
}

/// `x:sheet` → `sheet`.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The shared string table: the text of each `si` (rich-text runs joined, phonetic hints out).
fn shared_strings(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = XmlReader::new(xml);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_t, mut in_phonetic) = (false, 0usize);
    while let Some(ev) = reader.next()? {
        match ev {
            XmlEvent::Open(tag) => match local(&tag.name) {
                "si" if !tag.empty => current = Some(String::new()),
                "si" => out.push(String::new()),
                "t" => in_t = !tag.empty,
                "rPh" if !tag.empty => in_phonetic += 1,
                _ => {}
            },
            XmlEvent::Close(name) => match local(&name) {
                "si" => out.extend(current.take()),
                "t" => in_t = false,
                "rPh" => in_phonetic = in_phonetic.saturating_sub(1),
                _ => {}
            },
            XmlEvent::Text(t) => {
                if let (Some(s), true) = (&mut current, in_t && in_phonetic == 0) {
                    s.push_str(&t);
                }
            }
        }
        if out.len() > super::limits::MAX_CELLS as usize {
            break;
        }
    }
    Ok(out)
}

/// Number formats per cell style: `cellXfs` index → format id → format code.
#[derive(Default)]
struct Styles {
    codes: HashMap<u32, String>,
    xf_format: Vec<u32>,
}

impl Styles {
    fn parse(xml: &str) -> Styles {
        let mut s = Styles::default();
        let mut reader = XmlReader::new(xml);
        let mut in_cell_xfs = false;
        while let Ok(Some(ev)) = reader.next() {
            match ev {
                XmlEvent::Open(tag) => match local(&tag.name) {
                    "numFmt" => {
                        if let (Some(id), Some(code)) = (
                            tag.attr("numFmtId").and_then(|v| v.parse().ok()),
                            tag.attr("formatCode"),
                        ) {
                            s.codes.insert(id, code.to_string());
                        }
                    }
                    "cellXfs" => in_cell_xfs = !tag.empty,
                    "xf" if in_cell_xfs && s.xf_format.len() < 65_536 => {
                        s.xf_format.push(
                            tag.attr("numFmtId")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(0),
                        );
                    }
                    _ => {}
                },
                XmlEvent::Close(name) if local(&name) == "cellXfs" => in_cell_xfs = false,
                _ => {}
            }
        }
        s
    }

    /// (is a date format, format code if one can be imitated) for cell style `index`.
    fn format(&self, index: usize) -> (bool, Option<&str>) {
        let id = self.xf_format.get(index).copied().unwrap_or(0);
        match self.codes.get(&id) {
            Some(code) => (is_date_format(code), Some(code.as_str())),
            None => (
                is_builtin_date_format(u16::try_from(id).unwrap_or(0)),
                u16::try_from(id).ok().and_then(builtin_format_code),
            ),
        }
    }
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

/// "XFD1048576" → (row 1048575, column 16383), both 0-based; `None` if it is not a cell.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].bytes().fold(0u32, |acc, b| {
        acc * 26 + (b.to_ascii_uppercase() - b'A' + 1) as u32
    });
    let row: u32 = r[letters..].parse().ok()?;
    (row >= 1 && col >= 1).then(|| (row - 1, col - 1))
}

/// The filled cells of a worksheet as (row, column, text).
fn sheet_cells(
    xml: &str,
    strings: &[String],
    styles: &Styles,
    is_1904: bool,
    budget: &mut CellBudget,
) -> Result<Vec<(u32, u32, String)>, SheetError> {
    let mut reader = XmlReader::new(xml);
    let mut cells = Vec::new();
    let (mut row, mut next_col) = (0u32, 0u32);
    let mut rows_seen = false;
    // The cell being read: position, style, type, and its value or inline text.
    let mut cell: Option<(u32, u32, usize, String, String)> = None;
    let (mut in_v, mut in_inline_t, mut in_phonetic) = (false, false, 0usize);
    while let Some(ev) = reader.next()? {
        match ev {
            XmlEvent::Open(tag) => match local(&tag.name) {
                "row" => {
                    row = match tag
                        .attr("r")
                        .and_then(|r| r.parse::<u32>().ok())
                        .filter(|r| *r >= 1)
                    {
                        Some(r) => r - 1,
                        None if rows_seen => row.saturating_add(1),
                        None => 0,
                    };
                    rows_seen = true;
                    next_col = 0;
                }
                "c" => {
                    let (r, c) = tag.attr("r").and_then(cell_ref).unwrap_or((row, next_col));
                    next_col = c.saturating_add(1);
                    let style = tag.attr("s").and_then(|s| s.parse().ok()).unwrap_or(0);
                    let kind = tag.attr("t").unwrap_or("n").to_string();
                    if !tag.empty {
                        cell = Some((r, c, style, kind, String::new()));
                    }
                }
                "v" => in_v = !tag.empty,
                "t" => in_inline_t = !tag.empty,
                "rPh" if !tag.empty => in_phonetic += 1,
                _ => {}
            },
            XmlEvent::Close(name) => match local(&name) {
                "v" => in_v = false,
                "t" => in_inline_t = false,
                "rPh" => in_phonetic = in_phonetic.saturating_sub(1),
                "c" => {
                    if let Some((r, c, style, kind, value)) = cell.take() {
                        let text = cell_text(
                            &kind,
                            value.trim_matches(['\n', '\r']),
                            style,
                            strings,
                            styles,
                            is_1904,
                        );
                        let text = text.trim();
                        if !text.is_empty() {
                            budget.spend(1).map_err(SheetError::Budget)?;
                            cells.push((r, c, text.to_string()));
                        }
                    }
                }
                _ => {}
            },
            XmlEvent::Text(t) => {
                if let Some((_, _, _, kind, value)) = &mut cell {
                    let inline = kind == "inlineStr" && in_inline_t && in_phonetic == 0;
                    if in_v || inline {
                        value.push_str(&t);
                    }
                }
            }
        }
    }
    Ok(cells)
}

fn cell_text(
    kind: &str,
    value: &str,
    style: usize,
    strings: &[String],
    styles: &Styles,
    is_1904: bool,
) -> String {
    match kind {
        "s" => value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| strings.get(i))
            .cloned()
            .unwrap_or_default(),
        "str" | "inlineStr" => value.to_string(),
        "b" => if value.trim() == "1" { "TRUE" } else { "FALSE" }.into(),
        "e" => value.trim().to_string(),
        "d" => value
            .trim()
            .strip_suffix("T00:00:00")
            .unwrap_or(value.trim())
            .to_string(),
        _ => match value.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => {
                let (date, code) = styles.format(style);
                if date {
                    if let Some(d) = serial_date_text(v, is_1904) {
                        return d;
                    }
                }
                number_text(v, code.and_then(|c| format_number(v, c)).as_deref(), false)
            }
            _ => value.trim().to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("B8"), Some((7, 1)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("ABCD1"), None);
        assert_eq!(cell_ref("7"), None);
    }

    #[test]
    fn shared_strings_join_runs_and_skip_phonetics() {
        let xml = "<sst><si><t>Capital &amp; Revenue Cost</t></si><si><r><t>IT </t></r><r><t>Staff</t></r><rPh><t>x</t></rPh></si><si/></sst>";
        assert_eq!(
            shared_strings(xml).unwrap(),
            ["Capital & Revenue Cost", "IT Staff", ""]
        );
    }

    #[test]
    fn cells_by_type_style_and_position() {
        let styles = Styles::parse(
            "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"&quot;£&quot;#,##0\"/></numFmts>\
             <cellStyleXfs><xf numFmtId=\"0\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>",
        );
        let strings = vec!["Capital & Revenue Cost".to_string()];
        let xml = "<worksheet><sheetData><row r=\"8\"><c r=\"A8\" t=\"s\"><v>0</v></c><c r=\"B8\" s=\"1\"><v>16467000</v></c></row>\
                   <row><c s=\"2\"><v>45926</v></c><c t=\"inlineStr\"><is><t>inline</t></is></c><c t=\"b\"><v>1</v></c><c><v>2.8</v></c><c><f>A1</f><v>1.6467E7</v></c></row></sheetData></worksheet>";
        let mut budget = CellBudget::new(Format::Xlsx);
        let cells = sheet_cells(xml, &strings, &styles, false, &mut budget)
            .ok()
            .unwrap();
        let shown: Vec<String> = cells
            .iter()
            .map(|(r, c, t)| format!("{}{}={t}", super::super::column_letters(*c), r + 1))
            .collect();
        assert_eq!(
            shown,
            [
                "A8=Capital & Revenue Cost",
                "B8=£16,467,000",
                "A9=2025-09-26",
                "B9=inline",
                "C9=TRUE",
                "D9=2.8",
                "E9=16467000"
            ]
        );
    }
}
