//! `foi-lens import-dma`: read NHS England's official DMA results workbook (with calamine, a real
//! xlsx reader) and the ODS "etr" trust list, check them against each other, and produce the
//! [`Bundle`] that is embedded in the app. Native only.
//!
//! Sheets and columns are found by their headings, not by fixed positions, so a re-issued workbook
//! with moved rows still imports; anything unexpected (a missing column, a score outside 1–5, a
//! trust in one sheet but not the other) stops the import with a message saying where.
//! The hidden primary-care sheet is never read.

use super::data::{
    locate, Bundle, CareSetting, IcbRecord, OdsSource, RowRecord, SheetLocators, SourceFile,
    TrustRecord, WorkbookSource, BUNDLE_SCHEMA,
};
use super::import_ods::{link_ods, read_ods};
use crate::model::Pillar;
use calamine::{open_workbook_from_rs, Data, Range, Reader, SheetVisible, Xlsx};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::io::Cursor;
use std::path::Path;

/// Why an import failed, in words that say what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

fn err<T>(msg: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(msg.into()))
}

/// What an import produced, plus a human-readable account of what it did.
#[derive(Debug, Clone)]
pub struct Imported {
    pub bundle: Bundle,
    /// One line per notable fact: counts, skipped sheets, ODS links made by similarity or
    /// postcode, trusts left without an ODS code.
    pub log: Vec<String>,
}

