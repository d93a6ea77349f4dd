//! The PDF file structure: cross-reference tables and streams (following `/Prev`, hybrid files
//! included), object streams, the trailer, decryption, and resolving indirect references.
//!
//! When the cross-reference data is missing or wrong — common in files that were truncated,
//! edited by hand or written by sloppy generators — the object map is rebuilt by scanning the
//! file for `n g obj` headers, as viewers do. Every lookup is bounded: reference chains,
//! `/Prev` chains and object-stream nesting have limits, and decoded bytes come out of one
//! per-document [`Budget`].

use super::crypt::{Crypt, CryptError};
use super::filters::{self, Budget, FilterError};
use super::lexer::{Dict, Lexer, Object, Stream, Token};
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone, Copy, Debug)]
enum Entry {
    /// Byte offset of `n g obj` in the file.
    Offset(usize),
    /// Object `index` inside object stream number `stream`.
    InStream(u32, u32),
}

#[derive(Debug, PartialEq)]
pub enum PdfError {
    NotPdf(String),
    NeedsPassword,
    UnsupportedSecurity(String),
    OverBudget,
}

/// (object number, offset in the decoded stream) of each object in an object stream.
type ObjectStreamIndex = Rc<Vec<(u32, usize)>>;

pub struct Pdf<'a> {
    data: &'a [u8],
    entries: HashMap<u32, Entry>,
    pub trailer: Dict,
    crypt: Option<Crypt>,
    budget: RefCell<Budget>,
    cache: RefCell<HashMap<u32, Object>>,
    object_streams: RefCell<HashMap<u32, ObjectStreamIndex>>,
    decoded_object_streams: RefCell<HashMap<u32, Rc<Vec<u8>>>>,
    /// Objects being resolved right now (to stop reference cycles).
    resolving: RefCell<Vec<u32>>,
    pub over_budget: RefCell<bool>,
    /// Sorted start offsets of all objects: parsing one object never reads past the next, so
    /// a file of unterminated objects costs linear, not quadratic, time.
    bounds: Vec<usize>,
    /// Sorted offsets of every `endstream`, found once.
    endstreams: OnceCell<Vec<usize>>,
}

/// Longest chain of `/Prev` cross-reference sections followed.
const MAX_XREF_SECTIONS: usize = 64;
/// Deepest chain of references resolved at once (`a` → `b` → `c` …).
const MAX_RESOLVE_DEPTH: usize = 32;

