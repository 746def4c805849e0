//! `Then` steps on answers: status, codes, fields, types, shapes.

use super::super::World;
use super::super::checks::{self, body, failure, status_and_code, string_field, string_value};
use super::super::world::StepResult;
use crate::contract::{self, Presence, RESPONSE_FIELDS};
use crate::report::{Failure, FieldMismatch};
use crate::wire::Format;
use cucumber::then;

#[then(expr = "the call succeeds with HTTP {int}")]
async fn succeeds(world: &mut World, status: u16) -> StepResult {
    status_and_code(world.last()?, status, None)
}

#[then(expr = "the call fails with HTTP {int} and error code {string}")]
async fn fails(world: &mut World, status: u16, code: String) -> StepResult {
    status_and_code(world.last()?, status, Some(&code))
}

#[then(expr = "the first call succeeds with HTTP {int}")]
async fn first_succeeds(world: &mut World, status: u16) -> StepResult {
    let batch = world.last_batch();
    let first = batch
        .first()
        .ok_or_else(|| Failure::new(None, "no calls were made"))?;
    status_and_code(first, status, None)
}

#[then(expr = "the second call fails with HTTP {int} and error code {string}")]
async fn second_fails(world: &mut World, status: u16, code: String) -> StepResult {
    let batch = world.last_batch();
    let second = batch
        .get(1)
        .ok_or_else(|| Failure::new(None, "fewer than two calls were made"))?;
    status_and_code(second, status, Some(&code))
}

#[then("the call is refused with HTTP 403 as an invalid or unknown DtsJobId")]
async fn refused_unknown(world: &mut World) -> StepResult {
    let exchange = world.last()?;
    let allowed = ["InvalidParameter", contract::JOB_NOT_FOUND.code];
    let document = body(exchange, Some("req.DtsJobId"))?;
    let code = checks::error_code(&document).unwrap_or_default();
    if exchange.response.status == 403 && allowed.contains(&code.as_str()) {
        return Ok(());
    }
    Err(failure(
        exchange,
        Some("req.DtsJobId"),
        "an unknown DtsJobId is refused with 403",
    )
    .field(FieldMismatch::new(
        "HTTP status",
        "403",
        exchange.response.status.to_string(),
    ))
    .field(FieldMismatch::new("Code", allowed.join(" or "), code)))
}

#[then(expr = "the error message is {string}")]
async fn message_is(world: &mut World, expected: String) -> StepResult {
    check_message(world, &expected)
}

#[then(regex = r#"^the error message is the document's (\S+) message for "(.*)"$"#)]
async fn documented_message(world: &mut World, code: String, parameter: String) -> StepResult {
    let expected = checks::documented_message(&code, &parameter)?;
    check_message(world, &expected)
}

fn check_message(world: &World, expected: &str) -> StepResult {
    let exchange = world.last()?;
    let document = body(exchange, None)?;
    let code = checks::error_code(&document).unwrap_or_default();
    let row = checks::row_for_code(&code);
    let actual = document
        .value
        .get_str("Message")
        .unwrap_or("absent")
        .to_string();
    if actual == expected {
        return Ok(());
    }
    Err(
        failure(exchange, row, "the error message is the documented one").field(
            FieldMismatch::new("Message", format!("{expected:?}"), format!("{actual:?}")),
        ),
    )
}

#[then("the error body carries the code, the message and the request ID")]
async fn error_body(world: &mut World) -> StepResult {
    let exchange = world.last()?;
    let document = body(exchange, None)?;
    let row = checks::error_code(&document)
        .as_deref()
        .and_then(checks::row_for_code);
    let mut failed = failure(
        exchange,
        row,
        "the error body gives SDK parsers Code, Message and RequestId",
    );
    if document.format == Format::Xml && document.root.as_deref() != Some("Error") {
        let root = document.root.clone().unwrap_or_default();
        failed = failed.field(FieldMismatch::new("XML root", "Error", root));
    }
    for name in ["Code", "Message", "RequestId"] {
        match string_value(&document, name) {
            Ok(value) if !value.is_empty() => {}
            Ok(_) => failed = failed.field(FieldMismatch::new(name, "a non-empty string", "\"\"")),
            Err(found) => failed = failed.field(FieldMismatch::new(name, "a string", found)),
        }
    }
    if failed.fields.is_empty() {
        Ok(())
    } else {
        Err(failed)
    }
}

