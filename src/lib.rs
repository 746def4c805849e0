//! dts-conformance: a contract conformance harness for the Alibaba Cloud DTS operation
//! CreateReverseDtsJob, and a stateful mock DTS endpoint to run it against.
//!
//! The contract is data ([`contract`]); requests are signed with V1 or V3 ([`signing`]) and
//! sent by a recording client ([`client`]); bodies go through one JSON/XML value model
//! ([`wire`]); the [`mock`] is a real HTTP server; the [`conformance`] suite runs the Gherkin
//! features against any target and leaves [`report`]s; [`bench`](mod@bench) measures the
//! mock, with [`process`] reading memory and CPU time from `/proc`; [`cli`] is the command
//! line.
//!
//! The contract's rows are data that scenarios, reports and the mock all read:
//!
//! ```
//! use dts_conformance::contract::{Table, documented_error, find_row};
//!
//! let row = find_row("resp.DtsInstanceId").expect("a row of the response table");
//! assert_eq!(row.table, Table::Response);
//! assert!(row.per_format, "response rows must hold in JSON and in XML");
//!
//! let throttled = documented_error("Throttling.User").expect("in the error table");
//! assert_eq!(throttled.http_status, 400);
//! ```

pub mod bench;
pub mod cli;
pub mod client;
pub mod conformance;
pub mod contract;
pub mod fuzz;
pub mod mock;
pub mod process;
pub mod report;
pub mod signing;
pub mod wire;
