//! Fonts as far as text extraction needs them (ISO 32000 §9.5–9.10): how a shown string splits
//! into character codes, what text each code stands for, and how wide each glyph is (for
//! positions, which decide spaces, TABs and lines).
//!
//! Text comes from `/ToUnicode` when present (what office software writes), else from the
//! encoding: a base encoding plus `/Differences` glyph names for simple fonts, the built-in
//! encoding of an embedded Type 1 program, or UCS-2 for the predefined `Uni…-UCS2` CMaps.
//! Codes that nothing maps are counted so a PDF whose fonts say nothing about their letters
//! can be reported as such instead of yielding garbage.

use super::cmap::CMap;
use super::encoding::{glyph_text, BaseEncoding};
use super::file::Pdf;
use super::lexer::{Dict, Object};

pub struct Font {
    composite: bool,
    to_unicode: Option<CMap>,
    /// Composite fonts: the encoding CMap (codespace, CIDs); `None` for Identity-H/V.
    encoding_cmap: Option<CMap>,
    /// Composite fonts whose predefined CMap maps codes straight to UCS-2 / UTF-16.
    ucs2: bool,
    /// Simple fonts: text per code from the encoding (before `/ToUnicode`).
    simple_text: Vec<Option<String>>,
    /// Simple fonts: widths per code in text-space units (1 = the font size).
    simple_widths: Vec<Option<f64>>,
    /// Composite fonts: (first CID, last CID, width) from `/W`.
    cid_widths: Vec<(u32, u32, f64)>,
    default_width: f64,
    /// Width of a space in text-space units (for gap thresholds).
    pub space_width: f64,
}

/// One glyph of a shown string.
pub struct Glyph {
    /// Its text; empty when the font does not say (see [`Glyph::mapped`]).
    pub text: String,
    /// Advance width in text-space units (multiply by the font size).
    pub width: f64,
    /// A single-byte code 32: word spacing (`Tw`) applies.
    pub word_space: bool,
    /// Whether the text came from a map rather than being unknown.
    pub mapped: bool,
}

impl Font {
    /// The font of a font dictionary.
    pub fn load(pdf: &Pdf<'_>, dict: &Dict) -> Font {
        let subtype = pdf.get(dict, b"Subtype");
        let to_unicode = match pdf.get(dict, b"ToUnicode") {
            Object::Stream(s) => pdf
                .decode_stream(&s)
                .ok()
                .map(|d| CMap::parse(&d))
                .filter(|m| !m.is_empty()),
            _ => None,
        };
        if subtype.as_name() == Some(b"Type0") {
            Self::load_composite(pdf, dict, to_unicode)
        } else {
            Self::load_simple(pdf, dict, to_unicode, subtype.as_name() == Some(b"Type3"))
        }
    }

