//! dts-conformance: a contract conformance harness for the Alibaba Cloud DTS operation
//! CreateReverseDtsJob, and a stateful mock DTS endpoint to run it against.

pub mod cli;
pub mod client;
pub mod contract;
pub mod signing;
pub mod wire;
