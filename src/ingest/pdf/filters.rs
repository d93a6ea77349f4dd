//! Stream filters (ISO 32000 §7.4) needed for text: Flate (with PNG/TIFF predictors), LZW,
//! ASCIIHex, ASCII85 and RunLength. Every decoder writes into a [`Budget`] shared by the whole
//! document, so a stream that inflates 1000:1 stops at the limit instead of exhausting memory.
//! Image filters (DCT, JPX, CCITT, JBIG2) are not decoded: text never needs them.

use super::lexer::{Dict, Object};

#[derive(Debug, PartialEq)]
pub enum FilterError {
    /// The document's decoded streams together passed the limit.
    OverBudget,
    /// A filter this reader does not implement (images only, in practice).
    Unsupported(String),
}

/// Decoded bytes still allowed for the document.
pub struct Budget {
    pub remaining: u64,
}

impl Budget {
    fn take(&mut self, n: usize) -> Result<(), FilterError> {
        if n as u64 > self.remaining {
            self.remaining = 0;
            return Err(FilterError::OverBudget);
        }
        self.remaining -= n as u64;
        Ok(())
    }
}

/// The filter names and their parameters from a stream dictionary (`/Filter`, `/DecodeParms`),
/// with indirect references already resolved by `resolve`.
pub fn chain(
    dict: &Dict,
    resolve: &dyn Fn(&Object) -> Object,
) -> (Vec<Vec<u8>>, Vec<Option<Dict>>) {
    let filters = match dict.get(b"Filter").map(resolve) {
        Some(Object::Name(n)) => vec![n],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|f| resolve(f).as_name().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    let params: Vec<Option<Dict>> = match dict
        .get(b"DecodeParms")
        .or_else(|| dict.get(b"DP"))
        .map(resolve)
    {
        Some(Object::Dict(d)) => vec![Some(d)],
        Some(Object::Array(a)) => a.iter().map(|p| resolve(p).as_dict().cloned()).collect(),
        _ => Vec::new(),
    };
    (filters, params)
}

/// Apply `filters` (with `params`, from [`chain`]) to `data`.
pub fn decode(
    filters: &[Vec<u8>],
    params: &[Option<Dict>],
    data: Vec<u8>,
    budget: &mut Budget,
) -> Result<Vec<u8>, FilterError> {
    let mut data = data;
    for (i, filter) in filters.iter().enumerate() {
        let p = params.get(i).cloned().flatten();
        data = match filter.as_slice() {
            b"FlateDecode" | b"Fl" => predict(inflate(&data, budget)?, p.as_ref(), budget)?,
            b"LZWDecode" | b"LZW" => {
                let early = p
                    .as_ref()
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Object::as_int)
                    .unwrap_or(1)
                    != 0;
                predict(lzw(&data, early, budget)?, p.as_ref(), budget)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"ASCII85Decode" | b"A85" => ascii85(&data),
            b"RunLengthDecode" | b"RL" => run_length(&data, budget)?,
            b"Crypt" => data, // identity crypt filter; real decryption happens before filters
            other => {
                return Err(FilterError::Unsupported(
                    String::from_utf8_lossy(other).into_owned(),
                ))
            }
        };
    }
    Ok(data)
}

/// zlib/deflate, tolerating what viewers tolerate: a missing zlib header, a corrupt checksum,
/// truncated data (keep what was inflated).
fn inflate(input: &[u8], budget: &mut Budget) -> Result<Vec<u8>, FilterError> {
    let zlib = input.len() >= 2
        && input[0] & 0x0F == 8
        && (u16::from(input[0]) << 8 | u16::from(input[1])) % 31 == 0;
    let out = inflate_with(input, zlib, budget)?;
    if out.is_empty() && zlib {
        return inflate_with(input, false, budget);
    }
    Ok(out)
}

fn inflate_with(input: &[u8], zlib: bool, budget: &mut Budget) -> Result<Vec<u8>, FilterError> {
    use flate2::{Decompress, FlushDecompress, Status};
    let limit = usize::try_from(budget.remaining).unwrap_or(usize::MAX);
    let mut d = Decompress::new(zlib);
    let mut out: Vec<u8> = Vec::new();
    out.reserve_exact(
        (input.len().saturating_mul(4))
            .clamp(4096, 1 << 20)
            .min(limit.max(1)),
    );
    loop {
        if out.len() == out.capacity() {
            // Grow by doubling, but never past what the budget allows: the capacity is the
            // memory actually taken, so it is what must stay bounded.
            if out.len() >= limit {
                budget.remaining = 0;
                return Err(FilterError::OverBudget);
            }
            let target = out.capacity().saturating_mul(2).min(limit);
            out.reserve_exact(target - out.len());
        }
        let before_in = d.total_in();
        let before_out = d.total_out();
        let consumed = (before_in as usize).min(input.len());
        let status = d.decompress_vec(&input[consumed..], &mut out, FlushDecompress::None);
        match status {
            Ok(Status::StreamEnd) => break,
            Ok(_) => {
                let progressed = d.total_in() != before_in || d.total_out() != before_out;
                if !progressed && out.len() < out.capacity() {
                    break; // input exhausted (truncated stream): keep what we have
                }
            }
            Err(_) => break, // corrupt data: keep what was inflated so far
        }
    }
    budget.take(out.len())?;
    Ok(out)
}

/// PNG (10–15) and TIFF (2) predictors, as used by xref streams and some images.
fn predict(
    data: Vec<u8>,
    params: Option<&Dict>,
    budget: &mut Budget,
) -> Result<Vec<u8>, FilterError> {
    let Some(p) = params else { return Ok(data) };
    let int = |k: &[u8], default: i64| p.get(k).and_then(Object::as_int).unwrap_or(default);
    let predictor = int(b"Predictor", 1);
    if predictor < 2 {
        return Ok(data);
    }
    let colors = int(b"Colors", 1).clamp(1, 32) as usize;
    let bits = int(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = int(b"Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bits).div_ceil(8).max(1);
    let row_len = (colors * bits * columns).div_ceil(8);
    if predictor == 2 {
        if bits != 8 {
            return Ok(data);
        }
        let mut out = data;
        for row in out.chunks_mut(row_len.max(1)) {
            for i in bpp..row.len() {
                row[i] = row[i].wrapping_add(row[i - bpp]);
            }
        }
        return Ok(out);
    }
    // PNG: each row starts with a filter-type byte.
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row_len];
    for chunk in data.chunks(row_len + 1) {
        let (kind, row) = match chunk.split_first() {
            Some((k, r)) => (*k, r),
            None => break,
        };
        let mut cur = row.to_vec();
        cur.resize(row_len, 0);
        for i in 0..row_len {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prev[i];
            let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = match kind {
                1 => cur[i].wrapping_add(left),
                2 => cur[i].wrapping_add(up),
                3 => cur[i].wrapping_add(((left as u16 + up as u16) / 2) as u8),
                4 => cur[i].wrapping_add(paeth(left, up, up_left)),
                _ => cur[i],
            };
        }
        budget.take(0)?;
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = (
        (p - a as i16).abs(),
        (p - b as i16).abs(),
        (p - c as i16).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn lzw(input: &[u8], early_change: bool, budget: &mut Budget) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b]).collect();
    table.push(Vec::new()); // 256 clear
    table.push(Vec::new()); // 257 end
    let mut width = 9;
    let mut prev: Option<Vec<u8>> = None;
    let (mut acc, mut nbits) = (0u32, 0u32);
    for &byte in input {
        acc = acc << 8 | byte as u32;
        nbits += 8;
        while nbits >= width {
            let code = ((acc >> (nbits - width)) & ((1 << width) - 1)) as usize;
            nbits -= width;
            if code == 256 {
                table.truncate(258);
                width = 9;
                prev = None;
                continue;
            }
            if code == 257 {
                return Ok(out);
            }
            let entry = if code < table.len() {
                table[code].clone()
            } else if let Some(p) = &prev {
                let mut e = p.clone();
                e.push(p[0]);
                e
            } else {
                return Ok(out); // corrupt: stop
            };
            budget.take(entry.len())?;
            out.extend_from_slice(&entry);
            if let Some(mut p) = prev.take() {
                if table.len() < 4096 {
                    p.push(entry[0]);
                    table.push(p);
                }
            }
            prev = Some(entry);
            let next = table.len() + usize::from(early_change);
            width = if next >= 2048 {
                12
            } else if next >= 1024 {
                11
            } else if next >= 512 {
                10
            } else {
                9
            };
        }
    }
    Ok(out)
}

fn ascii_hex(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2);
    let mut high: Option<u8> = None;
    for &c in input {
        if c == b'>' {
            break;
        }
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => continue,
        };
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

fn ascii85(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() * 4 / 5);
    let mut group = [0u8; 5];
    let mut n = 0;
    let body = input.strip_prefix(b"<~").unwrap_or(input);
    for &c in body {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |acc, &d| acc * 85 + d as u64);
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |acc, &d| acc * 85 + d as u64);
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    out
}

