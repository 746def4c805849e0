//! Comparing a run with a baseline (the last accepted run), scenario by scenario, by stable
//! id.
//!
//! | before        | now           | change          |
//! |---------------|---------------|-----------------|
//! | passed        | failed        | regression      |
//! | failed        | passed        | fixed           |
//! | failed        | failed        | still failing   |
//! | passed        | passed        | unchanged       |
//! | n/a           | n/a           | unchanged       |
//! | absent        | any           | new             |
//! | any           | absent        | removed         |
//! | n/a ↔ passed or failed        || applicability   |
//!
//! "n/a" is not applicable: a scenario that did not run against that target.

use super::error::ReportError;
use super::facts;
use super::results::{Outcome, RunResults};
use super::results_file;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// How one scenario changed between the baseline and this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// It passed in the baseline and fails now.
    Regression,
    /// It failed in the baseline and passes now.
    Fixed,
    /// It failed in both.
    StillFailing,
    /// It is not in the baseline.
    New,
    /// It is in the baseline only.
    Removed,
    /// It became, or stopped being, not applicable.
    Applicability,
    /// Same outcome in both, and not a failure.
    Unchanged,
}

impl Change {
    /// Every change, in the order reports list them.
    pub const ALL: [Change; 7] = [
        Change::Regression,
        Change::Fixed,
        Change::StillFailing,
        Change::New,
        Change::Removed,
        Change::Applicability,
        Change::Unchanged,
    ];

    /// A reader's word for it.
    pub fn label(self) -> &'static str {
        match self {
            Change::Regression => "regression",
            Change::Fixed => "fixed",
            Change::StillFailing => "still failing",
            Change::New => "new",
            Change::Removed => "removed",
            Change::Applicability => "applicability changed",
            Change::Unchanged => "unchanged",
        }
    }

    fn of(before: Option<Outcome>, now: Option<Outcome>) -> Change {
        use Outcome::{Failed, Passed};
        match (before, now) {
            (None, _) => Change::New,
            (_, None) => Change::Removed,
            (Some(Passed), Some(Failed)) => Change::Regression,
            (Some(Failed), Some(Passed)) => Change::Fixed,
            (Some(Failed), Some(Failed)) => Change::StillFailing,
            (Some(b), Some(n)) if b == n => Change::Unchanged,
            // What is left has not applicable on one side only.
            _ => Change::Applicability,
        }
    }
}

/// One scenario in the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The scenario's stable id.
    pub id: String,
    /// Its outcome in the baseline, if it was there.
    pub before: Option<Outcome>,
    /// Its outcome now, if it still exists.
    pub now: Option<Outcome>,
    /// The classification.
    pub change: Change,
}

impl Entry {
    /// Whether it fails now although the baseline does not record it failing: a regression,
    /// or a failure of a scenario that is new or was not applicable in the baseline.
    pub fn is_unaccepted_failure(&self) -> bool {
        self.now == Some(Outcome::Failed) && self.before != Some(Outcome::Failed)
    }
}

/// Every scenario of two runs, classified.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// This run's scenarios in order, then those only the baseline has.
    pub entries: Vec<Entry>,
}

/// Compare `now` with `baseline` by scenario id.
pub fn compare(baseline: &RunResults, now: &RunResults) -> Comparison {
    let before: HashMap<String, Outcome> = outcomes(baseline).into_iter().collect();
    let current = outcomes(now);
    let mut entries: Vec<Entry> = current
        .iter()
        .map(|(id, outcome)| entry(id, before.get(id).copied(), Some(*outcome)))
        .collect();
    let seen: HashMap<&str, ()> = current.iter().map(|(id, _)| (id.as_str(), ())).collect();
    for (id, outcome) in outcomes(baseline) {
        if !seen.contains_key(id.as_str()) {
            entries.push(entry(&id, Some(outcome), None));
        }
    }
    Comparison { entries }
}

fn outcomes(results: &RunResults) -> Vec<(String, Outcome)> {
    let ids = facts::unique_ids(&results.scenarios);
    ids.into_iter()
        .zip(results.scenarios.iter().map(|s| s.outcome))
        .collect()
}

fn entry(id: &str, before: Option<Outcome>, now: Option<Outcome>) -> Entry {
    Entry {
        id: id.to_string(),
        before,
        now,
        change: Change::of(before, now),
    }
}

