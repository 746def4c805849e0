//! Checks on one exchange, each failing with a [`Failure`] that names its contract row,
//! expected against actual, and the exchange.

use crate::client::Exchange;
use crate::contract::{self, documented_error};
use crate::report::failure::SignatureDetail;
use crate::report::{Failure, FieldMismatch};
use crate::signing::{encode::decode_form, v1};
use crate::wire::{self, Document, Format, Value};

/// The format a response should be read in: what was asked for, else the content type, else
/// JSON (the mock's default, and what V3 clients parse).
pub fn format_of(exchange: &Exchange) -> Format {
    exchange
        .format
        .or_else(|| {
            exchange
                .response_header("content-type")
                .and_then(Format::from_content_type)
        })
        .unwrap_or(Format::Json)
}

/// A failure carrying this exchange.
pub fn failure(exchange: &Exchange, row: Option<&str>, check: impl Into<String>) -> Failure {
    Failure::new(row, check).exchange(exchange.to_string())
}

/// The decoded body, or a failure saying why it cannot be read.
pub fn body(exchange: &Exchange, row: Option<&str>) -> Result<Document, Failure> {
    let format = format_of(exchange);
    wire::decode(format, &exchange.response.body).map_err(|e| {
        failure(exchange, row, format!("the body parses as {format}")).field(FieldMismatch::new(
            "body",
            format!("{format}"),
            e.to_string(),
        ))
    })
}

/// The contract row an error code belongs to: the document's error table, else the gateway's.
pub fn row_for_code(code: &str) -> Option<&'static str> {
    if let Some(error) = documented_error(code) {
        return Some(error.id);
    }
    contract::gateway_error(code).map(|g| g.id)
}

/// The `Code` of an error body (or `ErrCode`, for a DTS-style body).
pub fn error_code(document: &Document) -> Option<String> {
    document
        .value
        .get_str("Code")
        .or_else(|| document.value.get_str("ErrCode"))
        .map(str::to_string)
}

/// The status is `status` and, for an error, the code is `code`.
pub fn status_and_code(
    exchange: &Exchange,
    status: u16,
    code: Option<&str>,
) -> Result<(), Failure> {
    let row = code.and_then(row_for_code);
    let check = match code {
        Some(code) => format!("the call fails with HTTP {status} and error code {code}"),
        None => format!("the call succeeds with HTTP {status}"),
    };
    let actual_status = exchange.response.status;
    let document = wire::decode(format_of(exchange), &exchange.response.body).ok();
    let actual_code = document.as_ref().and_then(error_code);
    let mut failed = failure(exchange, row, check);
    if actual_status != status {
        failed = failed.field(FieldMismatch::new(
            "HTTP status",
            status.to_string(),
            actual_status.to_string(),
        ));
    }
    if let Some(code) = code {
        if actual_code.as_deref() != Some(code) {
            let actual = actual_code
                .clone()
                .unwrap_or_else(|| "no Code in the body".into());
            failed = failed.field(FieldMismatch::new("Code", code, actual));
        }
    } else if let Some(actual) = &actual_code {
        failed = failed.field(FieldMismatch::new("Code", "no error code", actual.clone()));
    }
    if failed.fields.is_empty() {
        return Ok(());
    }
    if actual_code.as_deref() == Some("SignatureDoesNotMatch") {
        failed.signature = signature_detail(exchange, document.as_ref());
    }
    Err(failed)
}

/// Both strings to sign of a refused V1 request: the client's, recomputed from the request as
/// it was sent, and the server's, from its message. Secrets are redacted.
fn signature_detail(exchange: &Exchange, document: Option<&Document>) -> Option<SignatureDetail> {
    let message = document.and_then(error_message)?;
    let (_, server) = message.split_once("server string to sign is:")?;
    let query = exchange.request.url.split_once('?').map_or("", |(_, q)| q);
    let mut params = decode_form(query).ok()?;
    if !exchange.request.body.is_empty() {
        params.extend(decode_form(&exchange.request.body).ok()?);
    }
    let client = v1::string_to_sign(exchange.request.method.as_str(), &params);
    Some(SignatureDetail {
        client_string_to_sign: exchange.redact(&client),
        server_string_to_sign: exchange.redact(server),
    })
}

/// A string field has exactly this value.
pub fn string_field(exchange: &Exchange, name: &str, expected: &str) -> Result<(), Failure> {
    let row = contract::response_field(name).map(|f| f.id);
    let document = body(exchange, row)?;
    let check = format!("\"{name}\" is the string {expected:?}");
    match string_value(&document, name) {
        Ok(actual) if actual == expected => Ok(()),
        Ok(actual) => Err(failure(exchange, row, check).field(FieldMismatch::new(
            name,
            format!("{expected:?}"),
            format!("{actual:?}"),
        ))),
        Err(found) => Err(failure(exchange, row, check).field(FieldMismatch::new(
            name,
            format!("{expected:?} (string)"),
            found,
        ))),
    }
}

/// The string under `name`, or what was found instead: `absent`, or the value and its type.
/// In XML every leaf is text, so only presence and leafness can be checked there.
pub fn string_value(document: &Document, name: &str) -> Result<String, String> {
    match document.value.get(name) {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(format!("{} ({})", other.brief(), other.kind())),
        None => Err("absent".to_string()),
    }
}

/// The error message is the document's template for `code`, filled with `parameter`.
pub fn documented_message(code: &str, parameter: &str) -> Result<String, Failure> {
    documented_error(code)
        .map(|e| e.message_for(parameter))
        .ok_or_else(|| Failure::new(None, format!("the document's error table has no {code}")))
}

/// `Message` (or `ErrMessage`) of an error body.
pub fn error_message(document: &Document) -> Option<String> {
    document
        .value
        .get_str("Message")
        .or_else(|| document.value.get_str("ErrMessage"))
        .map(str::to_string)
}
