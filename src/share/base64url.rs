//! Base64url without padding (RFC 4648 §5): the alphabet of a share link's payload. Every
//! character it produces is "unreserved" in a URL, so links survive being pasted into e-mail,
//! chat and CMS fields without percent-encoding.
//!
//! Decoding is strict about characters (a changed character means a damaged link, and the error
//! says where) but tolerates the `=` padding some tools add.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a payload is not base64url.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base64Error {
    /// A character outside the alphabet, at this character index of the payload.
    BadChar { index: usize, found: char },
    /// A length no encoder produces (one character left over): the payload was cut.
    BadLength,
}

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextets = [n >> 18, n >> 12, n >> 6, n];
        // 1 byte -> 2 characters, 2 -> 3, 3 -> 4.
        for s in &sextets[..chunk.len() + 1] {
            out.push(char::from(ALPHABET[(*s & 63) as usize]));
        }
    }
    out
}

fn sextet(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let body = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for (index, c) in body.char_indices() {
        let Some(v) = u8::try_from(c).ok().and_then(sextet) else {
            let index = body[..index].chars().count();
            return Err(Base64Error::BadChar { index, found: c });
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // 6 leftover bits means a lone final character: no encoder writes that.
    if bits == 6 {
        return Err(Base64Error::BadLength);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_the_rfc_4648_test_vectors_without_padding() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in cases {
            assert_eq!(encode(plain.as_bytes()), coded, "{plain}");
            assert_eq!(decode(coded).unwrap(), plain.as_bytes(), "{coded}");
        }
    }

    #[test]
    fn uses_the_url_safe_alphabet() {
        // 0xfb 0xff encodes to "+/8" in standard base64.
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("-_8").unwrap(), vec![0xfb, 0xff]);
    }

    #[test]
    fn round_trips_every_byte_value_at_every_length_mod_3() {
        let all: Vec<u8> = (0..=255u8).collect();
        for len in [253, 254, 255, 256] {
            assert_eq!(decode(&encode(&all[..len])).unwrap(), &all[..len]);
        }
    }

    #[test]
    fn tolerates_padding_that_some_tools_add() {
        assert_eq!(decode("Zg==").unwrap(), b"f");
        assert_eq!(decode("Zm8=").unwrap(), b"fo");
    }

    #[test]
    fn says_which_character_is_wrong() {
        assert_eq!(
            decode("Zm9v+mFy"),
            Err(Base64Error::BadChar {
                index: 4,
                found: '+'
            })
        );
        assert_eq!(
            decode("Zm€v"),
            Err(Base64Error::BadChar {
                index: 2,
                found: '€'
            })
        );
        assert_eq!(
            decode("Zm 9v"),
            Err(Base64Error::BadChar {
                index: 2,
                found: ' '
            })
        );
    }

    #[test]
    fn a_lone_last_character_is_a_cut_payload() {
        assert_eq!(decode("Zm9vY"), Err(Base64Error::BadLength));
    }
}
