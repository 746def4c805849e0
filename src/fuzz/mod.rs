//! Property-based fuzzing of CreateReverseDtsJob's one input, `DtsJobId`, and of how a
//! request carries it.
//!
//! [`strategies`] generate DtsJobIds from thirteen [`Family`]s (ids of seeded jobs, near
//! misses, whitespace, the characters the signature encoding treats specially, multi-byte
//! UTF-8, control characters, markup, long values) crossed with every request [`Shape`]
//! (JSON or XML, GET or POST, query or form body, V1 or V3, `%20` or `+`). A [`Fuzzer`]
//! sends each case to a target and checks every [`Property`] on the answer; a broken one is
//! a [`Violation`] that says which property broke and how.
//!
//! Two ways to run:
//!
//! - [`run`] sends many cases at once against the embedded mock or any endpoint, shrinks the
//!   first failure with proptest's shrinker and returns a [`FuzzReport`];
//! - tests drive a [`Fuzzer`] from a `proptest::test_runner::TestRunner`, which persists
//!   failing seeds under `proptest-regressions/`.
//!
//! # Limitations
//!
//! - Against an endpoint without the mock's control API there are no seeded jobs: the
//!   existing-job families are not generated, near misses start from the document's example
//!   id, and `state-sane` is judged from answers alone.
//! - A failure that depends on state left by earlier cases (an eligible job already
//!   reversed) may not reproduce on its own; the report says when the re-run did not.
//! - V3 cases run only when the linked V3 signer produces a signature; the report notes it
//!   otherwise.

mod case;
mod deletion;
mod deviation;
mod fuzzer;
mod invariants;
mod options;
mod progress;
mod property;
mod report;
mod runner;
pub mod seed;
mod setup;
mod shrink;
mod state;
pub mod strategies;
mod structure;
pub mod values;

pub use case::{Case, Family, Route, Shape};
pub use deviation::Deviation;
pub use fuzzer::{Arrangement, Finding, Fuzzer, Verdict};
pub use invariants::{Answer, Checked, JobTarget, check_response, statuses_for};
pub use options::{FuzzError, FuzzOptions};
pub use property::{Property, Violation};
pub use report::{FailureReport, FuzzReport};
pub use runner::run;
pub use setup::ELIGIBLE_JOBS;
pub use shrink::Shrunk;
pub use strategies::{Mix, Pool};
