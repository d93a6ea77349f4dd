//! Content streams (ISO 32000 §8–9): run the text and graphics-state operators of a page (and
//! the form XObjects it draws) and collect every word with its position on the page, in a frame
//! where its text runs left to right. Images are only measured, to tell scans from documents.
//!
//! Words are split where a space glyph is drawn or where the next glyph does not start where
//! the previous one ended; the layout step decides which gaps are spaces, TABs or new lines.
//! Text drawn invisibly (render mode 3) is kept: it is the text layer of OCR'd scans.

use super::file::Pdf;
use super::font::Font;
use super::lexer::{Dict, Lexer, Object, Token};
use std::collections::HashMap;
use std::rc::Rc;

/// Deepest nesting of form XObjects drawn inside each other.
const MAX_FORM_DEPTH: usize = 12;
/// Deepest `q` nesting honoured (deeper saves are ignored, their restores too).
const MAX_SAVE_DEPTH: usize = 256;
/// Most operators run per document, so a pathological content stream ends in bounded time.
pub const MAX_OPERATORS: u64 = 20_000_000;
/// Most words kept per document.
pub const MAX_WORDS: usize = 3_000_000;

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` (PDF row-vector convention: apply `a`, then `b`).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// A word on the page, in its reading frame (see the module comment).
#[derive(Clone, Debug)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Baseline, increasing upwards.
    pub y: f64,
    /// Font size on the page.
    pub size: f64,
    /// Width of a space in this font on the page.
    pub space: f64,
    /// A space glyph was drawn right before this word.
    pub space_before: bool,
    /// Reading direction in quarter turns counter-clockwise (0 = normal).
    pub quadrant: u8,
}

/// What one page draws, for extraction and scan detection.
#[derive(Default)]
pub struct PageContent {
    pub words: Vec<Word>,
    /// Largest share of the page covered by one image (0–1).
    pub image_cover: f64,
    pub glyphs: u64,
    pub unmapped: u64,
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

struct WordBuilder {
    text: String,
    start: (f64, f64),
    end: (f64, f64),
    size: f64,
    space: f64,
    quadrant: u8,
    space_before: bool,
}

pub struct Interpreter<'p, 'a> {
    pdf: &'p Pdf<'a>,
    fonts: HashMap<Vec<u8>, Rc<Font>>,
    font_by_ref: HashMap<u32, Rc<Font>>,
    pub operators: u64,
    words_total: usize,
    page_area: f64,
    out: PageContent,
    current: Option<WordBuilder>,
    pending_space: bool,
    forms: Vec<u32>,
}

impl<'p, 'a> Interpreter<'p, 'a> {
    pub fn new(pdf: &'p Pdf<'a>) -> Self {
        Interpreter {
            pdf,
            fonts: HashMap::new(),
            font_by_ref: HashMap::new(),
            operators: 0,
            words_total: 0,
            page_area: 1.0,
            out: PageContent::default(),
            current: None,
            pending_space: false,
            forms: Vec::new(),
        }
    }

    /// Run a page's content streams; returns its words and image coverage.
    pub fn run_page(&mut self, contents: &[u8], resources: &Dict, page_area: f64) -> PageContent {
        self.out = PageContent::default();
        self.fonts.clear();
        self.page_area = page_area.max(1.0);
        let gs = GraphicsState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(contents, resources, gs, 0);
        self.finish_word();
        std::mem::take(&mut self.out)
    }

    fn run(&mut self, data: &[u8], resources: &Dict, initial: GraphicsState, depth: usize) {
        let mut lexer = Lexer::new(data);
        let mut operands: Vec<Object> = Vec::new();
        let mut stack: Vec<GraphicsState> = Vec::new();
        let mut skipped_saves = 0usize;
        let mut gs = initial;
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        // Fonts are looked up by resource name in this stream's resources.
        let saved_fonts = std::mem::take(&mut self.fonts);
        while let Some(token) = lexer.next_token() {
            let op = match token {
                Token::Keyword(k) => k,
                other => {
                    let obj = lexer.object_from(other, 0).unwrap_or(Object::Null);
                    if operands.len() < 64 {
                        operands.push(obj);
                    }
                    continue;
                }
            };
            self.operators += 1;
            if self.operators > MAX_OPERATORS || self.words_total > MAX_WORDS {
                break;
            }
            let num = |i: usize| operands.get(i).and_then(Object::as_f64).unwrap_or(0.0);
            match op {
                b"q" => {
                    if stack.len() < MAX_SAVE_DEPTH {
                        stack.push(gs.clone());
                    } else {
                        skipped_saves += 1;
                    }
                }
                b"Q" => {
                    if skipped_saves > 0 {
                        skipped_saves -= 1;
                    } else if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                b"cm" if operands.len() >= 6 => {
                    let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    if m.iter().all(|v| v.is_finite()) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"ET" => {}
                b"Tf" if operands.len() >= 2 => {
                    gs.font = operands[0].as_name().and_then(|n| self.font(resources, n));
                    gs.size = num(1);
                }
                b"Tc" => gs.char_spacing = num(0),
                b"Tw" => gs.word_spacing = num(0),
                b"Tz" => gs.scale = num(0) / 100.0,
                b"TL" => gs.leading = num(0),
                b"Ts" => gs.rise = num(0),
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.leading = -num(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if operands.len() >= 6 => {
                    let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    if m.iter().all(|v| v.is_finite()) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(Object::Str(s)) = operands.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"'" | b"\"" => {
                    if op == b"\"" && operands.len() >= 3 {
                        gs.word_spacing = num(0);
                        gs.char_spacing = num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::Str(s)) = operands.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    if let Some(Object::Array(items)) = operands.last() {
                        for item in items {
                            match item {
                                Object::Str(s) => self.show(s, &gs, &mut tm),
                                other => {
                                    if let Some(n) = other.as_f64() {
                                        let tx = -n / 1000.0 * gs.size * gs.scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = operands.first().and_then(Object::as_name) {
                        self.draw_xobject(resources, name, &gs, depth);
                    }
                }
                b"BI" => {
                    skip_inline_image(&mut lexer);
                    self.note_image(&gs.ctm);
                }
                _ => {}
            }
            operands.clear();
        }
        self.fonts = saved_fonts;
    }

    fn font(&mut self, resources: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        if let Some(f) = self.fonts.get(name) {
            return Some(f.clone());
        }
        let fonts = self.pdf.get(resources, b"Font");
        let entry = fonts.as_dict()?.get(name)?.clone();
        let font = match entry {
            Object::Ref(num, _) => {
                if let Some(f) = self.font_by_ref.get(&num) {
                    f.clone()
                } else {
                    let dict = self.pdf.resolve(&entry);
                    let f = Rc::new(Font::load(self.pdf, dict.as_dict()?));
                    if self.font_by_ref.len() < 10_000 {
                        self.font_by_ref.insert(num, f.clone());
                    }
                    f
                }
            }
            Object::Dict(d) => Rc::new(Font::load(self.pdf, &d)),
            _ => return None,
        };
        self.fonts.insert(name.to_vec(), font.clone());
        Some(font)
    }

    fn draw_xobject(&mut self, resources: &Dict, name: &[u8], gs: &GraphicsState, depth: usize) {
        let xobjects = self.pdf.get(resources, b"XObject");
        let Some(entry) = xobjects.as_dict().and_then(|d| d.get(name)).cloned() else {
            return;
        };
        let obj_num = if let Object::Ref(n, _) = entry {
            Some(n)
        } else {
            None
        };
        let Object::Stream(stream) = self.pdf.resolve(&entry) else {
            return;
        };
        match self.pdf.get(&stream.dict, b"Subtype").as_name() {
            Some(b"Image") => self.note_image(&gs.ctm),
            Some(b"Form") => {
                if depth >= MAX_FORM_DEPTH || obj_num.is_some_and(|n| self.forms.contains(&n)) {
                    return;
                }
                let Ok(data) = self.pdf.decode_stream(&stream) else {
                    return;
                };
                let matrix = match self.pdf.get(&stream.dict, b"Matrix") {
                    Object::Array(m) if m.len() >= 6 => {
                        let v: Vec<f64> = m
                            .iter()
                            .take(6)
                            .map(|x| x.as_f64().unwrap_or(0.0))
                            .collect();
                        [v[0], v[1], v[2], v[3], v[4], v[5]]
                    }
                    _ => IDENTITY,
                };
                let own = self.pdf.get(&stream.dict, b"Resources");
                let form_resources = own.as_dict().cloned().unwrap_or_else(|| resources.clone());
                let mut inner = gs.clone();
                inner.ctm = mul(&matrix, &gs.ctm);
                if let Some(n) = obj_num {
                    self.forms.push(n);
                }
                self.run(&data, &form_resources, inner, depth + 1);
                if obj_num.is_some() {
                    self.forms.pop();
                }
            }
            _ => {}
        }
    }

    /// An image fills the unit square of the current transformation: record its page share.
    fn note_image(&mut self, ctm: &Matrix) {
        let area = (ctm[0] * ctm[3] - ctm[1] * ctm[2]).abs();
        let cover = (area / self.page_area).min(1.0);
        if cover.is_finite() && cover > self.out.image_cover {
            self.out.image_cover = cover;
        }
    }

    /// Show a string: advance the text matrix glyph by glyph, building words.
    fn show(&mut self, bytes: &[u8], gs: &GraphicsState, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else { return };
        let size = gs.size;
        for glyph in font.glyphs(bytes) {
            self.out.glyphs += 1;
            let trm = mul(
                &mul(&[size * gs.scale, 0.0, 0.0, size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let advance = (glyph.width * size
                + gs.char_spacing
                + if glyph.word_space {
                    gs.word_spacing
                } else {
                    0.0
                })
                * gs.scale;
            let start = apply(&trm, 0.0, 0.0);
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
            let end_trm = mul(
                &mul(&[size * gs.scale, 0.0, 0.0, size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let end = apply(&end_trm, 0.0, 0.0);
            if !glyph.mapped {
                self.out.unmapped += 1;
                continue;
            }
            let text = normalise(&glyph.text);
            if text.trim().is_empty() {
                self.finish_word();
                self.pending_space = true;
                continue;
            }
            // Page size of the font: the length of the text space's vertical unit.
            let dev_size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let quadrant = quadrant_of(trm[0], trm[1]);
            let space = font.space_width * dev_size * gs.scale.abs().max(0.01);
            let joins = match &self.current {
                Some(w) => {
                    w.quadrant == quadrant && {
                        let (ex, ey) = rotate(w.end, quadrant);
                        let (sx, sy) = rotate(start, quadrant);
                        let tol = w.size.max(dev_size);
                        (sx - ex).abs() <= 0.12 * tol && (sy - ey).abs() <= 0.25 * tol
                    }
                }
                None => false,
            };
            if !joins {
                self.finish_word();
                self.current = Some(WordBuilder {
                    text: String::new(),
                    start,
                    end,
                    size: dev_size,
                    space,
                    quadrant,
                    space_before: self.pending_space,
                });
                self.pending_space = false;
            }
            if let Some(w) = &mut self.current {
                w.text.push_str(&text);
                w.end = end;
                w.size = w.size.max(dev_size);
            }
        }
    }

    fn finish_word(&mut self) {
        let Some(w) = self.current.take() else { return };
        if self.words_total >= MAX_WORDS {
            return;
        }
        let (x0, y) = rotate(w.start, w.quadrant);
        let (x1, _) = rotate(w.end, w.quadrant);
        if !(x0.is_finite() && x1.is_finite() && y.is_finite()) {
            return;
        }
        self.words_total += 1;
        self.out.words.push(Word {
            text: w.text,
            x0: x0.min(x1),
            x1: x1.max(x0),
            y,
            size: w.size,
            space: w.space,
            space_before: w.space_before,
            quadrant: w.quadrant,
        });
    }
}

/// Ligatures become letters (so "ﬁnancial" matches "financial"), no-break spaces spaces,
/// symbol-font bullets bullets; control characters go.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => out.push(' '),
            '\u{AD}' => out.push('-'),
            '\u{F0B7}' | '\u{F0A7}' | '\u{F076}' | '\u{F0D8}' | '\u{F0FC}' => out.push('•'),
            '\u{E000}'..='\u{F8FF}' | '\u{FFFD}' | '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn quadrant_of(a: f64, b: f64) -> u8 {
    if a.abs() >= b.abs() {
        if a >= 0.0 {
            0
        } else {
            2
        }
    } else if b > 0.0 {
        1
    } else {
        3
    }
}

/// Rotate a page point into the frame of text running in `quadrant`.
fn rotate((x, y): (f64, f64), quadrant: u8) -> (f64, f64) {
    match quadrant {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

/// Skip `BI … ID <binary> EI`: the image data may contain anything, so look for `EI` between
/// whitespace (and, failing that, give up on the rest of the stream).
fn skip_inline_image(lexer: &mut Lexer<'_>) {
    // Key/value pairs up to ID.
    loop {
        match lexer.next_token() {
            None => return,
            Some(Token::Keyword(b"ID")) => break,
            Some(_) => {}
        }
    }
    let data = lexer.data;
    let mut i = lexer.pos + 1;
    while i + 2 <= data.len() {
        if &data[i..i + 2] == b"EI"
            && data
                .get(i.wrapping_sub(1))
                .is_some_and(|&b| super::lexer::is_whitespace(b))
            && data
                .get(i + 2)
                .is_none_or(|&b| super::lexer::is_whitespace(b) || super::lexer::is_delimiter(b))
        {
            lexer.pos = i + 2;
            return;
        }
        i += 1;
    }
    lexer.pos = data.len();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_like_the_spec() {
        let translate = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        // Scale first, then translate.
        assert_eq!(apply(&mul(&scale, &translate), 1.0, 1.0), (12.0, 22.0));
    }

    #[test]
    fn ligatures_and_private_use_bullets_are_normalised() {
        assert_eq!(normalise("\u{FB01}nancial\u{A0}year"), "financial year");
        assert_eq!(normalise("\u{F0B7}"), "•");
    }

    #[test]
    fn inline_images_are_skipped_whole() {
        let data = b"BI /W 2 /H 2 /BPC 8 ID \x00EI\xffEIx EI (after) Tj";
        let mut l = Lexer::new(data);
        assert_eq!(l.next_token(), Some(Token::Keyword(b"BI")));
        skip_inline_image(&mut l);
        assert_eq!(l.next_token(), Some(Token::Str(b"after".to_vec())));
    }

    #[test]
    fn rotated_text_reads_along_its_own_direction() {
        assert_eq!(quadrant_of(0.0, 12.0), 1);
        // Text going up the page: successive glyphs have increasing x in its frame.
        let (a, _) = rotate((100.0, 200.0), 1);
        let (b, _) = rotate((100.0, 210.0), 1);
        assert!(b > a);
    }
}
