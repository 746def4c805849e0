//! `When` steps: the calls a real caller makes.

use super::super::World;
use super::super::checks;
use super::super::world::StepResult;
use crate::contract::Action;
use crate::report::Failure;
use cucumber::when;
use futures::future::join_all;

const CREATE: &str = "CreateReverseDtsJob";

fn forward_job(world: &World) -> Result<String, Failure> {
    world
        .forward_job
        .clone()
        .ok_or_else(|| Failure::new(None, "no task was arranged before this step"))
}

/// Remember the reverse task a successful CreateReverseDtsJob returned.
fn remember_reverse(world: &mut World) {
    let Ok(exchange) = world.last() else { return };
    if exchange.response.status != 200 {
        return;
    }
    let id = checks::body(exchange, None)
        .ok()
        .and_then(|document| document.value.get_str("DtsJobId").map(str::to_string));
    if id.is_some() {
        world.reverse_job = id;
    }
}

#[when("the caller calls CreateReverseDtsJob for that task")]
async fn create_for_task(world: &mut World) -> StepResult {
    let job = forward_job(world)?;
    world.call(CREATE, &[("DtsJobId", &job)]).await?;
    remember_reverse(world);
    Ok(())
}

#[when(regex = r#"^the caller calls CreateReverseDtsJob with DtsJobId "(.*)"$"#)]
async fn create_with_id(world: &mut World, id: String) -> StepResult {
    world.forward_job = Some(id.clone());
    world.call(CREATE, &[("DtsJobId", &id)]).await
}

#[when("the caller calls CreateReverseDtsJob without a DtsJobId")]
async fn create_without_id(world: &mut World) -> StepResult {
    world.call(CREATE, &[]).await
}

#[when(expr = "the caller calls the action {string}")]
async fn call_action(world: &mut World, action: String) -> StepResult {
    world
        .call(&action, &[("DtsJobId", "n99m9jx822k0000")])
        .await
}

#[when("the caller lists its synchronization tasks")]
async fn list_sync(world: &mut World) -> StepResult {
    world
        .call(Action::DescribeDtsJobs.name(), &[("JobType", "SYNC")])
        .await
}

#[when("the caller calls StartReverseWriter for the reverse task")]
async fn start_writer(world: &mut World) -> StepResult {
    let reverse = reverse_job(world)?;
    world
        .call(Action::StartReverseWriter.name(), &[("DtsJobId", &reverse)])
        .await
}

#[when(expr = "the caller calls StartReverseWriter for the reverse task from checkpoint {string}")]
async fn start_writer_from(world: &mut World, checkpoint: String) -> StepResult {
    let reverse = reverse_job(world)?;
    let params = [
        ("DtsJobId", reverse.as_str()),
        ("CheckPoint", checkpoint.as_str()),
    ];
    world.call(Action::StartReverseWriter.name(), &params).await
}

fn reverse_job(world: &World) -> Result<String, Failure> {
    world.reverse_job.clone().ok_or_else(|| {
        Failure::new(
            Some("beh.1"),
            "CreateReverseDtsJob returned a reverse task id before this step",
        )
    })
}

#[when("the precheck has had time to finish")]
async fn precheck_time(world: &mut World) -> StepResult {
    let target = world.target()?.clone();
    let control = target
        .control
        .as_ref()
        .ok_or_else(|| Failure::new(None, "advancing time needs the mock's control API"))?;
    let account = world.access_key_id()?;
    control
        .advance_clock(&account, 3600)
        .await
        .map_err(|e| Failure::new(None, format!("advancing the clock failed: {e}")))
}

/// Send `count` identical calls at once; each is signed separately (its own nonce).
async fn burst(world: &mut World, count: usize, params: Vec<(String, String)>) -> StepResult {
    let client = world.client()?;
    let requests: Vec<_> = (0..count)
        .map(|_| client.prepare(CREATE, &world.params_owned(&params), &world.options()))
        .collect();
    let answers = join_all(requests.into_iter().map(|r| client.execute(r))).await;
    let mut exchanges = Vec::new();
    for answer in answers {
        exchanges
            .push(answer.map_err(|e| Failure::new(None, format!("a call got no answer: {e}")))?);
    }
    world.record(exchanges);
    Ok(())
}

#[when(expr = "the caller sends {int} CreateReverseDtsJob calls at once")]
async fn calls_at_once(world: &mut World, count: usize) -> StepResult {
    burst(
        world,
        count,
        vec![("DtsJobId".into(), "n99m9jx822k0000".into())],
    )
    .await
}

#[when(expr = "{int} callers call CreateReverseDtsJob for that task at the same time")]
async fn concurrent_callers(world: &mut World, count: usize) -> StepResult {
    let job = forward_job(world)?;
    burst(world, count, vec![("DtsJobId".into(), job)]).await
}

#[when("the caller sends the same signed request twice")]
async fn replay(world: &mut World) -> StepResult {
    let client = world.client()?;
    let request = client.prepare(
        Action::DescribeDtsJobs.name(),
        &world.params(&[("JobType", "SYNC")]),
        &world.options(),
    );
    let first = client.execute(request.clone()).await;
    let second = client.execute(request).await;
    let failed =
        |e: crate::client::ClientError| Failure::new(None, format!("a call got no answer: {e}"));
    world.record(vec![first.map_err(failed)?, second.map_err(failed)?]);
    Ok(())
}