    fn load_simple(pdf: &Pdf<'_>, dict: &Dict, to_unicode: Option<CMap>, type3: bool) -> Font {
        let base_font = pdf
            .get(dict, b"BaseFont")
            .as_name()
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        let descriptor = pdf.get(dict, b"FontDescriptor");
        let descriptor = descriptor.as_dict();
        let flags = descriptor
            .map(|d| pdf.get(d, b"Flags"))
            .and_then(|f| f.as_int())
            .unwrap_or(0);
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        // Glyph space → text space: 1/1000 for ordinary fonts, /FontMatrix for Type 3.
        let scale = if type3 {
            match pdf.get(dict, b"FontMatrix") {
                Object::Array(m) => m
                    .first()
                    .and_then(Object::as_f64)
                    .filter(|s| s.is_finite() && s.abs() > 1e-9 && s.abs() < 1.0)
                    .unwrap_or(0.001),
                _ => 0.001,
            }
        } else {
            0.001
        };

        // Encoding: base + Differences; the font program's own encoding when none is named.
        let encoding = pdf.get(dict, b"Encoding");
        let (mut base, differences) = match &encoding {
            Object::Name(n) => (BaseEncoding::from_name(n), None),
            Object::Dict(d) => (
                pdf.get(d, b"BaseEncoding")
                    .as_name()
                    .and_then(BaseEncoding::from_name),
                pdf.get(d, b"Differences")
                    .as_array()
                    .map(<[Object]>::to_vec),
            ),
            _ => (None, None),
        };
        let mut builtin: Vec<Option<String>> = Vec::new();
        if base.is_none() {
            if let Some(Object::Stream(program)) = descriptor.map(|d| pdf.get(d, b"FontFile")) {
                builtin = type1_builtin_encoding(&pdf.decode_stream(&program).unwrap_or_default());
            }
            let name = String::from_utf8_lossy(&base_font);
            base = Some(
                if name.contains("Symbol") || name.contains("Dingbats") || symbolic {
                    BaseEncoding::Symbolic
                } else if pdf.get(dict, b"Subtype").as_name() == Some(b"TrueType") {
                    BaseEncoding::WinAnsi
                } else {
                    BaseEncoding::Standard
                },
            );
        }
        let base = base.unwrap_or(BaseEncoding::Standard);
        let mut simple_text: Vec<Option<String>> = (0..=255u8)
            .map(|c| {
                builtin
                    .get(c as usize)
                    .cloned()
                    .flatten()
                    .or_else(|| base.char_for(c).map(String::from))
            })
            .collect();
        if let Some(diffs) = differences {
            let mut code: i64 = 0;
            for item in diffs.iter().map(|o| pdf.resolve(o)) {
                match item {
                    Object::Int(c) => code = c,
                    Object::Name(name) => {
                        if (0..256).contains(&code) {
                            simple_text[code as usize] = glyph_text(&name);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }

        // Widths.
        let first = pdf.get(dict, b"FirstChar").as_int().unwrap_or(0);
        let mut simple_widths = vec![None; 256];
        if let Object::Array(ws) = pdf.get(dict, b"Widths") {
            for (i, w) in ws.iter().enumerate().take(256) {
                let code = first + i as i64;
                if (0..256).contains(&code) {
                    if let Some(w) = pdf.resolve(w).as_f64() {
                        simple_widths[code as usize] = Some(w * scale);
                    }
                }
            }
        }
        let missing = descriptor
            .and_then(|d| pdf.get(d, b"MissingWidth").as_f64())
            .filter(|w| *w > 0.0)
            .map(|w| w * scale);
        let is_mono = String::from_utf8_lossy(&base_font).contains("Courier") || flags & 1 != 0;
        let default_width = missing.unwrap_or(if is_mono { 0.6 } else { 0.5 });
        let space_width = simple_widths[32]
            .filter(|w| *w > 0.0)
            .unwrap_or(if is_mono { 0.6 } else { 0.25 });
        Font {
            composite: false,
            to_unicode,
            encoding_cmap: None,
            ucs2: false,
            simple_text,
            simple_widths,
            cid_widths: Vec::new(),
            default_width,
            space_width,
        }
    }

    fn load_composite(pdf: &Pdf<'_>, dict: &Dict, to_unicode: Option<CMap>) -> Font {
        let (encoding_cmap, ucs2) = match pdf.get(dict, b"Encoding") {
            Object::Name(n) => {
                let name = String::from_utf8_lossy(&n);
                (None, name.contains("UCS2") || name.contains("UTF16"))
            }
            Object::Stream(s) => (pdf.decode_stream(&s).ok().map(|d| CMap::parse(&d)), false),
            _ => (None, false),
        };
        let descendant = match pdf.get(dict, b"DescendantFonts") {
            Object::Array(a) => a
                .first()
                .map(|d| pdf.resolve(d))
                .and_then(|d| d.as_dict().cloned())
                .unwrap_or_default(),
            other => other.as_dict().cloned().unwrap_or_default(),
        };
        let default_width = pdf.get(&descendant, b"DW").as_f64().unwrap_or(1000.0) / 1000.0;
        let mut cid_widths = Vec::new();
        if let Object::Array(w) = pdf.get(&descendant, b"W") {
            let items: Vec<Object> = w.iter().map(|o| pdf.resolve(o)).collect();
            let mut i = 0;
            while i < items.len() && cid_widths.len() < 100_000 {
                let Some(first) = items[i].as_int().and_then(|v| u32::try_from(v).ok()) else {
                    i += 1;
                    continue;
                };
                match items.get(i + 1) {
                    Some(Object::Array(list)) => {
                        for (k, w) in list.iter().enumerate().take(65_536) {
                            if let Some(w) = pdf.resolve(w).as_f64() {
                                let cid = first.saturating_add(k as u32);
                                cid_widths.push((cid, cid, w / 1000.0));
                            }
                        }
                        i += 2;
                    }
                    Some(last) => {
                        if let (Some(last), Some(w)) = (
                            last.as_int().and_then(|v| u32::try_from(v).ok()),
                            items.get(i + 2).and_then(Object::as_f64),
                        ) {
                            cid_widths.push((first, last, w / 1000.0));
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
        cid_widths.sort_by_key(|&(lo, _, _)| lo);
        let mut font = Font {
            composite: true,
            to_unicode,
            encoding_cmap,
            ucs2,
            simple_text: Vec::new(),
            simple_widths: Vec::new(),
            cid_widths,
            default_width,
            space_width: 0.25,
        };
        // The space width: the width of whatever code maps to " ", if the ToUnicode map says.
        font.space_width = font.space_width_from_map().unwrap_or(0.25);
        font
    }

    fn space_width_from_map(&self) -> Option<f64> {
        let map = self.to_unicode.as_ref()?;
        for code in 0u32..=0x00FF {
            if map.lookup(code, 2).as_deref() == Some(" ") {
                return Some(self.cid_width(self.cid_of(code))).filter(|w| *w > 0.0);
            }
        }
        None
    }

    fn cid_of(&self, code: u32) -> u32 {
        match &self.encoding_cmap {
            Some(m) => m.cid(code).unwrap_or(code),
            None => code,
        }
    }

    fn cid_width(&self, cid: u32) -> f64 {
        let i = self.cid_widths.partition_point(|&(lo, _, _)| lo <= cid);
        // Ranges may overlap; look back over a few candidates.
        for &(lo, hi, w) in self.cid_widths[..i].iter().rev().take(8) {
            if lo <= cid && cid <= hi {
                return w;
            }
        }
        self.default_width
    }

    /// The glyphs a shown string draws.
    pub fn glyphs(&self, bytes: &[u8]) -> Vec<Glyph> {
        if !self.composite {
            return bytes
                .iter()
                .map(|&b| {
                    let from_map = self.to_unicode.as_ref().and_then(|m| m.lookup(b as u32, 1));
                    let text =
                        from_map.or_else(|| self.simple_text.get(b as usize).cloned().flatten());
                    let width = self
                        .simple_widths
                        .get(b as usize)
                        .copied()
                        .flatten()
                        .unwrap_or(self.default_width);
                    Glyph {
                        mapped: text.is_some(),
                        text: text.unwrap_or_default(),
                        width,
                        word_space: b == 32,
                    }
                })
                .collect();
        }
        let codes = match &self.encoding_cmap {
            Some(m) => m.split(bytes, 2),
            None => CMap::default().split(bytes, 2),
        };
        codes
            .into_iter()
            .map(|(code, len)| {
                let from_map = self.to_unicode.as_ref().and_then(|m| m.lookup(code, len));
                let text = from_map.or_else(|| {
                    if self.ucs2 {
                        char::from_u32(code).map(String::from)
                    } else {
                        None
                    }
                });
                let width = self.cid_width(self.cid_of(code));
                Glyph {
                    mapped: text.is_some(),
                    text: text.unwrap_or_default(),
                    width,
                    word_space: len == 1 && code == 32,
                }
            })
            .collect()
    }
}

/// The `dup <code> /<name> put` entries of an embedded Type 1 font's clear-text part.
fn type1_builtin_encoding(program: &[u8]) -> Vec<Option<String>> {
    let head = &program[..program.len().min(64 * 1024)];
    let mut table = vec![None; 256];
    let mut found = false;
    let text = String::from_utf8_lossy(head);
    let mut words = text.split_ascii_whitespace().peekable();
    while let Some(w) = words.next() {
        if w == "eexec" {
            break;
        }
        if w != "dup" {
            continue;
        }
        let (Some(code), Some(name)) = (words.next(), words.next()) else {
            break;
        };
        if let (Ok(code), Some(name)) = (code.parse::<usize>(), name.strip_prefix('/')) {
            if code < 256 {
                table[code] = glyph_text(name.as_bytes());
                found = true;
            }
        }
    }
    if found {
        table
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type1_builtin_encoding_from_the_clear_text() {
        let program = b"%!PS-AdobeFont-1.0 /Encoding 256 array 0 1 255 {1 index exch /.notdef put} for dup 65 /A put dup 163 /sterling put readonly def currentfile eexec \x00\x01";
        let t = type1_builtin_encoding(program);
        assert_eq!(t[65].as_deref(), Some("A"));
        assert_eq!(t[163].as_deref(), Some("£"));
        assert_eq!(t[66], None);
    }
}
