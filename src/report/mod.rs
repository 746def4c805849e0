//! What a run leaves behind: the results record, the coverage matrix, and the failure
//! formatter every failing check goes through.

pub mod coverage;
pub mod failure;
pub mod results;
pub mod terminal;

pub use failure::{Failure, FieldMismatch};
pub use results::{
    CellStatus, CoverageCell, Outcome, RecordedExchange, RowCoverage, RunResults, ScenarioResult,
    StepResult, StepStatus, TargetInfo,
};
