//! placeholder (work in progress)
#![allow(dead_code, unused_variables)]
use super::{Document, IngestError};
fn todo() -> IngestError {
    IngestError::Unsupported {
        what: "wip".into(),
        advice: "wip".into(),
    }
}
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    Err(todo())
}