fn run_length(input: &[u8], budget: &mut Budget) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < input.len() {
        let len = input[i];
        i += 1;
        match len {
            128 => break,
            0..=127 => {
                let n = len as usize + 1;
                let end = (i + n).min(input.len());
                budget.take(end - i)?;
                out.extend_from_slice(&input[i..end]);
                i = end;
            }
            _ => {
                let n = 257 - len as usize;
                if let Some(&b) = input.get(i) {
                    budget.take(n)?;
                    out.extend(std::iter::repeat_n(b, n));
                }
                i += 1;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big() -> Budget {
        Budget { remaining: 1 << 30 }
    }

    fn deflate(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn flate_roundtrip_and_truncation() {
        let text = b"BT /F1 12 Tf (Capital & Revenue Cost) Tj ET".repeat(50);
        let z = deflate(&text);
        assert_eq!(inflate(&z, &mut big()).unwrap(), text);
        let part = inflate(&z[..z.len() / 2], &mut big()).unwrap();
        assert!(!part.is_empty() && text.starts_with(&part));
    }

    #[test]
    fn a_deflate_bomb_stops_at_the_budget() {
        let z = deflate(&vec![0u8; 50 << 20]);
        let mut budget = Budget { remaining: 8 << 20 };
        assert_eq!(inflate(&z, &mut budget), Err(FilterError::OverBudget));
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6C6c 6F>"), b"Hello");
        assert_eq!(ascii85(b"<~87cURD]i,\"Ebo80~>"), b"Hello World!");
        assert_eq!(ascii85(b"87cURD]i,\"Ebo7~>"), b"Hello World");
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], &mut big()).unwrap(),
            b"abcxxx"
        );
    }

    #[test]
    fn lzw_example_from_the_pdf_specification() {
        let encoded = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(lzw(&encoded, true, &mut big()).unwrap(), b"-----A---B");
    }

    #[test]
    fn png_up_predictor() {
        let mut p = Dict::default();
        p.0.push((b"Predictor".to_vec(), Object::Int(12)));
        p.0.push((b"Columns".to_vec(), Object::Int(3)));
        let data = vec![2, 1, 2, 3, 2, 1, 1, 1];
        assert_eq!(
            predict(data, Some(&p), &mut big()).unwrap(),
            vec![1, 2, 3, 2, 3, 4]
        );
    }
}
