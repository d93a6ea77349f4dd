//! Simple-font encodings (ISO 32000 Annex D) and glyph names → Unicode, for fonts that do not
//! carry a `/ToUnicode` map: WinAnsi, MacRoman (tables in `charset`), Adobe Standard, and the
//! glyph names of the Adobe Glyph List that Western documents use, plus the `uniXXXX`/`uXXXX`
//! conventions and ligature names like `f_f_i`.

/// The base encodings a simple font can name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    /// Symbolic fonts without an encoding: codes are taken as WinAnsi, which is what
    /// symbolic TrueType fonts from office software use in practice.
    Symbolic,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<Self> {
        Some(match name {
            b"WinAnsiEncoding" => BaseEncoding::WinAnsi,
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"StandardEncoding" => BaseEncoding::Standard,
            b"PDFDocEncoding" => BaseEncoding::WinAnsi,
            _ => return None,
        })
    }

    /// The character code `code` stands for, if any.
    pub fn char_for(self, code: u8) -> Option<char> {
        match self {
            BaseEncoding::WinAnsi | BaseEncoding::Symbolic => winansi(code),
            BaseEncoding::MacRoman => {
                if code < 0x80 {
                    ascii(code)
                } else {
                    Some(crate::ingest::charset::mac_roman(code))
                }
            }
            BaseEncoding::Standard => standard(code),
        }
    }
}

fn ascii(code: u8) -> Option<char> {
    (0x20..0x7F).contains(&code).then_some(code as char)
}

fn winansi(code: u8) -> Option<char> {
    match code {
        0x20..=0x7E => Some(code as char),
        // Undefined WinAnsi codes show as bullets in Acrobat (Annex D note 5).
        0x81 | 0x8D | 0x8F | 0x90 | 0x9D | 0x7F => Some('•'),
        0xA0 => Some(' '),
        0xAD => Some('-'),
        0x80..=0xFF => Some(crate::ingest::charset::windows_1252(code)),
        _ => None,
    }
}

/// Adobe StandardEncoding: ASCII except the quotes, plus its own upper half.
fn standard(code: u8) -> Option<char> {
    Some(match code {
        0x27 => '’',
        0x60 => '‘',
        0x20..=0x7E => code as char,
        0xA1 => '¡',
        0xA2 => '¢',
        0xA3 => '£',
        0xA4 => '⁄',
        0xA5 => '¥',
        0xA6 => 'ƒ',
        0xA7 => '§',
        0xA8 => '¤',
        0xA9 => '\'',
        0xAA => '“',
        0xAB => '«',
        0xAC => '‹',
        0xAD => '›',
        0xAE => '\u{FB01}',
        0xAF => '\u{FB02}',
        0xB1 => '–',
        0xB2 => '†',
        0xB3 => '‡',
        0xB4 => '·',
        0xB6 => '¶',
        0xB7 => '•',
        0xB8 => '‚',
        0xB9 => '„',
        0xBA => '”',
        0xBB => '»',
        0xBC => '…',
        0xBD => '‰',
        0xBF => '¿',
        0xC1 => '`',
        0xC2 => '´',
        0xC3 => 'ˆ',
        0xC4 => '˜',
        0xC5 => '¯',
        0xC6 => '˘',
        0xC7 => '˙',
        0xC8 => '¨',
        0xCA => '˚',
        0xCB => '¸',
        0xCD => '˝',
        0xCE => '˛',
        0xCF => 'ˇ',
        0xD0 => '—',
        0xE1 => 'Æ',
        0xE3 => 'ª',
        0xE8 => 'Ł',
        0xE9 => 'Ø',
        0xEA => 'Œ',
        0xEB => 'º',
        0xF1 => 'æ',
        0xF5 => 'ı',
        0xF8 => 'ł',
        0xF9 => 'ø',
        0xFA => 'œ',
        0xFB => 'ß',
        _ => return None,
    })
}

/// Glyph names → text. Names are looked up in a table of the Western glyph names, then as
/// `uniXXXX…` / `uXXXX` codes; suffixes (`one.oldstyle`) are dropped and ligature names
/// (`f_f_i`) spelled out. `None` for names with no known meaning (`g123`, `cid456`).
pub fn glyph_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<Vec<String>> =
            base.split('_').map(|p| glyph_text(p.as_bytes())).collect();
        return parts.map(|p| p.concat());
    }
    if let Some(c) = single_glyph(base) {
        return Some(c.to_string());
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = hex
                .as_bytes()
                .chunks(4)
                .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                .collect();
            return Some(
                char::decode_utf16(units)
                    .map(|r| r.unwrap_or('\u{FFFD}'))
                    .collect(),
            );
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from);
        }
    }
    None
}

