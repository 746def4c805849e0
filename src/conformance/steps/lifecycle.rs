//! `Then` steps on the reverse task's lifecycle, read over the wire from DescribeDtsJobs the
//! way a caller would, and on what exists, read from the mock's control API.

use super::super::World;
use super::super::checks::{self, failure};
use super::super::world::StepResult;
use crate::client::Exchange;
use crate::contract::Action;
use crate::report::{Failure, FieldMismatch};
use crate::wire::Value;
use cucumber::then;

/// DescribeDtsJobs for one id and job type; the matching entry and the exchange.
async fn describe(
    world: &mut World,
    id: &str,
    job_type: &str,
) -> Result<(Exchange, Option<Value>), Failure> {
    let client = world.client()?;
    let params = world.params(&[("JobType", job_type), ("DtsJobId", id)]);
    let request = client.prepare(Action::DescribeDtsJobs.name(), &params, &world.options());
    let exchange = client
        .execute(request)
        .await
        .map_err(|e| Failure::new(None, format!("DescribeDtsJobs got no answer: {e}")))?;
    let document = checks::body(&exchange, None)?;
    let entry = match document.value.get("DtsJobList") {
        Some(Value::List(items)) => items
            .iter()
            .find(|i| i.get_str("DtsJobId") == Some(id))
            .cloned(),
        Some(item @ Value::Obj(_)) if item.get_str("DtsJobId") == Some(id) => Some(item.clone()),
        _ => None,
    };
    world.record_aside(exchange.clone());
    Ok((exchange, entry))
}

/// The reverse task's own DescribeDtsJobs entry (it is a SYNC task).
async fn reverse_entry(world: &mut World, row: &str) -> Result<(Exchange, Value), Failure> {
    let id = world.reverse_job.clone().ok_or_else(|| {
        Failure::new(
            Some("beh.1"),
            "CreateReverseDtsJob returned a reverse task id before this step",
        )
    })?;
    let (exchange, entry) = describe(world, &id, "SYNC").await?;
    let entry = entry.ok_or_else(|| {
        failure(
            &exchange,
            Some(row),
            "DescribeDtsJobs with JobType=SYNC lists the reverse task",
        )
        .field(FieldMismatch::new(
            "DtsJobList",
            format!("an entry for {id}"),
            "none",
        ))
    })?;
    Ok((exchange, entry))
}

/// A dotted path into an entry, as text.
fn text(entry: &Value, path: &str) -> String {
    let mut value = Some(entry);
    for key in path.split('.') {
        value = value.and_then(|v| v.get(key));
    }
    match value {
        Some(Value::Str(s)) => s.clone(),
        Some(other) => other.brief(),
        None => "absent".to_string(),
    }
}

/// The module states the mock reports in `Reserved` (collection, writer), if reported.
fn modules(entry: &Value) -> Option<(String, String)> {
    let reserved: serde_json::Value = serde_json::from_str(entry.get_str("Reserved")?).ok()?;
    let collection = reserved["incrementalCollection"].as_str()?.to_string();
    let writer = reserved["incrementalWriter"].as_str()?.to_string();
    Some((collection, writer))
}

fn expect(
    exchange: &Exchange,
    row: &str,
    check: &str,
    field: &str,
    expected: &str,
    actual: String,
) -> StepResult {
    if actual == expected {
        return Ok(());
    }
    Err(failure(exchange, Some(row), check).field(FieldMismatch::new(field, expected, actual)))
}

#[then(regex = r"^the reverse task's precheck (is running|has passed|has failed)$")]
async fn precheck(world: &mut World, state: String) -> StepResult {
    let (row, expected) = match state.as_str() {
        "is running" => ("beh.2", "Checking"),
        "has passed" => ("beh.2", "Finished"),
        _ => ("beh.6", "Failed"),
    };
    let (exchange, entry) = reverse_entry(world, row).await?;
    let check = format!("the reverse task's precheck {state}");
    expect(
        &exchange,
        row,
        &check,
        "PrecheckStatus.Status",
        expected,
        text(&entry, "PrecheckStatus.Status"),
    )
}

#[then(regex = r"^incremental data collection (has not started|is running)$")]
async fn collection(world: &mut World, state: String) -> StepResult {
    let running = state == "is running";
    let row = "beh.3";
    let (exchange, entry) = reverse_entry(world, row).await?;
    let check = format!("incremental data collection {state}");
    match modules(&entry) {
        Some((collection, _)) => {
            let expected = if running { "Running" } else { "NotStarted" };
            expect(
                &exchange,
                row,
                &check,
                "Reserved.incrementalCollection",
                expected,
                collection,
            )
        }
        None => {
            let checkpoint = text(&entry, "Checkpoint");
            let collecting = !checkpoint.is_empty() && checkpoint != "absent";
            let expected = if running {
                "a checkpoint"
            } else {
                "no checkpoint"
            };
            if collecting == running {
                Ok(())
            } else {
                Err(
                    failure(&exchange, Some(row), &check).field(FieldMismatch::new(
                        "Checkpoint",
                        expected,
                        checkpoint,
                    )),
                )
            }
        }
    }
}

#[then(regex = r"^the incremental writer (is not started|is running)$")]
async fn writer(world: &mut World, state: String) -> StepResult {
    let running = state == "is running";
    let row = if running { "beh.5" } else { "beh.4" };
    let (exchange, entry) = reverse_entry(world, row).await?;
    let check = format!("the incremental writer {state}");
    let incremental = text(&entry, "DataSynchronizationStatus.Status");
    let writer_started = incremental != "NotStarted";
    let mut failed = failure(&exchange, Some(row), check);
    if writer_started != running {
        let expected = if running {
            "Migrating or Catched"
        } else {
            "NotStarted"
        };
        failed = failed.field(FieldMismatch::new(
            "DataSynchronizationStatus.Status",
            expected,
            incremental,
        ));
    }
    if let Some((_, writer)) = modules(&entry) {
        let expected = if running { "Running" } else { "NotStarted" };
        if writer != expected {
            failed = failed.field(FieldMismatch::new(
                "Reserved.incrementalWriter",
                expected,
                writer,
            ));
        }
    }
    if failed.fields.is_empty() {
        Ok(())
    } else {
        Err(failed)
    }
}

