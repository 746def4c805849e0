//! What the load measured: answers per status, transport errors, and latencies in a
//! constant-memory histogram.

use super::Figures;
use std::collections::BTreeMap;
use std::time::Duration;

/// Width of a latency bucket.
const BUCKET: Duration = Duration::from_micros(10);
/// Buckets up to 500 ms; slower answers share the last one (their exact maximum is kept).
const BUCKETS: usize = 50_000;

/// Latencies in 10 µs buckets: constant memory however long the run, so the run's resident
/// memory shows the mock's, not the recorder's.
#[derive(Debug)]
pub struct Histogram {
    counts: Vec<u64>,
    total: u64,
    max: Duration,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: vec![0; BUCKETS],
            total: 0,
            max: Duration::ZERO,
        }
    }
}

impl Histogram {
    fn record(&mut self, latency: Duration) {
        let index = (latency.as_micros() / BUCKET.as_micros()) as usize;
        self.counts[index.min(BUCKETS - 1)] += 1;
        self.total += 1;
        self.max = self.max.max(latency);
    }

    fn merge(&mut self, other: &Histogram) {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.total += other.total;
        self.max = self.max.max(other.max);
    }

    /// The latency below which a `q` share of answers came (the bucket's upper edge).
    fn quantile(&self, q: f64) -> Duration {
        if self.total == 0 {
            return Duration::ZERO;
        }
        let wanted = ((self.total as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (index, count) in self.counts.iter().enumerate() {
            seen += count;
            if seen >= wanted && index + 1 < BUCKETS {
                return (BUCKET * (index as u32 + 1)).min(self.max);
            }
        }
        self.max
    }
}

/// Counts and latencies from one or more connections.
#[derive(Debug, Default)]
pub struct Totals {
    latencies: Histogram,
    statuses: BTreeMap<u16, u64>,
    errors: u64,
}

impl Totals {
    /// Count an answer with its status and latency.
    pub fn answered(&mut self, status: u16, latency: Duration) {
        self.latencies.record(latency);
        *self.statuses.entry(status).or_default() += 1;
    }

    /// Count a broken connection.
    pub fn broken(&mut self) {
        self.errors += 1;
    }

    /// Add another connection's totals.
    pub fn merge(&mut self, other: Totals) {
        self.latencies.merge(&other.latencies);
        for (status, count) in other.statuses {
            *self.statuses.entry(status).or_default() += count;
        }
        self.errors += other.errors;
    }

    /// The figures of the whole run.
    pub fn figures(
        self,
        elapsed: Duration,
        rss_kib: Vec<Option<u64>>,
        nonces_held: u64,
    ) -> Figures {
        let pick = |q: f64| self.latencies.quantile(q);
        let requests = self.latencies.total;
        Figures {
            requests,
            per_second: requests as f64 / elapsed.as_secs_f64().max(1e-9),
            latency: [
                pick(0.5),
                pick(0.9),
                pick(0.99),
                pick(0.999),
                self.latencies.max,
            ],
            statuses: self.statuses.into_iter().collect(),
            rss_kib,
            nonces_held,
            errors: self.errors,
            cpu: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_come_from_the_bucket_edges_and_the_maximum_is_exact() {
        let mut histogram = Histogram::default();
        for micros in 1..=100u64 {
            histogram.record(Duration::from_micros(micros * 10 - 5));
        }
        histogram.record(Duration::from_secs(2));
        assert_eq!(histogram.quantile(0.5), Duration::from_micros(510));
        assert_eq!(histogram.quantile(1.0), Duration::from_secs(2));
        assert_eq!(histogram.max, Duration::from_secs(2));
        assert_eq!(histogram.total, 101);
    }
}
