//! The ODS half of `foi-lens import-dma`: read NHS England's ODS "etr" trust list (a CSV with
//! no header row) and tie its organisations to the workbook's trusts, by name, by a similar name
//! in the same region, or, for closed organisations, by a shared headquarters postcode. Native
//! only.

use super::data::{IcbRecord, OdsLink, OdsRecord, TrustRecord};
use super::import::ImportError;
use super::normalise::{name_key, normalise_postcode, NameKey};
use super::similarity::{weighted_dice, TokenWeights};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Lowest similarity at which a workbook name and a differently spelt ODS name in the same region
/// are taken to be one trust (renamed between the assessment and the ODS extract).
const SIMILAR_NAME_MIN: f64 = 0.6;
/// ... and the best candidate must beat the second by this much.
const SIMILAR_NAME_MARGIN: f64 = 0.15;

fn err<T>(msg: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(msg.into()))
}

/// One row of etr.csv (NHS trusts; no header row; 27 columns).
pub(super) struct OdsRow {
    code: String,
    name: String,
    grouping: String,
    address: Vec<String>,
    postcode: String,
    closed: Option<String>,
}

pub(super) fn read_ods(bytes: &[u8], name: &str) -> Result<Vec<OdsRow>, ImportError> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| ImportError(format!("{name} is not UTF-8 text")))?;
    let records = parse_csv(text).map_err(|e| ImportError(format!("{name}: {e}")))?;
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if r.len() < 12 {
            return err(format!(
                "{name} line {}: {} columns, expected the ODS etr layout (code, name, grouping, \
                 geography, 5 address lines, postcode, open date, close date, ...)",
                i + 1,
                r.len()
            ));
        }
        let date = |s: &str| -> Result<Option<String>, ImportError> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return err(format!("{name} line {}: date {s:?} is not YYYYMMDD", i + 1));
            }
            Ok(Some(format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..])))
        };
        let postcode = normalise_postcode(&r[9]).unwrap_or_else(|| r[9].trim().to_string());
        out.push(OdsRow {
            code: r[0].trim().to_string(),
            name: r[1].split_whitespace().collect::<Vec<_>>().join(" "),
            grouping: r[2].trim().to_string(),
            address: r[4..=8]
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            postcode,
            closed: {
                date(&r[10])?; // checked, not kept: matching needs only the close date
                date(&r[11])?
            },
        });
    }
    if out.is_empty() {
        return err(format!("{name} has no rows"));
    }
    Ok(out)
}

/// A small RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes.
pub(crate) fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    let mut line = 1;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                line += 1;
                record.push(std::mem::take(&mut field));
                if !(record.len() == 1 && record[0].is_empty()) {
                    records.push(std::mem::take(&mut record));
                }
                record.clear();
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(format!("unterminated quoted field (line {line})"));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

