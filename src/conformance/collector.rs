//! Collects what cucumber reports (step outcomes) and what each scenario's World holds
//! (formats, exchanges), keyed by scenario, for the results.

use super::World;
use crate::report::{RecordedExchange, StepResult, StepStatus};
use crate::wire::Format;
use cucumber::event::{self, Cucumber, RetryableScenario, StepError};
use cucumber::{Event, gherkin, parser};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// A scenario's key: feature file, line, name.
pub type Key = (String, usize, String);

/// The key of a scenario of a feature.
pub fn key(feature: &gherkin::Feature, scenario: &gherkin::Scenario) -> Key {
    let file = feature
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    (file, scenario.position.line, scenario.name.clone())
}

/// What is known of one scenario as it runs.
#[derive(Debug, Default)]
pub struct Partial {
    /// When it started.
    pub started: Option<Instant>,
    /// When it finished.
    pub finished: Option<Instant>,
    /// Its steps so far.
    pub steps: Vec<StepResult>,
    /// When the current step started.
    pub step_started: Option<Instant>,
    /// A failed hook's message.
    pub hook_error: Option<String>,
    /// The formats its World asked for.
    pub formats: Vec<Format>,
    /// Its World's exchanges.
    pub exchanges: Vec<RecordedExchange>,
    /// Responses whose shape drifted from the reference, each explained.
    pub drifts: Vec<String>,
}

/// The shared store.
pub type Store = Arc<Mutex<HashMap<Key, Partial>>>;

/// Lock the store, whatever a panicking holder left.
pub fn lock(store: &Store) -> MutexGuard<'_, HashMap<Key, Partial>> {
    store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A cucumber writer that records step outcomes into a [`Store`] and prints nothing.
#[derive(Debug, Default, Clone)]
pub struct Collector {
    /// Where outcomes go.
    pub store: Store,
}

impl cucumber::Writer<World> for Collector {
    type Cli = cucumber::cli::Empty;

    async fn handle_event(&mut self, event: parser::Result<Event<Cucumber<World>>>, _: &Self::Cli) {
        let Ok(event) = event else { return };
        let Cucumber::Feature(feature, feature_event) = event.value else {
            return;
        };
        let (scenario, retryable) = match feature_event {
            event::Feature::Scenario(scenario, retryable) => (scenario, retryable),
            event::Feature::Rule(_, event::Rule::Scenario(scenario, retryable)) => {
                (scenario, retryable)
            }
            _ => return,
        };
        let RetryableScenario { event, .. } = retryable;
        let mut store = lock(&self.store);
        let partial = store.entry(key(&feature, &scenario)).or_default();
        record(partial, event);
    }
}

fn record(partial: &mut Partial, event: event::Scenario<World>) {
    match event {
        event::Scenario::Started => partial.started = Some(Instant::now()),
        event::Scenario::Finished => partial.finished = Some(Instant::now()),
        event::Scenario::Hook(kind, event::Hook::Failed(_, info)) => {
            partial.hook_error = Some(format!("{kind:?} hook failed: {}", panic_text(&info)));
        }
        event::Scenario::Step(step, outcome) | event::Scenario::Background(step, outcome) => {
            record_step(partial, &step, outcome);
        }
        _ => {}
    }
}

fn record_step(partial: &mut Partial, step: &gherkin::Step, outcome: event::Step<World>) {
    let (status, error) = match outcome {
        event::Step::Started => {
            partial.step_started = Some(Instant::now());
            return;
        }
        event::Step::Passed(..) => (StepStatus::Passed, None),
        event::Step::Skipped => (
            StepStatus::Undefined,
            Some("no step definition matches this step".to_string()),
        ),
        event::Step::Failed(_, _, _, error) => match error {
            StepError::NotFound => (
                StepStatus::Undefined,
                Some("no step definition matches this step".to_string()),
            ),
            StepError::AmbiguousMatch(e) => (StepStatus::Ambiguous, Some(e.to_string())),
            StepError::Panic(info) => (StepStatus::Failed, Some(panic_text(&info))),
        },
    };
    let duration_ms = partial
        .step_started
        .map_or(0, |t| t.elapsed().as_millis() as u64);
    partial.steps.push(StepResult {
        keyword: step.keyword.trim().to_string(),
        text: step.value.clone(),
        line: step.position.line,
        status,
        duration_ms,
        error,
    });
}

/// The text of a panic payload (a step's `Err` arrives as one).
pub fn panic_text(info: &event::Info) -> String {
    if let Some(text) = info.downcast_ref::<String>() {
        text.clone()
    } else if let Some(text) = info.downcast_ref::<&str>() {
        (*text).to_string()
    } else {
        "the step panicked with a value that is not text".to_string()
    }
}
