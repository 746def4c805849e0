//! XML encoding and decoding of [`Value`], and the element tree used for shape checks.

use super::{DecodeError, Value};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

/// The prolog the mock writes, as the DTS common-parameter page shows it.
pub const PROLOG: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// An XML element: name, attributes, child elements in order, and text content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The element name.
    pub name: String,
    /// Attributes in document order.
    pub attributes: Vec<(String, String)>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// The element's text (text and CDATA concatenated, entities resolved).
    pub text: String,
}

impl Element {
    /// The element as a [`Value`]: text for a leaf, an object for an element with children
    /// (repeated child names become a list).
    pub fn to_value(&self) -> Value {
        if self.children.is_empty() {
            return Value::Str(self.text.clone());
        }
        let mut fields: Vec<(String, Value)> = Vec::new();
        for child in &self.children {
            let value = child.to_value();
            match fields.iter_mut().find(|(name, _)| *name == child.name) {
                Some((_, Value::List(items))) => items.push(value),
                Some((_, existing)) => {
                    let first = std::mem::replace(existing, Value::Null);
                    *existing = Value::List(vec![first, value]);
                }
                None => fields.push((child.name.clone(), value)),
            }
        }
        Value::Obj(fields)
    }
}

/// Escape text for element content or attribute values. Characters XML 1.0 cannot carry at
/// all (most C0 controls) become U+FFFD, so the document stays well-formed.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `<?xml ...?><root>...</root>` with no line breaks, lists as repeated elements.
pub(super) fn encode(root: &str, value: &Value) -> String {
    let mut out = String::from(PROLOG);
    write_element(&mut out, root, value);
    out
}

fn write_element(out: &mut String, name: &str, value: &Value) {
    if let Value::List(items) = value {
        for item in items {
            write_element(out, name, item);
        }
        return;
    }
    out.push('<');
    out.push_str(name);
    out.push('>');
    match value {
        Value::Obj(fields) => {
            for (key, child) in fields {
                write_element(out, key, child);
            }
        }
        Value::Str(s) => out.push_str(&escape_text(s)),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&f.to_string()),
        Value::Null | Value::List(_) => {}
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Parse a document into its root element.
pub(super) fn parse(text: &str) -> Result<Element, DecodeError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(&reader, e))?;
        match event {
            Event::Start(start) => stack.push(open(&start)?),
            Event::Empty(start) => close(open(&start)?, &mut stack, &mut root)?,
            Event::End(_) => match stack.pop() {
                Some(element) => close(element, &mut stack, &mut root)?,
                None => return Err(malformed("an end tag without a start tag")),
            },
            Event::Text(t) => push_text(&mut stack, &t.decode().map_err(encoding)?)?,
            Event::CData(t) => push_text(&mut stack, &t.decode().map_err(encoding)?)?,
            Event::GeneralRef(r) => push_text(&mut stack, &resolve(&r)?)?,
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(malformed("the document ends inside an element"));
    }
    root.ok_or_else(|| malformed("no root element"))
}

fn open(start: &BytesStart<'_>) -> Result<Element, DecodeError> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| malformed(&e.to_string()))?;
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        let value = attribute
            .unescape_value()
            .map_err(|e| malformed(&e.to_string()))?;
        attributes.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
        text: String::new(),
    })
}

fn close(
    element: Element,
    stack: &mut [Element],
    root: &mut Option<Element>,
) -> Result<(), DecodeError> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None if root.is_none() => *root = Some(element),
        None => return Err(malformed("more than one root element")),
    }
    Ok(())
}

fn push_text(stack: &mut [Element], text: &str) -> Result<(), DecodeError> {
    match stack.last_mut() {
        Some(element) => element.text.push_str(text),
        None if text.trim().is_empty() => {}
        None => return Err(malformed("text outside the root element")),
    }
    Ok(())
}

fn resolve(reference: &BytesRef<'_>) -> Result<String, DecodeError> {
    if let Some(c) = reference
        .resolve_char_ref()
        .map_err(|e| malformed(&e.to_string()))?
    {
        return Ok(c.to_string());
    }
    let name = reference.decode().map_err(encoding)?;
    let text = match name.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        other => return Err(malformed(&format!("unknown entity &{other};"))),
    };
    Ok(text.to_string())
}

fn xml_error(reader: &Reader<&[u8]>, error: quick_xml::Error) -> DecodeError {
    DecodeError::Xml {
        reason: format!("{error} at byte {}", reader.error_position()),
    }
}

fn encoding(error: quick_xml::encoding::EncodingError) -> DecodeError {
    malformed(&error.to_string())
}

fn malformed(reason: &str) -> DecodeError {
    DecodeError::Xml {
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        Value::Obj(vec![
            ("RequestId".into(), Value::str("R-1")),
            ("Echo".into(), Value::str("</DtsJobId>]]>&\"'")),
            (
                "List".into(),
                Value::List(vec![Value::str("a"), Value::str("b")]),
            ),
            (
                "Nested".into(),
                Value::Obj(vec![("Ok".into(), Value::Bool(true))]),
            ),
        ])
    }

    #[test]
    fn encoded_xml_parses_back_to_the_same_tree() {
        let xml = encode("Root", &sample());
        assert!(xml.starts_with(PROLOG));
        let element = parse(&xml).expect("well-formed");
        assert_eq!(element.name, "Root");
        let names: Vec<_> = element.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["RequestId", "Echo", "List", "List", "Nested"]);
        assert_eq!(element.children[1].text, "</DtsJobId>]]>&\"'");
        let value = element.to_value();
        assert_eq!(
            value.get("List"),
            Some(&Value::List(vec![Value::str("a"), Value::str("b")]))
        );
        assert_eq!(
            value.get("Nested").and_then(|n| n.get_str("Ok")),
            Some("true")
        );
    }

    #[test]
    fn control_characters_never_make_the_document_ill_formed() {
        let xml = encode(
            "Root",
            &Value::Obj(vec![("V".into(), Value::str("a\u{1}b"))]),
        );
        assert_eq!(
            parse(&xml).expect("well-formed").children[0].text,
            "a\u{FFFD}b"
        );
    }

    #[test]
    fn malformed_documents_are_errors_not_panics() {
        for bad in ["", "<a>", "<a></b>", "<a/><b/>", "text", "<a>&bogus;</a>"] {
            assert!(parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn cdata_and_single_quoted_prologs_are_read() {
        let xml = "<?xml version='1.0' encoding='UTF-8'?><Error><Recommend><![CDATA[a&b]]>\
                   </Recommend></Error>";
        assert_eq!(parse(xml).expect("parses").children[0].text, "a&b");
    }
}