impl<'a> Pdf<'a> {
    pub fn open(data: &'a [u8], budget: u64) -> Result<Pdf<'a>, PdfError> {
        let mut pdf = Pdf {
            data,
            entries: HashMap::new(),
            trailer: Dict::default(),
            crypt: None,
            budget: RefCell::new(Budget { remaining: budget }),
            cache: RefCell::new(HashMap::new()),
            object_streams: RefCell::new(HashMap::new()),
            decoded_object_streams: RefCell::new(HashMap::new()),
            resolving: RefCell::new(Vec::new()),
            over_budget: RefCell::new(false),
            bounds: Vec::new(),
            endstreams: OnceCell::new(),
        };
        let from_xref = pdf.read_xref_chain();
        pdf.set_bounds_from_entries();
        if !from_xref || !pdf.root_is_usable() {
            pdf.reconstruct();
        }
        if pdf.trailer.get(b"Root").is_none() {
            return Err(PdfError::NotPdf(
                "it has no document catalogue (the file is probably cut short or not a real PDF)"
                    .into(),
            ));
        }
        if let Some(enc) = pdf.trailer.get(b"Encrypt").cloned() {
            let enc = pdf.resolve(&enc);
            if let Some(enc) = enc.as_dict() {
                let id0 = match pdf.trailer.get(b"ID").map(|i| pdf.resolve(i)) {
                    Some(Object::Array(a)) => match a.first() {
                        Some(Object::Str(s)) => s.clone(),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                match Crypt::open(enc, &id0) {
                    Ok(c) => pdf.crypt = Some(c),
                    Err(CryptError::NeedsPassword) => return Err(PdfError::NeedsPassword),
                    Err(CryptError::Unsupported(f)) => {
                        return Err(PdfError::UnsupportedSecurity(f))
                    }
                }
                // Objects parsed before we could decrypt (the encryption dictionary itself
                // excepted) must be parsed again.
                pdf.cache.borrow_mut().clear();
                pdf.object_streams.borrow_mut().clear();
                pdf.decoded_object_streams.borrow_mut().clear();
            }
        }
        if *pdf.over_budget.borrow() {
            return Err(PdfError::OverBudget);
        }
        Ok(pdf)
    }

    fn set_bounds_from_entries(&mut self) {
        let mut bounds: Vec<usize> = self
            .entries
            .values()
            .filter_map(|e| match e {
                Entry::Offset(o) if *o < self.data.len() => Some(*o),
                _ => None,
            })
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        self.bounds = bounds;
    }

    /// Where the object starting at `offset` must end at the latest: the next object's start.
    fn object_end(&self, offset: usize) -> usize {
        let i = self.bounds.partition_point(|&b| b <= offset);
        self.bounds
            .get(i)
            .copied()
            .unwrap_or(self.data.len())
            .min(self.data.len())
    }

    /// The first `endstream` at or after `from`.
    fn next_endstream(&self, from: usize) -> Option<usize> {
        let all = self.endstreams.get_or_init(|| {
            let mut found = Vec::new();
            let mut i = 0;
            while let Some(at) = find_from(self.data, b"endstream", i) {
                found.push(at);
                i = at + 9;
            }
            found
        });
        let i = all.partition_point(|&e| e < from);
        all.get(i).copied()
    }

    fn root_is_usable(&self) -> bool {
        match self.trailer.get(b"Root") {
            Some(r) => matches!(self.resolve(r), Object::Dict(_)),
            None => false,
        }
    }

    /// Follow `startxref` and the `/Prev` chain; newer sections win. `false` if it fails.
    fn read_xref_chain(&mut self) -> bool {
        let tail_start = self.data.len().saturating_sub(2048);
        let Some(at) = rfind(&self.data[tail_start..], b"startxref") else {
            return false;
        };
        let mut lexer = Lexer::at(self.data, tail_start + at + b"startxref".len());
        let Some(Token::Int(offset)) = lexer.next_token() else {
            return false;
        };
        let mut next = usize::try_from(offset).ok();
        let mut seen = Vec::new();
        let mut first = true;
        while let Some(offset) = next {
            if seen.contains(&offset)
                || seen.len() >= MAX_XREF_SECTIONS
                || offset >= self.data.len()
            {
                break;
            }
            seen.push(offset);
            let Some(trailer) = self.read_xref_section(offset) else {
                return !first;
            };
            if first {
                self.trailer = trailer.clone();
                first = false;
            } else {
                for (k, v) in trailer.0.iter() {
                    if self.trailer.get(k).is_none() {
                        self.trailer.0.push((k.clone(), v.clone()));
                    }
                }
            }
            // Hybrid files: a classic table plus an xref stream for the compressed objects.
            if let Some(stm) = trailer.get(b"XRefStm").and_then(Object::as_int) {
                if let Ok(o) = usize::try_from(stm) {
                    if !seen.contains(&o) {
                        seen.push(o);
                        self.read_xref_section(o);
                    }
                }
            }
            next = trailer
                .get(b"Prev")
                .and_then(Object::as_int)
                .and_then(|p| usize::try_from(p).ok());
        }
        !first
    }

    /// One cross-reference section (table or stream) at `offset`; returns its trailer.
    fn read_xref_section(&mut self, offset: usize) -> Option<Dict> {
        let mut lexer = Lexer::at(self.data, offset);
        match lexer.next_token()? {
            Token::Keyword(b"xref") => self.read_xref_table(&mut lexer),
            Token::Int(_) => {
                let (_, _, obj) = self.parse_indirect_at(offset)?;
                let Object::Stream(stream) = obj else {
                    return None;
                };
                if stream.dict.get(b"Type").and_then(Object::as_name) != Some(b"XRef") {
                    return None;
                }
                self.read_xref_stream(&stream);
                Some(stream.dict.clone())
            }
            _ => None,
        }
    }

    fn read_xref_table(&mut self, lexer: &mut Lexer<'a>) -> Option<Dict> {
        loop {
            let save = lexer.pos;
            match lexer.next_token()? {
                Token::Int(start) => {
                    let Some(Token::Int(count)) = lexer.next_token() else {
                        return None;
                    };
                    let (start, count) = (u32::try_from(start).ok()?, u32::try_from(count).ok()?);
                    for i in 0..count.min(10_000_000) {
                        let (
                            Some(Token::Int(off)),
                            Some(Token::Int(_gen)),
                            Some(Token::Keyword(kind)),
                        ) = (lexer.next_token(), lexer.next_token(), lexer.next_token())
                        else {
                            return None;
                        };
                        let num = start.saturating_add(i);
                        if kind == b"n" && off > 0 {
                            if let Ok(off) = usize::try_from(off) {
                                self.entries.entry(num).or_insert(Entry::Offset(off));
                            }
                        } else {
                            // A free entry in a newer section hides older definitions.
                            self.entries.entry(num).or_insert(Entry::Offset(usize::MAX));
                        }
                    }
                }
                Token::Keyword(b"trailer") => {
                    return match lexer.object() {
                        Some(Ok(Object::Dict(d))) => Some(d),
                        _ => None,
                    };
                }
                _ => {
                    lexer.pos = save;
                    return None;
                }
            }
        }
    }

    fn read_xref_stream(&mut self, stream: &Stream) {
        let Ok(data) = self.decode_raw(stream, false) else {
            return;
        };
        let w: Vec<usize> = match stream.dict.get(b"W") {
            Some(Object::Array(a)) => a
                .iter()
                .map(|x| x.as_int().unwrap_or(0).clamp(0, 8) as usize)
                .collect(),
            _ => return,
        };
        if w.len() < 3 {
            return;
        }
        let size = stream
            .dict
            .get(b"Size")
            .and_then(Object::as_int)
            .unwrap_or(0)
            .max(0) as u64;
        let index: Vec<u64> = match stream.dict.get(b"Index") {
            Some(Object::Array(a)) => a
                .iter()
                .map(|x| x.as_int().unwrap_or(0).max(0) as u64)
                .collect(),
            _ => vec![0, size],
        };
        let row = w[0] + w[1] + w[2];
        if row == 0 {
            return;
        }
        let field = |bytes: &[u8]| bytes.iter().fold(0u64, |acc, &b| acc << 8 | b as u64);
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks(2) {
            let (start, count) = (pair[0], pair.get(1).copied().unwrap_or(0));
            for i in 0..count.min(10_000_000) {
                let Some(r) = rows.next() else { return };
                let kind = if w[0] == 0 { 1 } else { field(&r[..w[0]]) };
                let a = field(&r[w[0]..w[0] + w[1]]);
                let b = field(&r[w[0] + w[1]..]);
                let Ok(num) = u32::try_from(start + i) else {
                    continue;
                };
                let entry = match kind {
                    1 => Entry::Offset(usize::try_from(a).unwrap_or(usize::MAX)),
                    2 => Entry::InStream(u32::try_from(a).unwrap_or(u32::MAX), b as u32),
                    _ => Entry::Offset(usize::MAX),
                };
                self.entries.entry(num).or_insert(entry);
            }
        }
    }

    /// Rebuild the object map by scanning for `n g obj`, and the trailer from the last
    /// `trailer` dictionary or cross-reference stream (or, failing that, the catalogue).
    fn reconstruct(&mut self) {
        self.entries.clear();
        self.cache.borrow_mut().clear();
        let data = self.data;
        let mut i = 0;
        let mut trailer: Option<Dict> = None;
        let mut catalog: Option<u32> = None;
        let mut bounds = Vec::new();
        while let Some(found) = find_from(data, b"obj", i) {
            i = found + 3;
            // Must be `<digits> <digits> obj` preceded by a line/space boundary.
            let (Some(num), true) = header_before(data, found) else {
                continue;
            };
            let start = header_start(data, found);
            self.entries.insert(num, Entry::Offset(start));
            bounds.push(start);
        }
        self.bounds = bounds;
        // The last trailer with a /Root wins; only the last few are looked at, each within a
        // small window (a trailer is a short dictionary).
        let mut trailers = Vec::new();
        let mut j = 0;
        while let Some(found) = find_from(data, b"trailer", j) {
            j = found + 7;
            trailers.push(j);
        }
        for &at in trailers.iter().rev().take(16).rev() {
            let window = &data[..(at + 64 * 1024).min(data.len())];
            let mut lexer = Lexer::at(window, at);
            if let Some(Ok(Object::Dict(d))) = lexer.object() {
                if d.get(b"Root").is_some() {
                    trailer = Some(d);
                }
            }
        }
        // Objects inside object streams, and xref-stream trailers.
        let nums: Vec<u32> = self.entries.keys().copied().collect();
        for num in nums {
            let Some((Object::Stream(s), _)) = self.load(num) else {
                continue;
            };
            match s.dict.get(b"Type").and_then(Object::as_name) {
                Some(b"ObjStm") => {
                    if let Some(list) = self.object_stream_index(num) {
                        for (idx, (inner, _)) in list.iter().enumerate() {
                            self.entries
                                .entry(*inner)
                                .or_insert(Entry::InStream(num, idx as u32));
                        }
                    }
                }
                Some(b"XRef") if s.dict.get(b"Root").is_some() => trailer = Some(s.dict.clone()),
                _ => {}
            }
        }
        if trailer.is_none() {
            let nums: Vec<u32> = self.entries.keys().copied().collect();
            for num in nums {
                if let Some((obj, _)) = self.load(num) {
                    if obj
                        .as_dict()
                        .and_then(|d| d.get(b"Type"))
                        .and_then(Object::as_name)
                        == Some(b"Catalog")
                    {
                        catalog = Some(num);
                        break;
                    }
                }
            }
        }
        self.trailer = trailer.unwrap_or_else(|| {
            let mut d = Dict::default();
            if let Some(c) = catalog {
                d.0.push((b"Root".to_vec(), Object::Ref(c, 0)));
            }
            d
        });
        self.cache.borrow_mut().clear();
    }

    /// Parse `n g obj … endobj` at `offset`, reading stream data with `/Length` (or, when
    /// that is wrong, up to `endstream`).
    fn parse_indirect_at(&self, offset: usize) -> Option<(u32, u16, Object)> {
        let region = &self.data[..self.object_end(offset)];
        let mut lexer = Lexer::at(region, offset);
        let (Some(Token::Int(num)), Some(Token::Int(gen)), Some(Token::Keyword(b"obj"))) =
            (lexer.next_token(), lexer.next_token(), lexer.next_token())
        else {
            return None;
        };
        let num = u32::try_from(num).ok()?;
        let gen = u16::try_from(gen).unwrap_or(0);
        let obj = match lexer.object()? {
            Ok(o) => o,
            Err(b"endobj") => Object::Null,
            Err(_) => return None,
        };
        if let (Object::Dict(dict), Some(Token::Keyword(b"stream"))) = (&obj, lexer.next_token()) {
            let mut start = lexer.pos;
            if self.data.get(start) == Some(&b'\r') {
                start += 1;
            }
            if self.data.get(start) == Some(&b'\n') {
                start += 1;
            }
            let declared = dict.get(b"Length").and_then(|l| match l {
                Object::Ref(n, _) if *n == num => None,
                other => self.resolve(other).as_int(),
            });
            let end = match declared
                .and_then(|l| usize::try_from(l).ok())
                .and_then(|l| start.checked_add(l))
            {
                Some(end) if end <= self.data.len() && follows_endstream(self.data, end) => end,
                _ => {
                    let e = self.next_endstream(start).unwrap_or(self.data.len());
                    let mut e = e;
                    if e > start && self.data[e - 1] == b'\n' {
                        e -= 1;
                    }
                    if e > start && self.data[e - 1] == b'\r' {
                        e -= 1;
                    }
                    e
                }
            };
            let raw = self.data.get(start..end.max(start)).unwrap_or(&[]).to_vec();
            return Some((
                num,
                gen,
                Object::Stream(Rc::new(Stream {
                    dict: dict.clone(),
                    raw,
                    id: Some((num, gen)),
                })),
            ));
        }
        Some((num, gen, obj))
    }

    /// Object `num` as stored (not cached, not decrypted), with its generation number.
    fn load(&self, num: u32) -> Option<(Object, u16)> {
        match *self.entries.get(&num)? {
            Entry::Offset(off) if off < self.data.len() => {
                let (found, gen, obj) = self.parse_indirect_at(off)?;
                (found == num).then_some((obj, gen))
            }
            Entry::Offset(_) => None,
            Entry::InStream(stream, index) => self
                .load_from_object_stream(stream, index, num)
                .map(|o| (o, 0)),
        }
    }

    /// The (object number, offset) table of object stream `num`.
    fn object_stream_index(&self, num: u32) -> Option<Rc<Vec<(u32, usize)>>> {
        if let Some(list) = self.object_streams.borrow().get(&num) {
            return Some(list.clone());
        }
        let Object::Stream(s) = self.resolve(&Object::Ref(num, 0)) else {
            return None;
        };
        let data = Rc::new(self.decode_stream(&s).ok()?);
        let n = s
            .dict
            .get(b"N")
            .and_then(Object::as_int)
            .unwrap_or(0)
            .clamp(0, 1_000_000) as usize;
        let first = s
            .dict
            .get(b"First")
            .and_then(Object::as_int)
            .unwrap_or(0)
            .max(0) as usize;
        let mut lexer = Lexer::new(&data);
        let mut list = Vec::with_capacity(n.min(10_000));
        for _ in 0..n {
            let (Some(Token::Int(obj)), Some(Token::Int(off))) =
                (lexer.next_token(), lexer.next_token())
            else {
                break;
            };
            if let (Ok(obj), Ok(off)) = (u32::try_from(obj), usize::try_from(off)) {
                list.push((obj, first.saturating_add(off)));
            }
        }
        let list = Rc::new(list);
        self.object_streams.borrow_mut().insert(num, list.clone());
        self.decoded_object_streams.borrow_mut().insert(num, data);
        Some(list)
    }

    fn load_from_object_stream(&self, stream: u32, index: u32, num: u32) -> Option<Object> {
        if stream == num || self.resolving.borrow().contains(&stream) {
            return None;
        }
        let list = self.object_stream_index(stream)?;
        let data = self.decoded_object_streams.borrow().get(&stream)?.clone();
        let &(found, offset) = list
            .get(index as usize)
            .filter(|(n, _)| *n == num)
            .or_else(|| list.iter().find(|(n, _)| *n == num))?;
        let _ = found;
        let mut lexer = Lexer::at(&data, offset);
        lexer.object()?.ok()
    }

    /// Follow references until a direct object; `Null` for anything missing or cyclic.
    pub fn resolve(&self, obj: &Object) -> Object {
        let mut current = obj.clone();
        for _ in 0..MAX_RESOLVE_DEPTH {
            let Object::Ref(num, _) = current else {
                return current;
            };
            if let Some(hit) = self.cache.borrow().get(&num) {
                current = hit.clone();
                continue;
            }
            if self.resolving.borrow().contains(&num)
                || self.resolving.borrow().len() >= MAX_RESOLVE_DEPTH
            {
                return Object::Null;
            }
            self.resolving.borrow_mut().push(num);
            let in_stream = matches!(self.entries.get(&num), Some(Entry::InStream(..)));
            let (loaded, gen) = self.load(num).unwrap_or((Object::Null, 0));
            let loaded = match (&self.crypt, in_stream) {
                // Strings inside object streams are covered by the stream's own encryption.
                (Some(crypt), false) => decrypt_strings(loaded, crypt, num, gen),
                _ => loaded,
            };
            self.resolving.borrow_mut().pop();
            self.cache.borrow_mut().insert(num, loaded.clone());
            current = loaded;
        }
        Object::Null
    }

    /// `dict[key]`, resolved.
    pub fn get(&self, dict: &Dict, key: &[u8]) -> Object {
        dict.get(key)
            .map(|o| self.resolve(o))
            .unwrap_or(Object::Null)
    }

    /// A stream's decoded bytes (decrypted, filters applied, within the budget).
    pub fn decode_stream(&self, stream: &Stream) -> Result<Vec<u8>, FilterError> {
        self.decode_raw(stream, true)
    }

    fn decode_raw(&self, stream: &Stream, may_be_encrypted: bool) -> Result<Vec<u8>, FilterError> {
        let is_xref = stream.dict.get(b"Type").and_then(Object::as_name) == Some(b"XRef");
        let is_plain_metadata = stream.dict.get(b"Type").and_then(Object::as_name)
            == Some(b"Metadata")
            && self.crypt.as_ref().is_some_and(|c| !c.encrypt_metadata);
        let data = match (&self.crypt, stream.id) {
            (Some(crypt), Some(id)) if may_be_encrypted && !is_xref && !is_plain_metadata => {
                crypt.decrypt_stream(&stream.raw, id)
            }
            _ => stream.raw.clone(),
        };
        // Resolve first: resolving may decode object streams, which needs the budget itself.
        let (names, params) = filters::chain(&stream.dict, &|o: &Object| self.resolve(o));
        let result = filters::decode(&names, &params, data, &mut self.budget.borrow_mut());
        if result == Err(FilterError::OverBudget) {
            *self.over_budget.borrow_mut() = true;
        }
        result
    }

    pub fn catalog(&self) -> Dict {
        self.trailer
            .get(b"Root")
            .map(|r| self.resolve(r))
            .and_then(|o| o.as_dict().cloned())
            .unwrap_or_default()
    }
}

fn decrypt_strings(obj: Object, crypt: &Crypt, num: u32, gen: u16) -> Object {
    fn walk(o: Object, crypt: &Crypt, id: (u32, u16), depth: usize) -> Object {
        if depth > 32 {
            return o;
        }
        match o {
            Object::Str(s) => Object::Str(crypt.decrypt_string(&s, id)),
            Object::Array(a) => Object::Array(
                a.into_iter()
                    .map(|x| walk(x, crypt, id, depth + 1))
                    .collect(),
            ),
            Object::Dict(d) => Object::Dict(Dict(
                d.0.into_iter()
                    .map(|(k, v)| (k, walk(v, crypt, id, depth + 1)))
                    .collect(),
            )),
            other => other,
        }
    }
    // Streams keep their dictionary strings as they are (only used for names/numbers here).
    walk(obj, crypt, (num, gen), 0)
}

fn follows_endstream(data: &[u8], end: usize) -> bool {
    let mut i = end;
    while i < data.len() && super::lexer::is_whitespace(data[i]) {
        i += 1;
    }
    data[i..].starts_with(b"endstream")
}

pub fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= haystack.len() || needle.is_empty() {
        return None;
    }
    let first = needle[0];
    let mut i = from;
    while i + needle.len() <= haystack.len() {
        match haystack[i..].iter().position(|&b| b == first) {
            Some(p) => {
                let at = i + p;
                if haystack[at..].starts_with(needle) {
                    return Some(at);
                }
                i = at + 1;
            }
            None => return None,
        }
    }
    None
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if haystack.len() < needle.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..].starts_with(needle))
}

