//! `report.md`: a summary sized for a GitHub job summary (`$GITHUB_STEP_SUMMARY`, at most
//! 1 MiB): totals, the comparison with the baseline, the coverage matrix, and each failure
//! with the contract row it breaks and its exchanges in a collapsed `<details>`.
//!
//! When the full text would pass [`MAX_BYTES`], exchanges are left out, then failure texts;
//! the summary then says so and points at `report.html`.

use super::baseline::{self, Change, Comparison};
use super::escape::{fence_for, table_cell};
use super::facts;
use super::results::{CellStatus, Outcome, RowCoverage, RunResults, ScenarioResult};
use crate::contract::{Table, find_row};
use crate::wire::Format;
use std::fmt::Write as _;

/// The report's file name.
pub const FILE_NAME: &str = "report.md";

/// The most the summary may hold: GitHub refuses a step summary over 1 MiB.
pub const MAX_BYTES: usize = 1_000_000;

/// How much of each failure to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    Full,
    WithoutExchanges,
    Headlines,
}

/// The Markdown summary of a run, compared with `baseline` when one is given.
pub fn render(results: &RunResults, baseline: Option<&RunResults>) -> String {
    let comparison = baseline.map(|b| baseline::compare(b, results));
    let mut out = String::new();
    for detail in [Detail::Full, Detail::WithoutExchanges, Detail::Headlines] {
        out = render_with(results, comparison.as_ref(), detail);
        if out.len() <= MAX_BYTES {
            break;
        }
    }
    out
}

fn render_with(results: &RunResults, comparison: Option<&Comparison>, detail: Detail) -> String {
    let mut out = String::new();
    write_totals(&mut out, results);
    if let Some(comparison) = comparison {
        write_comparison(&mut out, comparison);
    }
    write_matrix(&mut out, results);
    write_failures(&mut out, results, detail);
    write_not_applicable(&mut out, results);
    out
}

fn write_totals(out: &mut String, results: &RunResults) {
    let (passed, failed, not_applicable) = results.counts();
    let verdict = if failed == 0 {
        "✅ conforming"
    } else {
        "❌ not conforming"
    };
    let _ = writeln!(out, "# dts-conformance: CreateReverseDtsJob — {verdict}\n");
    let _ = writeln!(
        out,
        "| scenarios | ✅ passed | ❌ failed | ➖ not applicable | coverage |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| {} | {passed} | {failed} | {not_applicable} | {:.1}% of contract cells passed |\n",
        results.scenarios.len(),
        results.coverage_percent(),
    );
    let _ = writeln!(
        out,
        "Target: {} `{}` · dts-conformance {} · started {} · {} s\n",
        table_cell(&results.target.kind),
        table_cell(&results.target.endpoint),
        table_cell(&results.tool_version),
        table_cell(&results.started_at),
        facts::seconds(results.duration_ms),
    );
}

fn write_comparison(out: &mut String, comparison: &Comparison) {
    let _ = writeln!(out, "## Against the baseline\n");
    let _ = writeln!(out, "| change | scenarios |\n|---|---:|");
    for change in Change::ALL {
        let _ = writeln!(
            out,
            "| {} {} | {} |",
            change_mark(change),
            change.label(),
            comparison.count(change)
        );
    }
    out.push('\n');
    for change in Change::ALL.into_iter().filter(|c| *c != Change::Unchanged) {
        if comparison.count(change) == 0 {
            continue;
        }
        let _ = writeln!(out, "**{} {}**\n", change_mark(change), change.label());
        for entry in comparison.with(change) {
            let before = entry.before.map_or("absent", Outcome::label);
            let now = entry.now.map_or("absent", Outcome::label);
            let _ = writeln!(out, "- {} ({before} → {now})", table_cell(&entry.id));
        }
        out.push('\n');
    }
}

fn change_mark(change: Change) -> &'static str {
    match change {
        Change::Regression => "🔻",
        Change::Fixed => "🔺",
        Change::StillFailing => "❌",
        Change::New => "🆕",
        Change::Removed => "🗑️",
        Change::Applicability => "➖",
        Change::Unchanged => "✅",
    }
}

/// A status as a summary cell shows it.
pub fn status_cell(status: CellStatus) -> &'static str {
    match status {
        CellStatus::Passed => "✅ passed",
        CellStatus::Failed => "❌ failed",
        CellStatus::NotApplicable => "➖ not applicable",
        CellStatus::NotTested => "⬜ not tested",
    }
}

fn write_matrix(out: &mut String, results: &RunResults) {
    let _ = writeln!(out, "## Coverage of the contract\n");
    let _ = writeln!(
        out,
        "Each row of the document's tables, by response format. Rows that must hold in both \
         formats have a JSON and an XML cell; the others one cell, in any format.\n"
    );
    for table in Table::ALL {
        let rows: Vec<&RowCoverage> = results
            .coverage
            .iter()
            .filter(|r| r.table == table.title())
            .collect();
        let cells = rows.iter().flat_map(|r| &r.cells);
        let passed = cells
            .clone()
            .filter(|c| c.status == CellStatus::Passed)
            .count();
        let _ = writeln!(
            out,
            "### {} ({passed}/{} cells passed)\n",
            table.title(),
            cells.count()
        );
        let _ = writeln!(
            out,
            "| row | title | JSON | XML | any |\n|---|---|---|---|---|"
        );
        for row in rows {
            let cell = |format: Option<Format>| {
                row.cells
                    .iter()
                    .find(|c| c.format == format)
                    .map_or("—", |c| status_cell(c.status))
            };
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                row.row,
                table_cell(&row.title),
                cell(Some(Format::Json)),
                cell(Some(Format::Xml)),
                cell(None),
            );
        }
        out.push('\n');
    }
}

