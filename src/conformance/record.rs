//! The runner's hooks: preparing each scenario's World, and recording what it did.

use super::World;
use super::collector::{Key, Store, lock};
use super::target::Target;
use crate::client::{Credentials, Exchange};
use crate::report::{RecordedExchange, terminal};
use crate::wire::shape::{self, Drift, Recorder, Reference, ShapeError};
use cucumber::event::ScenarioFinished;
use std::path::{Path, PathBuf};
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

/// The response shapes a run checks against and records.
#[derive(Debug, Clone, Default)]
pub struct Shapes {
    /// The reference every response is compared with.
    pub reference: Option<Arc<Reference>>,
    /// Where the shapes the run saw are written.
    pub recorder: Option<Arc<Recorder>>,
}

impl Shapes {
    /// The shapes recorded from the conforming mock that ship with the source tree
    /// (`shapes/`), where it is at hand.
    pub fn shipped_reference() -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("shapes");
        dir.is_dir().then_some(dir)
    }

    /// A reference from `reference` (recorded `.shape` files, or insta snapshots named by
    /// response key), and a recorder writing into `record`.
    ///
    /// # Errors
    ///
    /// [`ShapeError`] when a directory cannot be read or created, or a shape does not parse.
    pub fn load(reference: Option<&Path>, record: Option<&Path>) -> Result<Shapes, ShapeError> {
        let reference = match reference {
            Some(dir) => {
                let recorded = Reference::load(dir)?;
                let loaded = if recorded.is_empty() {
                    Reference::from_snapshots(dir)?
                } else {
                    recorded
                };
                Some(Arc::new(loaded))
            }
            None => None,
        };
        let recorder = match record {
            Some(dir) => Some(Arc::new(Recorder::create(dir)?)),
            None => None,
        };
        Ok(Shapes {
            reference,
            recorder,
        })
    }
}

/// Record the World's formats, exchanges and shape drifts, and print a progress line.
pub fn after(
    store: &Store,
    key: Key,
    finished: &ScenarioFinished,
    world: Option<&mut World>,
    progress: bool,
    shapes: &Shapes,
) {
    if let Some(world) = world {
        let drifts = world
            .exchanges
            .iter()
            .filter_map(|e| check_shape(e, shapes))
            .collect();
        let mut store = lock(store);
        let partial = store.entry(key.clone()).or_default();
        partial.formats = world.formats.iter().copied().collect();
        partial.exchanges = world.exchanges.iter().map(recorded).collect();
        partial.drifts = drifts;
    }
    if progress {
        let passed = matches!(finished, ScenarioFinished::StepPassed);
        terminal::progress(passed, &key.2, &key.0, key.1);
    }
}

/// Record the exchange's response shape, and explain how it drifted from the reference.
/// A response kind the reference never recorded is not a drift: there is nothing to compare.
fn check_shape(exchange: &Exchange, shapes: &Shapes) -> Option<String> {
    let document = exchange.document().ok()?;
    let key = shape::classify(&exchange.action, exchange.response.status, &document);
    let recorded = shapes.recorder.as_ref().map(|r| r.record(&key, &document));
    if let Some(Err(error)) = recorded {
        tracing::warn!(%error, "a response shape could not be recorded");
    }
    let reference = shapes.reference.as_ref()?;
    let drifts: Vec<Drift> = reference
        .check_key(&key, &document)
        .err()?
        .into_iter()
        .filter(|d| !matches!(d, Drift::Unreferenced { .. }))
        .collect();
    if drifts.is_empty() {
        return None;
    }
    let mut text = shape::explain(&key, &drifts);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("exchange:\n");
    for line in exchange.to_string().lines() {
        text.push_str("  ");
        text.push_str(line);
        text.push('\n');
    }
    Some(text)
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
