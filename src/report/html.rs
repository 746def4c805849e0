//! `report.html`: one self-contained page (inline CSS, no script, no external URL of any
//! kind) for a person to look at: totals, the comparison with the baseline, the coverage
//! matrix of every contract row by format coloured by outcome, and every failure expandable
//! to its framed text and its exchanges.
//!
//! Every piece of text from the run is escaped (control characters included), so a response
//! body can neither add markup nor make the page fetch anything.

use super::baseline;
use super::escape::markup;
use super::facts;
use super::html_sections::write_comparison;
use super::results::{CellStatus, CoverageCell, Outcome, RowCoverage, RunResults, ScenarioResult};
use crate::contract::Table;
use crate::wire::Format;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The report's file name.
pub const FILE_NAME: &str = "report.html";

const STYLE: &str = include_str!("html.css");

/// The HTML report of a run, compared with `baseline` when one is given.
pub fn render(results: &RunResults, baseline: Option<&RunResults>) -> String {
    let ids = facts::unique_ids(&results.scenarios);
    let page = Page {
        results,
        ids: &ids,
        anchors: anchors(results, &ids),
    };
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>dts-conformance: CreateReverseDtsJob</title>\n");
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>");
    page.header(&mut out);
    out.push_str("<main>\n");
    if let Some(baseline) = baseline {
        write_comparison(&mut out, &baseline::compare(baseline, results));
    }
    page.matrix(&mut out);
    page.failures(&mut out);
    page.not_applicable(&mut out);
    page.all_scenarios(&mut out);
    let _ = writeln!(
        out,
        "</main>\n<footer>dts-conformance {}</footer>\n</body>\n</html>",
        markup(&results.tool_version)
    );
    out
}

/// Anchor names of failed scenarios, by id, so matrix cells can link to them.
fn anchors(results: &RunResults, ids: &[String]) -> HashMap<String, String> {
    results
        .scenarios
        .iter()
        .zip(ids)
        .enumerate()
        .filter(|(_, (s, _))| s.outcome == Outcome::Failed)
        .map(|(i, (_, id))| (id.clone(), format!("failure-{}", i + 1)))
        .collect()
}

/// The run being rendered, with what every section needs of it.
pub(super) struct Page<'a> {
    /// The run.
    pub(super) results: &'a RunResults,
    /// Its scenarios' unique ids, in order.
    pub(super) ids: &'a [String],
    /// Anchor names of failed scenarios, by id.
    pub(super) anchors: HashMap<String, String>,
}