/// Tie ODS organisations to dataset trusts (see [`OdsLink`]) and fill `trusts[i].ods`.
pub(super) fn link_ods(
    ods_rows: &[OdsRow],
    trusts: &mut [TrustRecord],
    icbs: &[IcbRecord],
    regions: &[String],
    log: &mut Vec<String>,
) -> Vec<OdsRecord> {
    let trust_keys: Vec<NameKey> = trusts.iter().map(|t| name_key(&t.name)).collect();
    let ods_keys: Vec<NameKey> = ods_rows.iter().map(|o| name_key(&o.name)).collect();
    let mut link: Vec<Option<(usize, OdsLink)>> = vec![None; ods_rows.len()];

    // 1. Same name. Where an open and a closed organisation share a name, the open one is the
    //    trust's code.
    for (t, tk) in trust_keys.iter().enumerate() {
        let same: Vec<usize> = (0..ods_rows.len())
            .filter(|&o| ods_keys[o] == *tk)
            .collect();
        for &o in &same {
            link[o] = Some((t, OdsLink::Name));
        }
        let code = same
            .iter()
            .find(|&&o| ods_rows[o].closed.is_none())
            .or_else(|| same.first())
            .map(|&o| ods_rows[o].code.clone());
        trusts[t].ods = code;
    }

    // Which ODS grouping code means which workbook region, learnt from the same-name links.
    let mut votes: BTreeMap<&str, BTreeMap<usize, usize>> = BTreeMap::new();
    for (o, l) in link.iter().enumerate() {
        if let Some((t, _)) = l {
            *votes
                .entry(ods_rows[o].grouping.as_str())
                .or_default()
                .entry(icbs[trusts[*t].icb].region)
                .or_insert(0) += 1;
        }
    }
    let region_of_grouping: HashMap<&str, usize> = votes
        .iter()
        .filter_map(|(g, v)| v.iter().max_by_key(|(_, n)| **n).map(|(r, _)| (*g, *r)))
        .collect();

    // 2. Similar name in the same region, unique and mutual, among those still unlinked.
    let weights = TokenWeights::from_keys(trust_keys.iter().chain(ods_keys.iter()));
    let unlinked_trusts: Vec<usize> = (0..trusts.len())
        .filter(|&t| trusts[t].ods.is_none())
        .collect();
    let open_unlinked: Vec<usize> = (0..ods_rows.len())
        .filter(|&o| link[o].is_none() && ods_rows[o].closed.is_none())
        .collect();
    let trust_region: Vec<usize> = trusts.iter().map(|t| icbs[t.icb].region).collect();
    let same_region = |t: usize, o: usize| {
        region_of_grouping.get(ods_rows[o].grouping.as_str()) == Some(&trust_region[t])
    };
    let best_two = |scores: Vec<(usize, f64)>| {
        let mut s = scores;
        s.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        (s.first().copied(), s.get(1).map(|x| x.1).unwrap_or(0.0))
    };
    for &t in &unlinked_trusts {
        let (best, second) = best_two(
            open_unlinked
                .iter()
                .filter(|&&o| same_region(t, o))
                .map(|&o| (o, weighted_dice(&trust_keys[t], &ods_keys[o], &weights)))
                .collect(),
        );
        let Some((o, score)) = best else { continue };
        if score < SIMILAR_NAME_MIN || score - second < SIMILAR_NAME_MARGIN {
            continue;
        }
        // Mutual: the ODS organisation's best trust among the unlinked is this one.
        let (back, _) = best_two(
            unlinked_trusts
                .iter()
                .filter(|&&t2| same_region(t2, o))
                .map(|&t2| (t2, weighted_dice(&ods_keys[o], &trust_keys[t2], &weights)))
                .collect(),
        );
        if back.map(|b| b.0) != Some(t) {
            continue;
        }
        link[o] = Some((t, OdsLink::SimilarName));
        trusts[t].ods = Some(ods_rows[o].code.clone());
        log.push(format!(
            "linked {:?} to ODS {} {:?} by similar name (score {score:.2}, same region)",
            trusts[t].name, ods_rows[o].code, ods_rows[o].name
        ));
    }

    // 3. Closed organisations whose headquarters postcode is now exactly one trust's.
    for o in 0..ods_rows.len() {
        if link[o].is_some() || ods_rows[o].closed.is_none() {
            continue;
        }
        let heirs: BTreeSet<usize> = (0..ods_rows.len())
            .filter(|&p| {
                p != o
                    && ods_rows[p].postcode == ods_rows[o].postcode
                    && ods_rows[p].closed.is_none()
            })
            .filter_map(|p| link[p].map(|(t, _)| t))
            .collect();
        if heirs.len() == 1 {
            let t = *heirs.iter().next().expect("one");
            link[o] = Some((t, OdsLink::SharedPostcode));
            log.push(format!(
                "ODS {} {:?} (closed {}) taken as a former name of {:?}: same headquarters postcode {}",
                ods_rows[o].code,
                ods_rows[o].name,
                ods_rows[o].closed.as_deref().unwrap_or("?"),
                trusts[t].name,
                ods_rows[o].postcode
            ));
        }
    }

    for t in trusts.iter().filter(|t| t.ods.is_none()) {
        log.push(format!(
            "no ODS code for {:?} ({}): not in the ODS list under this or a similar name",
            t.name, regions[icbs[t.icb].region]
        ));
    }
    let linked = link.iter().filter(|l| l.is_some()).count();
    log.push(format!(
        "ODS list: {} organisations, {} tied to a dataset trust, {} of {} trusts have an ODS code",
        ods_rows.len(),
        linked,
        trusts.iter().filter(|t| t.ods.is_some()).count(),
        trusts.len()
    ));

    ods_rows
        .iter()
        .zip(link)
        .map(|(o, l)| OdsRecord {
            code: o.code.clone(),
            name: o.name.clone(),
            address: o.address.clone(),
            postcode: o.postcode.clone(),
            closed: o.closed.clone(),
            trust: l.map(|(t, _)| t),
            link: l.map(|(_, k)| k),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_handles_quotes_commas_and_blank_lines() {
        let rows = parse_csv("\"A\",\"B, C\",\"say \"\"hi\"\"\"\r\n\n1,,3\n").unwrap();
        assert_eq!(
            rows,
            vec![vec!["A", "B, C", "say \"hi\""], vec!["1", "", "3"]]
        );
        assert!(parse_csv("\"open").is_err());
    }
}
