//! The few legacy character sets UK public-sector files use, decoded with small tables instead
//! of a full encoding library (encoding_rs alone is 139 KB gzipped in the page): UTF-8, UTF-16,
//! Windows-1252 (which is also what "ISO-8859-1" and "US-ASCII" labels mean on the web),
//! ISO-8859-15 and Mac OS Roman. Anything else is read as Windows-1252, which keeps ASCII — all
//! the figures — intact.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
    Iso8859_15,
    MacRoman,
}

impl Charset {
    /// The charset a label (`charset=…`, a MIME parameter) names; `None` for ones not
    /// supported here.
    pub fn from_label(label: &str) -> Option<Charset> {
        let l = label.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        Some(match l.as_str() {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" => Charset::Utf8,
            "utf-16" | "utf-16le" | "unicode" | "ucs-2" => Charset::Utf16Le,
            "utf-16be" | "unicodefffe" => Charset::Utf16Be,
            "windows-1252" | "cp1252" | "x-cp1252" | "iso-8859-1" | "iso8859-1" | "iso_8859-1"
            | "latin1" | "l1" | "us-ascii" | "ascii" | "ansi_x3.4-1968" | "cp819" | "ibm819" => {
                Charset::Windows1252
            }
            "iso-8859-15" | "iso8859-15" | "iso_8859-15" | "latin-9" | "latin9" | "l9" => {
                Charset::Iso8859_15
            }
            "macintosh" | "mac" | "x-mac-roman" | "macroman" | "csmacintosh" => Charset::MacRoman,
            _ => return None,
        })
    }

    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Charset::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Charset::Utf16Le => utf16(bytes, u16::from_le_bytes),
            Charset::Utf16Be => utf16(bytes, u16::from_be_bytes),
            Charset::Windows1252 => bytes.iter().map(|&b| windows_1252(b)).collect(),
            Charset::Iso8859_15 => bytes.iter().map(|&b| iso_8859_15(b)).collect(),
            Charset::MacRoman => bytes.iter().map(|&b| mac_roman(b)).collect(),
        }
    }
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252; its five undefined bytes map to the C1 controls, as browsers do.
pub fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

fn iso_8859_15(b: u8) -> char {
    match b {
        0xA4 => '€',
        0xA6 => 'Š',
        0xA8 => 'š',
        0xB4 => 'Ž',
        0xB8 => 'ž',
        0xBC => 'Œ',
        0xBD => 'œ',
        0xBE => 'Ÿ',
        _ => b as char,
    }
}

/// Mac OS Roman (with the euro sign at 0xDB, as since Mac OS 8.5).
pub fn mac_roman(b: u8) -> char {
    const HIGH: [char; 128] = [
        'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', //
        'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', //
        '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø', //
        '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø', //
        '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{A0}', 'À', 'Ã', 'Õ', 'Œ',
        'œ', //
        '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›', 'ﬁ', 'ﬂ', //
        '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô', //
        '\u{F8FF}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
    ];
    if b < 0x80 {
        b as char
    } else {
        HIGH[(b - 0x80) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            Charset::from_label("\"Windows-1252\""),
            Some(Charset::Windows1252)
        );
        assert_eq!(
            Charset::from_label("ISO-8859-1"),
            Some(Charset::Windows1252)
        );
        assert_eq!(Charset::from_label("utf-8"), Some(Charset::Utf8));
        assert_eq!(Charset::from_label("koi8-r"), None);
    }

    #[test]
    fn single_byte_tables() {
        assert_eq!(
            Charset::Windows1252.decode(b"\xa313,107,000 \x93held\x94 \x80"),
            "£13,107,000 “held” €"
        );
        assert_eq!(Charset::Iso8859_15.decode(b"\xa4 \xa3"), "€ £");
        assert_eq!(
            Charset::MacRoman.decode(b"\xa3 \xd2x\xd3 \xdb \xa5"),
            "£ “x” € •"
        );
        assert_eq!(Charset::Utf16Be.decode(&[0, 0xA3, 0, b'5']), "£5");
    }
}
