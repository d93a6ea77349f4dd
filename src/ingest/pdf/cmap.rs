//! CMaps (ISO 32000 §9.7.5, §9.10.3): `/ToUnicode` maps from character codes to text, and the
//! embedded encoding CMaps of composite fonts (codespace ranges to split a string into codes,
//! CID ranges for widths). Ranges are stored as ranges, not expanded, so a hostile
//! `<0000> <FFFFFFFF>` range costs nothing.

use super::lexer::{Lexer, Token};
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct CMap {
    /// (byte length, low, high) of each codespace range.
    pub codespace: Vec<(usize, u32, u32)>,
    /// Single code (value, byte length) → text.
    chars: HashMap<(u32, usize), String>,
    /// Code range → text, incrementing the last UTF-16 unit of `start` along the range.
    ranges: Vec<(u32, u32, usize, Vec<u16>)>,
    /// Code range → one text per code.
    range_lists: Vec<(u32, u32, usize, Vec<String>)>,
    /// Code range → CID (encoding CMaps).
    cid_ranges: Vec<(u32, u32, u32)>,
}

/// Most mapping entries kept from one CMap.
const MAX_ENTRIES: usize = 200_000;

fn code_value(bytes: &[u8]) -> Option<(u32, usize)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((
        bytes.iter().fold(0u32, |acc, &b| acc << 8 | b as u32),
        bytes.len(),
    ))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                c[0] as u16
            }
        })
        .collect()
}

