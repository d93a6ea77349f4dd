//! PDF text layer → text, in pure Rust with no PDF library: the file structure (`file`),
//! decryption for the empty password (`crypt`), stream filters (`filters`), fonts and CMaps
//! (`font`, `cmap`, `encoding`), the content-stream interpreter (`content`) and the layout that
//! turns positioned words into lines with TABs between table columns (`layout`).
//!
//! Why our own: the crates on offer (pdf-extract on lopdf, lopdf's own extractor) panic on
//! malformed files (pdf-extract has ~100 `unwrap`s; a panic aborts the wasm worker), inflate
//! streams without a size limit, lose the positions tables need, and add ~470 KB gzipped to the
//! page; this reader is bounded (decoded bytes, operators, words, nesting) and small.
//!
//! Each page's text gets a locator ("page 2"). A PDF whose pages are only images is refused with
//! advice (OCR); pages of a mixed document that are only images are named in a note.

mod cmap;
mod content;
mod crypt;
mod encoding;
mod file;
mod filters;
mod font;
mod layout;
mod lexer;

use super::builder::TextBuilder;
use super::limits::{MAX_PDF_DECODED_BYTES, MAX_PDF_PAGES};
use super::{Document, Format, IngestError, Place};
use content::Interpreter;
use file::{Pdf, PdfError};
use filters::FilterError;
use lexer::{Dict, Object};

pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let pdf = Pdf::open(bytes, MAX_PDF_DECODED_BYTES).map_err(|e| match e {
        PdfError::NotPdf(detail) => IngestError::Damaged {
            what: "PDF".into(),
            detail,
        },
        PdfError::NeedsPassword => IngestError::PasswordProtected { what: "PDF".into() },
        PdfError::UnsupportedSecurity(handler) => IngestError::Unsupported {
            what: format!("A PDF protected with a certificate ({handler} security)"),
            advice: "open it with the certificate in a PDF reader, copy the text and paste it"
                .into(),
        },
        PdfError::OverBudget => over_budget(),
    })?;
    let pages = pages(&pdf);
    if pages.is_empty() {
        return Err(IngestError::Damaged {
            what: "PDF".into(),
            detail: "it has no pages that can be found".into(),
        });
    }
    let mut interpreter = Interpreter::new(&pdf);
    let mut out = TextBuilder::new();
    let (mut glyphs, mut unmapped, mut chars) = (0u64, 0u64, 0usize);
    let mut scanned_pages = Vec::new();
    let mut any_image_page = false;
    for (index, page) in pages.iter().enumerate() {
        let contents = page_contents(&pdf, &page.dict)?;
        let content = interpreter.run_page(&contents, &page.resources, page.area);
        if *pdf.over_budget.borrow() {
            return Err(over_budget());
        }
        glyphs += content.glyphs;
        unmapped += content.unmapped;
        let text = layout::layout(content.words);
        let page_chars = text.chars().filter(|c| !c.is_whitespace()).count();
        chars += page_chars;
        if content.image_cover > 0.3 {
            any_image_page = true;
            if page_chars < 10 {
                scanned_pages.push(index + 1);
            }
        }
        out.blank_line();
        let start = out.offset();
        out.push_str(&text);
        out.end_line();
        out.locate_from(start, Place::Page(index as u32 + 1));
        if interpreter.operators > content::MAX_OPERATORS {
            out.note(format!(
                "This PDF's pages are unusually complex; only the first {} pages were read.",
                index + 1
            ));
            break;
        }
    }
    if pages.len() >= MAX_PDF_PAGES {
        out.note(format!("Only the first {MAX_PDF_PAGES} pages were read."));
    }
    if chars < 20 {
        if any_image_page || glyphs == 0 && scanned_pages.len() == pages.len() {
            return Err(IngestError::NoTextLayer { pages: pages.len() });
        }
        if unmapped > 0 {
            return Err(IngestError::Unsupported {
                what: "This PDF's text".into(),
                advice: "its fonts do not say which letters they draw, so the text cannot be extracted; \
                         select and copy the text in a PDF viewer (if that works, paste it here), or run text recognition (OCR) on it"
                    .into(),
            });
        }
        return Err(IngestError::NoTextLayer { pages: pages.len() });
    }
    if !scanned_pages.is_empty() {
        let list = scanned_pages
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let (noun, verb) = if scanned_pages.len() == 1 {
            ("Page", "has")
        } else {
            ("Pages", "have")
        };
        out.note(format!("{noun} {list} {verb} no text layer (scanned images), so their content is missing here; run text recognition (OCR) on them or type out their figures."));
    }
    if glyphs > 0 && unmapped * 5 > glyphs {
        out.note("Some of this PDF's text uses fonts that do not say which letters they draw; that text is missing here.");
    }
    Ok(out.finish(Format::Pdf))
}

