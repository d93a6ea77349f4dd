//! Raw DEFLATE (RFC 1951, no zlib header: two bytes fewer per link) for share links, via
//! `miniz_oxide`. Inflating is bounded: a link is untrusted input and a few kilobytes of DEFLATE
//! can claim megabytes of output, so the output is capped and a stream that asks for more is
//! refused rather than grown.

use miniz_oxide::inflate::TINFLStatus;

/// Level 9: links are made once and read many times; the difference in time is microseconds.
const LEVEL: u8 = 9;

/// Why a payload did not inflate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The stream ends before its last block: the link was cut short.
    Truncated,
    /// It would unpack to more than the cap.
    TooBig { limit: usize },
    /// Not a DEFLATE stream (bad block type, bad code lengths, distance too far back...).
    Corrupt,
}

pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, LEVEL)
}

/// Inflate `bytes`, refusing to produce more than `limit` bytes.
pub fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, limit).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => InflateError::TooBig { limit },
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            InflateError::Truncated
        }
        _ => InflateError::Corrupt,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text_and_shrinks_repetitive_text() {
        let text = "IT spend 2023/24: £16,467,000. IT spend 2024/25: £18,351,000.\n".repeat(40);
        let packed = deflate(text.as_bytes());
        assert!(
            packed.len() < text.len() / 10,
            "{} -> {}",
            text.len(),
            packed.len()
        );
        assert_eq!(inflate(&packed, 1 << 20).unwrap(), text.as_bytes());
    }

    #[test]
    fn round_trips_empty_input() {
        assert_eq!(inflate(&deflate(b""), 10).unwrap(), b"");
    }

    #[test]
    fn refuses_a_bomb_beyond_the_limit() {
        let zeros = vec![0u8; 5_000_000];
        let packed = deflate(&zeros);
        assert!(packed.len() < 10_000, "bomb is {} bytes", packed.len());
        assert_eq!(
            inflate(&packed, 1 << 20),
            Err(InflateError::TooBig { limit: 1 << 20 })
        );
    }

    #[test]
    fn a_cut_stream_is_truncated() {
        let text = "Digital Maturity Assessment, seven pillars, 2025. ".repeat(20);
        let packed = deflate(text.as_bytes());
        for cut in [1, packed.len() / 2, packed.len() - 1] {
            let got = inflate(&packed[..cut], 1 << 20);
            assert!(
                matches!(
                    got,
                    Err(InflateError::Truncated) | Err(InflateError::Corrupt)
                ),
                "cut at {cut}: {got:?}"
            );
        }
    }

    #[test]
    fn reserved_block_type_is_corrupt() {
        // BFINAL=1, BTYPE=11 (reserved).
        assert_eq!(inflate(&[0b0000_0111], 100), Err(InflateError::Corrupt));
    }
}