/// Compare two stored `results.json` files (`report diff OLD NEW`).
///
/// # Errors
///
/// The errors of [`results_file::read`] for either file.
pub fn diff_files(old: &Path, new: &Path) -> Result<Comparison, ReportError> {
    Ok(compare(
        &results_file::read(old)?,
        &results_file::read(new)?,
    ))
}

impl Comparison {
    /// The entries with this change, in order.
    pub fn with(&self, change: Change) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.change == change)
    }

    /// The ids with this change, in order.
    pub fn ids(&self, change: Change) -> Vec<&str> {
        self.with(change).map(|e| e.id.as_str()).collect()
    }

    /// How many entries have this change.
    pub fn count(&self, change: Change) -> usize {
        self.with(change).count()
    }

    /// Whether any scenario regressed.
    pub fn has_regressions(&self) -> bool {
        self.count(Change::Regression) > 0
    }
}

/// The classification as `report diff` prints it: counts, then every scenario that changed,
/// grouped (unchanged ones are counted only).
impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts: Vec<String> = Change::ALL
            .iter()
            .map(|c| format!("{} {}", self.count(*c), c.label()))
            .collect();
        writeln!(
            f,
            "{} scenarios compared: {}",
            self.entries.len(),
            counts.join(", ")
        )?;
        for change in Change::ALL.into_iter().filter(|c| *c != Change::Unchanged) {
            if self.count(change) == 0 {
                continue;
            }
            writeln!(f, "\n{}:", change.label())?;
            for entry in self.with(change) {
                writeln!(
                    f,
                    "  - {} ({} → {})",
                    entry.id,
                    word(entry.before),
                    word(entry.now)
                )?;
            }
        }
        Ok(())
    }
}

fn word(outcome: Option<Outcome>) -> &'static str {
    outcome.map_or("absent", Outcome::label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    fn with_outcomes(outcomes: &[(&str, Outcome)]) -> RunResults {
        let mut results = fixture::run();
        results.scenarios = outcomes
            .iter()
            .map(|(name, outcome)| {
                let mut s = fixture::passed("f", name, &[]);
                s.outcome = *outcome;
                s
            })
            .collect();
        results
    }

    #[test]
    fn every_transition_is_classified() {
        use Outcome::{Failed as F, NotApplicable as N, Passed as P};
        let old = with_outcomes(&[
            ("a", P),
            ("b", F),
            ("c", F),
            ("d", P),
            ("e", N),
            ("g", P),
            ("h", F),
        ]);
        let new = with_outcomes(&[
            ("a", F),
            ("b", P),
            ("c", F),
            ("d", P),
            ("e", N),
            ("n", F),
            ("h", N),
        ]);
        let comparison = compare(&old, &new);
        let ids = |c| comparison.ids(c);
        assert_eq!(ids(Change::Regression), ["f / a"]);
        assert_eq!(ids(Change::Fixed), ["f / b"]);
        assert_eq!(ids(Change::StillFailing), ["f / c"]);
        assert_eq!(ids(Change::Unchanged), ["f / d", "f / e"]);
        assert_eq!(ids(Change::New), ["f / n"]);
        assert_eq!(ids(Change::Removed), ["f / g"]);
        assert_eq!(ids(Change::Applicability), ["f / h"]);
    }

    #[test]
    fn a_new_failure_is_unaccepted_but_a_known_one_is_not() {
        use Outcome::{Failed as F, NotApplicable as N};
        let old = with_outcomes(&[("known", F), ("was n/a", N)]);
        let new = with_outcomes(&[("known", F), ("was n/a", F), ("brand new", F)]);
        let comparison = compare(&old, &new);
        let unaccepted: Vec<&str> = comparison
            .entries
            .iter()
            .filter(|e| e.is_unaccepted_failure())
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(unaccepted, ["f / was n/a", "f / brand new"]);
    }

    #[test]
    fn the_diff_text_lists_changes_and_only_counts_unchanged() {
        use Outcome::{Failed as F, Passed as P};
        let text = compare(
            &with_outcomes(&[("a", P), ("b", P)]),
            &with_outcomes(&[("a", F), ("b", P)]),
        )
        .to_string();
        assert!(
            text.starts_with("2 scenarios compared: 1 regression, 0 fixed"),
            "{text}"
        );
        assert!(
            text.contains("\nregression:\n  - f / a (passed → failed)\n"),
            "{text}"
        );
        assert!(!text.contains("f / b"), "{text}");
    }
}
