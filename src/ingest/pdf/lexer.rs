//! PDF tokens and objects (ISO 32000 §7.2–7.3): numbers, names, strings, arrays, dictionaries,
//! indirect references, and the keywords that content streams use as operators. Lenient the way
//! viewers are (stray delimiters are skipped, unbalanced brackets end at the end of input) and
//! bounded: nesting deeper than [`MAX_DEPTH`] is cut off instead of recursing further.

use std::rc::Rc;

/// Deepest array/dictionary nesting parsed.
const MAX_DEPTH: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Object>),
    Dict(Dict),
    Ref(u32, u16),
    Stream(Rc<Stream>),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Object)>);

#[derive(Debug, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    /// The bytes between `stream` and `endstream`, still encoded (and maybe encrypted).
    pub raw: Vec<u8>,
    /// The indirect object this stream is (for decryption keys); `None` inside object streams.
    pub id: Option<(u32, u16)>,
}

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Object {
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Object::Int(i) => Some(*i),
            Object::Real(r) if r.is_finite() => Some(*r as i64),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Object::Int(i) => Some(*i as f64),
            Object::Real(r) if r.is_finite() => Some(*r),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }
}

pub fn is_whitespace(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

pub fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// `true`, `obj`, `R`, `Tj`, `'` … anything else that is not a delimiter.
    Keyword(&'a [u8]),
}

pub struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    pub fn at(data: &'a [u8], pos: usize) -> Self {
        Lexer {
            data,
            pos: pos.min(data.len()),
        }
    }

    pub fn skip_whitespace(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    pub fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_whitespace();
            let b = *self.data.get(self.pos)?;
            match b {
                b'[' => {
                    self.pos += 1;
                    return Some(Token::ArrayStart);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Token::ArrayEnd);
                }
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    self.pos += 2;
                    return Some(Token::DictStart);
                }
                b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return Some(Token::DictEnd);
                }
                b'<' => return Some(Token::Str(self.hex_string())),
                b'(' => return Some(Token::Str(self.literal_string())),
                b'/' => return Some(Token::Name(self.name())),
                b')' | b'>' | b'{' | b'}' => {
                    // Stray delimiters (PostScript calculator braces, broken files): skip.
                    self.pos += 1;
                    continue;
                }
                _ => {
                    let start = self.pos;
                    while let Some(&c) = self.data.get(self.pos) {
                        if is_whitespace(c) || is_delimiter(c) {
                            break;
                        }
                        self.pos += 1;
                    }
                    let word = &self.data[start..self.pos];
                    return Some(number(word).unwrap_or(Token::Keyword(word)));
                }
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        self.pos += 1; // '/'
        let mut out = Vec::new();
        while let Some(&c) = self.data.get(self.pos) {
            if is_whitespace(c) || is_delimiter(c) {
                break;
            }
            if c == b'#' {
                let hex = self
                    .data
                    .get(self.pos + 1..self.pos + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = hex {
                    out.push(v);
                    self.pos += 3;
                    continue;
                }
            }
            out.push(c);
            self.pos += 1;
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1; // '<'
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
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

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1; // '('
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'\r' => {
                    // An end-of-line in a string is a single '\n' whatever its form.
                    if self.data.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Parse one object (resolving `n g R` into [`Object::Ref`]); `None` at the end of input.
    /// Keywords other than true/false/null come back as `Err(keyword)` for the caller.
    pub fn object(&mut self) -> Option<Result<Object, &'a [u8]>> {
        let token = self.next_token()?;
        Some(self.object_from(token, 0))
    }

    /// The object that starts with `token` (already read).
    pub fn object_from(&mut self, token: Token<'a>, depth: usize) -> Result<Object, &'a [u8]> {
        Ok(match token {
            Token::Int(i) => {
                // `n g R`: look ahead two tokens without consuming them unless they match.
                let save = self.pos;
                if let (Ok(n), Some(Token::Int(g))) = (u32::try_from(i), self.next_token()) {
                    if let Some(Token::Keyword(b"R")) = self.next_token() {
                        return Ok(Object::Ref(n, u16::try_from(g).unwrap_or(0)));
                    }
                }
                self.pos = save;
                Object::Int(i)
            }
            Token::Real(r) => Object::Real(r),
            Token::Name(n) => Object::Name(n),
            Token::Str(s) => Object::Str(s),
            Token::ArrayStart => {
                let mut items = Vec::new();
                loop {
                    match self.next_token() {
                        None | Some(Token::ArrayEnd) => break,
                        Some(t) if depth < MAX_DEPTH => {
                            // A stray keyword inside an array is skipped.
                            if let Ok(o) = self.object_from(t, depth + 1) {
                                items.push(o);
                            }
                        }
                        Some(_) => {}
                    }
                }
                Object::Array(items)
            }
            Token::DictStart => {
                let mut entries: Vec<(Vec<u8>, Object)> = Vec::new();
                loop {
                    match self.next_token() {
                        None | Some(Token::DictEnd) => break,
                        Some(Token::Name(key)) => {
                            let save = self.pos;
                            match self.next_token() {
                                None => break,
                                Some(Token::DictEnd) => {
                                    entries.push((key, Object::Null));
                                    break;
                                }
                                Some(t) if depth < MAX_DEPTH => {
                                    match self.object_from(t, depth + 1) {
                                        Ok(v) => {
                                            if !entries.iter().any(|(k, _)| *k == key) {
                                                entries.push((key, v));
                                            }
                                        }
                                        Err(_) => {
                                            // A keyword where a value belongs: the dictionary is
                                            // broken; stop here and let the caller see the keyword.
                                            self.pos = save;
                                            break;
                                        }
                                    }
                                }
                                Some(_) => {}
                            }
                        }
                        Some(_) => {} // not a key: skip
                    }
                }
                Object::Dict(Dict(entries))
            }
            Token::ArrayEnd | Token::DictEnd => Object::Null,
            Token::Keyword(b"true") => Object::Bool(true),
            Token::Keyword(b"false") => Object::Bool(false),
            Token::Keyword(b"null") => Object::Null,
            Token::Keyword(k) => return Err(k),
        })
    }
}

/// A PDF number, leniently: "12", "-3.5", ".5", "4.", "+1", and the odd "--2" or "1.2.3" that
/// broken generators write (read as far as it makes sense).
fn number(word: &[u8]) -> Option<Token<'static>> {
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    let mut negative = false;
    let mut i = 0;
    while i < word.len() && matches!(word[i], b'+' | b'-') {
        negative ^= word[i] == b'-';
        i += 1;
    }
    let digits = &word[i..];
    if digits.is_empty()
        || !digits.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        || !digits.iter().any(u8::is_ascii_digit)
    {
        return None;
    }
    let sign = if negative { -1.0 } else { 1.0 };
    match digits.iter().position(|&c| c == b'.') {
        None => {
            let s = std::str::from_utf8(digits).ok()?;
            match s.parse::<i64>() {
                Ok(v) => Some(Token::Int(if negative { -v } else { v })),
                Err(_) => s.parse::<f64>().ok().map(|v| Token::Real(sign * v)),
            }
        }
        Some(dot) => {
            // Keep only the first decimal point.
            let (int, frac) = digits.split_at(dot);
            let frac: Vec<u8> = frac[1..]
                .iter()
                .copied()
                .filter(u8::is_ascii_digit)
                .collect();
            let s = format!(
                "{}.{}",
                std::str::from_utf8(int).ok()?,
                std::str::from_utf8(&frac).ok()?
            );
            let s = if s.starts_with('.') {
                format!("0{s}")
            } else {
                s
            };
            let v: f64 = s.trim_end_matches('.').parse().ok()?;
            Some(Token::Real(sign * v))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Object {
        Lexer::new(s.as_bytes()).object().unwrap().unwrap()
    }

    #[test]
    fn numbers_names_and_strings() {
        assert_eq!(parse("-12"), Object::Int(-12));
        assert_eq!(parse(".5"), Object::Real(0.5));
        assert_eq!(parse("--2"), Object::Int(2));
        assert_eq!(parse("/A#20B"), Object::Name(b"A B".to_vec()));
        assert_eq!(
            parse("(a\\(b\\)\\101\\\nc)"),
            Object::Str(b"a(b)Ac".to_vec())
        );
        assert_eq!(parse("(x(nested)y)"), Object::Str(b"x(nested)y".to_vec()));
        assert_eq!(parse("<48 65 6c6C 6>"), Object::Str(b"Hell`".to_vec()));
    }

    #[test]
    fn dictionaries_arrays_and_references() {
        let o = parse("<< /Type /Page /Kids [1 0 R 2 0 R] /Count 2 /MediaBox [0 0 595.3 842] >>");
        let d = o.as_dict().unwrap();
        assert_eq!(d.get(b"Type"), Some(&Object::Name(b"Page".to_vec())));
        assert_eq!(
            d.get(b"Kids").unwrap().as_array().unwrap(),
            &[Object::Ref(1, 0), Object::Ref(2, 0)]
        );
        assert_eq!(d.get(b"Count"), Some(&Object::Int(2)));
        assert_eq!(parse("[1 2 3]").as_array().unwrap().len(), 3);
    }

    #[test]
    fn deep_nesting_is_cut_off_not_recursed() {
        let deep = "[".repeat(100_000);
        let o = Lexer::new(deep.as_bytes()).object().unwrap().unwrap();
        assert!(matches!(o, Object::Array(_)));
    }

    #[test]
    fn content_stream_operators_are_keywords() {
        let mut l = Lexer::new(b"BT /F1 12 Tf (Hi) Tj T* ET");
        let mut keywords = Vec::new();
        while let Some(t) = l.next_token() {
            if let Token::Keyword(k) = t {
                keywords.push(String::from_utf8_lossy(k).into_owned());
            }
        }
        assert_eq!(keywords, ["BT", "Tf", "Tj", "T*", "ET"]);
    }
}