#[then(expr = "the reverse task's status is {string}")]
async fn status(world: &mut World, expected: String) -> StepResult {
    let row = match expected.as_str() {
        "Suspending" => "beh.4",
        "PrecheckFailed" => "beh.6",
        _ => "beh.5",
    };
    let (exchange, entry) = reverse_entry(world, row).await?;
    expect(
        &exchange,
        row,
        "the reverse task's status",
        "Status",
        &expected,
        text(&entry, "Status"),
    )
}

#[then(expr = "the reverse task's checkpoint is {string}")]
async fn checkpoint(world: &mut World, expected: String) -> StepResult {
    let (exchange, entry) = reverse_entry(world, "beh.5").await?;
    expect(
        &exchange,
        "beh.5",
        "StartReverseWriter honours CheckPoint",
        "Checkpoint",
        &expected,
        text(&entry, "Checkpoint"),
    )
}

#[then("DescribeDtsJobs shows the task with a ReverseJob block for the new reverse task")]
async fn reverse_block(world: &mut World) -> StepResult {
    let forward = world
        .forward_job
        .clone()
        .ok_or_else(|| Failure::new(None, "no task was arranged"))?;
    let reverse = world.reverse_job.clone().unwrap_or_default();
    let mut found = None;
    for job_type in ["SYNC", "MIGRATION"] {
        let (exchange, entry) = describe(world, &forward, job_type).await?;
        if let Some(entry) = entry {
            found = Some((exchange, entry));
            break;
        }
        found.get_or_insert((exchange, Value::Null));
    }
    let (exchange, entry) =
        found.ok_or_else(|| Failure::new(Some("beh.1"), "DescribeDtsJobs was called"))?;
    let check = "the forward task shows its reverse task in a ReverseJob block";
    let mut failed = failure(&exchange, Some("beh.1"), check);
    let actual = text(&entry, "ReverseJob.DtsJobId");
    if actual != reverse || reverse.is_empty() {
        failed = failed.field(FieldMismatch::new(
            "ReverseJob.DtsJobId",
            format!("{reverse:?}"),
            actual,
        ));
    }
    let instance = text(&entry, "ReverseJob.DtsInstanceID");
    if instance == "absent" || instance.is_empty() {
        failed = failed.field(FieldMismatch::new(
            "ReverseJob.DtsInstanceID",
            "the reverse instance id",
            instance,
        ));
    }
    if failed.fields.is_empty() {
        Ok(())
    } else {
        Err(failed)
    }
}

#[then("the reverse task runs in the Reverse direction")]
async fn direction(world: &mut World) -> StepResult {
    let (exchange, entry) = reverse_entry(world, "beh.1").await?;
    expect(
        &exchange,
        "beh.1",
        "the reverse task's direction",
        "DtsJobDirection",
        "Reverse",
        text(&entry, "DtsJobDirection"),
    )
}

/// Reverse tasks of the scenario's account whose forward job is `job` (all when `None`).
async fn reverse_tasks(world: &World, job: Option<&str>) -> Result<usize, Failure> {
    let target = world.target()?;
    let control = target
        .control
        .as_ref()
        .ok_or_else(|| Failure::new(None, "counting reverse tasks needs the mock's control API"))?;
    let account = world.access_key_id()?;
    let jobs = control
        .jobs(&account)
        .await
        .map_err(|e| Failure::new(None, format!("reading the mock's jobs failed: {e}")))?;
    let tasks = jobs["reverse"].as_array().cloned().unwrap_or_default();
    Ok(tasks
        .iter()
        .filter(|t| job.is_none_or(|j| t["forward_id"].as_str() == Some(j)))
        .count())
}

#[then("no reverse task is created")]
async fn none_created(world: &mut World) -> StepResult {
    let exchange = world.last()?.clone();
    let row = Some("req.DtsJobId");
    if world.target()?.control.is_none() {
        let id = world.forward_job.clone().unwrap_or_default();
        for job_type in ["SYNC", "MIGRATION"] {
            let (_, entry) = describe(world, &id, job_type).await?;
            if let Some(entry) = entry.filter(|e| e.get("ReverseJob").is_some()) {
                return Err(
                    failure(&exchange, row, "a refused call creates no reverse task")
                        .field(FieldMismatch::new("ReverseJob", "absent", entry.brief())),
                );
            }
        }
        return Ok(());
    }
    let count = reverse_tasks(world, None).await?;
    if count == 0 {
        return Ok(());
    }
    Err(
        failure(&exchange, row, "a refused call creates no reverse task").field(
            FieldMismatch::new("reverse tasks of the account", "0", count.to_string()),
        ),
    )
}

#[then("exactly one reverse task exists for that task")]
async fn exactly_one(world: &mut World) -> StepResult {
    let job = world.forward_job.clone().unwrap_or_default();
    let count = reverse_tasks(world, Some(&job)).await?;
    if count == 1 {
        return Ok(());
    }
    let exchange = world.last()?;
    Err(failure(
        exchange,
        Some("req.DtsJobId"),
        "a task has at most one reverse task",
    )
    .field(FieldMismatch::new(
        "reverse tasks of the task",
        "1",
        count.to_string(),
    )))
}
