//! The runner shared by `dts-conformance run` and `tests/conformance.rs`: selects scenarios,
//! declares what the target cannot support, runs the rest through cucumber, and assembles
//! [`RunResults`].

use super::collector::{self, Collector, Key, Partial, Store, key};
use super::features::{self, FeatureError, ScenarioInfo};
use super::record::Shapes;
use super::target::Target;
use super::{World, record};
use crate::report::{self, Outcome, RunResults, ScenarioResult, StepStatus, TargetInfo};
use crate::wire::Format;
use cucumber::gherkin;
use cucumber::tag::Ext as _;
use cucumber::{World as _, WriterExt as _};
use futures::FutureExt as _;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Which scenarios to run, and how.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// A features directory; the embedded features when `None`.
    pub features_dir: Option<PathBuf>,
    /// Only scenarios whose name matches.
    pub name: Option<regex::Regex>,
    /// Only scenarios whose tags satisfy this expression.
    pub tags: Option<gherkin::tagexpr::TagOperation>,
    /// Only scenarios that ask for one of these formats.
    pub formats: Vec<Format>,
    /// Scenarios run at once.
    pub concurrency: usize,
    /// Print a line per finished scenario.
    pub progress: bool,
    /// Response shapes to compare every response with, and to record.
    pub shapes: Shapes,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            features_dir: None,
            name: None,
            tags: None,
            formats: Format::ALL.to_vec(),
            concurrency: 16,
            progress: false,
            shapes: Shapes::default(),
        }
    }
}

/// Why a run could not happen.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The feature files are broken.
    #[error(transparent)]
    Features(#[from] FeatureError),
    /// A step definition is undefined for a step, or a step could not be matched.
    #[error("no scenario was selected: check --name, --tags and --format")]
    NothingSelected,
}

/// Run the suite against `target`.
///
/// # Errors
///
/// [`RunError`] when the features cannot be loaded or nothing is selected. Conformance
/// failures are not errors: they are in the results.
pub async fn run(target: Arc<Target>, options: &RunOptions) -> Result<RunResults, RunError> {
    let started_at = crate::mock::clock_text();
    let started = Instant::now();
    let features = match &options.features_dir {
        Some(dir) => features::from_dir(dir)?,
        None => features::embedded()?,
    };
    let selected: Vec<ScenarioInfo> = features
        .iter()
        .flat_map(features::scenarios)
        .filter(|info| selects(options, info))
        .collect();
    if selected.is_empty() {
        return Err(RunError::NothingSelected);
    }
    let runnable: HashSet<Key> = selected
        .iter()
        .filter(|info| target.not_applicable(&info.tags).is_none())
        .map(|info| (info.file.clone(), info.line, info.name.clone()))
        .collect();

    let store = execute(target.clone(), features, runnable, options).await;
    let scenarios = assemble(&target, &selected, &store);
    let coverage = report::coverage::matrix(&scenarios);
    Ok(RunResults {
        schema: report::results::SCHEMA_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        target: TargetInfo {
            endpoint: target.endpoint.clone(),
            kind: target.kind.name().to_string(),
            allow_mutations: target.allow_mutations || target.control.is_some(),
        },
        started_at,
        duration_ms: started.elapsed().as_millis() as u64,
        scenarios,
        coverage,
    })
}

fn selects(options: &RunOptions, info: &ScenarioInfo) -> bool {
    options
        .name
        .as_ref()
        .is_none_or(|re| re.is_match(&info.name))
        && options
            .tags
            .as_ref()
            .is_none_or(|expr| expr.eval(info.tags.iter()))
        && info.formats.iter().any(|f| options.formats.contains(f))
}

