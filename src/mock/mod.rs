//! The embedded DTS endpoint: a real HTTP server on a loopback port.
//!
//! It verifies V1 and V3 signatures, timestamps, nonces and STS tokens; holds accounts, jobs
//! and reverse tasks with their state machine on a per-account virtual clock; throttles per
//! account; injects faults on request; and answers in JSON or XML with the documented bodies.
//! Everything a test arranges goes through the control API under [`CONTROL_PREFIX`], so a mock
//! in another process is driven exactly like the embedded one.
//!
//! Where the document is silent the mock makes a documented choice; see [`Config`] and the
//! README's "Mock defaults" table.

mod clock;
mod config;
mod connections;
mod control;
mod defects;
mod faults;
mod jobs;
mod journal;
mod nonce;
mod rejection;
mod respond;
mod rpc;
mod seed;
mod server;
mod state;
mod throttle;

pub use config::{Account, Config, Limits, ThrottleConfig};
pub use defects::Defect;
pub use faults::FaultSpec;
pub use jobs::{JobType, PrecheckOutcome};
pub use journal::JournalEntry;
pub use seed::{AccountJobSeed, JobSeed, SeedFile};
pub use server::{Handle, Server, StartError};

/// The current time as a request `Timestamp` (`yyyy-MM-ddTHH:mm:ssZ`, UTC).
pub fn clock_text() -> String {
    clock::format_timestamp(clock::real_now())
}

/// Unix seconds as a request `Timestamp`.
pub fn timestamp_text(unix: i64) -> String {
    clock::format_timestamp(unix)
}

/// A fresh 15-character job id, of the shape real ids have.
pub fn fresh_job_id() -> String {
    jobs::new_job_id()
}

/// The current Unix time in seconds.
pub fn unix_now() -> i64 {
    clock::real_now()
}

/// The path prefix of the control API. RPC requests always use the path `/`, so no RPC
/// request can reach it.
pub const CONTROL_PREFIX: &str = "/_mock";
