//! What a run measured, and its report.

use super::Options;
use std::time::Duration;

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
    /// The mock's resident memory after each fifth of the run, in KiB (`None` where it could
    /// not be read).
    pub rss_kib: Vec<Option<u64>>,
    /// Nonces the mock held at the end.
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
    /// The mock: its process, less the load generator's thread when they share it.
    pub mock: Duration,
    /// The load generator's thread.
    pub load: Duration,
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
            .map(|k| k.map_or("unknown".to_string(), |k| format!("{} MiB", k / 1024)))
            .collect();
        let mock = match options.target {
            Some(address) => format!("the mock at {address}"),
            None => format!("the embedded mock (nonce window {:?})", options.skew),
        };
        format!(
            "mock benchmark: {} connections, {} request(s) in flight on each, for {:?}, \
             against {mock}\n\
             requests     {} ({:.0} per second)\n\
             latency      p50 {}  p90 {}  p99 {}  p99.9 {}  max {}\n\
             statuses     {}\n\
             transport errors {}\n\
             {}\
             the mock's resident memory at each fifth of the run: {}\n\
             nonces held at the end: {}\n",
            options.connections,
            options.pipeline,
            options.duration,
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