fn over_budget() -> IngestError {
    IngestError::ZipBomb {
        what: "PDF".into(),
        detail: format!(
            "would expand to more than {} MB of page data",
            MAX_PDF_DECODED_BYTES / (1024 * 1024)
        ),
    }
}

struct Page {
    dict: Dict,
    resources: Dict,
    area: f64,
}

/// The pages in order, with inherited resources and media box, walking the page tree without
/// recursion and without revisiting nodes (cyclic trees exist).
fn pages(pdf: &Pdf<'_>) -> Vec<Page> {
    let catalog = pdf.catalog();
    let Some(root) = catalog.get(b"Pages").cloned() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut visited: Vec<u32> = Vec::new();
    // (node, inherited resources, inherited media box)
    let mut stack: Vec<(Object, Option<Dict>, Option<Object>)> = vec![(root, None, None)];
    let mut steps = 0usize;
    while let Some((node, resources, media_box)) = stack.pop() {
        steps += 1;
        if steps > 200_000 || out.len() >= MAX_PDF_PAGES {
            break;
        }
        if let Object::Ref(n, _) = node {
            if visited.contains(&n) {
                continue;
            }
            visited.push(n);
        }
        let resolved = pdf.resolve(&node);
        let Some(dict) = resolved.as_dict() else {
            continue;
        };
        let resources = match pdf.get(dict, b"Resources") {
            Object::Dict(d) => Some(d),
            _ => resources,
        };
        let media_box = dict.get(b"MediaBox").map(|m| pdf.resolve(m)).or(media_box);
        let kids = pdf.get(dict, b"Kids");
        let is_pages = dict.get(b"Type").and_then(Object::as_name) == Some(b"Pages")
            || matches!(kids, Object::Array(_));
        if is_pages {
            if let Object::Array(kids) = kids {
                for kid in kids.into_iter().rev() {
                    stack.push((kid, resources.clone(), media_box.clone()));
                }
            }
        } else {
            let area = match &media_box {
                Some(Object::Array(b)) if b.len() >= 4 => {
                    let v: Vec<f64> = b
                        .iter()
                        .take(4)
                        .map(|x| pdf.resolve(x).as_f64().unwrap_or(0.0))
                        .collect();
                    ((v[2] - v[0]) * (v[3] - v[1])).abs()
                }
                _ => 612.0 * 792.0,
            };
            out.push(Page {
                dict: dict.clone(),
                resources: resources.unwrap_or_default(),
                area: if area > 1.0 { area } else { 612.0 * 792.0 },
            });
        }
    }
    out
}

/// A page's content streams, decoded and joined.
fn page_contents(pdf: &Pdf<'_>, page: &Dict) -> Result<Vec<u8>, IngestError> {
    let streams: Vec<Object> = match page.get(b"Contents").map(|c| pdf.resolve(c)) {
        Some(Object::Array(parts)) => parts.iter().map(|p| pdf.resolve(p)).collect(),
        Some(s @ Object::Stream(_)) => vec![s],
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    if let [Object::Stream(only)] = streams.as_slice() {
        // One stream (the usual case): no copy, so a huge page costs its size once.
        return match pdf.decode_stream(only) {
            Ok(data) => Ok(data),
            Err(FilterError::OverBudget) => Err(over_budget()),
            Err(FilterError::Unsupported(_)) => Ok(Vec::new()),
        };
    }
    for s in streams {
        if let Object::Stream(stream) = s {
            match pdf.decode_stream(&stream) {
                Ok(data) => {
                    out.extend_from_slice(&data);
                    out.push(b'\n');
                }
                Err(FilterError::OverBudget) => return Err(over_budget()),
                Err(FilterError::Unsupported(_)) => {}
            }
        }
    }
    Ok(out)
}