#[then(regex = r#"^"(\w+)" is the string "(.*)"$"#)]
async fn field_is(world: &mut World, name: String, expected: String) -> StepResult {
    string_field(world.last()?, &name, &expected)
}

#[then(regex = r#"^"(\w+)" is the document's (\S+) message for "(.*)"$"#)]
async fn field_is_message(
    world: &mut World,
    name: String,
    code: String,
    parameter: String,
) -> StepResult {
    let expected = checks::documented_message(&code, &parameter)?;
    string_field(world.last()?, &name, &expected)
}

#[then(regex = r"^the body is (JSON|XML) with the root element (.*)$")]
async fn body_root(world: &mut World, format: String, root: String) -> StepResult {
    let exchange = world.last()?;
    let root = root.trim_matches('"');
    let document = body(exchange, Some("resp.RequestId"))?;
    let expected = Format::parse(&format).unwrap_or(Format::Json);
    let check = format!("the body is {expected} under <{root}>");
    let mut failed = failure(exchange, Some("resp.RequestId"), check);
    if document.format != expected {
        failed = failed.field(FieldMismatch::new(
            "format",
            expected.as_str(),
            document.format.as_str(),
        ));
    }
    if expected == Format::Xml && document.root.as_deref() != Some(root) {
        let actual = document.root.clone().unwrap_or_default();
        failed = failed.field(FieldMismatch::new("XML root", root, actual));
    }
    if failed.fields.is_empty() {
        Ok(())
    } else {
        Err(failed)
    }
}

#[then(
    regex = "^the response carries every (success|failure) field of the document's response \
              table as a string$"
)]
async fn every_field(world: &mut World, which: String) -> StepResult {
    let exchange = world.last()?;
    let document = body(exchange, None)?;
    let wanted = if which == "success" {
        Presence::Success
    } else {
        Presence::Failure
    };
    let mut failed: Option<Failure> = None;
    for field in RESPONSE_FIELDS
        .iter()
        .filter(|f| f.presence == wanted || f.presence == Presence::Always)
    {
        if let Err(found) = string_value(&document, field.name) {
            let current = failed.take().unwrap_or_else(|| {
                failure(
                    exchange,
                    Some(field.id),
                    format!("every {which} field of the response table is present as a string"),
                )
            });
            failed = Some(current.field(FieldMismatch::new(
                field.name,
                format!("{} (e.g. {:?})", field.ty, field.example),
                found,
            )));
        }
    }
    failed.map_or(Ok(()), Err)
}

#[then(regex = r#"^"RequestId" has the form of a request ID$"#)]
async fn request_id_form(world: &mut World) -> StepResult {
    let exchange = world.last()?;
    let document = body(exchange, Some("resp.RequestId"))?;
    let id = string_value(&document, "RequestId").unwrap_or_default();
    let shape: Vec<usize> = id.split('-').map(str::len).collect();
    let hex = id.chars().all(|c| c == '-' || c.is_ascii_hexdigit());
    if shape == [8, 4, 4, 4, 12] && hex {
        return Ok(());
    }
    Err(failure(
        exchange,
        Some("resp.RequestId"),
        "RequestId is a UUID like 621BB4F8-3016-4FAA-8D5A-5D3163CC****",
    )
    .field(FieldMismatch::new(
        "RequestId",
        "8-4-4-4-12 hexadecimal",
        format!("{id:?}"),
    )))
}

#[then(regex = r#"^"DtsJobId" names a new task, not the one given$"#)]
async fn new_job_id(world: &mut World) -> StepResult {
    let exchange = world.last()?;
    let document = body(exchange, Some("resp.DtsJobId"))?;
    let id = string_value(&document, "DtsJobId").unwrap_or_default();
    let given = world.forward_job.clone().unwrap_or_default();
    if !id.is_empty() && id != given {
        return Ok(());
    }
    Err(failure(
        exchange,
        Some("resp.DtsJobId"),
        "DtsJobId is the reverse task's id",
    )
    .field(FieldMismatch::new(
        "DtsJobId",
        format!("a new id, not {given:?}"),
        format!("{id:?}"),
    )))
}

