//! E-mails (.eml, and .mht web archives, which are MIME too) with mail-parser: the headers a
//! reader needs (From, To, Date, Subject — the subject often carries the FOI reference), the body
//! (HTML preferred, through our table-preserving HTML converter; else plain text), then every
//! attachment read by its own reader, because an attached PDF or Word file is usually the
//! actual reply. Transfer encodings (quoted-printable, base64) and charsets are mail-parser's job.
//!
//! Each part is marked with a locator (message body, attachment "reply.pdf") and attachments
//! keep their own locators inside ("attachment reply.pdf, page 2"). Attachments that cannot be
//! read (a scan, a picture, a damaged file) become notes, so the rest still goes through.

use super::builder::TextBuilder;
use super::limits::{MAX_ATTACHMENTS, MAX_NESTING};
use super::{extract_nested, html, Document, Format, IngestError, Place};
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

pub fn read(bytes: &[u8], depth: usize) -> Result<Document, IngestError> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| IngestError::Damaged {
            what: Format::Email.describe().into(),
            detail: "it has no readable message headers".into(),
        })?;
    let mut out = TextBuilder::new();
    write_message(&message, &mut out, depth);
    Ok(out.finish(Format::Email))
}

fn write_message(message: &Message<'_>, out: &mut TextBuilder, depth: usize) {
    write_headers(message, out);

    let body_start = out.offset();
    let html_parts: Vec<&str> = message
        .html_body
        .iter()
        .filter_map(|&id| message.part(id))
        .filter_map(|p| match &p.body {
            PartType::Html(h) => Some(h.as_ref()),
            _ => None,
        })
        .collect();
    if !html_parts.is_empty() {
        for h in html_parts {
            out.push_str(&html::to_text(h));
            out.end_line();
        }
    } else {
        for part in message.text_body.iter().filter_map(|&id| message.part(id)) {
            if let PartType::Text(t) = &part.body {
                out.push_str(&t.replace("\r\n", "\n"));
                out.end_line();
            }
        }
    }
    out.locate_from(body_start, Place::MessageBody);

    let body_ids: Vec<u32> = message
        .html_body
        .iter()
        .chain(message.text_body.iter())
        .copied()
        .collect();
    let attachments: Vec<_> = message
        .attachments
        .iter()
        .filter(|id| !body_ids.contains(id))
        .filter_map(|&id| message.part(id))
        .collect();
    if depth >= MAX_NESTING && !attachments.is_empty() {
        out.note("Attachments nested this deep inside other e-mails were not read; open the e-mail that contains them.");
        return;
    }
    for (i, part) in attachments.into_iter().enumerate() {
        let name = part
            .attachment_name()
            .map(str::to_string)
            .unwrap_or_else(|| format!("attachment {}", i + 1));
        if i >= MAX_ATTACHMENTS {
            out.note(format!(
                "Only the first {MAX_ATTACHMENTS} attachments were read."
            ));
            break;
        }
        let content_type = part
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")).to_ascii_lowercase())
            .unwrap_or_default();
        let inline = part
            .content_disposition()
            .is_some_and(|d| d.ctype().eq_ignore_ascii_case("inline"));
        if content_type.starts_with("image/") {
            // Logos and signature images are inline; a picture sent as an attachment may be the
            // reply itself, scanned, so say that it was not read.
            if !inline && part.content_id().is_none() {
                out.note(format!("Attachment {name} is a picture; foi-lens reads text, not images (run OCR on it or type out the figures)."));
            }
            continue;
        }
        if name.eq_ignore_ascii_case("winmail.dat") || content_type == "application/ms-tnef" {
            out.note("Attachment winmail.dat is Outlook's TNEF wrapper and cannot be read; ask the sender to resend the attachments as ordinary files.");
            continue;
        }
        let contents: &[u8] = match &part.body {
            PartType::Message(m) => m.raw_message(),
            _ => part.contents(),
        };
        match extract_nested(&name, contents, depth + 1) {
            Ok(doc) => {
                out.blank_line();
                let start = out.offset();
                out.push_str(&format!("Attachment: {name}\n"));
                out.append_document(doc);
                out.end_line();
                out.locate_from(start, Place::Attachment(name));
            }
            Err(e) => out.note(format!("Attachment {name} was not read: {e}")),
        }
    }
}