impl Page<'_> {
    fn scenario(&self, id: &str) -> Option<&ScenarioResult> {
        self.results.scenarios.iter().find(|s| s.id == id)
    }

    fn header(&self, out: &mut String) {
        let r = self.results;
        let (passed, failed, not_applicable) = r.counts();
        let (class, verdict) = if failed == 0 {
            ("ok", "Conforming: no scenario failed".to_string())
        } else {
            (
                "bad",
                format!("Not conforming: {failed} scenario(s) failed"),
            )
        };
        let _ = writeln!(out, "<header>\n<h1>CreateReverseDtsJob conformance</h1>");
        let _ = writeln!(
            out,
            "<div class=\"verdict {class}\">{}</div>",
            markup(&verdict)
        );
        let _ = writeln!(
            out,
            "<p class=\"meta\">Target: {} <code>{}</code> · dts-conformance {} · started {} · \
             {} s</p>",
            markup(&r.target.kind),
            markup(&r.target.endpoint),
            markup(&r.tool_version),
            markup(&r.started_at),
            facts::seconds(r.duration_ms),
        );
        out.push_str("<div class=\"totals\">\n");
        let totals = [
            ("", "scenarios", r.scenarios.len().to_string()),
            ("passed", "passed", passed.to_string()),
            ("failed", "failed", failed.to_string()),
            (
                "not_applicable",
                "not applicable",
                not_applicable.to_string(),
            ),
            (
                "",
                "contract cells passed",
                format!("{:.1}%", r.coverage_percent()),
            ),
        ];
        for (class, label, value) in totals {
            let _ = writeln!(
                out,
                "<div class=\"total {class}\"><b>{value}</b>{label}</div>"
            );
        }
        out.push_str("</div>\n</header>\n");
    }

    fn matrix(&self, out: &mut String) {
        out.push_str("<section id=\"coverage\">\n<h2>Coverage of the contract</h2>\n");
        out.push_str(
            "<p>Every row of the document's request, response and error tables, every clause of \
             its described behaviour, and the common request rules, by response format. Hover a \
             cell for the scenarios behind it.</p>\n<p class=\"legend\">",
        );
        for status in [
            CellStatus::Passed,
            CellStatus::Failed,
            CellStatus::NotApplicable,
            CellStatus::NotTested,
        ] {
            let _ = write!(
                out,
                "<span class=\"{}\">{}</span>",
                class(status),
                status.label()
            );
        }
        out.push_str("</p>\n");
        for table in Table::ALL {
            let rows: Vec<&RowCoverage> = self
                .results
                .coverage
                .iter()
                .filter(|r| r.table == table.title())
                .collect();
            self.table(out, table, &rows);
        }
        out.push_str("</section>\n");
    }

    fn table(&self, out: &mut String, table: Table, rows: &[&RowCoverage]) {
        let cells: Vec<&CoverageCell> = rows.iter().flat_map(|r| &r.cells).collect();
        let passed = cells
            .iter()
            .filter(|c| c.status == CellStatus::Passed)
            .count();
        let _ = writeln!(
            out,
            "<h3>{} ({passed}/{} cells passed)</h3>",
            markup(table.title()),
            cells.len()
        );
        out.push_str("<table class=\"matrix\">\n<thead><tr><th>Row</th><th>Title</th>");
        out.push_str("<th>JSON</th><th>XML</th><th>Any format</th></tr></thead>\n<tbody>\n");
        for row in rows {
            let _ = write!(
                out,
                "<tr><td class=\"id\">{}</td><td>{}</td>",
                markup(&row.row),
                markup(&row.title)
            );
            for format in [Some(Format::Json), Some(Format::Xml), None] {
                match row.cells.iter().find(|c| c.format == format) {
                    Some(cell) => self.cell(out, row, cell),
                    None => out.push_str("<td class=\"cell none\">—</td>"),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }

    fn cell(&self, out: &mut String, row: &RowCoverage, cell: &CoverageCell) {
        let label = markup(cell.status.label());
        let content = match self.first_failure(cell) {
            Some(anchor) if cell.status == CellStatus::Failed => {
                format!("<a href=\"#{anchor}\">{label}</a>")
            }
            _ => label,
        };
        let _ = write!(
            out,
            "<td class=\"cell {}\" title=\"{}\">{content}</td>",
            class(cell.status),
            markup(&self.tooltip(row, cell)),
        );
    }

    fn first_failure(&self, cell: &CoverageCell) -> Option<&str> {
        cell.scenarios
            .iter()
            .find_map(|id| self.anchors.get(id))
            .map(String::as_str)
    }

    fn tooltip(&self, row: &RowCoverage, cell: &CoverageCell) -> String {
        let format = cell
            .format
            .map_or("any format".to_string(), |f| f.to_string());
        if cell.scenarios.is_empty() {
            return format!("no scenario covers {} in {format}", row.row);
        }
        let lines: Vec<String> = cell
            .scenarios
            .iter()
            .map(|id| match self.scenario(id) {
                Some(s) if s.outcome == Outcome::Passed => format!("{id}: passed"),
                Some(s) => format!(
                    "{id}: {}: {}",
                    s.outcome.label(),
                    facts::headline(s).unwrap_or_default()
                ),
                None => id.clone(),
            })
            .collect();
        format!("{} in {format}\n{}", row.row, lines.join("\n"))
    }
}

fn class(status: CellStatus) -> &'static str {
    match status {
        CellStatus::Passed => "passed",
        CellStatus::Failed => "failed",
        CellStatus::NotApplicable => "not_applicable",
        CellStatus::NotTested => "not_tested",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::all_rows;
    use crate::report::fixture;

    /// The page with the content of every `<pre>`, `<code>` and `title="…"` removed: what
    /// is left is the page's own markup.
    fn own_markup(html: &str) -> String {
        let mut rest = html.to_string();
        for (open, close) in [
            ("<pre>", "</pre>"),
            ("<code>", "</code>"),
            (" title=\"", "\""),
        ] {
            let mut kept = String::new();
            let mut text = rest.as_str();
            while let Some(start) = text.find(open) {
                kept.push_str(&text[..start + open.len()]);
                let after = &text[start + open.len()..];
                let end = after.find(close).unwrap_or(after.len());
                text = &after[end..];
            }
            kept.push_str(text);
            rest = kept;
        }
        rest
    }

    #[test]
    fn the_page_refers_to_nothing_outside_itself() {
        let html = render(&fixture::run(), None);
        let own = own_markup(&html);
        for forbidden in [
            "http://", "https://", "src=", "<link", "<script", "url(", "@import", "<img",
            "<iframe", "<object", "<embed",
        ] {
            assert!(
                !own.to_ascii_lowercase().contains(forbidden),
                "{forbidden} in\n{own}"
            );
        }
        assert!(
            html.contains("see https://example.com/x"),
            "the body is shown, escaped"
        );
    }

    #[test]
    fn bodies_are_escaped_not_rendered() {
        let html = render(&fixture::run(), None);
        assert!(html.contains("&lt;Response&gt;&lt;Success&gt;true&lt;/Success&gt;"));
        assert!(!html.contains("<Response>"));
    }

    #[test]
    fn the_matrix_lists_every_row_of_the_contract() {
        let html = render(&fixture::run(), None);
        for row in all_rows() {
            assert!(
                html.contains(&format!("<td class=\"id\">{}</td>", row.id)),
                "{}",
                row.id
            );
        }
    }

    #[test]
    fn a_failed_cell_links_to_its_failure_and_not_applicable_explains_why() {
        let html = render(&fixture::run(), None);
        assert!(html.contains("<a href=\"#failure-2\">failed</a>"), "{html}");
        assert!(
            html.contains("<details class=\"failure\" id=\"failure-2\">"),
            "{html}"
        );
        let tooltip = "title=\"beh.4 in any format\nlifecycle / the writer waits: not applicable: \
                       needs the mock&apos;s control API\"";
        assert!(html.contains(tooltip), "{html}");
    }
}
