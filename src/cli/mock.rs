//! `dts-conformance mock`: the mock as a standalone server.

use super::{EXIT_OK, output};
use crate::mock::{Config, Defect, SeedFile, Server, ThrottleConfig};
use crate::wire::Format;
use anyhow::Context as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

const AFTER_HELP: &str = "\
The mock serves the RPC surface at / and its control API at /_mock (unless --no-control).
The default account is testid / testsecret; add others through the control API.

Examples:
  dts-conformance mock --listen 127.0.0.1:8080
  dts-conformance mock --seed-jobs jobs.json
  curl -X POST localhost:8080/_mock/accounts/testid/jobs -d '{\"job_type\":\"SYNC\"}'";

/// Flags of `mock`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    listen: SocketAddr,

    /// A JSON file of accounts and jobs to create at start:
    /// {"accounts":[{"access_key_id":..,"access_key_secret":..}],
    /// "jobs":[{"access_key_id":"testid","dts_job_id":..,"job_type":"SYNC",
    /// "status":"Synchronizing","can_reverse":true,"reverse_precheck":"pass"}]}.
    #[arg(long, value_name = "FILE")]
    seed_jobs: Option<PathBuf>,

    /// Do not serve the control API.
    #[arg(long)]
    no_control: bool,

    /// The format when a request sends no Format.
    #[arg(long, default_value = "json", value_name = "json|xml")]
    default_format: Format,

    /// How far a request's timestamp may be from the mock's time, in seconds.
    #[arg(long, default_value_t = 900, value_name = "SECONDS")]
    skew_seconds: u64,

    /// How long a reverse task's precheck takes, in seconds of virtual time.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    precheck_seconds: u64,

    /// Requests each account may send at once.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    throttle_capacity: u32,

    /// Requests per second each account regains.
    #[arg(long, default_value_t = 1000.0, value_name = "N")]
    throttle_refill: f64,

    /// Switch on a deliberate defect (repeatable), to see a client or the suite catch it.
    #[arg(long = "defect", value_name = "NAME")]
    defects: Vec<Defect>,
}

/// Serve until interrupted.
///
/// # Errors
///
/// When the seed file cannot be read or the address cannot be bound.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let seed = match &args.seed_jobs {
        Some(path) => read_seed(path)?,
        None => SeedFile::default(),
    };
    let config = Config {
        listen: args.listen,
        default_format: args.default_format,
        timestamp_skew: Duration::from_secs(args.skew_seconds),
        precheck_duration: Duration::from_secs(args.precheck_seconds),
        throttle: ThrottleConfig {
            capacity: args.throttle_capacity,
            refill_per_second: args.throttle_refill,
        },
        control: !args.no_control,
        defects: args.defects.clone(),
        seed,
        ..Config::default()
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(serve(config))
}

fn read_seed(path: &PathBuf) -> anyhow::Result<SeedFile> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the seed file {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("the seed file {} is not valid", path.display()))
}

async fn serve(config: Config) -> anyhow::Result<u8> {
    let control = config.control;
    let handle = Server::start(config).await?;
    let mut text = format!("dts-conformance mock listening on {}\n", handle.url());
    if control {
        text.push_str(&format!("control API at {}\n", handle.control_url()));
    }
    text.push_str("default account: testid / testsecret; press Ctrl-C to stop\n");
    output::stdout(&text);
    let _ = tokio::signal::ctrl_c().await;
    handle.stop().await;
    Ok(EXIT_OK)
}
