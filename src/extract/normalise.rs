//! Text cleaning with an offset map back to the original.
//!
//! Text pasted from PDFs, Word and web pages is full of look-alike characters: non-breaking
//! spaces, soft hyphens, curly quotes, ligatures, en dashes used as minus signs, Symbol-font
//! bullets, CRLF line ends, mojibake such as `Â£`, and page furniture ("Page 2 of 3"). The
//! extractors want plain text; the user wants evidence highlighted in *their* text. So
//! [`Normalised`] keeps the cleaned text and a compact segment map from every cleaned byte back
//! to the original byte range, and [`Normalised::span`] turns a range of cleaned text into a
//! [`Span`] of the original.

use crate::model::Span;

/// Cleaned text plus the map back to the original.
#[derive(Clone, Debug)]
pub struct Normalised {
    pub text: String,
    /// Segments in increasing `norm_start` order, covering `text` without gaps.
    segments: Vec<Segment>,
    original_len: usize,
}

/// A run of cleaned text: either copied byte for byte (`same`), or the replacement of one
/// original character/sequence (then offsets inside it map to its ends).
#[derive(Clone, Copy, Debug)]
struct Segment {
    norm_start: usize,
    norm_len: usize,
    orig_start: usize,
    orig_len: usize,
    same: bool,
}

impl Normalised {
    /// Clean `original`. Linear time; never panics.
    pub fn new(original: &str) -> Normalised {
        let mut b = Builder::new(original);
        let bytes = original.as_bytes();
        let mut line_start = 0;
        while line_start < original.len() {
            let line_end = memchr_newline(bytes, line_start);
            let next = match bytes.get(line_end) {
                None => line_end,
                Some(b'\r') if bytes.get(line_end + 1) == Some(&b'\n') => line_end + 2,
                Some(_) => line_end + 1,
            };
            let line = &original[line_start..line_end];
            if is_page_furniture(line) {
                // Dropped with its line end, so a table split by a page break reads as one.
                b.delete(line_start, next);
            } else {
                clean_line(&mut b, original, line_start, next);
            }
            line_start = next;
        }
        b.finish(original.len())
    }

    /// The original span for the cleaned byte range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.orig_start(start);
        let e = self.orig_end(end).max(s);
        Span::new(s, e)
    }

    /// Original offset where the cleaned byte `i` came from.
    fn orig_start(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.original_len;
        }
        let seg = &self.segments[self.segment_index(i)];
        if seg.same {
            seg.orig_start + (i - seg.norm_start)
        } else {
            seg.orig_start
        }
    }

    /// Original offset just after the cleaned bytes `..end`.
    fn orig_end(&self, end: usize) -> usize {
        if end == 0 {
            return self.orig_start(0);
        }
        let last = end.min(self.text.len()) - 1;
        if self.text.is_empty() {
            return self.original_len;
        }
        let seg = &self.segments[self.segment_index(last)];
        if seg.same {
            seg.orig_start + (last + 1 - seg.norm_start)
        } else {
            seg.orig_start + seg.orig_len
        }
    }

    fn segment_index(&self, i: usize) -> usize {
        self.segments
            .partition_point(|s| s.norm_start <= i)
            .saturating_sub(1)
    }
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r' || b == 0x0C)
        .map(|p| from + p)
        .unwrap_or(bytes.len())
}