/// Is `obj` at `at` preceded by `<num> <gen> ` at the start of a token? Returns the number.
fn header_before(data: &[u8], at: usize) -> (Option<u32>, bool) {
    // The keyword must end here too (not "objective").
    if data
        .get(at + 3)
        .is_some_and(|&b| !super::lexer::is_whitespace(b) && !super::lexer::is_delimiter(b))
    {
        return (None, false);
    }
    let mut i = at;
    let skip_ws = |i: &mut usize| {
        while *i > 0 && super::lexer::is_whitespace(data[*i - 1]) {
            *i -= 1;
        }
    };
    let digits = |i: &mut usize| -> Option<(usize, usize)> {
        let end = *i;
        while *i > 0 && data[*i - 1].is_ascii_digit() && end - *i < 10 {
            *i -= 1;
        }
        (*i < end).then_some((*i, end))
    };
    skip_ws(&mut i);
    if i == at {
        return (None, false);
    }
    let Some(_gen) = digits(&mut i) else {
        return (None, false);
    };
    let before_gen = i;
    skip_ws(&mut i);
    if i == before_gen {
        return (None, false);
    }
    let Some((s, e)) = digits(&mut i) else {
        return (None, false);
    };
    if i > 0
        && !super::lexer::is_whitespace(data[i - 1])
        && !super::lexer::is_delimiter(data[i - 1])
    {
        return (None, false);
    }
    let num = std::str::from_utf8(&data[s..e])
        .ok()
        .and_then(|n| n.parse().ok());
    (num, num.is_some())
}

