//! DescribeDtsJobs: the forward job with its `ReverseJob` block, and the reverse task's own
//! entry, with the field names and types of that operation (`DtsInstanceID`, `Success` a
//! boolean, `HttpStatusCode` an integer).

use super::super::Defect;
use super::super::clock::format_timestamp;
use super::super::jobs::{Job, Phase, ReverseTask};
use super::super::rejection::Rejection;
use super::super::respond;
use super::super::state::lock;
use super::ops::precheck_seconds;
use super::{Call, root_for};
use crate::contract::Action;
use crate::wire::Value;
use axum::response::Response;

const JOB_TYPES: &[&str] = &["MIGRATION", "SYNC", "SUBSCRIBE"];

fn field(name: &str, value: Value) -> (String, Value) {
    (name.to_string(), value)
}

/// DescribeDtsJobs, filtered by `JobType` (MIGRATION when absent, as documented) and
/// optionally `DtsJobId`, paged by `PageNumber` and `PageSize`.
pub fn describe(call: &Call<'_>) -> Result<Response, Rejection> {
    let job_type = call
        .incoming
        .param("JobType")
        .unwrap_or("MIGRATION")
        .to_ascii_uppercase();
    if !JOB_TYPES.contains(&job_type.as_str()) {
        return Err(Rejection::documented("InvalidParameter", "JobType", true));
    }
    let page_number = page_param(call, "PageNumber", 1, 1..=100_000)?;
    let page_size = page_param(call, "PageSize", 20, 1..=100)?;
    let filter_id = call.incoming.param("DtsJobId").filter(|id| !id.is_empty());

    let entries = {
        let account = lock(&call.caller.account);
        let now = account.clock.now();
        let view = View {
            now,
            precheck: precheck_seconds(call),
            auto: auto_writer(call),
        };
        let mut entries: Vec<(i64, String, Value)> = Vec::new();
        for job in account.jobs.forward.values() {
            let reverse = job
                .reverse_id
                .as_ref()
                .and_then(|id| account.jobs.reverse.get(id));
            entries.push((
                job.created_at,
                job.id.clone(),
                view.forward(job, job.job_type.as_str(), reverse),
            ));
        }
        for task in account.jobs.reverse.values() {
            entries.push((task.created_at, task.id.clone(), view.reverse_entry(task)));
        }
        entries.retain(|(_, id, value)| {
            value.get_str("JobType") == Some(job_type.as_str()) && filter_id.is_none_or(|f| f == id)
        });
        entries.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        entries
    };
    let total = entries.len();
    let page: Vec<Value> = entries
        .into_iter()
        .skip((page_number - 1) * page_size)
        .take(page_size)
        .map(|e| e.2)
        .collect();
    let body = Value::Obj(vec![
        field("RequestId", Value::str(call.request_id)),
        field("HttpStatusCode", Value::Int(200)),
        field("Success", Value::Bool(true)),
        field("PageNumber", Value::Int(page_number as i64)),
        field("PageRecordCount", Value::Int(page.len() as i64)),
        field("TotalRecordCount", Value::Int(total as i64)),
        field("DtsJobList", Value::List(page)),
    ]);
    let root = root_for(call.state, Action::DescribeDtsJobs);
    Ok(respond::success(call.format, &root, call.request_id, &body))
}

fn auto_writer(call: &Call<'_>) -> bool {
    call.state.has(Defect::WriterStartsOnItsOwn)
}

fn page_param(
    call: &Call<'_>,
    name: &str,
    default: usize,
    range: std::ops::RangeInclusive<usize>,
) -> Result<usize, Rejection> {
    match call.incoming.param(name) {
        None | Some("") => Ok(default),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| Rejection::documented("InvalidParameter", name, true)),
    }
}

/// Renders jobs at one moment of virtual time.
struct View {
    now: i64,
    precheck: i64,
    auto: bool,
}

impl View {
    fn forward(&self, job: &Job, job_type: &str, reverse: Option<&ReverseTask>) -> Value {
        let mut fields = vec![
            field("DtsJobId", Value::str(&job.id)),
            field("DtsInstanceID", Value::str(&job.instance_id)),
            field("DtsJobName", Value::str(format!("job-{}", job.id))),
            field("JobType", Value::str(job_type)),
            field("Status", Value::str(&job.status)),
            field("DtsJobDirection", Value::str("Forward")),
            field("CreateTime", Value::str(format_timestamp(job.created_at))),
            field("PrecheckStatus", status_block("Finished", 100, "")),
            field(
                "DataSynchronizationStatus",
                status_block("Migrating", 100, ""),
            ),
        ];
        if let Some(task) = reverse {
            fields.push(field("ReverseJob", Value::Obj(self.reverse_fields(task))));
        }
        Value::Obj(fields)
    }

    fn reverse_entry(&self, task: &ReverseTask) -> Value {
        let mut fields = self.reverse_fields(task);
        fields.insert(3, field("JobType", Value::str("SYNC")));
        Value::Obj(fields)
    }

    fn reverse_fields(&self, task: &ReverseTask) -> Vec<(String, Value)> {
        let phase = task.phase(self.now, self.precheck, self.auto);
        let (status, precheck, incremental, collection, writer) = match phase {
            Phase::Prechecking => (
                "Prechecking",
                ("Checking", 50),
                "NotStarted",
                "NotStarted",
                "NotStarted",
            ),
            Phase::PrecheckFailed => (
                "PrecheckFailed",
                ("Failed", 100),
                "NotStarted",
                "NotStarted",
                "NotStarted",
            ),
            Phase::CollectingWriterStopped => (
                "Suspending",
                ("Finished", 100),
                "NotStarted",
                "Running",
                "NotStarted",
            ),
            Phase::Synchronizing => (
                "Synchronizing",
                ("Finished", 100),
                "Migrating",
                "Running",
                "Running",
            ),
        };
        let precheck_error = if phase == Phase::PrecheckFailed {
            "The precheck of the reverse task failed."
        } else {
            ""
        };
        let checkpoint = match (phase, &task.writer) {
            (Phase::Prechecking | Phase::PrecheckFailed, _) => String::new(),
            (_, Some(writer)) => writer
                .checkpoint
                .clone()
                .unwrap_or_else(|| writer.started_at.to_string()),
            (_, None) => (task.created_at + self.precheck).to_string(),
        };
        let reserved =
            format!(r#"{{"incrementalCollection":"{collection}","incrementalWriter":"{writer}"}}"#);
        vec![
            field("DtsJobId", Value::str(&task.id)),
            field("DtsInstanceID", Value::str(&task.instance_id)),
            field(
                "DtsJobName",
                Value::str(format!("reverse-{}", task.forward_id)),
            ),
            field("DtsJobDirection", Value::str("Reverse")),
            field("Status", Value::str(status)),
            field("Checkpoint", Value::str(checkpoint)),
            field("CreateTime", Value::str(format_timestamp(task.created_at))),
            field(
                "PrecheckStatus",
                status_block(precheck.0, precheck.1, precheck_error),
            ),
            field(
                "DataSynchronizationStatus",
                status_block(incremental, 0, ""),
            ),
            field("Reserved", Value::str(reserved)),
        ]
    }
}

fn status_block(status: &str, percent: i64, error: &str) -> Value {
    Value::Obj(vec![
        field("Status", Value::str(status)),
        field("Percent", Value::Int(percent)),
        field("ErrorMessage", Value::str(error)),
    ])
}