/// Import the workbook at `xlsx` and the ODS list at `ods`.
pub fn import_files(xlsx: &Path, ods: &Path) -> Result<Imported, ImportError> {
    let xlsx_bytes = std::fs::read(xlsx).map_err(|e| {
        ImportError(format!(
            "cannot read the DMA workbook {}: {e} (download 'Digital Maturity Assessment Results \
             Data File' from NHS England, or use data/source/ in this repository)",
            xlsx.display()
        ))
    })?;
    let ods_bytes = std::fs::read(ods).map_err(|e| {
        ImportError(format!(
            "cannot read the ODS trust list {}: {e} (pass it with --ods; it is NHS England's \
             ODS 'etr.csv', also in data/source/)",
            ods.display()
        ))
    })?;
    import(&file_name(xlsx), &xlsx_bytes, &file_name(ods), &ods_bytes)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Import from bytes (the file names are recorded in the bundle's provenance).
pub fn import(
    xlsx_name: &str,
    xlsx_bytes: &[u8],
    ods_name: &str,
    ods_bytes: &[u8],
) -> Result<Imported, ImportError> {
    let mut log = Vec::new();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx_bytes))
        .map_err(|e| ImportError(format!("{xlsx_name} is not a readable .xlsx workbook: {e}")))?;

    let sheets = SheetNames::find(&book, &mut log)?;
    let intro = read_sheet(&mut book, &sheets.introduction)?;
    let (publication_date, publication_date_at) = publication_date(&intro, &sheets.introduction)?;

    let trust_pillars = read_sheet(&mut book, &sheets.trust_pillars)?;
    let trust_overall = read_sheet(&mut book, &sheets.trust_comparable)?;
    let icb_pillars = read_sheet(&mut book, &sheets.icb_pillars)?;
    let icb_overall = read_sheet(&mut book, &sheets.icb_comparable)?;

    let (trust_pillar_rows, trust_pillars_at) = read_table(
        &trust_pillars,
        &sheets.trust_pillars,
        TableKind::TrustPillars,
    )?;
    let (trust_overall_rows, trust_comparable_at) = read_table(
        &trust_overall,
        &sheets.trust_comparable,
        TableKind::TrustComparable,
    )?;
    let (icb_pillar_rows, icb_pillars_at) =
        read_table(&icb_pillars, &sheets.icb_pillars, TableKind::IcbPillars)?;
    let (icb_overall_rows, icb_comparable_at) = read_table(
        &icb_overall,
        &sheets.icb_comparable,
        TableKind::IcbComparable,
    )?;

    // ICBs: join the two ICB sheets by name.
    let mut regions: BTreeSet<String> = BTreeSet::new();
    for r in icb_pillar_rows.iter().chain(&trust_pillar_rows) {
        regions.insert(r.region.clone());
    }
    let regions: Vec<String> = regions.into_iter().collect();
    let region_index = |name: &str| {
        regions
            .iter()
            .position(|r| r == name)
            .expect("region listed")
    };

    let mut icb_comparable: HashMap<&str, &TableRow> = HashMap::new();
    for r in &icb_overall_rows {
        if icb_comparable.insert(r.icb.as_str(), r).is_some() {
            return err(format!(
                "{} lists ICB {:?} twice ({})",
                sheets.icb_comparable, r.icb, r.at
            ));
        }
    }
    let mut icbs = Vec::new();
    for r in &icb_pillar_rows {
        let Some(c) = icb_comparable.remove(r.icb.as_str()) else {
            return err(format!(
                "ICB {:?} ({}) has no row in sheet {:?}",
                r.icb, r.at, sheets.icb_comparable
            ));
        };
        if c.region != r.region {
            return err(format!(
                "ICB {:?}: region {:?} at {} but {:?} at {}",
                r.icb, r.region, r.at, c.region, c.at
            ));
        }
        icbs.push(IcbRecord {
            name: r.icb.clone(),
            region: region_index(&r.region),
            pillars: r.pillars.expect("pillar table"),
            pillars_row: r.row,
            comparable_2025: c.comparable.expect("comparable table").0,
            comparable_2024: c.comparable.expect("comparable table").1,
            comparable_row: c.row,
        });
    }
    if let Some(extra) = icb_comparable.keys().next() {
        return err(format!(
            "ICB {extra:?} is in sheet {:?} but not in {:?}",
            sheets.icb_comparable, sheets.icb_pillars
        ));
    }

    // Trust rows: join the two trust sheets on (provider, care setting).
    let mut trust_comparable: HashMap<(&str, CareSetting), &TableRow> = HashMap::new();
    for r in &trust_overall_rows {
        let setting = r.setting.expect("trust table");
        if trust_comparable
            .insert((r.provider.as_str(), setting), r)
            .is_some()
        {
            return err(format!(
                "{:?} / {} appears twice in {} ({})",
                r.provider,
                setting.label(),
                sheets.trust_comparable,
                r.at
            ));
        }
    }
    let mut trusts: Vec<TrustRecord> = Vec::new();
    let mut trust_index: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::new();
    let mut seen_rows: BTreeSet<(String, CareSetting)> = BTreeSet::new();
    for r in &trust_pillar_rows {
        let setting = r.setting.expect("trust table");
        if !seen_rows.insert((r.provider.clone(), setting)) {
            return err(format!(
                "{:?} / {} appears twice in {} ({})",
                r.provider,
                setting.label(),
                sheets.trust_pillars,
                r.at
            ));
        }
        let Some(icb) = icbs.iter().position(|i| i.name == r.icb) else {
            return err(format!(
                "{} names ICS {:?}, which is not in sheet {:?}",
                r.at, r.icb, sheets.icb_pillars
            ));
        };
        if regions[icbs[icb].region] != r.region {
            return err(format!(
                "{}: region {:?} differs from its ICB's region {:?}",
                r.at, r.region, regions[icbs[icb].region]
            ));
        }
        let t = *trust_index.entry(r.provider.clone()).or_insert_with(|| {
            trusts.push(TrustRecord {
                name: r.provider.clone(),
                icb,
                ods: None,
            });
            trusts.len() - 1
        });
        if trusts[t].icb != icb {
            return err(format!(
                "{:?} is listed under two ICSs (see {})",
                r.provider, r.at
            ));
        }
        let Some(c) = trust_comparable.remove(&(r.provider.as_str(), setting)) else {
            return err(format!(
                "{:?} / {} ({}) has no row in sheet {:?}",
                r.provider,
                setting.label(),
                r.at,
                sheets.trust_comparable
            ));
        };
        if c.region != r.region || c.icb != r.icb {
            return err(format!(
                "{:?}: region/ICS differ between {} and {}",
                r.provider, r.at, c.at
            ));
        }
        let (c25, c24) = c.comparable.expect("comparable table");
        rows.push(RowRecord {
            trust: t,
            setting,
            pillars: r.pillars.expect("pillar table"),
            pillars_row: r.row,
            comparable_2025: c25,
            comparable_2024: c24,
            comparable_row: c.row,
        });
    }
    if let Some(((name, setting), r)) = trust_comparable.iter().next() {
        return err(format!(
            "{name:?} / {} ({}) is not in sheet {:?}",
            setting.label(),
            r.at,
            sheets.trust_pillars
        ));
    }
    let mut per_setting: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        *per_setting.entry(r.setting.label()).or_insert(0) += 1;
    }
    log.push(format!(
        "{} trust × care-setting rows ({}), {} distinct trusts, {} ICBs, {} regions; published {}",
        rows.len(),
        per_setting
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        trusts.len(),
        icbs.len(),
        regions.len(),
        publication_date
    ));

    let ods_rows = read_ods(ods_bytes, ods_name)?;
    let ods = link_ods(&ods_rows, &mut trusts, &icbs, &regions, &mut log);

    let bundle = Bundle {
        schema: BUNDLE_SCHEMA.to_string(),
        source: WorkbookSource {
            file: source_file(xlsx_name, xlsx_bytes),
            publication_date,
            publication_date_at,
        },
        ods_source: OdsSource {
            file: source_file(ods_name, ods_bytes),
            rows: ods.len(),
        },
        sheets: SheetLocators {
            trust_pillars: trust_pillars_at,
            trust_comparable: trust_comparable_at,
            icb_pillars: icb_pillars_at,
            icb_comparable: icb_comparable_at,
        },
        regions,
        icbs,
        trusts,
        rows,
        ods,
    };
    Ok(Imported { bundle, log })
}

