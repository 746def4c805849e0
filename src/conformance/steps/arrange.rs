//! `Given` steps: arranging state through the mock's control API, and choosing how the caller
//! signs and sends.

use super::super::World;
use super::super::control::Control;
use super::super::world::StepResult;
use crate::client::{Credentials, Method, Placement, SignatureVersion};
use crate::report::Failure;
use crate::wire::Format;
use cucumber::given;
use serde_json::json;

fn control(world: &World) -> Result<Control, Failure> {
    world.target()?.control.clone().ok_or_else(|| {
        Failure::new(
            None,
            "this step arranges state through the mock's control API, which the target lacks",
        )
    })
}

fn control_failed(error: impl std::fmt::Display) -> Failure {
    Failure::new(None, format!("arranging the scenario failed: {error}"))
}

async fn seed(world: &mut World, seed: serde_json::Value) -> StepResult {
    let control = control(world)?;
    let account = world.access_key_id()?;
    let id = control
        .seed_job(&account, seed)
        .await
        .map_err(control_failed)?;
    world.forward_job = Some(id);
    Ok(())
}

#[given(regex = r"^a data (synchronization|migration) task that can take a reverse task$")]
async fn reversible_task(world: &mut World, kind: String) -> StepResult {
    let target = world.target()?.clone();
    if target.control.is_none() {
        world.forward_job.clone_from(&target.job_id);
        return match world.forward_job {
            Some(_) => Ok(()),
            None => Err(Failure::new(
                None,
                "a live run needs --job-id for this step",
            )),
        };
    }
    let job_type = if kind == "migration" {
        "MIGRATION"
    } else {
        "SYNC"
    };
    seed(world, json!({ "job_type": job_type })).await
}

#[given("a data synchronization task whose reverse task will fail its precheck")]
async fn failing_precheck(world: &mut World) -> StepResult {
    seed(
        world,
        json!({ "job_type": "SYNC", "reverse_precheck": "fail" }),
    )
    .await
}

#[given("a change tracking task")]
async fn change_tracking(world: &mut World) -> StepResult {
    seed(world, json!({ "job_type": "SUBSCRIBE" })).await
}

#[given(regex = r#"^a data synchronization task in status "(\w+)"$"#)]
async fn task_in_status(world: &mut World, status: String) -> StepResult {
    seed(world, json!({ "job_type": "SYNC", "status": status })).await
}

#[given("a DtsJobId that names no task")]
async fn unknown_task(world: &mut World) {
    world.forward_job = Some(crate::mock::fresh_job_id());
}

#[given(regex = r"^the caller asks for (JSON|XML) responses$")]
async fn asks_for(world: &mut World, format: String) {
    world.format = Format::parse(&format);
}

#[given(regex = r"^the caller signs with (V1|V3) and sends (GET|POST|POST form body) requests$")]
async fn signs_and_sends(world: &mut World, signature: String, method: String) {
    world.transport.signature = if signature == "V3" {
        SignatureVersion::V3
    } else {
        SignatureVersion::V1
    };
    world.transport.method = if method == "GET" {
        Method::Get
    } else {
        Method::Post
    };
    world.transport.placement = if method == "POST form body" {
        Placement::Form
    } else {
        Placement::Query
    };
}

#[given("the caller signs with a wrong AccessKey secret")]
async fn wrong_secret(world: &mut World) -> StepResult {
    let id = world.access_key_id()?;
    world.credentials = Some(Credentials::new(id, "not-the-secret-of-this-key"));
    Ok(())
}

#[given("the caller uses an AccessKey ID the service does not know")]
async fn unknown_key(world: &mut World) {
    let id = format!("LTAIunknown{}", crate::mock::fresh_job_id());
    world.credentials = Some(Credentials::new(id, "whatever-secret"));
}

#[given(expr = "the caller's clock is {int} minutes behind")]
async fn clock_behind(world: &mut World, minutes: i64) {
    world.clock_behind = minutes * 60;
}

#[given(expr = "the caller asks for API version {string}")]
async fn api_version(world: &mut World, version: String) {
    world.version = Some(version);
}

#[given("the caller uses an STS token that has expired")]
async fn expired_token(world: &mut World) -> StepResult {
    let control = control(world)?;
    let account = world.access_key_id()?;
    let token = control
        .issue_token(&account, 60)
        .await
        .map_err(control_failed)?;
    control
        .advance_clock(&account, 120)
        .await
        .map_err(control_failed)?;
    attach_token(world, token)
}

#[given("the caller uses an STS token the service never issued")]
async fn unissued_token(world: &mut World) -> StepResult {
    attach_token(world, format!("CAIS{}", crate::mock::fresh_job_id()))
}

fn attach_token(world: &mut World, token: String) -> StepResult {
    let credentials = world
        .credentials
        .take()
        .ok_or_else(|| Failure::new(None, "the scenario has no account"))?;
    world.credentials = Some(credentials.with_security_token(token));
    Ok(())
}

#[given(expr = "the account may send {int} requests at once")]
async fn throttle(world: &mut World, capacity: u32) -> StepResult {
    let control = control(world)?;
    let account = world.access_key_id()?;
    control
        .set_throttle(&account, capacity, 0.001)
        .await
        .map_err(control_failed)
}

#[given("the service fails the next CreateReverseDtsJob call")]
async fn fail_next(world: &mut World) -> StepResult {
    let control = control(world)?;
    let account = world.access_key_id()?;
    let fault = json!({ "action": "CreateReverseDtsJob", "count": 1 });
    control
        .add_fault(&account, fault)
        .await
        .map_err(control_failed)
}
