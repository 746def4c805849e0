//! `dts-conformance fuzz`: many cases at once against one target, the first failure shrunk.
//!
//! Cases are generated from their own seeds (see [`seed`](super::seed)), so the order in
//! which concurrent workers finish them does not change what is generated. When a property
//! breaks, no new case starts; the lowest-numbered failure is shrunk and reported with the
//! seed that replays it.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use proptest::strategy::SBoxedStrategy;
use proptest::test_runner::Config;

use super::case::{Case, Family, Route, Shape};
use super::deviation::Deviation;
use super::fuzzer::{Arrangement, Finding, Fuzzer, Verdict};
use super::options::{FuzzError, FuzzOptions};
use super::progress::Progress;
use super::report::{FailureReport, FuzzReport};
use super::{seed, shrink};
use crate::client::{Method, Placement, SignatureVersion, Space};
use crate::mock::Server;
use crate::wire::Format;

/// Runs `options.cases` cases and reports what held and what broke.
///
/// # Errors
///
/// [`FuzzError`] when the run itself cannot happen: the mock does not start, the endpoint
/// or its control API is unusable, credentials are missing. Broken properties are in the
/// report, not errors.
pub async fn run(options: &FuzzOptions) -> Result<FuzzReport, FuzzError> {
    let run_seed = options.seed.unwrap_or_else(|| fastrand::u64(..));
    let (handle, endpoint, control) = match &options.endpoint {
        Some(endpoint) => (None, endpoint.clone(), options.control),
        None => {
            let handle =
                Server::start(options.mock.clone())
                    .await
                    .map_err(|e| FuzzError::Start {
                        reason: e.to_string(),
                    })?;
            let url = handle.url();
            (Some(handle), url, true)
        }
    };
    let arrangement = Arrangement {
        control,
        credentials: options.credentials.clone(),
        allow_mutations: options.allow_mutations,
        signatures: options.signatures.clone(),
        audit_each_case: false,
        limits: options.mock.limits,
        connections: options.concurrency,
        tolerate: options.tolerate.clone(),
        ..Arrangement::mock(endpoint)
    };
    let result = run_against(&arrangement, options, run_seed, handle.is_some()).await;
    if let Some(handle) = handle {
        handle.stop().await;
    }
    result
}

async fn run_against(
    arrangement: &Arrangement,
    options: &FuzzOptions,
    run_seed: u64,
    embedded: bool,
) -> Result<FuzzReport, FuzzError> {
    let fuzzer = Arc::new(Fuzzer::arrange(arrangement).await?);
    let strategy = fuzzer.strategy();
    let progress = Progress::start(u64::from(options.cases), options.progress);
    let shared = Arc::new(Shared {
        fuzzer: Arc::clone(&fuzzer),
        strategy: strategy.clone(),
        config: seed::config(0),
        run_seed,
        cases: u64::from(options.cases),
        next: AtomicU64::new(0),
        stop: AtomicBool::new(false),
        done: progress.counter(),
    });
    let started = Instant::now();
    let tally = run_workers(&shared, options.concurrency.max(1)).await?;
    let elapsed = started.elapsed();

    let audit = fuzzer.audit().await?;
    let failure = match tally.first_failure() {
        Some(failed) => {
            progress.say(&format!(
                "fuzz: case {} broke a property; shrinking it",
                failed.index
            ));
            let shrunk = shrink::shrink(
                Arc::clone(&fuzzer),
                strategy,
                (failed.index, failed.seed),
                failed.finding.clone(),
                options.max_shrink_iters,
            )
            .await?;
            Some(FailureReport::new(
                failed.index,
                failed.seed,
                failed.finding,
                shrunk,
            ))
        }
        None => None,
    };
    progress.finish();
    Ok(FuzzReport {
        endpoint: arrangement.endpoint.clone(),
        embedded,
        run_seed,
        cases_requested: options.cases,
        cases_run: tally.cases,
        elapsed,
        families: tally.families(),
        dimensions: tally.dimensions(),
        tolerated: tally.tolerated,
        generated_families: fuzzer_families(&fuzzer),
        notes: fuzzer.notes().to_vec(),
        state_checked: fuzzer.checks_state(),
        audit,
        failure,
    })
}

/// The families the fuzzer's strategy can generate.
fn fuzzer_families(fuzzer: &Fuzzer) -> Vec<Family> {
    let mix = fuzzer.mix();
    let pool = fuzzer.pool();
    Family::ALL
        .into_iter()
        .filter(|family| match family {
            Family::ExistingEligible => mix.mutations && !pool.eligible.is_empty(),
            Family::ExistingIneligible => !pool.ineligible.is_empty(),
            Family::WellFormedUnknown => mix.mutations,
            _ => true,
        })
        .collect()
}

/// What every worker shares.
struct Shared {
    fuzzer: Arc<Fuzzer>,
    strategy: SBoxedStrategy<Case>,
    config: Config,
    run_seed: u64,
    cases: u64,
    next: AtomicU64,
    stop: AtomicBool,
    done: Arc<AtomicU64>,
}

/// A case that broke a property, with where it came from.
#[derive(Debug, Clone)]
struct Failed {
    index: u64,
    seed: u64,
    finding: Finding,
}

/// What some cases showed.
#[derive(Debug, Default)]
struct Tally {
    cases: u64,
    families: [u64; Family::ALL.len()],
    dimensions: [u64; DIMENSIONS.len()],
    tolerated: BTreeMap<Deviation, u64>,
    failures: Vec<Failed>,
}