fn utf16_text(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(data);
        // The operands seen since the last keyword.
        let mut operands: Vec<Operand> = Vec::new();
        let mut entries = 0usize;
        while let Some(token) = lexer.next_token() {
            match token {
                Token::Str(s) => operands.push(Operand::Str(s)),
                Token::Int(i) => operands.push(Operand::Int(i)),
                Token::ArrayStart => {
                    let mut items = Vec::new();
                    while let Some(t) = lexer.next_token() {
                        match t {
                            Token::Str(s) => items.push(s),
                            Token::ArrayEnd => break,
                            _ => {}
                        }
                    }
                    operands.push(Operand::List(items));
                }
                Token::Keyword(k) => {
                    match k {
                        b"endcodespacerange" => {
                            for pair in operands.chunks(2) {
                                if let [Operand::Str(lo), Operand::Str(hi)] = pair {
                                    if let (Some((l, n)), Some((h, _))) =
                                        (code_value(lo), code_value(hi))
                                    {
                                        if cmap.codespace.len() < 64 {
                                            cmap.codespace.push((n, l, h));
                                        }
                                    }
                                }
                            }
                        }
                        b"endbfchar" => {
                            for pair in operands.chunks(2) {
                                if let [Operand::Str(src), Operand::Str(dst)] = pair {
                                    if let Some((code, n)) = code_value(src) {
                                        if entries < MAX_ENTRIES {
                                            cmap.chars
                                                .insert((code, n), utf16_text(&utf16_units(dst)));
                                            entries += 1;
                                        }
                                    }
                                }
                            }
                        }
                        b"endbfrange" => {
                            for triple in operands.chunks(3) {
                                let [Operand::Str(lo), Operand::Str(hi), dst] = triple else {
                                    continue;
                                };
                                let (Some((l, n)), Some((h, _))) = (code_value(lo), code_value(hi))
                                else {
                                    continue;
                                };
                                if h < l || entries >= MAX_ENTRIES {
                                    continue;
                                }
                                match dst {
                                    Operand::Str(d) => cmap.ranges.push((l, h, n, utf16_units(d))),
                                    Operand::List(items) => {
                                        let texts: Vec<String> = items
                                            .iter()
                                            .take((h - l + 1) as usize)
                                            .map(|d| utf16_text(&utf16_units(d)))
                                            .collect();
                                        entries += texts.len();
                                        cmap.range_lists.push((l, h, n, texts));
                                    }
                                    Operand::Int(_) => {}
                                }
                                entries += 1;
                            }
                        }
                        b"endcidrange" => {
                            for triple in operands.chunks(3) {
                                if let [Operand::Str(lo), Operand::Str(hi), Operand::Int(cid)] =
                                    triple
                                {
                                    if let (Some((l, _)), Some((h, _)), Ok(cid)) =
                                        (code_value(lo), code_value(hi), u32::try_from(*cid))
                                    {
                                        if h >= l && entries < MAX_ENTRIES {
                                            cmap.cid_ranges.push((l, h, cid));
                                            entries += 1;
                                        }
                                    }
                                }
                            }
                        }
                        b"endcidchar" => {
                            for pair in operands.chunks(2) {
                                if let [Operand::Str(src), Operand::Int(cid)] = pair {
                                    if let (Some((c, _)), Ok(cid)) =
                                        (code_value(src), u32::try_from(*cid))
                                    {
                                        if entries < MAX_ENTRIES {
                                            cmap.cid_ranges.push((c, c, cid));
                                            entries += 1;
                                        }
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                    // Operands belong to the keyword that follows them; start afresh.
                    operands.clear();
                }
                _ => {}
            }
        }
        // Sorted by first code for binary search (stable: among equal starts, file order).
        cmap.ranges.sort_by_key(|r| r.0);
        cmap.range_lists.sort_by_key(|r| r.0);
        cmap.cid_ranges.sort_by_key(|r| r.0);
        cmap
    }

    /// The text for `code` (of `len` bytes).
    pub fn lookup(&self, code: u32, len: usize) -> Option<String> {
        if let Some(t) = self.chars.get(&(code, len)) {
            return Some(t.clone());
        }
        if let Some((lo, _, _, texts)) =
            find_range(&self.range_lists, code, |r| (r.0, r.1, r.2 == len))
        {
            return texts.get((code - lo) as usize).cloned();
        }
        if let Some((lo, _, _, start)) = find_range(&self.ranges, code, |r| (r.0, r.1, r.2 == len))
        {
            let mut units = start.clone();
            if let Some(last) = units.last_mut() {
                *last = last.wrapping_add((code - lo) as u16);
            }
            return Some(utf16_text(&units));
        }
        None
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty() && self.range_lists.is_empty()
    }

    /// The CID for `code` in an encoding CMap.
    pub fn cid(&self, code: u32) -> Option<u32> {
        find_range(&self.cid_ranges, code, |r| (r.0, r.1, true))
            .map(|(lo, _, cid)| cid.saturating_add(code - lo))
    }

    /// Split `bytes` into codes using the codespace ranges (or fixed `default_len` bytes when
    /// there are none): returns (code, byte length) pairs.
    pub fn split(&self, bytes: &[u8], default_len: usize) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let mut taken = None;
            if !self.codespace.is_empty() {
                for len in 1..=4usize {
                    if i + len > bytes.len() {
                        break;
                    }
                    let (code, _) = code_value(&bytes[i..i + len]).unwrap_or((0, len));
                    if self
                        .codespace
                        .iter()
                        .any(|&(n, lo, hi)| n == len && code >= lo && code <= hi)
                    {
                        taken = Some((code, len));
                        break;
                    }
                }
            }
            let (code, len) = taken.unwrap_or_else(|| {
                let len = default_len.clamp(1, 4).min(bytes.len() - i);
                code_value(&bytes[i..i + len]).unwrap_or((0, len))
            });
            out.push((code, len));
            i += len;
        }
        out
    }
}

/// The range containing `code` in `ranges` (sorted by start), looking back over a few
/// overlapping candidates: O(log n) however many ranges a hostile CMap declares.
fn find_range<T>(ranges: &[T], code: u32, key: impl Fn(&T) -> (u32, u32, bool)) -> Option<&T> {
    let i = ranges.partition_point(|r| key(r).0 <= code);
    ranges[..i].iter().rev().take(16).find(|r| {
        let (lo, hi, ok) = key(r);
        ok && lo <= code && code <= hi
    })
}

enum Operand {
    Str(Vec<u8>),
    Int(i64),
    List(Vec<Vec<u8>>),
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0011> <00A3> endbfchar
        2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0066006C> <0066>] endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_and_bfrange() {
        let m = CMap::parse(TO_UNICODE);
        assert_eq!(m.lookup(0x11, 2).as_deref(), Some("£"));
        assert_eq!(m.lookup(0x25, 2).as_deref(), Some("B"));
        assert_eq!(m.lookup(0x30, 2).as_deref(), Some("fl"));
        assert_eq!(m.lookup(0x31, 2).as_deref(), Some("f"));
        assert_eq!(m.lookup(0x99, 2), None);
        assert_eq!(m.split(&[0, 0x11, 0, 0x24], 1), vec![(0x11, 2), (0x24, 2)]);
    }

    #[test]
    fn huge_ranges_are_not_expanded() {
        let m = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(m.lookup(1, 4).as_deref(), Some("B"));
    }

    #[test]
    fn cid_ranges() {
        let m = CMap::parse(b"1 begincodespacerange <00> <FF> endcodespacerange 1 begincidrange <20> <7E> 1 endcidrange");
        assert_eq!(m.cid(0x41), Some(34));
        assert_eq!(m.split(b"AB", 2), vec![(0x41, 1), (0x42, 1)]);
    }
}
