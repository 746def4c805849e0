//! The properties every response keeps, checked on one exchange.
//!
//! Codes, statuses and field names come from `contract`: the document's error table, the
//! gateway table and the business errors the mock documents where the document is silent.

use super::case::{Case, Route};
use super::deviation::Deviation;
use super::property::{Property, Violation};
use super::structure;
use crate::client::{Exchange, Placement, SignatureVersion};
use crate::contract;
use crate::report::failure::SignatureDetail;
use crate::signing::{encode::decode_form, v1};
use crate::wire::{self, Document, Format, Value};

/// What the DtsJobId of a case names, as far as the fuzzer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobTarget {
    /// A job of the sending account that can take a reverse task.
    Eligible,
    /// A job of the sending account that cannot.
    Ineligible,
    /// Nothing the sending account owns.
    NoJob,
}

/// The codes that refuse a request's signature.
const SIGNATURE_REFUSALS: &[&str] = &["SignatureDoesNotMatch", "IncompleteSignature"];

/// What a refused V1 signature's message puts before the server's string to sign.
const SERVER_STRING_TO_SIGN: &str = "server string to sign is:";

/// What checking one response found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    /// Every property broken, most specific first.
    pub violations: Vec<Violation>,
    /// The known deviation that was accepted, if one was.
    pub tolerated: Option<Deviation>,
}

/// A response as the properties see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The raw body.
    pub body: &'a [u8],
}

impl<'a> Answer<'a> {
    /// The response of an exchange.
    pub fn of(exchange: &'a Exchange) -> Answer<'a> {
        Answer {
            status: exchange.response.status,
            content_type: exchange.response.header("content-type"),
            body: &exchange.response.body,
        }
    }
}

/// Checks every property on one answer, accepting the deviations in `tolerate`.
pub fn check_response(
    case: &Case,
    answer: &Answer<'_>,
    target: JobTarget,
    tolerate: &[Deviation],
) -> Checked {
    let status = answer.status;
    let mut found = Vec::new();
    let mut tolerated = None;
    let tolerant = tolerate.contains(&Deviation::EarlyRefusalInDefaultFormat);
    let document = match parse(case.shape.format, answer.body) {
        Ok(document) => Some(document),
        Err(violation) => match early_refusal(case, answer).filter(|_| tolerant) {
            Some(document) => {
                tolerated = Some(Deviation::EarlyRefusalInDefaultFormat);
                Some(document)
            }
            None => {
                found.push(*violation);
                None
            }
        },
    };
    let code = document.as_ref().and_then(error_code);
    if let Some(document) = &document {
        found.extend(structure::xml_structure(document));
        found.extend(request_id(document));
        found.extend(known_code_and_status(code.as_deref(), status));
        found.extend(success_agrees(document, status));
    }
    found.extend(signature_accepted(case, code.as_deref()));
    found.extend(no_5xx(case, code.as_deref(), status));
    found.extend(state_from_status(status, target));
    found.sort_by_key(|violation| violation.property);
    Checked {
        violations: found,
        tolerated,
    }
}

/// The body in the format its Content-Type names, when the request carried `Format` in a
/// form body and was refused before its parameters were read.
fn early_refusal(case: &Case, answer: &Answer<'_>) -> Option<Document> {
    if case.shape.placement != Placement::Form {
        return None;
    }
    let named = answer.content_type.and_then(Format::from_content_type)?;
    if named == case.shape.format {
        return None;
    }
    let document = wire::decode(named, answer.body).ok()?;
    let code = error_code(&document)?;
    let early = Deviation::early_refusal_rows()
        .iter()
        .filter_map(|row| contract::GATEWAY_ERRORS.iter().find(|g| g.id == *row))
        .any(|row| row.code == code);
    early.then_some(document)
}

/// The body in `format`, or the violation its failure to parse is.
fn parse(format: Format, body: &[u8]) -> Result<Document, Box<Violation>> {
    wire::decode(format, body).map_err(|error| {
        let property = match format {
            Format::Xml => Property::XmlIntact,
            Format::Json => Property::BodyParses,
        };
        let message = format!("the body does not parse as {format}: {error}");
        Box::new(Violation::new(property, message))
    })
}

/// The error code: `Code` (gateway body) or `ErrCode` (DTS body).
fn error_code(document: &Document) -> Option<String> {
    let value = &document.value;
    value
        .get_str("Code")
        .or_else(|| value.get_str("ErrCode"))
        .map(str::to_string)
}

fn request_id(document: &Document) -> Option<Violation> {
    match document.value.get("RequestId") {
        Some(Value::Str(id)) if !id.trim().is_empty() => None,
        other => Some(
            Violation::new(Property::RequestId, "the body has no usable RequestId")
                .row("resp.RequestId")
                .field(
                    "RequestId",
                    "a non-empty string",
                    other.map_or("absent".into(), Value::brief),
                ),
        ),
    }
}

/// The statuses the tables give for `code` and the row that gives the first, or `None` for
/// a code no table knows.
pub fn statuses_for(code: &str) -> Option<(Vec<u16>, Option<String>)> {
    let mut statuses = Vec::new();
    let mut row = None;
    if let Some(documented) = contract::documented_error(code) {
        statuses.push(documented.http_status);
        row = Some(documented.id.to_string());
    }
    if let Some(gateway) = contract::gateway_error(code) {
        statuses.push(gateway.http_status);
        row = row.or_else(|| Some(gateway.id.to_string()));
    }
    let business = contract::BUSINESS_ERRORS.iter().filter(|b| b.code == code);
    statuses.extend(business.map(|b| b.http_status));
    (!statuses.is_empty()).then_some((statuses, row))
}

fn known_code_and_status(code: Option<&str>, status: u16) -> Option<Violation> {
    let code = code?;
    let Some((statuses, row)) = statuses_for(code) else {
        return Some(
            Violation::new(
                Property::KnownCode,
                format!("the code {code:?} is in no table"),
            )
            .field(
                "Code",
                "a code of the error, gateway or business table",
                code,
            ),
        );
    };
    if statuses.contains(&status) {
        return None;
    }
    let expected: Vec<String> = statuses.iter().map(u16::to_string).collect();
    let violation = Violation::new(
        Property::StatusForCode,
        format!("{code} came with HTTP {status}"),
    )
    .field("HTTP status", expected.join(" or "), status.to_string());
    Some(match row {
        Some(row) => violation.row(row),
        None => violation,
    })
}

/// `true`/`false` as a string or a boolean; `None` for anything else.
fn truth(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Str(s) if s == "true" => Some(true),
        Value::Str(s) if s == "false" => Some(false),
        _ => None,
    }
}

