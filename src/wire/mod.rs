//! Response bodies on the wire: one ordered value model, encoded to and decoded from JSON and
//! XML.
//!
//! The mock builds a [`Value`] and encodes it in the requested [`Format`]; the client decodes
//! whatever arrived back into a [`Document`]. XML carries no types, so a decoded XML document
//! holds strings only; the typed decoders in `client` know which fields are booleans or
//! integers in which operation.

mod format;
mod json;
pub mod shape;
mod value;
mod xml;

pub use format::Format;
pub use shape::Shape;
pub use value::Value;
pub use xml::{Element, PROLOG as XML_PROLOG, escape_text};

/// A decoded response body.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The format it was decoded from.
    pub format: Format,
    /// The XML root element's name; `None` for JSON.
    pub root: Option<String>,
    /// The body as a value; for XML, the root element's content.
    pub value: Value,
    /// The XML element tree, in document order, for shape checks; `None` for JSON.
    pub element: Option<Element>,
}

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The body is not valid UTF-8.
    #[error("the body is not valid UTF-8 (at byte {valid_up_to})")]
    Utf8 {
        /// How many leading bytes were valid.
        valid_up_to: usize,
    },
    /// The body is not JSON.
    #[error("expected a JSON object, found invalid JSON: {reason}")]
    Json {
        /// The parser's reason.
        reason: String,
    },
    /// The body is JSON but not an object.
    #[error("expected a JSON object at the top level, found {found}")]
    NotAnObject {
        /// What was there instead.
        found: &'static str,
    },
    /// The body is not well-formed XML.
    #[error("expected well-formed XML, found: {reason}")]
    Xml {
        /// The parser's reason.
        reason: String,
    },
}

/// Encode `value` (an object) as a response body. XML uses `root` as the root element and
/// starts with a prolog.
pub fn encode(format: Format, root: &str, value: &Value) -> String {
    match format {
        Format::Json => json::encode(value),
        Format::Xml => xml::encode(root, value),
    }
}

/// Decode a response body in the given format.
///
/// # Errors
///
/// [`DecodeError`] when the bytes are not UTF-8, or not a JSON object / well-formed XML.
pub fn decode(format: Format, body: &[u8]) -> Result<Document, DecodeError> {
    let text = std::str::from_utf8(body).map_err(|e| DecodeError::Utf8 {
        valid_up_to: e.valid_up_to(),
    })?;
    match format {
        Format::Json => Ok(Document {
            format,
            root: None,
            value: json::decode(text)?,
            element: None,
        }),
        Format::Xml => {
            let element = xml::parse(text)?;
            Ok(Document {
                format,
                root: Some(element.name.clone()),
                value: element.to_value(),
                element: Some(element),
            })
        }
    }
}
