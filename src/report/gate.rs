//! The CI gate: whether a run passes, and why not.
//!
//! - [`Gate::Any`] (the default) fails on any conformance failure.
//! - [`Gate::Regressions`] fails on every failure the baseline does not already record as a
//!   failure: regressions (passed in the baseline) and failures of scenarios the baseline
//!   does not have or could not run. A failure of a scenario that is new is not a regression
//!   in the report's sense, but no accepted run has seen it either, so it is not waved
//!   through; once a run holding it becomes the baseline, it counts as still failing and
//!   passes this gate. Without a baseline every scenario is new, so every failure fails the
//!   gate.
//! - `min_coverage` additionally fails the run when fewer than that percentage of the
//!   coverage matrix's cells were exercised and passed. A cell is a contract row, in each
//!   format for rows that must hold in JSON and in XML ([`RunResults::coverage_percent`]);
//!   cells not applicable to the target do not count as passed.

use super::baseline::{self, Change, Comparison};
use super::error::ReportError;
use super::facts;
use super::results::{Outcome, RunResults};
use std::fmt;

/// Which failures fail the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gate {
    /// Any conformance failure.
    #[default]
    Any,
    /// Only failures the baseline does not record as failures.
    Regressions,
}

impl std::str::FromStr for Gate {
    type Err = ReportError;

    fn from_str(value: &str) -> Result<Gate, ReportError> {
        match value {
            "any" => Ok(Gate::Any),
            "regressions" => Ok(Gate::Regressions),
            _ => Err(ReportError::Gate {
                value: value.to_string(),
            }),
        }
    }
}

/// The gate and the coverage floor, as `--gate` and `--min-coverage` give them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Policy {
    /// Which failures fail the run.
    pub gate: Gate,
    /// The least percentage of coverage cells that must be exercised and passed.
    pub min_coverage: Option<f64>,
}

impl Policy {
    /// A policy, checking that `min_coverage` is a percentage.
    ///
    /// # Errors
    ///
    /// [`ReportError::MinCoverage`] when it is not a number from 0 to 100.
    pub fn new(gate: Gate, min_coverage: Option<f64>) -> Result<Policy, ReportError> {
        if let Some(value) = min_coverage
            && !(0.0..=100.0).contains(&value)
        {
            return Err(ReportError::MinCoverage {
                value: value.to_string(),
            });
        }
        Ok(Policy { gate, min_coverage })
    }
}

/// Read a `--min-coverage` value: a percentage from 0 to 100, with or without `%`.
///
/// # Errors
///
/// [`ReportError::MinCoverage`] for anything else.
pub fn parse_min_coverage(value: &str) -> Result<f64, ReportError> {
    let error = || ReportError::MinCoverage {
        value: value.to_string(),
    };
    let number: f64 = value
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| error())?;
    if (0.0..=100.0).contains(&number) {
        Ok(number)
    } else {
        Err(error())
    }
}

/// One reason the gate fails.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Under [`Gate::Any`]: these scenarios failed.
    Failures {
        /// Their ids.
        ids: Vec<String>,
    },
    /// Under [`Gate::Regressions`]: these passed in the baseline and fail now.
    Regressions {
        /// Their ids.
        ids: Vec<String>,
    },
    /// Under [`Gate::Regressions`]: these fail and the baseline has no failure of them on
    /// record (they are new, or were not applicable, or there is no baseline).
    UnacceptedFailures {
        /// Their ids.
        ids: Vec<String>,
        /// Whether a baseline was given at all.
        baseline: bool,
    },
    /// Too few coverage cells were exercised and passed.
    Coverage {
        /// The percentage reached.
        actual: f64,
        /// The percentage required.
        required: f64,
    },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Failures { ids } => {
                write!(f, "{} scenario(s) failed: {}", ids.len(), ids.join("; "))
            }
            Reason::Regressions { ids } => {
                write!(
                    f,
                    "{} regression(s) against the baseline: {}",
                    ids.len(),
                    ids.join("; ")
                )
            }
            Reason::UnacceptedFailures {
                ids,
                baseline: true,
            } => write!(
                f,
                "{} failing scenario(s) the baseline has no failure of on record (new, or not \
                 applicable there): {}",
                ids.len(),
                ids.join("; ")
            ),
            Reason::UnacceptedFailures {
                ids,
                baseline: false,
            } => write!(
                f,
                "{} scenario(s) failed and no baseline was given to accept them: {}",
                ids.len(),
                ids.join("; ")
            ),
            Reason::Coverage { actual, required } => write!(
                f,
                "coverage {actual:.1}% of contract cells exercised and passed is below the \
                 required {required:.1}%"
            ),
        }
    }
}

/// The gate's verdict on a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The policy applied.
    pub policy: Policy,
    /// Why it fails; empty when it passes.
    pub reasons: Vec<Reason>,
}

impl Decision {
    /// Whether the run passes the gate.
    pub fn passes(&self) -> bool {
        self.reasons.is_empty()
    }

