//! `dts-conformance bench`: the mock's throughput and latency under load.

use super::{EXIT_OK, output};
use crate::bench::{self, Options};
use anyhow::Context as _;
use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

/// The deepest pipeline `--pipeline` accepts.
const MAX_PIPELINE: usize = 256;

/// Flags of `bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 16, value_name = "N")]
    connections: usize,

    /// Requests each connection sends before reading their answers (HTTP/1.1 pipelining);
    /// 1 sends one request and waits for its answer, as the official SDKs do.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pipeline: usize,

    /// How long to send, in seconds.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    seconds: u64,

    /// The embedded mock's timestamp window for the run, in seconds; nonces are kept this
    /// long, so it bounds the mock's memory.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    skew_seconds: u64,

    /// Load a mock already running at HOST:PORT (`dts-conformance mock`, control API on)
    /// instead of starting one in this process.
    #[arg(long, value_name = "HOST:PORT")]
    target: Option<String>,
}

/// Run the benchmark and print its figures.
///
/// # Errors
///
/// When the mock cannot start.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    if args.connections == 0 || args.seconds == 0 || args.pipeline == 0 {
        anyhow::bail!("--connections, --pipeline and --seconds must be at least 1");
    }
    if args.pipeline > MAX_PIPELINE {
        anyhow::bail!("--pipeline is at most {MAX_PIPELINE}");
    }
    let options = Options {
        connections: args.connections,
        pipeline: args.pipeline,
        duration: Duration::from_secs(args.seconds),
        skew: Duration::from_secs(args.skew_seconds),
        target: args.target.as_deref().map(resolve).transpose()?,
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let figures = runtime.block_on(bench::run(&options))?;
    output::stdout(&figures.render(&options));
    Ok(EXIT_OK)
}

/// The first address `HOST:PORT` names.
fn resolve(target: &str) -> anyhow::Result<SocketAddr> {
    target
        .to_socket_addrs()
        .ok()
        .and_then(|mut addresses| addresses.next())
        .ok_or_else(|| {
            anyhow::anyhow!("--target {target:?} is not a HOST:PORT this machine can resolve")
        })
}
