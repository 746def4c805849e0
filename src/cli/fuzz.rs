//! `dts-conformance fuzz`: property-based fuzzing of DtsJobId and how requests carry it.

use super::{EXIT_FAILURES, EXIT_OK, output};
use crate::fuzz::{self, FuzzOptions};
use crate::mock::Defect;
use anyhow::Context as _;

const AFTER_HELP: &str = "\
Without --endpoint the fuzzer starts the mock in-process and runs against it, with its own
accounts and seeded jobs. With --endpoint it runs against that URL: pass --mock-control if it
is a dts-conformance mock; otherwise credentials come from the ALIBABA_CLOUD_* variables and
only cases that cannot create a reverse task are sent, unless --allow-mutations.

At the end: cases run, cases per second, counts per family, and for a failure the shrunk
minimal input, the property it broke, the exchange (redacted) and the seed that replays it.

Exit status: 0 every property held; 1 a property broke; 2 the run could not happen.";

/// Flags of `fuzz`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The endpoint to fuzz; the embedded mock when absent.
    #[arg(long, env = "DTS_CONFORMANCE_ENDPOINT", value_name = "URL")]
    endpoint: Option<String>,

    /// The endpoint is a dts-conformance mock whose control API is reachable.
    #[arg(long, requires = "endpoint")]
    mock_control: bool,

    /// How many cases to run.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    cases: u32,

    /// The run seed (a failure report prints the one that replays it).
    #[arg(long, value_name = "S")]
    seed: Option<u64>,

    /// Cases in flight at once.
    #[arg(long, default_value_t = 16, value_name = "N")]
    concurrency: usize,

    /// On an endpoint without the control API, also send cases that could create a task.
    #[arg(long, requires = "endpoint")]
    allow_mutations: bool,

    /// Switch on a deliberate defect of the embedded mock (repeatable).
    #[arg(long = "defect", value_name = "NAME", conflicts_with = "endpoint")]
    defects: Vec<Defect>,
}

/// Run the fuzzer and print its report.
///
/// # Errors
///
/// When the run cannot happen: bad flags, missing credentials, an unreachable endpoint.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    if args.cases == 0 || args.concurrency == 0 {
        anyhow::bail!("--cases and --concurrency must be at least 1");
    }
    let mut options = FuzzOptions {
        endpoint: args.endpoint.clone(),
        cases: args.cases,
        seed: args.seed,
        allow_mutations: args.allow_mutations,
        control: args.endpoint.is_none() || args.mock_control,
        concurrency: args.concurrency,
        ..FuzzOptions::default()
    };
    options.mock.defects.clone_from(&args.defects);
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let report = runtime.block_on(fuzz::run(&options))?;
    output::stdout(&report.render());
    Ok(if report.passed() {
        EXIT_OK
    } else {
        EXIT_FAILURES
    })
}