#[then(regex = r#"^"DtsInstanceId" names a DTS instance$"#)]
async fn instance_id(world: &mut World) -> StepResult {
    let exchange = world.last()?;
    let document = body(exchange, Some("resp.DtsInstanceId"))?;
    match string_value(&document, "DtsInstanceId") {
        Ok(id) if id.starts_with("dts") && id.len() > 3 => Ok(()),
        Ok(id) => Err(failure(
            exchange,
            Some("resp.DtsInstanceId"),
            "DtsInstanceId names a DTS instance",
        )
        .field(FieldMismatch::new(
            "DtsInstanceId",
            "dts followed by the instance's id",
            format!("{id:?}"),
        ))),
        Err(found) => Err(failure(
            exchange,
            Some("resp.DtsInstanceId"),
            "DtsInstanceId names a DTS instance",
        )
        .field(FieldMismatch::new("DtsInstanceId", "a string", found))),
    }
}

#[then("the error message shows the server's string to sign")]
async fn shows_string_to_sign(world: &mut World) -> StepResult {
    let exchange = world.last()?;
    let document = body(exchange, Some("gw.SignatureDoesNotMatch"))?;
    let message = checks::error_message(&document).unwrap_or_default();
    match message.split_once("server string to sign is:") {
        Some((_, sts)) if !sts.is_empty() => Ok(()),
        _ => Err(failure(
            exchange,
            Some("gw.SignatureDoesNotMatch"),
            "the message carries the server's string to sign",
        )
        .field(FieldMismatch::new(
            "Message",
            "...server string to sign is:<string>",
            message,
        ))),
    }
}

#[then(expr = "at least one call fails with HTTP {int} and error code {string}")]
async fn at_least_one(world: &mut World, status: u16, code: String) -> StepResult {
    let batch = world.last_batch();
    if batch
        .iter()
        .any(|e| status_and_code(e, status, Some(&code)).is_ok())
    {
        return Ok(());
    }
    let last = batch
        .last()
        .ok_or_else(|| Failure::new(None, "no calls were made"))?;
    let statuses: Vec<String> = batch
        .iter()
        .map(|e| e.response.status.to_string())
        .collect();
    Err(failure(
        last,
        checks::row_for_code(&code),
        format!("one of {} calls is refused with {code}", batch.len()),
    )
    .field(FieldMismatch::new(
        "statuses",
        format!("at least one {status}"),
        statuses.join(", "),
    )))
}

fn throttled(world: &World) -> Result<&crate::client::Exchange, Failure> {
    world
        .last_batch()
        .into_iter()
        .find(|e| status_and_code(e, 400, Some("Throttling.User")).is_ok())
        .ok_or_else(|| Failure::new(Some("err.Throttling.User"), "a call was throttled"))
}

#[then(expr = "the throttled answer's message is {string}")]
async fn throttled_message(world: &mut World, expected: String) -> StepResult {
    let exchange = throttled(world)?;
    let document = body(exchange, Some("err.Throttling.User"))?;
    let actual = document.value.get_str("Message").unwrap_or("absent");
    if actual == expected {
        return Ok(());
    }
    Err(failure(
        exchange,
        Some("err.Throttling.User"),
        "the throttled answer carries the documented message",
    )
    .field(FieldMismatch::new(
        "Message",
        format!("{expected:?}"),
        format!("{actual:?}"),
    )))
}

#[then("the throttled answer says when to retry")]
async fn retry_after(world: &mut World) -> StepResult {
    let exchange = throttled(world)?;
    let header = exchange
        .response_header("x-ratelimit-user-api")
        .or_else(|| exchange.response_header("x-acs-retry-after"));
    match header {
        Some(_) => Ok(()),
        None => Err(failure(
            exchange,
            Some("err.Throttling.User"),
            "a throttled answer tells SDKs when to retry",
        )
        .field(FieldMismatch::new(
            "headers",
            "x-ratelimit-user-api or x-acs-retry-after",
            "neither",
        ))),
    }
}

#[then("exactly one of the calls succeeds")]
async fn exactly_one_succeeds(world: &mut World) -> StepResult {
    let batch = world.last_batch();
    let ok = batch.iter().filter(|e| e.response.status == 200).count();
    if ok == 1 {
        return Ok(());
    }
    let last = batch
        .last()
        .ok_or_else(|| Failure::new(None, "no calls were made"))?;
    Err(failure(
        last,
        Some("req.DtsJobId"),
        "concurrent calls for one task create one reverse task",
    )
    .field(FieldMismatch::new("successful calls", "1", ok.to_string())))
}

#[then(expr = "the others fail with HTTP {int} and error code {string}")]
async fn others_fail(world: &mut World, status: u16, code: String) -> StepResult {
    for exchange in world
        .last_batch()
        .into_iter()
        .filter(|e| e.response.status != 200)
    {
        status_and_code(exchange, status, Some(&code))?;
    }
    Ok(())
}
