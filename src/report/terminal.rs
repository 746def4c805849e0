//! What the terminal shows: a line per finished scenario, then the summary. The only module
//! that prints.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the terminal reporter prints"
)]

use super::results::{CellStatus, Outcome, RunResults};
use crate::contract::Table;
use std::fmt::Write as _;
use std::io::IsTerminal;

/// One line for a finished scenario, on stderr.
pub fn progress(passed: bool, name: &str, file: &str, line: usize) {
    let mark = match (passed, std::io::stderr().is_terminal()) {
        (true, true) => "\x1b[32m✓\x1b[0m",
        (false, true) => "\x1b[31m✗\x1b[0m",
        (true, false) => "ok  ",
        (false, false) => "FAIL",
    };
    eprintln!("{mark} {name}  ({file}:{line})");
}

/// Print the summary to stdout.
pub fn print_summary(results: &RunResults) {
    print!("{}", summary(results));
}

/// Print text to stdout (for the CLI's reports and diffs).
pub fn print_text(text: &str) {
    print!("{text}");
}

/// The summary: counts per outcome, coverage per table of the document, every failure framed,
/// and every not-applicable scenario with its reason.
pub fn summary(results: &RunResults) -> String {
    let (passed, failed, not_applicable) = results.counts();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{} scenarios: {passed} passed, {failed} failed, {not_applicable} not applicable \
         ({:.2} s against {} {})",
        results.scenarios.len(),
        results.duration_ms as f64 / 1000.0,
        results.target.kind,
        results.target.endpoint,
    );
    write_scenarios_per_table(&mut out, results);
    let _ = writeln!(
        out,
        "\ncoverage of the contract (cells passed / cells; \
         a cell is a row, in each format for per-format rows):"
    );
    for table in Table::ALL {
        let cells: Vec<CellStatus> = results
            .coverage
            .iter()
            .filter(|row| row.table == table.title())
            .flat_map(|row| row.cells.iter().map(|c| c.status))
            .collect();
        let count = |s: CellStatus| cells.iter().filter(|c| **c == s).count();
        let _ = writeln!(
            out,
            "  {:<24} {:>3}/{:<3} passed  {} failed  {} not applicable  {} not tested",
            table.title(),
            count(CellStatus::Passed),
            cells.len(),
            count(CellStatus::Failed),
            count(CellStatus::NotApplicable),
            count(CellStatus::NotTested),
        );
    }
    let _ = writeln!(
        out,
        "  overall: {:.1}% of cells exercised and passed",
        results.coverage_percent()
    );
    write_failures(&mut out, results);
    write_not_applicable(&mut out, results);
    out
}

fn write_scenarios_per_table(out: &mut String, results: &RunResults) {
    let _ = writeln!(
        out,
        "\nscenarios per table of the document (passed / failed / not applicable):"
    );
    for table in Table::ALL {
        let prefix = format!("{}.", table.prefix());
        let touching: Vec<Outcome> = results
            .scenarios
            .iter()
            .filter(|s| s.rows.iter().any(|r| r.starts_with(&prefix)))
            .map(|s| s.outcome)
            .collect();
        let count = |o: Outcome| touching.iter().filter(|t| **t == o).count();
        let _ = writeln!(
            out,
            "  {:<24} {:>3} / {} / {}",
            table.title(),
            count(Outcome::Passed),
            count(Outcome::Failed),
            count(Outcome::NotApplicable),
        );
    }
}

fn write_failures(out: &mut String, results: &RunResults) {
    let failures = results.with_outcome(Outcome::Failed);
    if failures.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nfailures:");
    for scenario in failures {
        let _ = writeln!(
            out,
            "\n{}",
            scenario.reason.as_deref().unwrap_or("failed").trim_end()
        );
    }
}

fn write_not_applicable(out: &mut String, results: &RunResults) {
    let skipped = results.with_outcome(Outcome::NotApplicable);
    if skipped.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nnot applicable to this target:");
    for scenario in skipped {
        let _ = writeln!(
            out,
            "  - {}: {}",
            scenario.id,
            scenario.reason.as_deref().unwrap_or("no reason recorded")
        );
    }
}