async fn execute(
    target: Arc<Target>,
    features: Vec<gherkin::Feature>,
    runnable: HashSet<Key>,
    options: &RunOptions,
) -> Store {
    let collector = Collector::default();
    let store = collector.store.clone();
    let after_store = store.clone();
    let progress = options.progress;
    let shapes = options.shapes.clone();
    World::cucumber::<&str>()
        .with_parser(Preloaded(features))
        .with_writer(collector.normalized())
        .with_cli(cucumber::cli::Opts::<_, _, _, cucumber::cli::Empty>::default())
        .max_concurrent_scenarios(options.concurrency.max(1))
        .before(move |_, _, _, world| {
            let target = target.clone();
            async move { record::prepare(world, target).await }.boxed_local()
        })
        .after(move |feature, _, scenario, finished, world| {
            let store = after_store.clone();
            let key = key(feature, scenario);
            let shapes = shapes.clone();
            async move {
                record::after(&store, key, finished, world, progress, &shapes);
            }
            .boxed_local()
        })
        .filter_run((), move |feature, _, scenario| {
            runnable.contains(&key(feature, scenario))
        })
        .await;
    store
}

/// A parser that hands cucumber the features already parsed and expanded.
struct Preloaded(Vec<gherkin::Feature>);

impl cucumber::Parser<()> for Preloaded {
    type Cli = cucumber::cli::Empty;
    type Output =
        futures::stream::Iter<std::vec::IntoIter<cucumber::parser::Result<gherkin::Feature>>>;

    fn parse(self, _: (), _: Self::Cli) -> Self::Output {
        futures::stream::iter(self.0.into_iter().map(Ok).collect::<Vec<_>>())
    }
}

fn assemble(target: &Target, selected: &[ScenarioInfo], store: &Store) -> Vec<ScenarioResult> {
    let mut store = collector::lock(store);
    selected
        .iter()
        .map(|info| {
            let key = (info.file.clone(), info.line, info.name.clone());
            match target.not_applicable(&info.tags) {
                Some(reason) => result(
                    info,
                    Outcome::NotApplicable,
                    Some(reason),
                    Partial::default(),
                ),
                None => {
                    let partial = store.remove(&key).unwrap_or_default();
                    let (outcome, reason) = outcome_of(info, &partial);
                    result(info, outcome, reason, partial)
                }
            }
        })
        .collect()
}

fn outcome_of(info: &ScenarioInfo, partial: &Partial) -> (Outcome, Option<String>) {
    if let Some(error) = &partial.hook_error {
        return (Outcome::Failed, Some(error.clone()));
    }
    if partial.finished.is_none() {
        return (
            Outcome::Failed,
            Some("the scenario did not finish".to_string()),
        );
    }
    let failed = partial
        .steps
        .iter()
        .find(|s| s.status != StepStatus::Passed);
    if failed.is_none() && !partial.drifts.is_empty() {
        let place = report::failure::Place {
            scenario: &info.name,
            feature_file: &info.file,
            step: "(every response) matches its recorded shape",
            line: info.line,
        };
        let message = partial.drifts.join("\n");
        return (
            Outcome::Failed,
            Some(report::failure::frame(&place, &message)),
        );
    }
    match failed {
        None if partial.steps.is_empty() => {
            (Outcome::Failed, Some("the scenario ran no step".into()))
        }
        None => (Outcome::Passed, None),
        Some(step) => {
            let text = format!("{} {}", step.keyword, step.text);
            let place = report::failure::Place {
                scenario: &info.name,
                feature_file: &info.file,
                step: &text,
                line: step.line,
            };
            let message = step.error.clone().unwrap_or_default();
            (
                Outcome::Failed,
                Some(report::failure::frame(&place, &message)),
            )
        }
    }
}

fn result(
    info: &ScenarioInfo,
    outcome: Outcome,
    reason: Option<String>,
    partial: Partial,
) -> ScenarioResult {
    let duration_ms = match (partial.started, partial.finished) {
        (Some(s), Some(f)) => f.duration_since(s).as_millis() as u64,
        _ => 0,
    };
    let formats = if partial.formats.is_empty() {
        info.formats.clone()
    } else {
        partial.formats
    };
    ScenarioResult {
        id: info.id(),
        feature: info.feature.clone(),
        feature_file: info.file.clone(),
        name: info.name.clone(),
        line: info.line,
        tags: info.tags.clone(),
        rows: info.rows.clone(),
        formats,
        outcome,
        reason,
        duration_ms,
        steps: partial.steps,
        exchanges: partial.exchanges,
    }
}
