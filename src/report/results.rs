//! `results.json`: the project's own versioned record of a run, the input of every report
//! and of baseline comparison.
//!
//! Scenario ids are stable across edits of a feature file: they are built from the feature
//! name and the scenario name (Scenario Outline titles carry their Examples values), never
//! from line numbers.

use crate::wire::Format;
use serde::{Deserialize, Serialize};

/// The schema version written to `results.json`. Readers refuse other versions.
pub const SCHEMA_VERSION: u32 = 1;

/// One run of the suite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResults {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The version of dts-conformance that ran.
    pub tool_version: String,
    /// What was tested.
    pub target: TargetInfo,
    /// When the run started, UTC `yyyy-MM-ddTHH:mm:ssZ`.
    pub started_at: String,
    /// Wall time of the run, in milliseconds.
    pub duration_ms: u64,
    /// Every scenario, in feature-file order.
    pub scenarios: Vec<ScenarioResult>,
    /// The coverage matrix: every row of the contract.
    pub coverage: Vec<RowCoverage>,
}

/// The target of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetInfo {
    /// The endpoint URL (the embedded mock's loopback URL for an embedded run).
    pub endpoint: String,
    /// `embedded-mock`, `mock` (external, control API reachable) or `endpoint`.
    pub kind: String,
    /// Whether `@mutating` scenarios were allowed.
    pub allow_mutations: bool,
}

/// How a scenario ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every step passed.
    Passed,
    /// A step failed, was undefined or ambiguous, or a hook failed.
    Failed,
    /// The target cannot support it; `reason` says why.
    NotApplicable,
}

impl Outcome {
    /// A reader's word for it.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Failed => "failed",
            Outcome::NotApplicable => "not applicable",
        }
    }
}

/// One scenario (one Examples row of an outline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioResult {
    /// Stable id: `<feature name> / <scenario name>`.
    pub id: String,
    /// The feature's name.
    pub feature: String,
    /// The feature file, relative to the features directory.
    pub feature_file: String,
    /// The scenario's name, Examples values substituted.
    pub name: String,
    /// The scenario's line in the feature file (for people; never part of the id).
    pub line: usize,
    /// Every tag, feature's and scenario's, without `@`.
    pub tags: Vec<String>,
    /// The contract rows the scenario covers (its row tags).
    pub rows: Vec<String>,
    /// The formats its requests asked for.
    pub formats: Vec<Format>,
    /// How it ended.
    pub outcome: Outcome,
    /// For a failure, the rendered failure; for not applicable, the reason.
    pub reason: Option<String>,
    /// Wall time, in milliseconds.
    pub duration_ms: u64,
    /// Its steps, background first.
    pub steps: Vec<StepResult>,
    /// Every HTTP exchange it made, secrets redacted.
    pub exchanges: Vec<RecordedExchange>,
}

/// The status of one step, in Cucumber's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// It passed.
    Passed,
    /// It failed.
    Failed,
    /// It did not run because an earlier step failed.
    Skipped,
    /// No step definition matches it.
    Undefined,
    /// More than one step definition matches it.
    Ambiguous,
}

/// One step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepResult {
    /// `Given`, `When`, `Then`, `And`, `But`.
    pub keyword: String,
    /// The step text.
    pub text: String,
    /// The step's line in the feature file.
    pub line: usize,
    /// How it ended.
    pub status: StepStatus,
    /// Wall time, in milliseconds.
    pub duration_ms: u64,
    /// The failure message, for a failed, undefined or ambiguous step.
    pub error: Option<String>,
}

/// One HTTP exchange, secrets redacted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedExchange {
    /// The action.
    pub action: String,
    /// The format asked for, if any.
    pub format: Option<Format>,
    /// The request method.
    pub method: String,
    /// The request URL (query redacted).
    pub url: String,
    /// The response status.
    pub status: u16,
    /// The response body (redacted, cut at the transcript limit).
    pub response_body: String,
    /// Wall time, in milliseconds.
    pub elapsed_ms: u64,
    /// The whole exchange as the terminal shows it.
    pub transcript: String,
}

/// The coverage of one contract row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCoverage {
    /// The row id.
    pub row: String,
    /// The table's title.
    pub table: String,
    /// The row's title.
    pub title: String,
    /// One cell per format for a per-format row, else one cell with no format.
    pub cells: Vec<CoverageCell>,
}

/// The coverage of one row in one format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageCell {
    /// The format, for per-format rows.
    pub format: Option<Format>,
    /// The best outcome of the scenarios covering it, or not tested.
    pub status: CellStatus,
    /// Ids of the scenarios that cover it.
    pub scenarios: Vec<String>,
}

/// A coverage cell's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellStatus {
    /// A covering scenario passed (and none failed).
    Passed,
    /// A covering scenario failed.
    Failed,
    /// Covering scenarios exist but none could run against this target.
    NotApplicable,
    /// No scenario covers it.
    NotTested,
}

impl CellStatus {
    /// A reader's word for it.
    pub fn label(self) -> &'static str {
        match self {
            CellStatus::Passed => "passed",
            CellStatus::Failed => "failed",
            CellStatus::NotApplicable => "not applicable",
            CellStatus::NotTested => "not tested",
        }
    }
}

impl RunResults {
    /// The scenarios that ended with `outcome`, in run order.
    pub fn with_outcome(&self, outcome: Outcome) -> Vec<&ScenarioResult> {
        self.scenarios
            .iter()
            .filter(|s| s.outcome == outcome)
            .collect()
    }

    /// Scenario counts per outcome: passed, failed, not applicable.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |o: Outcome| self.scenarios.iter().filter(|s| s.outcome == o).count();
        (
            count(Outcome::Passed),
            count(Outcome::Failed),
            count(Outcome::NotApplicable),
        )
    }

    /// The percentage of coverage cells exercised and passed.
    pub fn coverage_percent(&self) -> f64 {
        let cells: Vec<&CoverageCell> = self.coverage.iter().flat_map(|r| &r.cells).collect();
        if cells.is_empty() {
            return 0.0;
        }
        let passed = cells
            .iter()
            .filter(|c| c.status == CellStatus::Passed)
            .count();
        100.0 * passed as f64 / cells.len() as f64
    }
}
