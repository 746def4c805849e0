//! Typed decoding of response bodies, JSON or XML, with errors that say what was expected,
//! what was found, and show the body.
//!
//! A JSON body carries types; an XML body carries text only, so where the contract says a
//! field is a boolean or an integer, the XML text must read as one (`true`, `200`).

use crate::wire::{self, Document, Format};

use super::Exchange;
use super::fields::Fields;
use super::redact::Redactor;
use super::responses::ErrorBody;
use super::transcript::{body_limit, cut_body};

/// A body that did not decode into the expected response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The body is not JSON / XML at all.
    #[error("cannot decode the {response} response as {format}: {reason}; body: {body}")]
    Body {
        /// The response that was expected, e.g. `CreateReverseDtsJob`.
        response: &'static str,
        /// The format it was decoded as.
        format: Format,
        /// The parser's reason, which says what it expected and found.
        reason: String,
        /// The body, cut at the body limit, secrets redacted.
        body: String,
    },

    /// An XML body whose root element is not the expected one.
    #[error(
        "the {response} response: expected XML root <{expected}>, found <{found}>; body: {body}"
    )]
    Root {
        /// The response that was expected.
        response: &'static str,
        /// The root element expected.
        expected: &'static str,
        /// The root element found.
        found: String,
        /// The body, cut at the body limit, secrets redacted.
        body: String,
    },

    /// A field whose value is not of the expected type.
    #[error(
        "field {field} of the {response} response: expected {expected}, found {found}; body: {body}"
    )]
    Field {
        /// The response that was expected.
        response: &'static str,
        /// The field's path from the body root, e.g. `DtsJobList[0].ReverseJob`.
        field: String,
        /// What the contract says it is, e.g. `a string`.
        expected: &'static str,
        /// What arrived, e.g. `boolean true`.
        found: String,
        /// The body, cut at the body limit, secrets redacted.
        body: String,
    },
}

/// A response type that can be read from a decoded body.
pub trait ResponseBody: Sized {
    /// The name messages use, e.g. `CreateReverseDtsJob`.
    const NAME: &'static str;
    /// The root element of the XML form, e.g. `CreateReverseDtsJobResponse`.
    const XML_ROOT: &'static str;

    /// Reads the response from the body's fields.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Field`] when a field has the wrong type.
    fn from_fields(fields: &Fields<'_>) -> Result<Self, DecodeError>;
}

/// Either the operation's own body (success, or a DTS `Success=false` body) or a gateway
/// (POP) error body.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<T> {
    /// The operation's response.
    Operation(T),
    /// A gateway error: `<Error>` in XML, or a JSON object with `Code` but neither `Success`
    /// nor `ErrCode`.
    Gateway(ErrorBody),
}

/// Decodes `body` as `format` into a `T`.
///
/// # Errors
///
/// [`DecodeError`] when the body is not `format`, has another XML root, or a field has the
/// wrong type.
pub fn decode_body<T: ResponseBody>(format: Format, body: &[u8]) -> Result<T, DecodeError> {
    let source = Source {
        format,
        body,
        redactor: None,
    };
    source.decode()
}

/// Where a body came from, and how to show it in an error.
struct Source<'a> {
    format: Format,
    body: &'a [u8],
    redactor: Option<&'a Redactor>,
}

impl Source<'_> {
    fn shown_body(&self) -> String {
        let text = String::from_utf8_lossy(self.body);
        let text = match self.redactor {
            Some(redactor) => redactor.text(&text),
            None => text.into_owned(),
        };
        cut_body(&text, body_limit())
    }

    fn document(&self, response: &'static str) -> Result<Document, DecodeError> {
        wire::decode(self.format, self.body).map_err(|e| DecodeError::Body {
            response,
            format: self.format,
            reason: e.to_string(),
            body: self.shown_body(),
        })
    }

    fn decode<T: ResponseBody>(&self) -> Result<T, DecodeError> {
        self.decode_document(&self.document(T::NAME)?)
    }

    fn decode_document<T: ResponseBody>(&self, document: &Document) -> Result<T, DecodeError> {
        let body = self.shown_body();
        if let Some(root) = document.root.as_ref().filter(|root| *root != T::XML_ROOT) {
            return Err(DecodeError::Root {
                response: T::NAME,
                expected: T::XML_ROOT,
                found: root.clone(),
                body,
            });
        }
        T::from_fields(&Fields::root(
            &document.value,
            document.format,
            T::NAME,
            &body,
        ))
    }

    fn decode_reply<T: ResponseBody>(&self) -> Result<Reply<T>, DecodeError> {
        let document = self.document(T::NAME)?;
        if is_gateway_error(&document) {
            return self.decode_document(&document).map(Reply::Gateway);
        }
        self.decode_document(&document).map(Reply::Operation)
    }
}

fn is_gateway_error(document: &Document) -> bool {
    match &document.root {
        Some(root) => root == ErrorBody::XML_ROOT,
        None => {
            let value = &document.value;
            value.get("Code").is_some()
                && value.get("Success").is_none()
                && value.get("ErrCode").is_none()
        }
    }
}

impl Exchange {
    /// The format to decode the response as: the `Format` the request sent, else the one
    /// the `Content-Type` names, else JSON (the mock's default).
    pub fn response_format(&self) -> Format {
        self.format
            .or_else(|| {
                self.response
                    .header("content-type")
                    .and_then(Format::from_content_type)
            })
            .unwrap_or(Format::Json)
    }

    fn source(&self) -> Source<'_> {
        Source {
            format: self.response_format(),
            body: &self.response.body,
            redactor: Some(&self.response.redactor),
        }
    }

    /// The response body as a generic document, for shape checks.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Body`] when the body is not in [`Exchange::response_format`].
    pub fn document(&self) -> Result<Document, DecodeError> {
        self.source().document("DTS")
    }

    /// The response body as a `T`, whatever the HTTP status.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the body is not in [`Exchange::response_format`], has another XML
    /// root, or a field has the wrong type. Its body is redacted.
    pub fn decode<T: ResponseBody>(&self) -> Result<T, DecodeError> {
        self.source().decode()
    }

    /// The response body as a `T` or as a gateway error body, whichever it is.
    ///
    /// # Errors
    ///
    /// As [`Exchange::decode`].
    pub fn decode_reply<T: ResponseBody>(&self) -> Result<Reply<T>, DecodeError> {
        self.source().decode_reply()
    }
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
