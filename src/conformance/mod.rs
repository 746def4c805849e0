//! The conformance suite: the World, the step definitions and the runner that both
//! `dts-conformance run` and `tests/conformance.rs` use.
//!
//! Scenarios arrange state only through the mock's control API (over HTTP), so an external
//! mock process is targeted exactly like the embedded one. Against an endpoint without one,
//! `@mock-only` scenarios are reported as not applicable with the reason, and `@mutating` ones
//! run only when mutations are allowed.

#![allow(
    clippy::result_large_err,
    reason = "a step's error is its Failure report, built only when a check fails"
)]

mod checks;
mod collector;
pub mod control;
pub mod features;
mod record;
mod runner;
mod steps;
pub mod target;
mod world;

pub use control::Control;
pub use record::Shapes;
pub use runner::{RunError, RunOptions, run};
pub use target::{Target, TargetKind};
pub use world::World;