fn source_file(name: &str, bytes: &[u8]) -> SourceFile {
    let digest = Sha256::digest(bytes);
    SourceFile {
        file: name.to_string(),
        sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
        bytes: bytes.len() as u64,
    }
}

/// The five sheets the import reads, by their names in this workbook.
struct SheetNames {
    introduction: String,
    trust_pillars: String,
    trust_comparable: String,
    icb_pillars: String,
    icb_comparable: String,
}

impl SheetNames {
    fn find<R: std::io::Read + std::io::Seek>(
        book: &Xlsx<R>,
        log: &mut Vec<String>,
    ) -> Result<SheetNames, ImportError> {
        // Compare names without case or spaces: the workbook has "ICB -24 vs 25 Overall DMA ".
        let squash = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_lowercase()
        };
        let meta = book.sheets_metadata();
        for s in meta.iter().filter(|s| s.visible != SheetVisible::Visible) {
            log.push(format!(
                "skipped hidden sheet {:?} (not part of the publication)",
                s.name
            ));
        }
        let visible: Vec<&str> = meta
            .iter()
            .filter(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.as_str())
            .collect();
        let find = |want: &str, starts: bool| -> Result<String, ImportError> {
            visible
                .iter()
                .find(|n| {
                    if starts {
                        squash(n).starts_with(want)
                    } else {
                        squash(n) == want
                    }
                })
                .map(|n| n.to_string())
                .ok_or_else(|| {
                    ImportError(format!(
                        "the workbook has no visible sheet like {want:?} (sheets: {visible:?}); is \
                         this NHS England's DMA results data file?"
                    ))
                })
        };
        Ok(SheetNames {
            introduction: find("introduction", true)?,
            trust_pillars: find("sc-2025pillarsummary", false)?,
            trust_comparable: find("sc-24vs25overalldma", false)?,
            icb_pillars: find("icb-2025pillarsummary", false)?,
            icb_comparable: find("icb-24vs25overalldma", false)?,
        })
    }
}

fn read_sheet<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    name: &str,
) -> Result<Range<Data>, ImportError> {
    book.worksheet_range(name)
        .map_err(|e| ImportError(format!("cannot read sheet {name:?}: {e}")))
}

