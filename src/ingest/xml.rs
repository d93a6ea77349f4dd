//! A small pull reader over quick-xml for the office formats: owned, simplified events (open tag
//! with attributes, close tag, text with entities already resolved), lenient about the
//! mismatched tags real files sometimes have, and strict about nothing else.

use quick_xml::events::Event;

/// One start or empty-element tag.
#[derive(Debug)]
pub struct Tag {
    /// The qualified name as written, e.g. `w:p`, `table:table-cell`.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// `<x/>`: no matching close event follows.
    pub empty: bool,
}

impl Tag {
    /// The value of attribute `name` (qualified, e.g. `w:val`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug)]
pub enum XmlEvent {
    Open(Tag),
    Close(String),
    Text(String),
}

pub struct XmlReader<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
}

impl<'a> XmlReader<'a> {
    /// Read `text` (already decoded, see [`decode`]).
    pub fn new(text: &'a str) -> Self {
        let mut reader = quick_xml::Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        config.check_comments = false;
        XmlReader { reader }
    }

    /// The next event, `Ok(None)` at the end; an `Err` describes malformed XML.
    pub fn next(&mut self) -> Result<Option<XmlEvent>, String> {
        loop {
            let event = self
                .reader
                .read_event()
                .map_err(|e| format!("bad XML near byte {}: {e}", self.reader.buffer_position()))?;
            return Ok(Some(match event {
                Event::Start(e) => XmlEvent::Open(tag(&e, false)),
                Event::Empty(e) => XmlEvent::Open(tag(&e, true)),
                Event::End(e) => {
                    XmlEvent::Close(String::from_utf8_lossy(e.name().as_ref()).into_owned())
                }
                Event::Text(t) => XmlEvent::Text(
                    t.xml10_content()
                        .map(|c| c.into_owned())
                        .unwrap_or_default(),
                ),
                Event::CData(t) => XmlEvent::Text(
                    t.xml10_content()
                        .map(|c| c.into_owned())
                        .unwrap_or_default(),
                ),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => predefined_entity(&String::from_utf8_lossy(&r))
                            .unwrap_or("")
                            .to_string(),
                        Err(_) => String::new(),
                    };
                    XmlEvent::Text(resolved)
                }
                Event::Eof => return Ok(None),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => continue,
            }));
        }
    }
}

fn tag(e: &quick_xml::events::BytesStart<'_>, empty: bool) -> Tag {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let attrs = e
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (key, value)
        })
        .collect();
    Tag { name, attrs, empty }
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        _ => return None,
    })
}

/// XML bytes to text: UTF-16 with a BOM is decoded, anything else is read as UTF-8 (what every
/// office program writes), invalid bytes becoming U+FFFD.
pub fn decode(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return super::txt::decode(bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Vec<String> {
        let mut r = XmlReader::new(xml);
        let mut out = Vec::new();
        while let Some(e) = r.next().unwrap() {
            out.push(match e {
                XmlEvent::Open(t) => format!(
                    "<{}{}{}>",
                    t.name,
                    t.attrs
                        .iter()
                        .map(|(k, v)| format!(" {k}={v}"))
                        .collect::<String>(),
                    if t.empty { "/" } else { "" }
                ),
                XmlEvent::Close(n) => format!("</{n}>"),
                XmlEvent::Text(t) => t,
            });
        }
        out
    }

    #[test]
    fn entities_and_character_references_are_resolved() {
        assert_eq!(
            events("<w:t a=\"x&amp;y\">Capital &amp; Revenue &#163;1&#x2014;</w:t><br/>"),
            [
                "<w:t a=x&y>",
                "Capital ",
                "&",
                " Revenue ",
                "£",
                "1",
                "—",
                "</w:t>",
                "<br/>"
            ]
        );
    }

    #[test]
    fn mismatched_end_tags_do_not_stop_reading() {
        assert_eq!(events("<a><b>x</a>y"), ["<a>", "<b>", "x", "</a>", "y"]);
    }
}