/// Every value of every request dimension, as the report counts them.
const DIMENSIONS: [&str; 11] = [
    "Format=JSON",
    "Format=XML",
    "GET, query",
    "POST, query",
    "POST, form body",
    "signature V1",
    "signature V3",
    "space as %20",
    "space as +",
    "fuzz account",
    "injected fault",
];

impl Tally {
    fn count(&mut self, case: &Case) {
        self.cases += 1;
        if let Some(slot) = Family::ALL.iter().position(|f| *f == case.family) {
            self.families[slot] += 1;
        }
        for slot in dimension_slots(&case.shape) {
            self.dimensions[slot] += 1;
        }
    }

    fn merge(&mut self, other: Tally) {
        self.cases += other.cases;
        for (mine, theirs) in self.families.iter_mut().zip(other.families) {
            *mine += theirs;
        }
        for (mine, theirs) in self.dimensions.iter_mut().zip(other.dimensions) {
            *mine += theirs;
        }
        for (deviation, count) in other.tolerated {
            *self.tolerated.entry(deviation).or_default() += count;
        }
        self.failures.extend(other.failures);
    }

    /// The failure with the lowest case index: the same one whatever order workers ran in.
    fn first_failure(&self) -> Option<Failed> {
        self.failures
            .iter()
            .min_by_key(|failed| failed.index)
            .cloned()
    }

    /// Cases per family, families without a case left out.
    fn families(&self) -> BTreeMap<Family, u64> {
        let counts = Family::ALL.into_iter().zip(self.families);
        counts.filter(|(_, count)| *count > 0).collect()
    }

    /// Cases per dimension value, values without a case left out.
    fn dimensions(&self) -> BTreeMap<&'static str, u64> {
        let counts = DIMENSIONS.into_iter().zip(self.dimensions);
        counts.filter(|(_, count)| *count > 0).collect()
    }
}

/// Where a shape counts in [`DIMENSIONS`]: one slot per dimension.
fn dimension_slots(shape: &Shape) -> [usize; 5] {
    [
        match shape.format {
            Format::Json => 0,
            Format::Xml => 1,
        },
        match (shape.method, shape.placement) {
            (Method::Get, _) => 2,
            (Method::Post, Placement::Query) => 3,
            (Method::Post, Placement::Form) => 4,
        },
        match shape.signature {
            SignatureVersion::V1 => 5,
            SignatureVersion::V3 => 6,
        },
        match shape.space {
            Space::Percent20 => 7,
            Space::Plus => 8,
        },
        match shape.route {
            Route::Main => 9,
            Route::InjectedFault => 10,
        },
    ]
}

async fn run_workers(shared: &Arc<Shared>, concurrency: usize) -> Result<Tally, FuzzError> {
    let workers: Vec<_> = (0..concurrency)
        .map(|_| tokio::spawn(work(Arc::clone(shared))))
        .collect();
    let mut tally = Tally::default();
    let mut first_error = None;
    for worker in workers {
        match worker.await {
            Ok(Ok(part)) => tally.merge(part),
            Ok(Err(error)) => first_error = first_error.or(Some(error)),
            Err(error) => {
                let reason = error.to_string();
                first_error = first_error.or(Some(FuzzError::Worker { reason }));
            }
        }
    }
    match first_error {
        Some(error) => Err(error),
        None => Ok(tally),
    }
}

/// One worker: takes the next case index until the run is done or a property broke.
async fn work(shared: Arc<Shared>) -> Result<Tally, FuzzError> {
    let mut tally = Tally::default();
    while !shared.stop.load(Ordering::Relaxed) {
        let index = shared.next.fetch_add(1, Ordering::Relaxed);
        if index >= shared.cases {
            break;
        }
        let case_seed = seed::case_seed(shared.run_seed, index);
        let case = seed::generate(&shared.strategy, case_seed, &shared.config)
            .map_err(|reason| FuzzError::Generate { index, reason })?;
        let verdict = shared.fuzzer.check(&case).await;
        if let Err(error) = &verdict {
            shared.stop.store(true, Ordering::Relaxed);
            tracing::debug!(%error, index, "a case could not be checked");
        }
        tally.count(&case);
        shared.done.fetch_add(1, Ordering::Relaxed);
        match verdict? {
            Verdict::Held {
                tolerated: Some(deviation),
            } => {
                *tally.tolerated.entry(deviation).or_default() += 1;
            }
            Verdict::Held { tolerated: None } => {}
            Verdict::Broken(finding) => {
                shared.stop.store(true, Ordering::Relaxed);
                tally.failures.push(Failed {
                    index,
                    seed: case_seed,
                    finding: *finding,
                });
            }
        }
    }
    Ok(tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn a_run_can_be_spawned_on_a_multi_threaded_runtime() {
        let options = FuzzOptions::default();
        assert_send(&run(&options));
    }

    #[test]
    fn every_shape_counts_once_in_each_dimension() {
        let mix = crate::fuzz::Mix {
            injected_faults: true,
            signatures: vec![SignatureVersion::V1, SignatureVersion::V3],
            ..crate::fuzz::Mix::default()
        };
        let mut tally = Tally::default();
        for shape in crate::fuzz::strategies::all_shapes(&mix) {
            let slots = dimension_slots(&shape);
            let distinct: std::collections::BTreeSet<usize> = slots.into_iter().collect();
            assert_eq!(distinct.len(), slots.len(), "{shape}");
            for slot in slots {
                tally.dimensions[slot] += 1;
            }
        }
        assert!(
            tally.dimensions.iter().all(|count| *count > 0),
            "{:?}",
            tally.dimensions
        );
    }
}
