//! Runs every feature in `features/` against the embedded mock (a `harness = false` test).
//!
//! Fails when a scenario fails, when a step is undefined or ambiguous, or when a row of the
//! contract has no scenario covering it in each format it applies to (traceability).

#![allow(
    clippy::print_stderr,
    reason = "a harness = false test reports on stderr"
)]

use dts_conformance::conformance::{self, RunOptions, Shapes, Target, TargetKind};
use dts_conformance::mock::{Config, Server};
use dts_conformance::report::{self, Outcome};
use std::process::ExitCode;
use std::sync::Arc;

/// Every response is checked against the shapes recorded from the mock (`shapes/`).
fn shapes() -> Shapes {
    let reference = Shapes::shipped_reference();
    Shapes::load(reference.as_deref(), None).unwrap_or_else(|error| {
        eprintln!("conformance: the recorded shapes could not be read: {error}");
        std::process::exit(1)
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let handle = match Server::start(Config::default()).await {
        Ok(handle) => handle,
        Err(error) => {
            eprintln!("conformance: the mock did not start: {error}");
            return ExitCode::FAILURE;
        }
    };
    let target = Arc::new(Target::mock(&handle.url(), TargetKind::EmbeddedMock));
    let options = RunOptions {
        features_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/features").into()),
        progress: true,
        shapes: shapes(),
        ..RunOptions::default()
    };
    let results = match conformance::run(target, &options).await {
        Ok(results) => results,
        Err(error) => {
            eprintln!("conformance: the run could not happen: {error}");
            return ExitCode::FAILURE;
        }
    };
    handle.stop().await;
    report::terminal::print_summary(&results);
    let out = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/target/conformance"));
    match report::write_all(&results, Some(out), None) {
        Ok(written) => eprintln!("conformance: reports in {}", written.dir.display()),
        Err(error) => {
            eprintln!("conformance: the reports could not be written: {error}");
            return ExitCode::FAILURE;
        }
    }

    let untraced = report::coverage::untraced(&results.coverage);
    for row in &untraced {
        eprintln!("conformance: traceability: no scenario covers contract row {row}");
    }
    let (passed, failed, not_applicable) = results.counts();
    let failed = failed + untraced.len();
    eprintln!("conformance: {passed} passed, {failed} failed, {not_applicable} skipped");
    let all_ran = results
        .scenarios
        .iter()
        .all(|s| s.outcome != Outcome::NotApplicable);
    if failed == 0 && all_ran {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