fn write_headers(message: &Message<'_>, out: &mut TextBuilder) {
    let address = |a: Option<&mail_parser::Address<'_>>| -> Option<String> {
        let list: Vec<String> = a?
            .iter()
            .map(|addr| match (addr.name(), addr.address()) {
                (Some(n), Some(e)) => format!("{n} <{e}>"),
                (Some(n), None) => n.to_string(),
                (None, Some(e)) => e.to_string(),
                (None, None) => String::new(),
            })
            .filter(|s| !s.is_empty())
            .collect();
        (!list.is_empty()).then(|| list.join(", "))
    };
    let mut header = |label: &str, value: Option<String>| {
        if let Some(v) = value
            .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|v| !v.is_empty())
        {
            out.push_str(&format!("{label}: {v}\n"));
        }
    };
    header("From", address(message.from()));
    header("To", address(message.to()));
    header("Date", message.header_raw("Date").map(str::to_string));
    header("Subject", message.subject().map(str::to_string));
    out.blank_line();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_body_and_text_attachments_are_read() {
        let mail = "From: FOI Team <foi@trust.nhs.uk>\r\nTo: a@b.c\r\nSubject: =?utf-8?q?FOI_123_=E2=80=93_IT_spend?=\r\n\
                    Date: Fri, 26 Sep 2025 14:03:11 +0100\r\nMIME-Version: 1.0\r\n\
                    Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
                    --b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                    Total: =A313,107,000\r\n\
                    --b1\r\nContent-Type: text/plain; name=answer.txt\r\nContent-Disposition: attachment; filename=answer.txt\r\n\
                    Content-Transfer-Encoding: base64\r\n\r\nV2VsbCBMZWQJNC4z\r\n--b1--\r\n";
        let doc = read(mail.as_bytes(), 0).unwrap();
        assert_eq!(
            doc.text,
            "From: FOI Team <foi@trust.nhs.uk>\nTo: a@b.c\nDate: Fri, 26 Sep 2025 14:03:11 +0100\nSubject: FOI 123 – IT spend\n\n\
             Total: £13,107,000\n\nAttachment: answer.txt\nWell Led\t4.3\n"
        );
        let at = doc.text.find("4.3").unwrap();
        assert_eq!(
            doc.describe(crate::model::Span::new(at, at + 3)).as_deref(),
            Some("attachment answer.txt")
        );
        let body = doc.text.find("Total").unwrap();
        assert_eq!(
            doc.describe(crate::model::Span::new(body, body + 1))
                .as_deref(),
            Some("message body")
        );
    }

    #[test]
    fn html_bodies_keep_tables_and_unreadable_attachments_become_notes() {
        let mail = "From: x@y.z\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\
                    --b\r\nContent-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                    <table><tr><td>IT Staff</td><td>=A36,167,000</td></tr></table>\r\n\
                    --b\r\nContent-Type: application/pdf; name=scan.pdf\r\nContent-Disposition: attachment; filename=scan.pdf\r\n\r\n%PDF-1.4 this file was cut short\r\n\
                    --b\r\nContent-Type: image/png; name=photo.png\r\nContent-Disposition: attachment; filename=photo.png\r\n\r\nPNG\r\n--b--\r\n";
        let doc = read(mail.as_bytes(), 0).unwrap();
        assert_eq!(doc.text, "From: x@y.z\n\nIT Staff\t£6,167,000\n");
        assert_eq!(doc.notes.len(), 2, "{:?}", doc.notes);
        assert!(
            doc.notes[0].starts_with("Attachment scan.pdf was not read: "),
            "{}",
            doc.notes[0]
        );
        assert!(
            doc.notes[1].contains("photo.png is a picture"),
            "{}",
            doc.notes[1]
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let mut mail = String::from("From: a@b.c\r\nSubject: innermost\r\n\r\nfigures\r\n");
        for i in 0..8 {
            mail = format!(
                "From: a@b.c\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x{i}\r\n\r\n--x{i}\r\nContent-Type: text/plain\r\n\r\nlevel {i}\r\n\
                 --x{i}\r\nContent-Type: application/octet-stream; name=m{i}.eml\r\nContent-Disposition: attachment; filename=m{i}.eml\r\n\r\n{mail}\r\n--x{i}--\r\n"
            );
        }
        let doc = read(mail.as_bytes(), 0).unwrap();
        assert!(doc.text.contains("level 7"));
        assert!(!doc.text.contains("innermost"));
        assert!(
            doc.notes.iter().any(|n| n.contains("nested this deep")),
            "{:?}",
            doc.notes
        );
    }
}
