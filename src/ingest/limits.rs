//! The bounds every reader works within, so that time and memory stay bounded on hostile input
//! (a 20 KB zip that claims gigabytes, a spreadsheet with a cell at XFD1048576, a PDF whose
//! streams inflate 1000:1). One place, so the numbers are easy to review and to quote in messages.

/// Largest file accepted at all; checked before any parsing.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Most entries a zip-based document (docx, xlsx, odt, ods) may list. Real ones have tens to a
/// few hundred; the central directory of a hostile one can list millions.
pub const MAX_ZIP_ENTRIES: u64 = 10_000;

/// Most bytes all entries of a zip-based document may expand to together (declared sizes,
/// which the zip reader enforces while inflating).
pub const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;

/// Most filled spreadsheet cells read from one workbook.
pub const MAX_CELLS: u64 = 1_000_000;

/// Most empty columns kept as TABs between two filled cells of a row; wider gaps are narrowed so
/// a cell at column XFD does not become 16,383 TABs per row.
pub const MAX_COLUMN_GAP: u32 = 64;

/// Most bytes all decoded streams of one PDF may expand to together.
pub const MAX_PDF_DECODED_BYTES: u64 = 256 * 1024 * 1024;

/// Most pages read from one PDF.
pub const MAX_PDF_PAGES: usize = 5_000;

/// Deepest nesting of files in files (an e-mail attached to an e-mail, …) and of PDF form
/// XObjects drawn inside each other.
pub const MAX_NESTING: usize = 4;

/// Most attachments read from one e-mail.
pub const MAX_ATTACHMENTS: usize = 50;

/// Deepest nesting of tables inside table cells that is kept as structure (deeper tables are
/// read as plain text), so hostile nesting costs linear time.
pub const MAX_TABLE_DEPTH: usize = 32;