/// Lines that are page furniture rather than content: "Page 2 of 3", "Page 2", "- 2 -",
/// "50 | Page", "2 of 3".
fn is_page_furniture(line: &str) -> bool {
    // Every form has a number in it and is short: most lines are ruled out without work.
    if line.len() > 64 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let t = line.trim();
    if t.is_empty() || t.len() > 24 {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '|' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let num = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    match words.as_slice() {
        ["page", n] | [n, "page"] => num(n),
        ["page", a, "of", b] | [a, "of", b] => num(a) && num(b) && lower.contains("of"),
        [n] => num(n) && t.starts_with('-') && t.ends_with('-'),
        _ => false,
    }
}

/// Clean the line `original[start..next]` (including its line end) into the builder.
fn clean_line(b: &mut Builder<'_>, original: &str, start: usize, next: usize) {
    let line = &original[start..next];
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < line.len() {
        // Fast path: a run of plain ASCII (most of any document) is copied in one go.
        let run = bytes[i..]
            .iter()
            .take_while(|&&x| is_plain_ascii(x))
            .count();
        if run > 0 {
            b.copy(start + i, start + i + run);
            i += run;
            continue;
        }
        let Some(c) = line[i..].chars().next() else {
            break;
        };
        let at = start + i;
        // Mojibake from UTF-8 read as Windows-1252: "Â£", "â€™" and friends.
        if c == 'Â' || c == 'â' {
            if let Some((len, repl)) = mojibake(&line[i..]) {
                b.replace(at, at + len, repl);
                i += len;
                continue;
            }
        }
        match c {
            '\r' if bytes.get(i + 1) == Some(&b'\n') => {
                b.replace(at, at + 2, "\n");
                i += 2;
                continue;
            }
            '\r' | '\u{0C}' => b.replace(at, at + 1, "\n"),
            _ => match clean_char(c) {
                Clean::Keep => b.copy(at, at + c.len_utf8()),
                Clean::Drop => b.delete(at, at + c.len_utf8()),
                Clean::To(s) => b.replace(at, at + c.len_utf8(), s),
            },
        }
        i += c.len_utf8();
    }
}

/// Bytes that are copied unchanged: tab, newline and printable ASCII.
fn is_plain_ascii(x: u8) -> bool {
    matches!(x, b'\t' | b'\n' | 0x20..=0x7E)
}

enum Clean {
    Keep,
    Drop,
    To(&'static str),
}

fn clean_char(c: char) -> Clean {
    match c {
        // Spaces of every width become a plain space (they separate table columns too).
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Clean::To(" "),
        // Invisible: soft hyphen, zero-width and bidi controls, BOM.
        '\u{AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}' => Clean::Drop,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => {
            Clean::To("'")
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => {
            Clean::To("\"")
        }
        // Dashes and minus signs: the extractors only need to know "dash or minus".
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Clean::To("-")
        }
        '\u{FB00}' => Clean::To("ff"),
        '\u{FB01}' => Clean::To("fi"),
        '\u{FB02}' => Clean::To("fl"),
        '\u{FB03}' => Clean::To("ffi"),
        '\u{FB04}' => Clean::To("ffl"),
        '\u{FB05}' | '\u{FB06}' => Clean::To("st"),
        // Bullets, including Word's Symbol-font private-use bullets.
        '\u{2022}' | '\u{2023}' | '\u{2043}' | '\u{2219}' | '\u{25AA}' | '\u{25A0}'
        | '\u{25CF}' | '\u{25E6}' | '\u{27A2}' | '\u{F0A7}' | '\u{F0B7}' | '\u{F076}'
        | '\u{F0D8}' | '\u{F0FC}' => Clean::To("•"),
        '\u{FFE1}' | '\u{20A4}' => Clean::To("£"),
        '\u{FF10}'..='\u{FF19}' => Clean::To(FULLWIDTH_DIGITS[(c as u32 - 0xFF10) as usize]),
        // Other control characters (NUL, C1) would only confuse: a space keeps columns apart.
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Clean::To(" "),
        _ => Clean::Keep,
    }
}

const FULLWIDTH_DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// The commonest mojibake sequences (UTF-8 decoded as Windows-1252) at the start of `s`:
/// returns the byte length consumed and the clean text.
fn mojibake(s: &str) -> Option<(usize, &'static str)> {
    const TABLE: [(&str, &str); 9] = [
        ("Â£", "£"),
        ("Â\u{A0}", " "),
        ("â€™", "'"),
        ("â€˜", "'"),
        ("â€œ", "\""),
        ("â€\u{9D}", "\""),
        ("â€“", "-"),
        ("â€”", "-"),
        ("â€¢", "•"),
    ];
    TABLE
        .iter()
        .find(|(bad, _)| s.starts_with(bad))
        .map(|(bad, good)| (bad.len(), *good))
}

struct Builder<'a> {
    original: &'a str,
    text: String,
    segments: Vec<Segment>,
}

impl Builder<'_> {
    fn new(original: &str) -> Builder<'_> {
        Builder {
            original,
            text: String::with_capacity(original.len()),
            segments: Vec::new(),
        }
    }

    /// Copy original bytes `from..to` unchanged (the caller passes them in order).
    fn copy(&mut self, from: usize, to: usize) {
        let norm_start = self.text.len();
        self.text.push_str(&self.original[from..to]);
        if let Some(last) = self.segments.last_mut() {
            if last.same
                && last.norm_start + last.norm_len == norm_start
                && last.orig_start + last.orig_len == from
            {
                last.norm_len += to - from;
                last.orig_len += to - from;
                return;
            }
        }
        self.segments.push(Segment {
            norm_start,
            norm_len: to - from,
            orig_start: from,
            orig_len: to - from,
            same: true,
        });
    }

    fn replace(&mut self, from: usize, to: usize, with: &str) {
        self.segments.push(Segment {
            norm_start: self.text.len(),
            norm_len: with.len(),
            orig_start: from,
            orig_len: to - from,
            same: false,
        });
        self.text.push_str(with);
    }

    fn delete(&mut self, _from: usize, _to: usize) {
        // Nothing to record: the next segment starts at its own original offset.
    }

    fn finish(self, original_len: usize) -> Normalised {
        Normalised {
            text: self.text,
            segments: self.segments,
            original_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence<'a>(original: &'a str, n: &Normalised, needle: &str) -> &'a str {
        let i = n.text.find(needle).expect("needle in cleaned text");
        n.span(i, i + needle.len()).text(original)
    }

    #[test]
    fn crlf_nbsp_and_curly_quotes_are_cleaned() {
        let original = "Ref:\u{A0}FOI\r\n\u{201C}not held\u{201D}\r\n";
        let n = Normalised::new(original);
        assert_eq!(n.text, "Ref: FOI\n\"not held\"\n");
    }

    #[test]
    fn spans_map_back_to_the_original_bytes() {
        let original = "Total\u{A0}spend\u{AD}:\r\n\u{2013}\u{A3}1,234\u{FB01}x";
        let n = Normalised::new(original);
        assert_eq!(n.text, "Total spend:\n-£1,234fix");
        assert_eq!(evidence(original, &n, "£1,234"), "\u{A3}1,234");
        assert_eq!(evidence(original, &n, "-£1"), "\u{2013}\u{A3}1");
        assert_eq!(evidence(original, &n, "spend:"), "spend\u{AD}:");
        // Part of a ligature maps to the whole ligature.
        assert_eq!(evidence(original, &n, "i"), "\u{FB01}");
        assert_eq!(evidence(original, &n, "Total spend"), "Total\u{A0}spend");
    }

    #[test]
    fn page_furniture_lines_are_dropped() {
        let original =
            "Software\t£1\nPage 2 of 3\nHardware\t£2\n50 | Page\n- 3 -\nPage 4\nPage two\n";
        let n = Normalised::new(original);
        assert_eq!(n.text, "Software\t£1\nHardware\t£2\nPage two\n");
        assert_eq!(evidence(original, &n, "Hardware\t£2"), "Hardware\t£2");
    }

    #[test]
    fn mojibake_pound_and_quotes_are_repaired() {
        let original = "Spend Â£5m, itâ€™s";
        let n = Normalised::new(original);
        assert_eq!(n.text, "Spend £5m, it's");
        assert_eq!(evidence(original, &n, "£5m"), "Â£5m");
    }

    #[test]
    fn controls_and_bidi_marks_do_not_survive() {
        let n = Normalised::new("a\u{0}b\u{200F}c\u{202E}d\u{F0B7} e");
        assert_eq!(n.text, "a bcd• e");
    }

    #[test]
    fn empty_and_whitespace_only_input() {
        let n = Normalised::new("");
        assert_eq!(n.text, "");
        assert_eq!(n.span(0, 0), Span::new(0, 0));
        let n = Normalised::new("\u{AD}\u{AD}");
        assert_eq!(n.text, "");
        assert_eq!(n.span(0, 0), Span::new(4, 4));
    }
}
