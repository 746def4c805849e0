//! CreateReverseDtsJob and StartReverseWriter.

use super::super::Defect;
use super::super::jobs::{CreateRefusal, ReverseTask, StartRefusal};
use super::super::rejection::Rejection;
use super::super::respond;
use super::super::state::lock;
use super::{Call, root_for};
use crate::contract::{self, Action};
use crate::wire::{Format, Value, escape_text};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The longest DtsJobId the `InternalErrorOnLongInput` defect survives.
const DEFECT_LONG_INPUT: usize = 256;

/// A required business parameter: absent or empty gives `Missing{Name}`.
fn required<'a>(call: &'a Call<'_>, name: &str) -> Result<&'a str, Rejection> {
    match call.incoming.param(name) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(Rejection::gateway("gw.MissingParameter", name)),
    }
}

/// CreateReverseDtsJob.
pub fn create_reverse(call: &Call<'_>) -> Result<Response, Rejection> {
    let job_id = required(call, "DtsJobId")?;
    if call.state.has(Defect::InternalErrorOnLongInput) && job_id.len() > DEFECT_LONG_INPUT {
        return Err(Rejection::internal("DtsJobId over the defect's length"));
    }
    let created = {
        let mut account = lock(&call.caller.account);
        let now = account.clock.now();
        account.jobs.create_reverse(
            job_id,
            now,
            call.state.has(Defect::ReverseForUnknownJob),
            call.state.has(Defect::DuplicateReverseTask),
        )
    };
    match created {
        Ok(task) => Ok(created_response(call, &task)),
        Err(CreateRefusal::Malformed | CreateRefusal::Unknown)
            if call.state.has(Defect::UnescapedXmlEcho) && call.format == Format::Xml =>
        {
            Ok(unescaped_echo(call, job_id))
        }
        Err(CreateRefusal::Malformed) => {
            Err(Rejection::documented("InvalidParameter", "DtsJobId", true))
        }
        Err(CreateRefusal::Unknown) => Err(Rejection::business(&contract::JOB_NOT_FOUND)),
        Err(CreateRefusal::JobType) => Err(Rejection::business(&contract::JOB_TYPE_DENIED)),
        Err(CreateRefusal::JobStatus) => Err(Rejection::business(&contract::JOB_STATUS_DENIED)),
        Err(CreateRefusal::Exists) => Err(Rejection::business(&contract::REVERSE_JOB_EXISTS)),
    }
}

fn created_response(call: &Call<'_>, task: &ReverseTask) -> Response {
    let state = call.state;
    let status = if state.has(Defect::HttpStatusCodeAsNumber) {
        Value::Int(200)
    } else {
        Value::str("200")
    };
    let success = if state.has(Defect::SuccessAsBoolean) {
        Value::Bool(true)
    } else {
        Value::str("true")
    };
    let mut fields = vec![
        ("HttpStatusCode".to_string(), status),
        ("RequestId".to_string(), Value::str(call.request_id)),
        ("DtsJobId".to_string(), Value::str(&task.id)),
    ];
    if !state.has(Defect::MissingDtsInstanceId) {
        let key = if state.has(Defect::RenamedDtsInstanceId) {
            "DtsInstanceID"
        } else {
            "DtsInstanceId"
        };
        fields.push((key.to_string(), Value::str(&task.instance_id)));
    }
    fields.push(("Success".to_string(), success));
    let root = root_for(state, Action::CreateReverseDtsJob);
    respond::success(call.format, &root, call.request_id, &Value::Obj(fields))
}

/// The `UnescapedXmlEcho` defect: the id goes into the XML as it came.
fn unescaped_echo(call: &Call<'_>, job_id: &str) -> Response {
    let body = format!(
        "{}<Error><RequestId>{}</RequestId><HostId>{}</HostId><Code>InvalidParameter</Code>\
         <Message>The value of the parameter DtsJobId ({job_id}) is invalid.</Message></Error>",
        crate::wire::XML_PROLOG,
        escape_text(call.request_id),
        contract::HOST_ID,
    );
    let mut response = (StatusCode::FORBIDDEN, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml;charset=utf-8"),
    );
    response
}

/// StartReverseWriter.
pub fn start_writer(call: &Call<'_>) -> Result<Response, Rejection> {
    let job_id = required(call, "DtsJobId")?;
    let checkpoint = call.incoming.param("CheckPoint").filter(|c| !c.is_empty());
    let precheck = precheck_seconds(call);
    let started = {
        let mut account = lock(&call.caller.account);
        let now = account.clock.now();
        account.jobs.start_writer(job_id, checkpoint, now, precheck)
    };
    match started {
        Ok(()) => {
            let body = Value::Obj(vec![
                ("RequestId".to_string(), Value::str(call.request_id)),
                ("Success".to_string(), Value::str("true")),
            ]);
            let root = root_for(call.state, Action::StartReverseWriter);
            Ok(respond::success(call.format, &root, call.request_id, &body))
        }
        Err(StartRefusal::Unknown) => {
            Err(Rejection::documented("InvalidParameter", "DtsJobId", true))
        }
        Err(StartRefusal::BadCheckPoint) => Err(Rejection::documented(
            "InvalidParameter",
            "CheckPoint",
            true,
        )),
        Err(StartRefusal::State) => Err(Rejection::business(&contract::JOB_STATUS_DENIED)),
    }
}

/// The configured precheck duration in whole seconds.
pub fn precheck_seconds(call: &Call<'_>) -> i64 {
    i64::try_from(call.state.config.precheck_duration.as_secs()).unwrap_or(i64::MAX)
}
