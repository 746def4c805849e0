//! The control API, under [`CONTROL_PREFIX`](super::CONTROL_PREFIX): seed and inspect
//! accounts, jobs and tokens; inject faults; set throttling; advance an account's clock; read
//! the journal; reset. Bodies are JSON; every error is `{"error": "..."}` with a 4xx status.

#![allow(
    clippy::result_large_err,
    reason = "an axum Response is the error value of a failed control request"
)]

use super::clock::real_now;
use super::faults::FaultSpec;
use super::seed::JobSeed;
use super::state::{AccountState, State, Token, lock};
use super::{Account, ThrottleConfig};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as AxumState};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Shared = AxumState<Arc<State>>;

/// The control routes.
pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route(
            "/health",
            get(|| async { json_ok(json!({"status": "ok"})) }),
        )
        .route("/config", get(config))
        .route("/accounts", get(list_accounts).post(add_account))
        .route("/accounts/{ak}/jobs", get(list_jobs).post(seed_job))
        .route("/accounts/{ak}/tokens", post(issue_token))
        .route(
            "/accounts/{ak}/faults",
            post(add_fault).delete(clear_faults),
        )
        .route("/accounts/{ak}/throttle", put(set_throttle))
        .route("/accounts/{ak}/clock", post(advance_clock))
        .route("/journal", get(journal))
        .route("/stats", get(stats))
        .route("/reset", post(reset))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such control endpoint") })
}

fn json_ok(value: Value) -> Response {
    (StatusCode::OK, axum::Json(value)).into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({ "error": message }))).into_response()
}

fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, Response> {
    serde_json::from_slice(body)
        .map_err(|e| error(StatusCode::BAD_REQUEST, &format!("invalid JSON body: {e}")))
}

fn account(state: &State, ak: &str) -> Result<Arc<Mutex<AccountState>>, Response> {
    state
        .account(ak)
        .ok_or_else(|| error(StatusCode::NOT_FOUND, &format!("no account {ak:?}")))
}

async fn config(AxumState(state): Shared) -> Response {
    let c = &state.config;
    json_ok(json!({
        "default_format": c.default_format.as_str(),
        "timestamp_skew_seconds": c.timestamp_skew.as_secs(),
        "precheck_seconds": c.precheck_duration.as_secs(),
        "throttle": c.throttle,
        "limits": c.limits,
        "defects": c.defects,
    }))
}

