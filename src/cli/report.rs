//! `dts-conformance report`: work with stored results.

use super::{EXIT_FAILURES, EXIT_OK, output};
use crate::report::diff_files;
use std::path::PathBuf;

/// Subcommands of `report`.
#[derive(Debug, clap::Subcommand)]
pub enum Args {
    /// Classify every scenario of NEW against OLD: regression, fixed, still failing, new,
    /// removed. Exits 1 when there is a regression.
    Diff {
        /// The earlier results.json.
        old: PathBuf,
        /// The later results.json.
        new: PathBuf,
    },
}

/// Run a `report` subcommand.
///
/// # Errors
///
/// When a results file cannot be read or is of another schema version.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    match args {
        Args::Diff { old, new } => {
            let comparison = diff_files(old, new)?;
            output::stdout(&comparison);
            Ok(if comparison.has_regressions() {
                EXIT_FAILURES
            } else {
                EXIT_OK
            })
        }
    }
}
