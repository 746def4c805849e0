//! The mock's configuration, with a documented default for every open question.

use super::{Defect, SeedFile};
use crate::wire::Format;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::time::Duration;

/// An account: an AccessKey pair the mock accepts.
#[derive(Clone, Serialize, Deserialize)]
pub struct Account {
    /// The AccessKey ID.
    pub access_key_id: String,
    /// The AccessKey secret.
    pub access_key_secret: String,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"[redacted]")
            .finish()
    }
}

impl Account {
    /// The documented default test account, `testid` / `testsecret` (the credentials of the
    /// reference's signature vectors).
    pub fn default_test_account() -> Account {
        Account {
            access_key_id: "testid".into(),
            access_key_secret: "testsecret".into(),
        }
    }
}

/// A token bucket per account: `capacity` requests at once, refilled at `refill_per_second`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ThrottleConfig {
    /// The burst size.
    pub capacity: u32,
    /// Tokens added per second of real time.
    pub refill_per_second: f64,
}

impl Default for ThrottleConfig {
    /// 1,000 requests at once, 1,000 per second: well above what a scenario sends, so only a
    /// scenario that lowers it meets `Throttling.User`.
    fn default() -> Self {
        ThrottleConfig {
            capacity: 1_000,
            refill_per_second: 1_000.0,
        }
    }
}

/// Size limits; a request over any of them gets `RequestTooLarge` (413).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// The longest query string, in bytes.
    pub max_query_bytes: usize,
    /// The largest body, in bytes.
    pub max_body_bytes: usize,
    /// The longest single parameter value after decoding, in bytes.
    pub max_value_bytes: usize,
    /// The most headers a request may carry.
    pub max_headers: usize,
    /// The most bytes of header names and values together.
    pub max_header_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_query_bytes: 16 * 1024,
            max_body_bytes: 64 * 1024,
            max_value_bytes: 4096,
            max_headers: 64,
            max_header_bytes: 16 * 1024,
        }
    }
}

/// How the mock behaves where the document leaves a choice open.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub listen: SocketAddr,
    /// Accounts known from the start, in addition to those added through the control API.
    pub accounts: Vec<Account>,
    /// The format when a request sends no `Format`: JSON, because V3 clients send none and
    /// parse JSON.
    pub default_format: Format,
    /// How far a request's timestamp may be from the mock's time: 15 minutes, the skew the
    /// error tables and the V3 document give.
    pub timestamp_skew: Duration,
    /// The virtual time a precheck takes: 60 seconds.
    pub precheck_duration: Duration,
    /// The default per-account token bucket.
    pub throttle: ThrottleConfig,
    /// Size limits.
    pub limits: Limits,
    /// Whether the control API is served.
    pub control: bool,
    /// Deliberate defects, for proving that the suite can fail. Empty by default.
    pub defects: Vec<Defect>,
    /// How many journal entries are kept (oldest dropped first).
    pub journal_capacity: usize,
    /// Accounts and jobs to create at start (`mock --seed-jobs FILE`).
    pub seed: SeedFile,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            accounts: vec![Account::default_test_account()],
            default_format: Format::Json,
            timestamp_skew: Duration::from_secs(15 * 60),
            precheck_duration: Duration::from_secs(60),
            throttle: ThrottleConfig::default(),
            limits: Limits::default(),
            control: true,
            defects: Vec::new(),
            journal_capacity: 10_000,
            seed: SeedFile::default(),
        }
    }
}