async fn list_accounts(AxumState(state): Shared) -> Response {
    json_ok(json!({ "accounts": state.account_ids() }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewAccount {
    access_key_id: String,
    access_key_secret: String,
    #[serde(default)]
    throttle: Option<ThrottleConfig>,
}

async fn add_account(AxumState(state): Shared, body: Bytes) -> Response {
    let new: NewAccount = match parse(&body) {
        Ok(new) => new,
        Err(response) => return response,
    };
    if new.access_key_id.is_empty() || new.access_key_secret.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "access_key_id and access_key_secret are required",
        );
    }
    let account = Account {
        access_key_id: new.access_key_id.clone(),
        access_key_secret: new.access_key_secret,
    };
    state.add_account(&account);
    if let (Some(throttle), Some(handle)) = (new.throttle, state.account(&new.access_key_id)) {
        lock(&handle).bucket.reconfigure(throttle);
    }
    (
        StatusCode::CREATED,
        axum::Json(json!({ "access_key_id": new.access_key_id })),
    )
        .into_response()
}

async fn seed_job(AxumState(state): Shared, Path(ak): Path<String>, body: Bytes) -> Response {
    let result = account(&state, &ak).and_then(|handle| {
        let seed: JobSeed = parse(&body)?;
        let mut account = lock(&handle);
        let now = account.clock.now();
        account
            .jobs
            .seed(seed, now)
            .map_err(|reason| error(StatusCode::BAD_REQUEST, &reason))
    });
    match result {
        Ok(job) => (StatusCode::CREATED, axum::Json(json!(job))).into_response(),
        Err(response) => response,
    }
}

async fn list_jobs(AxumState(state): Shared, Path(ak): Path<String>) -> Response {
    let handle = match account(&state, &ak) {
        Ok(handle) => handle,
        Err(response) => return response,
    };
    let account = lock(&handle);
    let now = account.clock.now();
    let precheck = i64::try_from(state.config.precheck_duration.as_secs()).unwrap_or(i64::MAX);
    let auto = state.has(super::Defect::WriterStartsOnItsOwn);
    let reverse: Vec<Value> = account
        .jobs
        .reverse
        .values()
        .map(|task| {
            let mut value = json!(task);
            value["phase"] = json!(task.phase(now, precheck, auto));
            value
        })
        .collect();
    let forward: Vec<&super::jobs::Job> = account.jobs.forward.values().collect();
    json_ok(json!({ "now": now, "forward": forward, "reverse": reverse }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewToken {
    ttl_seconds: i64,
}

async fn issue_token(AxumState(state): Shared, Path(ak): Path<String>, body: Bytes) -> Response {
    let result = account(&state, &ak).and_then(|handle| {
        let request: NewToken = parse(&body)?;
        let expires_at = lock(&handle)
            .clock
            .now()
            .saturating_add(request.ttl_seconds);
        Ok(expires_at)
    });
    let expires_at = match result {
        Ok(expires_at) => expires_at,
        Err(response) => return response,
    };
    let token = format!("CAIS{}", uuid::Uuid::new_v4().simple());
    state.issue_token(
        token.clone(),
        Token {
            access_key_id: ak,
            expires_at,
        },
    );
    let body = json!({ "security_token": token, "expires_at": expires_at });
    (StatusCode::CREATED, axum::Json(body)).into_response()
}

async fn add_fault(AxumState(state): Shared, Path(ak): Path<String>, body: Bytes) -> Response {
    let result = account(&state, &ak).and_then(|handle| {
        let fault: FaultSpec = parse(&body)?;
        fault
            .validate()
            .map_err(|reason| error(StatusCode::BAD_REQUEST, &reason))?;
        lock(&handle).faults.push(fault);
        Ok(())
    });
    match result {
        Ok(()) => (StatusCode::CREATED, axum::Json(json!({"ok": true}))).into_response(),
        Err(response) => response,
    }
}

async fn clear_faults(AxumState(state): Shared, Path(ak): Path<String>) -> Response {
    match account(&state, &ak) {
        Ok(handle) => {
            lock(&handle).faults.clear();
            json_ok(json!({"ok": true}))
        }
        Err(response) => response,
    }
}

async fn set_throttle(AxumState(state): Shared, Path(ak): Path<String>, body: Bytes) -> Response {
    let result = account(&state, &ak).and_then(|handle| {
        let throttle: ThrottleConfig = parse(&body)?;
        if throttle.refill_per_second < 0.0 || !throttle.refill_per_second.is_finite() {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "refill_per_second must be 0 or more",
            ));
        }
        lock(&handle).bucket.reconfigure(throttle);
        Ok(())
    });
    match result {
        Ok(()) => json_ok(json!({"ok": true})),
        Err(response) => response,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    advance_seconds: u64,
}

async fn advance_clock(AxumState(state): Shared, Path(ak): Path<String>, body: Bytes) -> Response {
    let result = account(&state, &ak).and_then(|handle| {
        let advance: Advance = parse(&body)?;
        let mut account = lock(&handle);
        account
            .clock
            .advance(Duration::from_secs(advance.advance_seconds));
        Ok(account.clock.now())
    });
    match result {
        Ok(now) => json_ok(json!({ "now": now, "real_now": real_now() })),
        Err(response) => response,
    }
}

async fn journal(
    AxumState(state): Shared,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let entries = state
        .journal()
        .entries(query.get("access_key_id").map(String::as_str));
    json_ok(json!({ "entries": entries }))
}

/// Counts, and the process's resident memory and CPU time (`null` where `/proc` is missing),
/// so that a benchmark in another process can watch this one.
async fn stats(AxumState(state): Shared) -> Response {
    let (accounts, nonces, journal) = state.stats();
    json_ok(json!({
        "accounts": accounts,
        "nonces": nonces,
        "journal_entries": journal,
        "resident_kib": crate::process::resident_kib(),
        "cpu_ms": crate::process::cpu_time().map(|t| t.as_millis() as u64),
    }))
}

async fn reset(AxumState(state): Shared) -> Response {
    state.reset();
    json_ok(json!({"ok": true}))
}