fn single_glyph(name: &str) -> Option<char> {
    if name.len() == 1 {
        let c = name.chars().next()?;
        if c.is_ascii_alphabetic() {
            return Some(c);
        }
    }
    Some(match name {
        "space" | "nbspace" | "nonbreakingspace" => ' ',
        "exclam" => '!',
        "quotedbl" => '"',
        "numbersign" => '#',
        "dollar" => '$',
        "percent" => '%',
        "ampersand" => '&',
        "quotesingle" => '\'',
        "parenleft" => '(',
        "parenright" => ')',
        "asterisk" => '*',
        "plus" => '+',
        "comma" => ',',
        "hyphen" | "sfthyphen" | "softhyphen" => '-',
        "period" => '.',
        "slash" => '/',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        "colon" => ':',
        "semicolon" => ';',
        "less" => '<',
        "equal" => '=',
        "greater" => '>',
        "question" => '?',
        "at" => '@',
        "bracketleft" => '[',
        "backslash" => '\\',
        "bracketright" => ']',
        "asciicircum" => '^',
        "underscore" => '_',
        "grave" => '`',
        "braceleft" => '{',
        "bar" => '|',
        "braceright" => '}',
        "asciitilde" => '~',
        "exclamdown" => '¡',
        "cent" => '¢',
        "sterling" => '£',
        "currency" => '¤',
        "yen" => '¥',
        "brokenbar" => '¦',
        "section" => '§',
        "dieresis" => '¨',
        "copyright" => '©',
        "ordfeminine" => 'ª',
        "guillemotleft" | "guillemetleft" => '«',
        "logicalnot" => '¬',
        "registered" => '®',
        "macron" => '¯',
        "degree" => '°',
        "plusminus" => '±',
        "twosuperior" => '²',
        "threesuperior" => '³',
        "acute" => '´',
        "mu" | "mu1" => 'µ',
        "paragraph" => '¶',
        "periodcentered" | "middot" => '·',
        "cedilla" => '¸',
        "onesuperior" => '¹',
        "ordmasculine" => 'º',
        "guillemotright" | "guillemetright" => '»',
        "onequarter" => '¼',
        "onehalf" => '½',
        "threequarters" => '¾',
        "questiondown" => '¿',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acircumflex" => 'Â',
        "Atilde" => 'Ã',
        "Adieresis" => 'Ä',
        "Aring" => 'Å',
        "AE" => 'Æ',
        "Ccedilla" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecircumflex" => 'Ê',
        "Edieresis" => 'Ë',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Icircumflex" => 'Î',
        "Idieresis" => 'Ï',
        "Eth" => 'Ð',
        "Ntilde" => 'Ñ',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocircumflex" => 'Ô',
        "Otilde" => 'Õ',
        "Odieresis" => 'Ö',
        "multiply" => '×',
        "Oslash" => 'Ø',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Ucircumflex" => 'Û',
        "Udieresis" => 'Ü',
        "Yacute" => 'Ý',
        "Thorn" => 'Þ',
        "germandbls" => 'ß',
        "agrave" => 'à',
        "aacute" => 'á',
        "acircumflex" => 'â',
        "atilde" => 'ã',
        "adieresis" => 'ä',
        "aring" => 'å',
        "ae" => 'æ',
        "ccedilla" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecircumflex" => 'ê',
        "edieresis" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icircumflex" => 'î',
        "idieresis" => 'ï',
        "eth" => 'ð',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocircumflex" => 'ô',
        "otilde" => 'õ',
        "odieresis" => 'ö',
        "divide" => '÷',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucircumflex" => 'û',
        "udieresis" => 'ü',
        "yacute" => 'ý',
        "thorn" => 'þ',
        "ydieresis" => 'ÿ',
        "Euro" | "euro" => '€',
        "quotesinglbase" => '‚',
        "florin" => 'ƒ',
        "quotedblbase" => '„',
        "ellipsis" => '…',
        "dagger" => '†',
        "daggerdbl" => '‡',
        "circumflex" => 'ˆ',
        "perthousand" => '‰',
        "Scaron" => 'Š',
        "guilsinglleft" => '‹',
        "OE" => 'Œ',
        "Zcaron" => 'Ž',
        "quoteleft" => '‘',
        "quoteright" => '’',
        "quotedblleft" => '“',
        "quotedblright" => '”',
        "bullet" => '•',
        "endash" => '–',
        "emdash" => '—',
        "tilde" => '˜',
        "trademark" => '™',
        "scaron" => 'š',
        "guilsinglright" => '›',
        "oe" => 'œ',
        "zcaron" => 'ž',
        "Ydieresis" => 'Ÿ',
        "fi" => '\u{FB01}',
        "fl" => '\u{FB02}',
        "ff" => '\u{FB00}',
        "ffi" => '\u{FB03}',
        "ffl" => '\u{FB04}',
        "dotlessi" => 'ı',
        "Lslash" => 'Ł',
        "lslash" => 'ł',
        "fraction" => '⁄',
        "minus" => '−',
        "breve" => '˘',
        "dotaccent" => '˙',
        "ring" => '˚',
        "ogonek" => '˛',
        "hungarumlaut" => '˝',
        "caron" => 'ˇ',
        "quotereversed" => '‛',
        "arrowright" => '→',
        "arrowleft" => '←',
        "checkmark" => '✓',
        "lessequal" => '≤',
        "greaterequal" => '≥',
        "notequal" => '≠',
        "infinity" => '∞',
        "approxequal" => '≈',
        "Omega" => 'Ω',
        "pi" => 'π',
        "summation" => '∑',
        "product" => '∏',
        "radical" => '√',
        "integral" => '∫',
        "partialdiff" => '∂',
        "Delta" => 'Δ',
        "lozenge" => '◊',
        "Gbreve" => 'Ğ',
        "gbreve" => 'ğ',
        "Idotaccent" => 'İ',
        "Scedilla" => 'Ş',
        "scedilla" => 'ş',
        "Cacute" => 'Ć',
        "cacute" => 'ć',
        "Ccaron" => 'Č',
        "ccaron" => 'č',
        "Dcroat" => 'Đ',
        "dcroat" => 'đ',
        "Ecaron" => 'Ě',
        "ecaron" => 'ě',
        "Nacute" => 'Ń',
        "nacute" => 'ń',
        "Ncaron" => 'Ň',
        "ncaron" => 'ň',
        "Rcaron" => 'Ř',
        "rcaron" => 'ř',
        "Sacute" => 'Ś',
        "sacute" => 'ś',
        "Tcaron" => 'Ť',
        "tcaron" => 'ť',
        "Uring" => 'Ů',
        "uring" => 'ů',
        "Zacute" => 'Ź',
        "zacute" => 'ź',
        "Zdotaccent" => 'Ż',
        "zdotaccent" => 'ż',
        "Aogonek" => 'Ą',
        "aogonek" => 'ą',
        "Eogonek" => 'Ę',
        "eogonek" => 'ę',
        "Wcircumflex" => 'Ŵ',
        "wcircumflex" => 'ŵ',
        "Ycircumflex" => 'Ŷ',
        "ycircumflex" => 'ŷ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_encodings() {
        assert_eq!(BaseEncoding::WinAnsi.char_for(0xA3), Some('£'));
        assert_eq!(BaseEncoding::WinAnsi.char_for(0x93), Some('“'));
        assert_eq!(BaseEncoding::MacRoman.char_for(0xA3), Some('£'));
        assert_eq!(BaseEncoding::MacRoman.char_for(0xD2), Some('“'));
        assert_eq!(BaseEncoding::Standard.char_for(0x27), Some('’'));
        assert_eq!(BaseEncoding::Standard.char_for(0xAE), Some('\u{FB01}'));
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_text(b"sterling").as_deref(), Some("£"));
        assert_eq!(glyph_text(b"uni00A3").as_deref(), Some("£"));
        assert_eq!(glyph_text(b"uni00660069").as_deref(), Some("fi"));
        assert_eq!(glyph_text(b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_text(b"f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_text(b"one.oldstyle").as_deref(), Some("1"));
        assert_eq!(glyph_text(b"g123"), None);
    }
}