/// "B" for column index 1, "AA" for 26.
fn column_letters(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

/// An Excel reference to a row's cells with `{row}` for the row number: `'Sheet'!B{row}:K{row}`.
fn locator_template(sheet: &str, first_col: u32, last_col: u32) -> String {
    let sheet = sheet.replace('\'', "''");
    if first_col == last_col {
        format!("'{sheet}'!{}{{row}}", column_letters(first_col))
    } else {
        format!(
            "'{sheet}'!{}{{row}}:{}{{row}}",
            column_letters(first_col),
            column_letters(last_col)
        )
    }
}

/// An Excel reference to a cell range in one row (`row` 0-based): `'Sheet name'!B12:K12`.
fn locator(sheet: &str, row: u32, first_col: u32, last_col: u32) -> String {
    locate(&locator_template(sheet, first_col, last_col), row + 1)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Iterate the used cells of a sheet with their absolute (row, column), 0-based.
fn cells(range: &Range<Data>) -> impl Iterator<Item = (u32, u32, &Data)> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range.rows().enumerate().flat_map(move |(i, row)| {
        row.iter()
            .enumerate()
            .map(move |(j, d)| (r0 + i as u32, c0 + j as u32, d))
    })
}

/// "Publication date: | 30 March 2026" on the Introduction sheet → ("2026-03-30", locator).
fn publication_date(range: &Range<Data>, sheet: &str) -> Result<(String, String), ImportError> {
    let label = cells(range)
        .find(|(_, _, d)| cell_text(d).to_lowercase().starts_with("publication date"))
        .map(|(r, c, d)| (r, c, cell_text(d)));
    let Some((row, col, text)) = label else {
        return err(format!("no 'Publication date' on sheet {sheet:?}"));
    };
    // The date is either after the colon in the same cell or in the next non-empty cell right.
    let same_cell = text
        .split_once(':')
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty());
    let (value, at_col) = match same_cell {
        Some(v) => (Data::String(v), col),
        None => match cells(range)
            .find(|(r, c, d)| *r == row && *c > col && !matches!(d, Data::Empty))
        {
            Some((_, c, d)) => (d.clone(), c),
            None => {
                return err(format!(
                    "'Publication date' on sheet {sheet:?} has no value beside it"
                ))
            }
        },
    };
    let iso = match &value {
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        other => parse_long_date(&cell_text(other)).ok_or_else(|| {
            ImportError(format!(
                "cannot read the publication date {:?} at {}",
                cell_text(other),
                locator(sheet, row, at_col, at_col)
            ))
        })?,
    };
    Ok((iso, locator(sheet, row, at_col, at_col)))
}

