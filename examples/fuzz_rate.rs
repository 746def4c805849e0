//! Runs the fuzzer against the embedded mock and prints its report, rate included.
//!
//! ```text
//! cargo run --release --example fuzz_rate -- [CASES] [CONCURRENCY] [SEED]
//! ```
//!
//! Defaults: 10,000 cases, 16 at a time, a random seed. Exits 1 when a property broke.

use std::io::Write as _;
use std::process::ExitCode;

use dts_conformance::fuzz::{self, FuzzOptions};

fn argument<T: std::str::FromStr>(position: usize) -> Option<T> {
    std::env::args()
        .nth(position)
        .and_then(|value| value.parse().ok())
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = FuzzOptions {
        cases: argument(1).unwrap_or(10_000),
        concurrency: argument(2).unwrap_or(16),
        seed: argument(3),
        ..FuzzOptions::default()
    };
    let report = match fuzz::run(&options).await {
        Ok(report) => report,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "fuzz_rate: {error}");
            return ExitCode::from(2);
        }
    };
    let _ = std::io::stdout().write_all(report.render().as_bytes());
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
