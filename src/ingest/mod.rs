//! File bytes → text, one module per format. The text each reader returns is what extraction
//! sees and what evidence spans point into.

pub mod txt;

use std::fmt;

/// The text of one input file, ready for extraction.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub text: String,
    pub format: Format,
}

/// The file formats foi-lens reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
}

/// Why a file could not be read; the message tells the user what to do instead.
#[derive(Clone, Debug, PartialEq)]
pub enum IngestError {
    Empty,
    Unsupported { what: String },
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::Empty => write!(f, "the file is empty (0 bytes): nothing to parse"),
            IngestError::Unsupported { what } => write!(
                f,
                "{what} files cannot be read yet: open it, copy the text and paste it instead"
            ),
        }
    }
}

impl std::error::Error for IngestError {}

/// Turn a file's bytes into text, choosing the reader by content and name.
pub fn extract_text(_name: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(Document {
        text: txt::decode(bytes),
        format: Format::Text,
    })
}