    /// The process exit code the design promises: 0 conforming, 1 failing the gate.
    pub fn exit_code(&self) -> u8 {
        if self.passes() { 0 } else { 1 }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gate = match self.policy.gate {
            Gate::Any => "any",
            Gate::Regressions => "regressions",
        };
        if self.passes() {
            return writeln!(f, "gate {gate}: passed");
        }
        writeln!(f, "gate {gate}: FAILED")?;
        for reason in &self.reasons {
            writeln!(f, "  - {reason}")?;
        }
        Ok(())
    }
}

/// Apply `policy` to a run, against `baseline` when one is given.
pub fn decide(results: &RunResults, baseline: Option<&RunResults>, policy: Policy) -> Decision {
    let mut reasons = Vec::new();
    match (policy.gate, baseline) {
        (Gate::Any, _) => {
            let ids = failed_ids(results);
            if !ids.is_empty() {
                reasons.push(Reason::Failures { ids });
            }
        }
        (Gate::Regressions, Some(baseline)) => {
            reasons.extend(against_baseline(&baseline::compare(baseline, results)));
        }
        (Gate::Regressions, None) => {
            let ids = failed_ids(results);
            if !ids.is_empty() {
                reasons.push(Reason::UnacceptedFailures {
                    ids,
                    baseline: false,
                });
            }
        }
    }
    if let Some(required) = policy.min_coverage {
        let actual = results.coverage_percent();
        if actual < required {
            reasons.push(Reason::Coverage { actual, required });
        }
    }
    Decision { policy, reasons }
}

fn failed_ids(results: &RunResults) -> Vec<String> {
    facts::unique_ids(&results.scenarios)
        .into_iter()
        .zip(&results.scenarios)
        .filter(|(_, s)| s.outcome == Outcome::Failed)
        .map(|(id, _)| id)
        .collect()
}

fn against_baseline(comparison: &Comparison) -> Vec<Reason> {
    let regressions: Vec<String> = comparison
        .ids(Change::Regression)
        .into_iter()
        .map(String::from)
        .collect();
    let unaccepted: Vec<String> = comparison
        .entries
        .iter()
        .filter(|e| e.is_unaccepted_failure() && e.change != Change::Regression)
        .map(|e| e.id.clone())
        .collect();
    let mut reasons = Vec::new();
    if !regressions.is_empty() {
        reasons.push(Reason::Regressions { ids: regressions });
    }
    if !unaccepted.is_empty() {
        reasons.push(Reason::UnacceptedFailures {
            ids: unaccepted,
            baseline: true,
        });
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    fn policy(gate: Gate) -> Policy {
        Policy {
            gate,
            min_coverage: None,
        }
    }

    #[test]
    fn gate_any_fails_on_the_failure_and_names_it() {
        let decision = decide(&fixture::run(), None, policy(Gate::Any));
        assert_eq!(decision.exit_code(), 1);
        let text = decision.to_string();
        assert!(
            text.contains("1 scenario(s) failed: response fields / a successful"),
            "{text}"
        );
    }

    #[test]
    fn gate_regressions_accepts_a_failure_the_baseline_already_had() {
        let run = fixture::run();
        assert!(decide(&run, Some(&run), policy(Gate::Regressions)).passes());
        assert!(!decide(&run, Some(&run), policy(Gate::Any)).passes());
    }

    #[test]
    fn gate_regressions_without_a_baseline_fails_on_every_failure() {
        let decision = decide(&fixture::run(), None, policy(Gate::Regressions));
        assert!(matches!(
            &decision.reasons[..],
            [Reason::UnacceptedFailures {
                baseline: false,
                ..
            }]
        ));
    }

    #[test]
    fn gate_regressions_fails_on_a_scenario_that_passed_in_the_baseline() {
        let mut baseline = fixture::run();
        baseline.scenarios[1].outcome = Outcome::Passed;
        let decision = decide(&fixture::run(), Some(&baseline), policy(Gate::Regressions));
        let ids = vec![baseline.scenarios[1].id.clone()];
        assert_eq!(decision.reasons, vec![Reason::Regressions { ids }]);
    }

    #[test]
    fn coverage_below_the_floor_fails_even_a_clean_gate() {
        let run = fixture::run();
        let actual = run.coverage_percent();
        let floor = Policy::new(Gate::Regressions, Some(actual + 0.5)).expect("a percentage");
        let decision = decide(&run, Some(&run), floor);
        assert!(
            matches!(decision.reasons[..], [Reason::Coverage { .. }]),
            "{decision}"
        );
        let at = Policy::new(Gate::Regressions, Some(actual)).expect("a percentage");
        assert!(decide(&run, Some(&run), at).passes());
    }

    #[test]
    fn percentages_outside_0_to_100_and_unknown_gates_are_refused() {
        assert!(Policy::new(Gate::Any, Some(100.5)).is_err());
        assert_eq!(parse_min_coverage("80%").ok(), Some(80.0));
        assert!(parse_min_coverage("-1").is_err());
        assert!(parse_min_coverage("most").is_err());
        assert!("strict".parse::<Gate>().is_err());
        assert_eq!("regressions".parse::<Gate>().ok(), Some(Gate::Regressions));
    }
}
