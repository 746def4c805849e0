//! Throughput and latency of the mock under load, measured over real loopback HTTP.
//!
//! Each connection is a keep-alive HTTP/1.1 stream that sends correctly signed V1 requests,
//! each with a fresh nonce and the current timestamp, alternating DescribeDtsJobs and
//! CreateReverseDtsJob. By default a connection waits for each answer before its next
//! request, as the official SDKs do; `pipeline` above 1 writes that many requests at once and
//! then reads their answers. The load generator is deliberately lean (reused buffers, no HTTP
//! client library, a signer specialised to its parameters) so that on a small machine the
//! figures describe the mock rather than the client.
//!
//! The mock is the embedded one, started for the run, or one already running at an address
//! (in another process, or on another machine) with its control API on; either way its memory
//! and CPU time are read from its stats endpoint.

mod connection;
mod figures;
mod request;
mod target;
mod totals;

pub use figures::{CpuTime, Figures};

use crate::conformance;
use crate::mock::{self, Config, Handle, Server};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Concurrent keep-alive connections.
    pub connections: usize,
    /// Requests in flight per connection: 1 waits for each answer before the next request,
    /// more pipelines that many.
    pub pipeline: usize,
    /// How long to send.
    pub duration: Duration,
    /// The embedded mock's timestamp window (and so its nonce retention) for the run.
    pub skew: Duration,
    /// A mock already running at this address, instead of the embedded one. It must serve
    /// its control API and hold the default test account.
    pub target: Option<SocketAddr>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connections: 16,
            pipeline: 1,
            duration: Duration::from_secs(10),
            skew: Duration::from_secs(10),
            target: None,
        }
    }
}

/// Why a benchmark could not run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The mock did not start.
    #[error("the mock did not start: {0}")]
    Start(#[from] mock::StartError),
    /// The set-up requests failed.
    #[error("setting up the bench account failed: {reason}")]
    Setup {
        /// What failed.
        reason: String,
    },
}

fn setup(reason: impl Into<String>) -> BenchError {
    BenchError::Setup {
        reason: reason.into(),
    }
}

/// Load the mock and measure: the embedded one, or `options.target`.
///
/// # Errors
///
/// [`BenchError`] when the mock cannot start, be reached, or be arranged.
pub async fn run(options: &Options) -> Result<Figures, BenchError> {
    let embedded = match options.target {
        Some(_) => None,
        None => Some(start_embedded(options.skew).await?),
    };
    let address = match (&embedded, options.target) {
        (Some(handle), _) => handle.address(),
        (None, Some(target)) => target,
        (None, None) => return Err(setup("no mock to load")),
    };
    let control = target::control(address).map_err(setup)?;
    let job = target::arrange(&control).await.map_err(setup)?;
    let before = target::stats(&control).await.map_err(setup)?;

    let started = Instant::now();
    let deadline = started + options.duration;
    let load = start_load(address, job, options, deadline)?;
    let memory = sample_memory(&control, started, options.duration).await;
    let (totals, load_cpu) = tokio::task::spawn_blocking(move || load.join())
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| setup("the load generator's thread failed"))?;
    let elapsed = started.elapsed();
    let after = target::stats(&control).await.map_err(setup)?;
    if let Some(handle) = embedded {
        handle.stop().await;
    }

    let mut figures = totals.figures(elapsed, memory, after.nonces);
    let mock_cpu = after
        .cpu
        .zip(before.cpu)
        .map(|(after, before)| after.saturating_sub(before));
    // The embedded mock shares this process with the load generator's thread.
    let shares_process = options.target.is_none();
    figures.cpu = mock_cpu.zip(load_cpu).map(|(process, load)| CpuTime {
        mock: if shares_process {
            process.saturating_sub(load)
        } else {
            process
        },
        load,
    });
    Ok(figures)
}

async fn start_embedded(skew: Duration) -> Result<Handle, BenchError> {
    // Flow control is lifted for the load's account by `target::arrange`, as on any mock.
    let config = Config {
        timestamp_skew: skew,
        journal_capacity: 10_000,
        ..Config::default()
    };
    Ok(Server::start(config).await?)
}

/// The load generator: every connection on one current-thread runtime in its own thread, so
/// that its CPU time can be told apart from the mock's. Returns the totals and the thread's
/// CPU time over the run.
fn start_load(
    address: SocketAddr,
    job: String,
    options: &Options,
    deadline: Instant,
) -> Result<std::thread::JoinHandle<(totals::Totals, Option<Duration>)>, BenchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| setup(format!("cannot start the load generator's runtime: {e}")))?;
    let (connections, depth) = (options.connections, options.pipeline.max(1));
    Ok(std::thread::spawn(move || {
        let before = crate::process::thread_cpu_time();
        let totals = runtime.block_on(async move {
            let tasks: Vec<_> = (0..connections)
                .map(|index| {
                    tokio::spawn(connection::load(
                        address,
                        job.clone(),
                        index,
                        depth,
                        deadline,
                    ))
                })
                .collect();
            let mut totals = totals::Totals::default();
            for task in tasks {
                if let Ok(part) = task.await {
                    totals.merge(part);
                }
            }
            totals
        });
        let used = crate::process::thread_cpu_time()
            .zip(before)
            .map(|(after, before)| after.saturating_sub(before));
        (totals, used)
    }))
}

/// The mock's resident memory at the end of each fifth of the run (`None` where its stats
/// could not say).
async fn sample_memory(
    control: &conformance::Control,
    started: Instant,
    duration: Duration,
) -> Vec<Option<u64>> {
    let mut samples = Vec::new();
    for fifth in 1..=5u32 {
        let at = started + duration * fifth / 5;
        tokio::time::sleep_until(at.into()).await;
        let stats = target::stats(control).await.ok();
        samples.push(stats.and_then(|s| s.resident_kib));
    }
    samples
}
