//! dts-conformance: a contract conformance harness for the Alibaba Cloud DTS operation
//! CreateReverseDtsJob, and a stateful mock DTS endpoint to run it against.
//!
//! The contract is data ([`contract`]); requests are signed with V1 or V3 ([`signing`]) and
//! sent by a recording client ([`client`]); bodies go through one JSON/XML value model
//! ([`wire`]); the [`mock`] is a real HTTP server; the [`conformance`] suite runs the Gherkin
//! features against any target and leaves [`report`]s; [`bench`] measures the mock; [`cli`]
//! is the command line.

pub mod bench;
pub mod cli;
pub mod client;
pub mod conformance;
pub mod contract;
pub mod fuzz;
pub mod mock;
pub mod report;
pub mod signing;
pub mod wire;