/// "30 March 2026" → "2026-03-30".
fn parse_long_date(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day: u32 = d
        .trim_end_matches(|c: char| c.is_alphabetic())
        .parse()
        .ok()?;
    let month = MONTHS
        .iter()
        .position(|n| n.starts_with(&m.to_lowercase()) && m.len() >= 3)?
        + 1;
    let year: u32 = y.parse().ok()?;
    ((1..=31).contains(&day) && (2000..=2100).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[derive(Clone, Copy, PartialEq)]
enum TableKind {
    TrustPillars,
    TrustComparable,
    IcbPillars,
    IcbComparable,
}

/// One data row of one of the four tables.
#[derive(Debug, Clone)]
struct TableRow {
    region: String,
    icb: String,
    /// Empty for ICB tables.
    provider: String,
    setting: Option<CareSetting>,
    pillars: Option<[f64; 7]>,
    /// (2025, 2024) comparable-domain averages.
    comparable: Option<(f64, f64)>,
    /// 1-based workbook row.
    row: u32,
    /// Excel reference of the row's cells, for messages.
    at: String,
}

/// Read a table by its headings: the header row is the first with "Region" and "ICS" (and, for
/// trust tables, "Provider" and "Care Setting"); data rows follow until the first row without a
/// name.
/// Returns the rows and the table's locator template (see `SheetLocators`).
fn read_table(
    range: &Range<Data>,
    sheet: &str,
    kind: TableKind,
) -> Result<(Vec<TableRow>, String), ImportError> {
    let is_trust = matches!(kind, TableKind::TrustPillars | TableKind::TrustComparable);
    let has_pillars = matches!(kind, TableKind::TrustPillars | TableKind::IcbPillars);
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let raw: Vec<&[Data]> = range.rows().collect();
    let grid: Vec<Vec<String>> = raw
        .iter()
        .map(|row| row.iter().map(cell_text).collect())
        .collect();
    let lower = |s: &String| s.to_lowercase();
    let header_at = grid.iter().position(|row| {
        let row: Vec<String> = row.iter().map(lower).collect();
        row.contains(&"region".into())
            && row.contains(&"ics".into())
            && (!is_trust
                || (row.contains(&"provider".into()) && row.contains(&"care setting".into())))
    });
    let Some(h) = header_at else {
        return err(format!(
            "sheet {sheet:?} has no header row with Region / ICS{}",
            if is_trust {
                " / Provider / Care Setting"
            } else {
                ""
            }
        ));
    };
    let header: Vec<String> = grid[h].iter().map(lower).collect();
    let col = |name: &str| -> Result<usize, ImportError> {
        header.iter().position(|c| c == name).ok_or_else(|| {
            ImportError(format!(
                "sheet {sheet:?} has no column {name:?} in its header row {}",
                r0 as usize + h + 1
            ))
        })
    };
    let region_col = col("region")?;
    let icb_col = col("ics")?;
    let provider_col = if is_trust {
        Some(col("provider")?)
    } else {
        None
    };
    let setting_col = if is_trust {
        Some(col("care setting")?)
    } else {
        None
    };
    let mut pillar_cols = [0usize; 7];
    if has_pillars {
        for p in Pillar::ALL {
            let names: Vec<String> = std::iter::once(p.label())
                .chain(p.aliases().iter().copied())
                .map(str::to_lowercase)
                .collect();
            pillar_cols[p.index()] =
                header
                    .iter()
                    .position(|c| names.contains(c))
                    .ok_or_else(|| {
                        ImportError(format!(
                            "sheet {sheet:?} has no column for pillar {:?} (or {:?})",
                            p.label(),
                            p.aliases()
                        ))
                    })?;
        }
    }
    let comparable_cols = if has_pillars {
        None
    } else {
        Some((col("2025 average")?, col("2024 average")?))
    };
    let mut used_cols: Vec<usize> = vec![region_col, icb_col];
    used_cols.extend(provider_col);
    used_cols.extend(setting_col);
    if has_pillars {
        used_cols.extend(pillar_cols);
    }
    if let Some((a, b)) = comparable_cols {
        used_cols.extend([a, b]);
    }
    let first_col = c0 + *used_cols.iter().min().expect("columns") as u32;
    let last_col = c0 + *used_cols.iter().max().expect("columns") as u32;

    let mut out = Vec::new();
    for (i, row) in grid.iter().enumerate().skip(h + 1) {
        let get = |c: usize| row.get(c).cloned().unwrap_or_default();
        let name_col = provider_col.unwrap_or(icb_col);
        if get(name_col).is_empty() {
            break;
        }
        let abs_row = r0 + i as u32;
        let at = locator(sheet, abs_row, first_col, last_col);
        let score = |c: usize, what: &str| -> Result<f64, ImportError> {
            let cell = raw[i].get(c);
            let v = match cell {
                Some(Data::Float(f)) => Some(*f),
                Some(Data::Int(n)) => Some(*n as f64),
                Some(Data::String(s)) => s.trim().parse::<f64>().ok(),
                _ => None,
            };
            match v {
                Some(v) if (1.0..=5.0).contains(&v) => Ok(v),
                _ => err(format!(
                    "{} should hold a {what} score from 1 to 5 but holds {:?}; the workbook layout may have changed",
                    locator(sheet, abs_row, c0 + c as u32, c0 + c as u32),
                    get(c)
                )),
            }
        };
        let setting = match setting_col {
            Some(c) => Some(CareSetting::from_label(&get(c)).ok_or_else(|| {
                ImportError(format!("{}: unknown care setting {:?} (expected Acute, Community, Mental Health or Ambulance)", at, get(c)))
            })?),
            None => None,
        };
        let pillars = if has_pillars {
            let mut p = [0.0; 7];
            for pl in Pillar::ALL {
                p[pl.index()] = score(pillar_cols[pl.index()], pl.label())?;
            }
            Some(p)
        } else {
            None
        };
        let comparable = match comparable_cols {
            Some((a, b)) => Some((score(a, "2025 comparable")?, score(b, "2024 comparable")?)),
            None => None,
        };
        if get(region_col).is_empty() || get(icb_col).is_empty() {
            return err(format!("{at}: region or ICS is blank"));
        }
        out.push(TableRow {
            region: get(region_col),
            icb: get(icb_col),
            provider: provider_col.map(get).unwrap_or_default(),
            setting,
            pillars,
            comparable,
            row: abs_row + 1,
            at,
        });
    }
    if out.is_empty() {
        return err(format!("sheet {sheet:?} has a header row but no data rows"));
    }
    Ok((out, locator_template(sheet, first_col, last_col)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_column_letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(10), "K");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn locators_quote_the_sheet_like_excel() {
        assert_eq!(
            locator("SC - 2025 Pillar Summary", 11, 1, 10),
            "'SC - 2025 Pillar Summary'!B12:K12"
        );
        assert_eq!(locator("Bob's", 7, 2, 2), "'Bob''s'!C8");
    }

    #[test]
    fn long_dates() {
        assert_eq!(
            parse_long_date("30 March 2026").as_deref(),
            Some("2026-03-30")
        );
        assert_eq!(
            parse_long_date("1st Sept 2025").as_deref(),
            Some("2025-09-01")
        );
        assert_eq!(parse_long_date("March 2026"), None);
        assert_eq!(parse_long_date("30 Marsh 2026"), None);
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_refused_with_a_reason() {
        let e = import("x.xlsx", b"not a zip", "etr.csv", b"").unwrap_err();
        assert!(e.0.contains("not a readable .xlsx"), "{e}");
    }
}
