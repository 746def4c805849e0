//! What a run leaves behind: the results record, the coverage matrix, the failure formatter
//! every failing check goes through, the reports written from the results (JUnit XML,
//! Cucumber JSON, Markdown, HTML), the comparison with a baseline, and the CI gate.

pub mod baseline;
pub mod conclusion;
pub mod coverage;
pub mod cucumber_json;
pub mod error;
mod escape;
pub mod facts;
pub mod failure;
pub mod files;
#[cfg(test)]
mod fixture;
pub mod gate;
pub mod html;
mod html_sections;
pub mod junit;
pub mod markdown;
pub mod results;
pub mod results_file;
pub mod terminal;

pub use baseline::{Change, Comparison, compare, diff_files};
pub use conclusion::{Conclusion, conclude};
pub use error::ReportError;
pub use failure::{Failure, FieldMismatch};
pub use files::{DEFAULT_DIR, Written, write_all};
pub use gate::{Decision, Gate, Policy, decide};
pub use results::{
    CellStatus, CoverageCell, Outcome, RecordedExchange, RowCoverage, RunResults, ScenarioResult,
    StepResult, StepStatus, TargetInfo,
};
