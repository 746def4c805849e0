//! Shrinking a failing case with proptest's own shrinker, then re-running the minimal input
//! once before blaming the endpoint.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use proptest::strategy::{SBoxedStrategy, Strategy as _};
use proptest::test_runner::{TestCaseError, TestError};
use tokio::runtime::Handle;

use super::case::Case;
use super::fuzzer::{Finding, Fuzzer, Verdict};
use super::options::FuzzError;
use super::seed;

/// A shrunk failure.
#[derive(Debug, Clone)]
pub struct Shrunk {
    /// The smallest failing input found, as it failed when re-run.
    pub minimal: Finding,
    /// How many inputs shrinking tried.
    pub steps: u32,
    /// Whether the minimal input broke a property again when re-run on its own. A failure
    /// that depends on earlier requests (state) may not.
    pub reproduced: bool,
}

/// Regenerates case `index` from its seed, shrinks it against the target, and re-runs the
/// smallest failing input. Runs on a blocking thread of the current runtime.
///
/// # Errors
///
/// [`FuzzError`] when a check cannot be carried out (control API, shapes), or the blocking
/// task fails.
pub async fn shrink(
    fuzzer: Arc<Fuzzer>,
    strategy: SBoxedStrategy<Case>,
    (index, case_seed): (u64, u64),
    original: Finding,
    max_iters: u32,
) -> Result<Shrunk, FuzzError> {
    let handle = Handle::current();
    let task = tokio::task::spawn_blocking(move || {
        let origin = (index, case_seed);
        shrink_blocking(&handle, &fuzzer, &strategy, origin, original, max_iters)
    });
    task.await.map_err(|e| FuzzError::Worker {
        reason: e.to_string(),
    })?
}

fn shrink_blocking(
    handle: &Handle,
    fuzzer: &Fuzzer,
    strategy: &SBoxedStrategy<Case>,
    (index, case_seed): (u64, u64),
    original: Finding,
    max_iters: u32,
) -> Result<Shrunk, FuzzError> {
    let mut runner = seed::runner(case_seed, &seed::config(max_iters));
    let tree = strategy
        .new_tree(&mut runner)
        .map_err(|reason| FuzzError::Generate {
            index,
            reason: reason.to_string(),
        })?;
    let steps = AtomicU32::new(0);
    let harness_error: Mutex<Option<FuzzError>> = Mutex::new(None);
    let last: Mutex<Option<Finding>> = Mutex::new(None);
    let result = runner.run_one(tree, |case| {
        steps.fetch_add(1, Ordering::Relaxed);
        match handle.block_on(fuzzer.check(&case)) {
            Ok(Verdict::Held { .. }) => Ok(()),
            Ok(Verdict::Broken(finding)) => {
                let reason = finding.property().name();
                *last.lock().unwrap_or_else(PoisonError::into_inner) = Some(*finding);
                Err(TestCaseError::fail(reason))
            }
            Err(error) => {
                *harness_error.lock().unwrap_or_else(PoisonError::into_inner) = Some(error);
                Err(TestCaseError::reject(
                    "the harness could not check the case",
                ))
            }
        }
    });
    if let Some(error) = harness_error
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
    {
        return Err(error);
    }
    let steps = steps.into_inner();
    let minimal_case = match result {
        Err(TestError::Fail(_, minimal)) => minimal,
        Ok(_) | Err(TestError::Abort(_)) => {
            return Ok(Shrunk {
                minimal: original,
                steps,
                reproduced: false,
            });
        }
    };
    match handle.block_on(fuzzer.check(&minimal_case))? {
        Verdict::Broken(minimal) => Ok(Shrunk {
            minimal: *minimal,
            steps,
            reproduced: true,
        }),
        Verdict::Held { .. } => {
            let last = last.into_inner().unwrap_or_else(PoisonError::into_inner);
            let minimal = last.filter(|f| f.case == minimal_case).unwrap_or(original);
            Ok(Shrunk {
                minimal,
                steps,
                reproduced: false,
            })
        }
    }
}
