//! A small HTML tokenizer for text extraction: start tags with attributes, end tags, and text
//! with character references decoded; comments, doctypes, processing instructions and CDATA
//! are skipped; the content of raw-text elements (script, style, title, textarea …) is one text
//! token up to its end tag, as browsers read it. Unclosed constructs end at the end of input.
//!
//! Every step moves forward through the input and every search starts where the last ended, so
//! time is linear; it works on `&str` and only splits at ASCII delimiters, so it cannot split a
//! character.

use std::borrow::Cow;

#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    /// A start tag; `name` is lower-case.
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    Text(Cow<'a, str>),
}

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Inside a raw-text element: its name, whose end tag ends the text.
    raw: Option<String>,
}

/// Elements whose content is text up to their end tag, markup and all.
fn raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "title"
            | "textarea"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
    )
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            raw: None,
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Byte offset (from `from`) of the `</name` that ends a raw-text element.
    fn find_end_tag(&self, from: usize, name: &str) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let mut i = from;
        while let Some(off) = self.src[i..].find("</") {
            let at = i + off;
            let after = at + 2;
            let candidate = bytes.get(after..after + name.len());
            let boundary = bytes
                .get(after + name.len())
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
            if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) && boundary {
                return Some(at);
            }
            i = after;
        }
        None
    }

    /// Skip to just after the next `>` (or the end).
    fn skip_past(&mut self, needle: &str) {
        self.pos = match self.src[self.pos..].find(needle) {
            Some(off) => self.pos + off + needle.len(),
            None => self.src.len(),
        };
    }

    fn tag_name(&mut self) -> String {
        let rest = self.rest();
        let end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len());
        self.pos += end;
        rest[..end].to_ascii_lowercase()
    }

    fn skip_whitespace(&mut self) {
        let rest = self.rest();
        self.pos += rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_whitespace())
                .len();
    }

    fn start_tag(&mut self) -> Token<'a> {
        self.pos += 1; // '<'
        let name = self.tag_name();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            self.skip_whitespace();
            let rest = self.rest();
            match rest.as_bytes().first() {
                None => break,
                Some(b'>') => {
                    self.pos += 1;
                    break;
                }
                Some(b'/') => {
                    self.pos += 1;
                    self_closing = self.rest().starts_with('>');
                    continue;
                }
                _ => {}
            }
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>' || c == '=')
                .unwrap_or(rest.len())
                .max(1);
            let key = rest[..end].to_ascii_lowercase();
            self.pos += end;
            self.skip_whitespace();
            let mut value = String::new();
            if self.rest().starts_with('=') {
                self.pos += 1;
                self.skip_whitespace();
                let rest = self.rest();
                let raw = match rest.as_bytes().first() {
                    Some(&q @ (b'"' | b'\'')) => {
                        let close = rest[1..]
                            .find(q as char)
                            .map(|o| o + 1)
                            .unwrap_or(rest.len());
                        self.pos += (close + 1).min(rest.len());
                        &rest[1..close]
                    }
                    _ => {
                        let end = rest
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .unwrap_or(rest.len());
                        self.pos += end;
                        &rest[..end]
                    }
                };
                value = decode_entities(raw).into_owned();
            }
            if attrs.len() < 256 && !attrs.iter().any(|(k, _)| *k == key) {
                attrs.push((key, value));
            }
        }
        if raw_text(&name) && !self_closing {
            self.raw = Some(name.clone());
        }
        Token::Start {
            name,
            attrs,
            self_closing,
        }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if self.pos >= self.src.len() {
                return None;
            }
            if let Some(name) = self.raw.take() {
                let end = self.find_end_tag(self.pos, &name).unwrap_or(self.src.len());
                let text = &self.src[self.pos..end];
                self.pos = end;
                if !text.is_empty() {
                    return Some(Token::Text(Cow::Borrowed(text)));
                }
                continue;
            }
            let rest = self.rest();
            let Some(lt) = rest.find('<') else {
                self.pos = self.src.len();
                return Some(Token::Text(decode_entities(rest)));
            };
            if lt > 0 {
                self.pos += lt;
                return Some(Token::Text(decode_entities(&rest[..lt])));
            }
            let bytes = rest.as_bytes();
            match bytes.get(1) {
                Some(b'!') if rest.starts_with("<!--") => {
                    // "<!-->" and "<!--->" are complete (empty) comments.
                    if rest.starts_with("<!-->") {
                        self.pos += 5;
                    } else if rest.starts_with("<!--->") {
                        self.pos += 6;
                    } else {
                        self.pos += 4;
                        self.skip_past("-->");
                    }
                }
                Some(b'!') if rest.starts_with("<![CDATA[") => {
                    self.pos += 9;
                    self.skip_past("]]>");
                }
                Some(b'!' | b'?') => self.skip_past(">"),
                Some(b'/') if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) => {
                    self.pos += 2;
                    let name = self.tag_name();
                    self.skip_past(">");
                    return Some(Token::End { name });
                }
                Some(b'/') => self.skip_past(">"),
                Some(c) if c.is_ascii_alphabetic() => return Some(self.start_tag()),
                _ => {
                    // A '<' that starts no tag is text.
                    self.pos += 1;
                    return Some(Token::Text(Cow::Borrowed("<")));
                }
            }
        }
    }
}