fn header_start(data: &[u8], at: usize) -> usize {
    let mut i = at;
    for _ in 0..2 {
        while i > 0 && super::lexer::is_whitespace(data[i - 1]) {
            i -= 1;
        }
        while i > 0 && data[i - 1].is_ascii_digit() {
            i -= 1;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal PDF written by hand, with correct or deliberately wrong xref offsets.
    fn tiny_pdf(break_xref: bool) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_string(),
        ];
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
        }
        offsets.push(out.len());
        let content = b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET";
        out.extend(format!("4 0 obj\n<< /Length {} >>\nstream\n", content.len()).bytes());
        out.extend_from_slice(content);
        out.extend(b"\nendstream\nendobj\n");
        let xref = out.len();
        out.extend(b"xref\n0 5\n0000000000 65535 f \n");
        for o in offsets {
            out.extend(format!("{:010} 00000 n \n", if break_xref { o + 7 } else { o }).bytes());
        }
        out.extend(
            format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes(),
        );
        out
    }

    #[test]
    fn objects_resolve_through_the_xref_table() {
        let data = tiny_pdf(false);
        let pdf = Pdf::open(&data, 1 << 20).unwrap();
        let catalog = pdf.catalog();
        let pages = pdf.get(&catalog, b"Pages");
        assert_eq!(
            pages.as_dict().unwrap().get(b"Count"),
            Some(&Object::Int(1))
        );
        let Object::Stream(s) = pdf.resolve(&Object::Ref(4, 0)) else {
            panic!()
        };
        assert_eq!(
            pdf.decode_stream(&s).unwrap(),
            b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"
        );
    }

    #[test]
    fn a_broken_xref_is_rebuilt_by_scanning() {
        let data = tiny_pdf(true);
        let pdf = Pdf::open(&data, 1 << 20).unwrap();
        assert!(pdf.catalog().get(b"Pages").is_some());
        let Object::Stream(_) = pdf.resolve(&Object::Ref(4, 0)) else {
            panic!("stream not found")
        };
    }

    #[test]
    fn a_truncated_file_without_catalog_is_not_a_pdf() {
        let data = tiny_pdf(false);
        assert!(matches!(
            Pdf::open(&data[..15], 1 << 20),
            Err(PdfError::NotPdf(_))
        ));
    }

    #[test]
    fn reference_cycles_resolve_to_null() {
        let data = b"%PDF-1.4\n1 0 obj 2 0 R endobj\n2 0 obj 1 0 R endobj\n3 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 3 0 R >>\n";
        let pdf = Pdf::open(data, 1 << 20).unwrap();
        assert_eq!(pdf.resolve(&Object::Ref(1, 0)), Object::Null);
    }
}
