//! Why a report could not be written or a stored run could not be read.

use std::path::PathBuf;

/// A report file could not be written, or a `results.json` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The output directory or a file in it could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A stored results file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A stored results file is not JSON, or not a results record.
    #[error("{path} is not a dts-conformance results.json: {reason}")]
    Parse {
        /// The file (or `<memory>` for text).
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// A stored results file was written with another schema version.
    #[error(
        "{path} has results schema {found}, but this dts-conformance reads schema {expected} \
         only; re-run the suite with this version to produce a baseline it can compare"
    )]
    Schema {
        /// The file (or `<memory>` for text).
        path: PathBuf,
        /// The version this build reads.
        expected: u32,
        /// The version the file declares (`missing` when it declares none).
        found: String,
    },
    /// A report could not be serialised.
    #[error("cannot serialise {report}: {reason}")]
    Serialise {
        /// The report (`results.json`, `cucumber.json`).
        report: &'static str,
        /// What the serialiser said.
        reason: String,
    },
    /// A `--min-coverage` value is not a percentage.
    #[error("--min-coverage {value}: expected a percentage from 0 to 100")]
    MinCoverage {
        /// The value given.
        value: String,
    },
    /// A `--gate` value names no gate.
    #[error("--gate {value}: expected `any` or `regressions`")]
    Gate {
        /// The value given.
        value: String,
    },
}
