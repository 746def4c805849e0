//! Throughput and latency of the mock under load, measured over real loopback HTTP.
//!
//! Each connection is a keep-alive HTTP/1.1 stream that sends correctly signed V1 requests,
//! each with a fresh nonce and the current timestamp, alternating DescribeDtsJobs and
//! CreateReverseDtsJob. By default a connection waits for each answer before its next
//! request, as the official SDKs do; `pipeline` above 1 writes that many requests at once and
//! then reads their answers. The load generator is deliberately lean (reused buffers, no HTTP
//! client library, a signer specialised to its parameters) so that on a small machine the
//! figures describe the mock rather than the client.

mod connection;
mod cpu;
mod request;
mod totals;

use crate::mock::{self, Config, Server, ThrottleConfig};
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
    /// The mock's timestamp window (and so its nonce retention) for the run.
    pub skew: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connections: 16,
            pipeline: 1,
            duration: Duration::from_secs(10),
            skew: Duration::from_secs(10),
        }
    }
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Requests answered.
    pub requests: u64,
    /// Requests answered per second.
    pub per_second: f64,
    /// Latency percentiles (p50, p90, p99, p99.9, max).
    pub latency: [Duration; 5],
    /// Answers per HTTP status.
    pub statuses: Vec<(u16, u64)>,
    /// Resident memory after each fifth of the run, in KiB.
    pub rss_kib: Vec<u64>,
    /// Nonces held at the end.
    pub nonces_held: u64,
    /// Transport errors (a broken connection is counted, not hidden).
    pub errors: u64,
    /// CPU time over the run, split between the mock and the load generator (`None` where
    /// `/proc` is unavailable).
    pub cpu: Option<CpuTime>,
}

/// CPU time used during a run.
#[derive(Debug, Clone, Copy)]
pub struct CpuTime {
    /// The mock: the whole process but the load generator's thread.
    pub mock: Duration,
    /// The load generator's thread.
    pub load: Duration,
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

/// Start a mock, load it, and measure.
///
/// # Errors
///
/// [`BenchError`] when the mock cannot start or be arranged.
pub async fn run(options: &Options) -> Result<Figures, BenchError> {
    let config = Config {
        timestamp_skew: options.skew,
        throttle: ThrottleConfig {
            capacity: u32::MAX,
            refill_per_second: 1e12,
        },
        journal_capacity: 10_000,
        ..Config::default()
    };
    let handle = Server::start(config).await?;
    let job = connection::arrange(handle.address())
        .await
        .map_err(|reason| BenchError::Setup { reason })?;

    let started = Instant::now();
    let deadline = started + options.duration;
    let process_before = cpu::process();
    let load = start_load(handle.address(), job, options, deadline)?;
    let rss_kib = sample_memory(started, options.duration).await;
    let (totals, load_cpu) = tokio::task::spawn_blocking(move || load.join())
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| BenchError::Setup {
            reason: "the load generator's thread failed".into(),
        })?;
    let elapsed = started.elapsed();
    let process_cpu = cpu::process()
        .zip(process_before)
        .map(|(after, before)| after.saturating_sub(before));
    let nonces_held = connection::nonces_held(handle.address()).await.unwrap_or(0);
    handle.stop().await;
    let mut figures = totals.figures(elapsed, rss_kib, nonces_held);
    figures.cpu = process_cpu.zip(load_cpu).map(|(process, load)| CpuTime {
        mock: process.saturating_sub(load),
        load,
    });
    Ok(figures)
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
        .map_err(|e| BenchError::Setup {
            reason: format!("cannot start the load generator's runtime: {e}"),
        })?;
    let (connections, depth) = (options.connections, options.pipeline.max(1));
    Ok(std::thread::spawn(move || {
        let before = cpu::thread();
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
        let used = cpu::thread()
            .zip(before)
            .map(|(after, before)| after.saturating_sub(before));
        (totals, used)
    }))
}

async fn sample_memory(started: Instant, duration: Duration) -> Vec<u64> {
    let mut samples = Vec::new();
    for fifth in 1..=5u32 {
        let at = started + duration * fifth / 5;
        tokio::time::sleep_until(at.into()).await;
        samples.push(resident_kib());
    }
    samples
}

/// Resident set size of this process, from `/proc/self/status` (0 where unavailable).
pub fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|line| {
                    line.split_whitespace()
                        .nth(1)
                        .and_then(|kib| kib.parse().ok())
                })
        })
        .unwrap_or(0)
}

impl Figures {
    /// The figures as a short report.
    pub fn render(&self, options: &Options) -> String {
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
        let statuses: Vec<String> = self
            .statuses
            .iter()
            .map(|(s, n)| format!("{s}: {n}"))
            .collect();
        let rss: Vec<String> = self
            .rss_kib
            .iter()
            .map(|k| format!("{} MiB", k / 1024))
            .collect();
        format!(
            "mock benchmark: {} connections, {} request(s) in flight on each, for {:?}, \
             nonce window {:?}\n\
             requests     {} ({:.0} per second)\n\
             latency      p50 {}  p90 {}  p99 {}  p99.9 {}  max {}\n\
             statuses     {}\n\
             transport errors {}\n\
             {}\
             resident memory at each fifth of the run: {}\n\
             nonces held at the end: {}\n",
            options.connections,
            options.pipeline,
            options.duration,
            options.skew,
            self.requests,
            self.per_second,
            ms(self.latency[0]),
            ms(self.latency[1]),
            ms(self.latency[2]),
            ms(self.latency[3]),
            ms(self.latency[4]),
            statuses.join(", "),
            self.errors,
            self.render_cpu(),
            rss.join(", "),
            self.nonces_held,
        )
    }

    /// CPU time of each side, in total and per request (empty where it was not measured).
    fn render_cpu(&self) -> String {
        let Some(cpu) = self.cpu else {
            return String::new();
        };
        let per_request = |used: Duration| used.as_secs_f64() * 1e6 / (self.requests.max(1) as f64);
        format!(
            "CPU time     mock {:.1} s ({:.1} µs per request), load generator {:.1} s \
             ({:.1} µs per request)\n",
            cpu.mock.as_secs_f64(),
            per_request(cpu.mock),
            cpu.load.as_secs_f64(),
            per_request(cpu.load),
        )
    }
}
