//! RFC 4180 CSV writing, shared by every CSV export (money tables now; per-response spend and
//! DMA rows later): fields are quoted when they hold a comma, quote, CR or LF (quotes doubled),
//! records end in CRLF, and every record has the header's number of fields.
//!
//! Text that came from a document is untrusted: [`text_field`] defuses spreadsheet formulas
//! (`=HYPERLINK(...)`, `+cmd`, `@SUM`) by prefixing a `'`, as OWASP advises for CSV injection.
//! Numbers are written as they are, so a negative amount stays a number.

use std::borrow::Cow;
use std::io::{self, Write};

/// Writes CSV records to `out`.
pub struct CsvWriter<W: Write> {
    out: W,
    fields: Option<usize>,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(out: W) -> Self {
        CsvWriter { out, fields: None }
    }

    /// Write one record. The first record (the header) fixes the number of fields; a record
    /// with a different number is a bug in the caller and is refused.
    pub fn write_record<I, S>(&mut self, fields: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut line = String::new();
        let mut count = 0;
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            line.push_str(&quote(f.as_ref()));
            count += 1;
        }
        match self.fields {
            Some(n) if n != count => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("CSV record has {count} fields, the header has {n}"),
                ))
            }
            _ => self.fields = Some(count),
        }
        line.push_str("\r\n");
        self.out.write_all(line.as_bytes())
    }

    /// True once a record (the header) has been written.
    pub fn has_header(&self) -> bool {
        self.fields.is_some()
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// A field as RFC 4180 wants it: quoted (with inner quotes doubled) when it holds a comma,
/// a quote, CR or LF, or starts or ends with a space.
pub fn quote(field: &str) -> Cow<'_, str> {
    let needs =
        field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ');
    if needs {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(field)
    }
}

/// Untrusted document text made safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@`,
/// tab or CR gets a `'` in front so it is shown, not run as a formula.
pub fn text_field(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(records: &[&[&str]]) -> String {
        let mut w = CsvWriter::new(Vec::new());
        for r in records {
            w.write_record(r.iter()).unwrap();
        }
        String::from_utf8(w.into_inner()).unwrap()
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(
            written(&[&["a", "b,c", "say \"hi\"", "two\nlines", " pad"]]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\"\r\n"
        );
        assert_eq!(written(&[&["", "£1,234"]]), ",\"£1,234\"\r\n");
    }

    #[test]
    fn records_must_match_the_header() {
        let mut w = CsvWriter::new(Vec::new());
        w.write_record(["a", "b"]).unwrap();
        assert!(w.write_record(["only one"]).is_err());
        assert!(w.has_header());
    }

    #[test]
    fn formulas_from_documents_are_defused() {
        assert_eq!(text_field("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_field("Revenue Sub Total"), "Revenue Sub Total");
    }
}