fn success_agrees(document: &Document, status: u16) -> Vec<Violation> {
    let value = &document.value;
    let ok = (200..300).contains(&status);
    let disagree = |field: &str, expected: &str, actual: String| {
        Violation::new(
            Property::SuccessAgrees,
            format!("{field} disagrees with HTTP {status}"),
        )
        .row(format!("resp.{field}"))
        .field(field, expected, actual)
    };
    let mut found = Vec::new();
    match value.get("Success") {
        None if ok => found.push(disagree("Success", "\"true\"", "absent".into())),
        None => {}
        Some(success) if truth(success) != Some(ok) => {
            found.push(disagree(
                "Success",
                if ok { "\"true\"" } else { "\"false\"" },
                success.brief(),
            ));
        }
        Some(_) => {}
    }
    let code = value.get_str("Code");
    let err_code = value.get_str("ErrCode");
    if ok && (code.is_some() || err_code.is_some()) {
        let actual = code.or(err_code).unwrap_or_default().to_string();
        found.push(disagree("ErrCode", "absent on success", actual));
    }
    if !ok && code.is_none() && err_code.is_none() {
        found.push(disagree(
            "ErrCode",
            "Code or ErrCode on an error",
            "absent".into(),
        ));
    }
    if let (Some(code), Some(err_code)) = (code, err_code)
        && code != err_code
    {
        found.push(disagree("ErrCode", code, err_code.to_string()));
    }
    if let Some(reported) = value.get("HttpStatusCode") {
        let matches = match reported {
            Value::Str(s) => s == &status.to_string(),
            Value::Int(i) => *i == i64::from(status),
            _ => false,
        };
        if !matches {
            found.push(disagree(
                "HttpStatusCode",
                &status.to_string(),
                reported.brief(),
            ));
        }
    }
    found
}

fn signature_accepted(case: &Case, code: Option<&str>) -> Option<Violation> {
    let code = code.filter(|code| SIGNATURE_REFUSALS.contains(code))?;
    let message = format!(
        "the request was signed correctly ({:?}) and refused as {code}",
        case.shape.signature
    );
    Some(Violation::new(Property::SignatureAccepted, message).row(format!("gw.{code}")))
}

/// Adds both strings to sign to a `signature-accepted` violation, when the server's is in
/// the message of a refused V1 request.
pub fn attach_signature_detail(violations: &mut [Violation], case: &Case, exchange: &Exchange) {
    for violation in violations
        .iter_mut()
        .filter(|v| v.property == Property::SignatureAccepted)
    {
        violation.signature = signature_detail(case, exchange);
    }
}

/// The client's and the server's V1 strings to sign, when the server's is in the message.
fn signature_detail(case: &Case, exchange: &Exchange) -> Option<SignatureDetail> {
    if case.shape.signature != SignatureVersion::V1 {
        return None;
    }
    let document = wire::decode(case.shape.format, &exchange.response.body).ok()?;
    let message = document.value.get_str("Message")?;
    let (_, server) = message.split_once(SERVER_STRING_TO_SIGN)?;
    let query = exchange.request.url.split_once('?').map_or("", |(_, q)| q);
    let mut params = decode_form(query).ok()?;
    params.extend(decode_form(&exchange.request.body).ok()?);
    Some(SignatureDetail {
        client_string_to_sign: exchange.redact(&v1::string_to_sign(
            exchange.request.method.as_str(),
            &params,
        )),
        server_string_to_sign: exchange.redact(server.trim()),
    })
}

fn no_5xx(case: &Case, code: Option<&str>, status: u16) -> Option<Violation> {
    if status < 500 {
        return None;
    }
    let injected = case.shape.route == Route::InjectedFault;
    if injected && code == Some("ServiceUnavailable") {
        return None;
    }
    let why = if injected {
        "a fault was injected, but the answer is not ServiceUnavailable"
    } else {
        "no fault was injected"
    };
    Some(
        Violation::new(Property::No5xx, format!("HTTP {status} and {why}"))
            .field("HTTP status", "below 500", status.to_string())
            .field(
                "Code",
                if injected { "ServiceUnavailable" } else { "-" },
                code.unwrap_or("absent"),
            ),
    )
}

fn state_from_status(status: u16, target: JobTarget) -> Option<Violation> {
    if !(200..300).contains(&status) || target == JobTarget::Eligible {
        return None;
    }
    let named = match target {
        JobTarget::Ineligible => "a job that cannot take a reverse task",
        _ => "no job of the account",
    };
    Some(
        Violation::new(
            Property::StateSane,
            format!("CreateReverseDtsJob succeeded for a DtsJobId that names {named}"),
        )
        .field("HTTP status", "an error", status.to_string()),
    )
}

#[cfg(test)]
#[path = "invariants_tests.rs"]
mod tests;
