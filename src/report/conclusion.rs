//! What `run` does once the suite has finished: write every report, compare with the
//! baseline, apply the gate, and say so.
//!
//! Read the baseline with [`results_file::read`](super::results_file::read) *before* running
//! the suite, so an unreadable or outdated baseline stops the run (exit 2) before any
//! request is sent.

use super::baseline::{self, Comparison};
use super::error::ReportError;
use super::files::{Written, write_all};
use super::gate::{Decision, Policy, decide};
use super::results::RunResults;
use std::fmt;
use std::path::Path;

/// The reports written, the comparison with the baseline, and the gate's decision.
#[derive(Debug, Clone)]
pub struct Conclusion {
    /// The report files.
    pub written: Written,
    /// The comparison, when a baseline was given.
    pub comparison: Option<Comparison>,
    /// The gate's decision; its [`Decision::exit_code`] is the process's.
    pub decision: Decision,
}

/// Write the reports of `results` into `out` (the default directory when `None`), compare
/// them with `baseline` when given, and apply `policy`.
///
/// # Errors
///
/// The errors of [`write_all`]: the reports could not be written.
pub fn conclude(
    results: &RunResults,
    out: Option<&Path>,
    baseline: Option<&RunResults>,
    policy: Policy,
) -> Result<Conclusion, ReportError> {
    let written = write_all(results, out, baseline)?;
    Ok(Conclusion {
        written,
        comparison: baseline.map(|b| baseline::compare(b, results)),
        decision: decide(results, baseline, policy),
    })
}

/// The lines to print after the terminal summary: where the reports are, the comparison
/// with the baseline, and the gate's decision.
impl fmt::Display for Conclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "\nreports in {}:", self.written.dir.display())?;
        for file in self.written.files() {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            writeln!(f, "  {name}")?;
        }
        if let Some(comparison) = &self.comparison {
            write!(f, "\nagainst the baseline: {comparison}")?;
        }
        write!(f, "\n{}", self.decision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;
    use crate::report::gate::Gate;

    #[test]
    fn a_conclusion_names_the_reports_the_baseline_and_the_verdict() {
        let dir = std::env::temp_dir().join(format!("dts-conclusion-{}", std::process::id()));
        let run = fixture::run();
        let policy = Policy {
            gate: Gate::Regressions,
            min_coverage: None,
        };
        let conclusion = conclude(&run, Some(&dir), Some(&run), policy).expect("written");
        let text = conclusion.to_string();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(text.contains("  junit.xml\n"), "{text}");
        assert!(
            text.contains("against the baseline: 5 scenarios compared: 0 regression"),
            "{text}"
        );
        assert!(text.ends_with("gate regressions: passed\n"), "{text}");
        assert_eq!(conclusion.decision.exit_code(), 0);
    }
}