fn write_failures(out: &mut String, results: &RunResults, detail: Detail) {
    let ids = facts::unique_ids(&results.scenarios);
    let failed: Vec<(&ScenarioResult, &String)> = results
        .scenarios
        .iter()
        .zip(&ids)
        .filter(|(s, _)| s.outcome == Outcome::Failed)
        .collect();
    if failed.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Failures ({})\n", failed.len());
    if detail != Detail::Full {
        let _ = writeln!(
            out,
            "_Shortened to fit a job summary: {}; report.html has everything._\n",
            if detail == Detail::Headlines {
                "failure texts and exchanges left out"
            } else {
                "exchanges left out"
            }
        );
    }
    for (scenario, id) in failed {
        write_failure(out, scenario, id, detail);
    }
}

fn write_failure(out: &mut String, scenario: &ScenarioResult, id: &str, detail: Detail) {
    let _ = writeln!(out, "### ❌ {}\n", table_cell(id));
    let rows = facts::failed_rows(scenario);
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "- contract row: none cited (the scenario carries no row tag)"
        );
    }
    for row in rows {
        let title = find_row(&row).map(|r| format!(" ({}: {})", r.table.title(), r.title));
        let _ = writeln!(
            out,
            "- contract row `{row}`{}",
            table_cell(&title.unwrap_or_default())
        );
    }
    let _ = writeln!(
        out,
        "- {}\n",
        table_cell(&facts::headline(scenario).unwrap_or_default())
    );
    if detail == Detail::Headlines {
        return;
    }
    let text = scenario.reason.as_deref().unwrap_or("failed").trim_end();
    let fence = fence_for(text);
    let _ = writeln!(out, "{fence}text\n{text}\n{fence}\n");
    if detail == Detail::Full && !scenario.exchanges.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>Exchanges ({})</summary>\n",
            scenario.exchanges.len()
        );
        for exchange in &scenario.exchanges {
            let fence = fence_for(&exchange.transcript);
            let _ = writeln!(
                out,
                "{fence}http\n{}\n{fence}\n",
                exchange.transcript.trim_end()
            );
        }
        let _ = writeln!(out, "</details>\n");
    }
}

fn write_not_applicable(out: &mut String, results: &RunResults) {
    let skipped = results.with_outcome(Outcome::NotApplicable);
    if skipped.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## Not applicable to this target ({})\n",
        skipped.len()
    );
    for scenario in skipped {
        let reason = scenario.reason.as_deref().unwrap_or("no reason recorded");
        let _ = writeln!(
            out,
            "- {}: {}",
            table_cell(&scenario.id),
            table_cell(reason)
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn the_summary_has_totals_matrix_and_failure_with_its_row() {
        let md = render(&fixture::run(), None);
        assert!(md.contains("| 5 | 3 | 1 | 1 |"), "{md}");
        assert!(
            md.contains("| `resp.Success` | Success | ❌ failed | ⬜ not tested | — |"),
            "{md}"
        );
        assert!(
            md.contains("| `req.Action` | Action | — | — | ✅ passed |"),
            "{md}"
        );
        assert!(
            md.contains("- contract row `resp.Success` (Response parameters: Success)"),
            "{md}"
        );
        assert!(
            md.contains("<details><summary>Exchanges (1)</summary>"),
            "{md}"
        );
        assert!(!md.contains("Against the baseline"), "{md}");
    }

    #[test]
    fn a_body_cannot_open_a_tag_outside_a_code_block() {
        let md = render(&fixture::run(), None);
        let outside: String = md.split("```").step_by(2).collect();
        assert!(!outside.contains("<Response>"), "{outside}");
    }

    #[test]
    fn regressions_against_the_baseline_are_listed() {
        let mut baseline = fixture::run();
        baseline.scenarios[1].outcome = Outcome::Passed;
        let md = render(&fixture::run(), Some(&baseline));
        assert!(md.contains("| 🔻 regression | 1 |"), "{md}");
        let line = "- response fields / a successful call answers with Success in JSON \
                    (passed → failed)";
        assert!(md.contains(line), "{md}");
    }

    #[test]
    fn an_oversized_summary_drops_exchanges_first() {
        let mut results = fixture::run();
        let big = "x".repeat(MAX_BYTES);
        results.scenarios[1].exchanges[0].transcript = big;
        let md = render(&results, None);
        assert!(md.len() <= MAX_BYTES, "{}", md.len());
        assert!(md.contains("exchanges left out"));
        assert!(md.contains("check: Success is the string"));
    }
}
