//! Property-based fuzzing of CreateReverseDtsJob's one input, `DtsJobId`, and of how a
//! request carries it.
//!
//! [`strategies`] generate DtsJobIds from thirteen [`Family`]s crossed with every request
//! [`Shape`]; a [`Fuzzer`] arranges a target, sends each case and checks every [`Property`]
//! on the answer; a broken one is a [`Violation`]. Tests drive a [`Fuzzer`] from a
//! `proptest::test_runner::TestRunner`.

mod case;
mod deletion;
mod deviation;
mod fuzzer;
mod invariants;
mod options;
mod property;
pub mod seed;
mod setup;
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
pub use setup::ELIGIBLE_JOBS;
pub use strategies::{Mix, Pool};
