//! Per-account flow control: a token bucket in real time.

use super::ThrottleConfig;
use std::time::Instant;

/// A token bucket.
#[derive(Debug)]
pub struct Bucket {
    config: ThrottleConfig,
    tokens: f64,
    updated: Instant,
}

/// A refused request: how long until a token is available.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Denied {
    /// The bucket size, for the rate-limit header.
    pub limit: u32,
    /// Milliseconds until the next token.
    pub retry_after_ms: u64,
}

impl Bucket {
    /// A full bucket.
    pub fn new(config: ThrottleConfig) -> Bucket {
        Bucket {
            config,
            tokens: f64::from(config.capacity),
            updated: Instant::now(),
        }
    }

    /// Replace the configuration and refill.
    pub fn reconfigure(&mut self, config: ThrottleConfig) {
        *self = Bucket::new(config);
    }

    /// Take a token, or say how long to wait for one.
    pub fn take(&mut self) -> Result<(), Denied> {
        let now = Instant::now();
        let elapsed = now.duration_since(self.updated).as_secs_f64();
        self.updated = now;
        let capacity = f64::from(self.config.capacity);
        self.tokens = (self.tokens + elapsed * self.config.refill_per_second).min(capacity);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return Ok(());
        }
        let missing = 1.0 - self.tokens;
        let wait = if self.config.refill_per_second > 0.0 {
            missing / self.config.refill_per_second
        } else {
            3600.0
        };
        Err(Denied {
            limit: self.config.capacity,
            retry_after_ms: (wait * 1000.0).ceil().max(1.0) as u64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_over_capacity_is_refused_with_a_wait() {
        let mut bucket = Bucket::new(ThrottleConfig {
            capacity: 3,
            refill_per_second: 0.5,
        });
        for _ in 0..3 {
            assert!(bucket.take().is_ok());
        }
        let denied = bucket.take().expect_err("fourth request is over the burst");
        assert_eq!(denied.limit, 3);
        assert!(denied.retry_after_ms > 1000);
    }
}