/// Replace character references: `&#163;`, `&#xA3;`, `&pound;` and the legacy forms without
/// the semicolon for the commonest names.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The reference at the start of `s` (which starts with '&'): its text and byte length.
fn reference(s: &str) -> Option<(String, usize)> {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (num, 10, 2),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(0x11_0000);
        let semicolon = digits[len..].starts_with(';') as usize;
        let c = match value {
            // Numeric references to C1 controls mean Windows-1252 (as browsers read them).
            0x80..=0x9F => super::charset::windows_1252(value as u8),
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((c.to_string(), skip + len + semicolon));
    }
    let len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len())
        .min(32);
    let name = &body[..len];
    if body[len..].starts_with(';') {
        if let Some(text) = named(name) {
            return Some((text.to_string(), len + 2));
        }
    }
    // Legacy: a few names work without the semicolon ("&nbsp", "&amp").
    for legacy in ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "pound"] {
        if name.starts_with(legacy) {
            return named(legacy).map(|t| (t.to_string(), legacy.len() + 1));
        }
    }
    None
}

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "pound" => "£",
        "euro" => "€",
        "cent" => "¢",
        "yen" => "¥",
        "curren" => "¤",
        "copy" | "COPY" => "©",
        "reg" | "REG" => "®",
        "trade" => "™",
        "hellip" => "…",
        "mdash" => "—",
        "ndash" => "–",
        "minus" => "−",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "bull" => "•",
        "middot" => "·",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "divide" => "÷",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "sup1" => "¹",
        "sup2" => "²",
        "sup3" => "³",
        "percnt" => "%",
        "permil" => "‰",
        "para" => "¶",
        "sect" => "§",
        "dagger" => "†",
        "Dagger" => "‡",
        "iexcl" => "¡",
        "iquest" => "¿",
        "brvbar" => "¦",
        "uml" => "¨",
        "ordf" => "ª",
        "ordm" => "º",
        "not" => "¬",
        "shy" => "\u{ad}",
        "macr" => "¯",
        "acute" => "´",
        "micro" => "µ",
        "cedil" => "¸",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "lrm" | "rlm" => "",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "check" => "✓",
        "Agrave" => "À",
        "Aacute" => "Á",
        "Acirc" => "Â",
        "Atilde" => "Ã",
        "Auml" => "Ä",
        "Aring" => "Å",
        "AElig" => "Æ",
        "Ccedil" => "Ç",
        "Egrave" => "È",
        "Eacute" => "É",
        "Ecirc" => "Ê",
        "Euml" => "Ë",
        "Igrave" => "Ì",
        "Iacute" => "Í",
        "Icirc" => "Î",
        "Iuml" => "Ï",
        "Ntilde" => "Ñ",
        "Ograve" => "Ò",
        "Oacute" => "Ó",
        "Ocirc" => "Ô",
        "Otilde" => "Õ",
        "Ouml" => "Ö",
        "Oslash" => "Ø",
        "Ugrave" => "Ù",
        "Uacute" => "Ú",
        "Ucirc" => "Û",
        "Uuml" => "Ü",
        "Yacute" => "Ý",
        "szlig" => "ß",
        "agrave" => "à",
        "aacute" => "á",
        "acirc" => "â",
        "atilde" => "ã",
        "auml" => "ä",
        "aring" => "å",
        "aelig" => "æ",
        "ccedil" => "ç",
        "egrave" => "è",
        "eacute" => "é",
        "ecirc" => "ê",
        "euml" => "ë",
        "igrave" => "ì",
        "iacute" => "í",
        "icirc" => "î",
        "iuml" => "ï",
        "ntilde" => "ñ",
        "ograve" => "ò",
        "oacute" => "ó",
        "ocirc" => "ô",
        "otilde" => "õ",
        "ouml" => "ö",
        "oslash" => "ø",
        "ugrave" => "ù",
        "uacute" => "ú",
        "ucirc" => "û",
        "uuml" => "ü",
        "yacute" => "ý",
        "yuml" => "ÿ",
        "OElig" => "Œ",
        "oelig" => "œ",
        "Scaron" => "Š",
        "scaron" => "š",
        "Yuml" => "Ÿ",
        "fnof" => "ƒ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<String> {
        Tokenizer::new(html)
            .map(|t| match t {
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    format!(
                        "<{name}{}{}>",
                        attrs
                            .iter()
                            .map(|(k, v)| format!(" {k}={v}"))
                            .collect::<String>(),
                        if self_closing { "/" } else { "" }
                    )
                }
                Token::End { name } => format!("</{name}>"),
                Token::Text(t) => t.into_owned(),
            })
            .collect()
    }

    #[test]
    fn tags_attributes_and_text() {
        assert_eq!(
            tokens(
                "<TD ColSpan=2 class='a b' title=\"x>y\" hidden>Capital &amp; Revenue</td><br/>"
            ),
            [
                "<td colspan=2 class=a b title=x>y hidden=>",
                "Capital & Revenue",
                "</td>",
                "<br/>"
            ]
        );
    }

    #[test]
    fn comments_doctype_and_conditional_comments_are_skipped() {
        assert_eq!(
            tokens("<!DOCTYPE html><!-- a <td> in a comment --><![if !supportLists]>·<![endif]><?xml x?>text<!-->"),
            ["·", "text"]
        );
    }

    #[test]
    fn raw_text_runs_to_its_end_tag() {
        assert_eq!(
            tokens("<script>if (a<b) x='</td>';</SCRIPT >after<style>p{}"),
            [
                "<script>",
                "if (a<b) x='</td>';",
                "</script>",
                "after",
                "<style>",
                "p{}"
            ]
        );
    }

    #[test]
    fn character_references() {
        assert_eq!(
            decode_entities("&pound;16,467,000 &#163; &#xA3; &#150; &nbsp x &unknown; & AT&T"),
            "£16,467,000 £ £ – \u{a0} x &unknown; & AT&T"
        );
        assert_eq!(
            decode_entities("&#0; &#x110000; &#99999999999;"),
            "\u{FFFD} \u{FFFD} \u{FFFD}"
        );
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        assert_eq!(
            tokens("costs < £5k and 3 > 2 </ >"),
            ["costs ", "<", " £5k and 3 > 2 "]
        );
    }
}
