//! Plain text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or recognised by its zero
//! bytes), and Windows-1252 for the odd file saved by older office software. Never fails:
//! undecodable bytes become U+FFFD.

/// Decode text bytes into a `String`.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    if let Some(little_endian) =
        super::sniff::utf16_without_bom(&bytes[..bytes.len().min(64 * 1024)])
    {
        return decode_utf16(
            bytes,
            if little_endian {
                u16::from_le_bytes
            } else {
                u16::from_be_bytes
            },
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) if looks_like_windows_1252(bytes) => {
            bytes.iter().map(|&b| windows_1252(b)).collect()
        }
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Invalid UTF-8 where every high byte stands alone (no multi-byte sequences at all) is almost
/// certainly a single-byte code page; in UK public-sector documents that is Windows-1252
/// (`£` = 0xA3).
fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let valid_utf8_prefix = std::str::from_utf8(bytes)
        .map(|s| s.len())
        .unwrap_or_else(|e| e.valid_up_to());
    let multibyte = bytes[..valid_utf8_prefix]
        .iter()
        .filter(|&&b| b >= 0x80)
        .count();
    high > 0 && multibyte == 0
}

fn windows_1252(b: u8) -> char {
    super::charset::windows_1252(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBF\xC2\xA31"), "£1");
    }

    #[test]
    fn utf16_le_with_bom_decodes() {
        assert_eq!(decode(&[0xFF, 0xFE, 0xA3, 0x00, 0x35, 0x00]), "£5");
    }

    #[test]
    fn windows_1252_pound_sign_and_quotes_decode() {
        assert_eq!(decode(b"\xA313,107,000 \x93held\x94"), "£13,107,000 “held”");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "Well Led\t4.3"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&le), "Well Led\t4.3");
        let be: Vec<u8> = "£16,467,000 total"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&be), "£16,467,000 total");
    }

    #[test]
    fn broken_utf8_with_real_multibyte_chars_stays_utf8() {
        assert_eq!(decode(b"\xC2\xA31 \xFF"), "£1 \u{FFFD}");
    }
}
