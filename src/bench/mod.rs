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
mod request;

use crate::mock::{self, Config, Server, ThrottleConfig};
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
    let mut tasks = Vec::new();
    for index in 0..options.connections {
        tasks.push(tokio::spawn(connection::load(
            handle.address(),
            job.clone(),
            index,
            options.pipeline.max(1),
            deadline,
        )));
    }
    let rss_kib = sample_memory(started, options.duration).await;
    let mut totals = connection::Totals::default();
    for task in tasks {
        if let Ok(part) = task.await {
            totals.merge(part);
        }
    }
    let elapsed = started.elapsed();
    let nonces_held = connection::nonces_held(handle.address()).await.unwrap_or(0);
    handle.stop().await;
    Ok(totals.figures(elapsed, rss_kib, nonces_held))
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
            rss.join(", "),
            self.nonces_held,
        )
    }
}
