//! The coverage matrix: every row of the contract against the scenarios that exercise it.

use super::results::{CellStatus, CoverageCell, Outcome, RowCoverage, ScenarioResult};
use crate::contract::{Row, all_rows};
use crate::wire::Format;

/// Build the matrix for every contract row from a run's scenarios.
pub fn matrix(scenarios: &[ScenarioResult]) -> Vec<RowCoverage> {
    all_rows()
        .iter()
        .map(|row| row_coverage(row, scenarios))
        .collect()
}

fn row_coverage(row: &Row, scenarios: &[ScenarioResult]) -> RowCoverage {
    let formats: Vec<Option<Format>> = if row.per_format {
        Format::ALL.iter().copied().map(Some).collect()
    } else {
        vec![None]
    };
    let cells = formats
        .into_iter()
        .map(|format| {
            let covering: Vec<&ScenarioResult> = scenarios
                .iter()
                .filter(|s| s.rows.iter().any(|r| r == row.id))
                .filter(|s| format.is_none_or(|f| s.formats.contains(&f)))
                .collect();
            CoverageCell {
                format,
                status: cell_status(&covering),
                scenarios: covering.iter().map(|s| s.id.clone()).collect(),
            }
        })
        .collect();
    RowCoverage {
        row: row.id.to_string(),
        table: row.table.title().to_string(),
        title: row.title.to_string(),
        cells,
    }
}

fn cell_status(covering: &[&ScenarioResult]) -> CellStatus {
    let any = |o: Outcome| covering.iter().any(|s| s.outcome == o);
    if any(Outcome::Failed) {
        CellStatus::Failed
    } else if any(Outcome::Passed) {
        CellStatus::Passed
    } else if any(Outcome::NotApplicable) {
        CellStatus::NotApplicable
    } else {
        CellStatus::NotTested
    }
}

/// Rows (with the format, for per-format rows) that no scenario covers at all.
pub fn untraced(coverage: &[RowCoverage]) -> Vec<String> {
    coverage
        .iter()
        .flat_map(|row| {
            row.cells
                .iter()
                .filter(|c| c.scenarios.is_empty())
                .map(move |cell| match cell.format {
                    Some(format) => format!("{} in {format}", row.row),
                    None => row.row.clone(),
                })
        })
        .collect()
}
