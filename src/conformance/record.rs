//! The runner's hooks: preparing each scenario's World, and recording what it did.

use super::World;
use super::collector::{Key, Store, lock};
use super::target::Target;
use crate::client::{Credentials, Exchange};
use crate::report::{RecordedExchange, terminal};
use cucumber::event::ScenarioFinished;
use std::sync::Arc;

/// Give the World its target and a fresh account of its own (on a mock), so that concurrent
/// scenarios never see each other's throttling, faults, clock or jobs.
pub async fn prepare(world: &mut World, target: Arc<Target>) {
    world.target = Some(target.clone());
    match &target.control {
        Some(control) => {
            let id = format!("scenario{}", crate::mock::fresh_job_id());
            let secret = uuid::Uuid::new_v4().simple().to_string();
            match control.add_account(&id, &secret).await {
                Ok(()) => world.credentials = Some(Credentials::new(id, secret)),
                Err(e) => {
                    world.setup_error = Some(format!("creating the scenario's account failed: {e}"))
                }
            }
        }
        None => world.credentials.clone_from(&target.credentials),
    }
}

/// Record the World's formats and exchanges, and print a progress line.
pub fn after(
    store: &Store,
    key: Key,
    finished: &ScenarioFinished,
    world: Option<&mut World>,
    progress: bool,
) {
    if let Some(world) = world {
        let mut store = lock(store);
        let partial = store.entry(key.clone()).or_default();
        partial.formats = world.formats.iter().copied().collect();
        partial.exchanges = world.exchanges.iter().map(recorded).collect();
    }
    if progress {
        let passed = matches!(finished, ScenarioFinished::StepPassed);
        terminal::progress(passed, &key.2, &key.0, key.1);
    }
}

/// An exchange as the results keep it: redacted, bodies cut.
pub fn recorded(exchange: &Exchange) -> RecordedExchange {
    let body = String::from_utf8_lossy(&exchange.response.body);
    let limit = crate::client::body_limit();
    let mut response_body = exchange.redact(&body);
    if response_body.len() > limit {
        let mut cut = limit;
        while !response_body.is_char_boundary(cut) {
            cut -= 1;
        }
        response_body.truncate(cut);
    }
    RecordedExchange {
        action: exchange.action.clone(),
        format: exchange.format,
        method: exchange.request.method.as_str().to_string(),
        url: exchange.redacted_request_url(),
        status: exchange.response.status,
        response_body,
        elapsed_ms: exchange.response.elapsed.as_millis() as u64,
        transcript: exchange.to_string(),
    }
}
