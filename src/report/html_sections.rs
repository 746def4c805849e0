//! The HTML report's lists: each failure with its framed text and exchanges, the scenarios
//! not applicable to the target, every scenario, and the comparison with the baseline.

use super::baseline::{Change, Comparison};
use super::escape::markup;
use super::facts;
use super::html::Page;
use super::results::{Outcome, ScenarioResult};
use crate::contract::find_row;
use crate::wire::Format;
use std::fmt::Write as _;

impl Page<'_> {
    pub(super) fn failures(&self, out: &mut String) {
        let failed: Vec<(&ScenarioResult, &String)> = self
            .results
            .scenarios
            .iter()
            .zip(self.ids)
            .filter(|(s, _)| s.outcome == Outcome::Failed)
            .collect();
        let _ = writeln!(
            out,
            "<section id=\"failures\">\n<h2>Failures ({})</h2>",
            failed.len()
        );
        if failed.is_empty() {
            out.push_str("<p>No scenario failed.</p>\n");
        }
        for (scenario, id) in failed {
            self.failure(out, scenario, id);
        }
        out.push_str("</section>\n");
    }

    fn failure(&self, out: &mut String, scenario: &ScenarioResult, id: &str) {
        let anchor = self.anchors.get(id).map(String::as_str).unwrap_or_default();
        let headline = facts::headline(scenario).unwrap_or_default();
        let _ = writeln!(
            out,
            "<details class=\"failure\" id=\"{anchor}\">\n\
             <summary>{} <span class=\"headline\">— {}</span></summary>",
            markup(id),
            markup(&headline),
        );
        let rows: Vec<String> = facts::failed_rows(scenario)
            .iter()
            .map(|row| match find_row(row) {
                Some(r) => format!("{} ({}: {})", r.id, r.table.title(), r.title),
                None => row.clone(),
            })
            .collect();
        let rows = if rows.is_empty() {
            "none cited (the scenario carries no row tag)".to_string()
        } else {
            rows.join("; ")
        };
        let _ = writeln!(out, "<p>Contract row: {}</p>", markup(&rows));
        let text = scenario.reason.as_deref().unwrap_or("failed").trim_end();
        let _ = writeln!(out, "<pre>{}</pre>", markup(text));
        for exchange in &scenario.exchanges {
            let format = exchange.format.map_or("no format", Format::as_str);
            let _ = writeln!(
                out,
                "<details class=\"exchange\">\
                 <summary>{} {} ({format}) → HTTP {} in {} ms</summary>\n<pre>{}</pre>\n</details>",
                markup(&exchange.method),
                markup(&exchange.action),
                exchange.status,
                exchange.elapsed_ms,
                markup(exchange.transcript.trim_end()),
            );
        }
        out.push_str("</details>\n");
    }

    pub(super) fn not_applicable(&self, out: &mut String) {
        let skipped = self.results.with_outcome(Outcome::NotApplicable);
        if skipped.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "<section id=\"not-applicable\">\n<h2>Not applicable to this target ({})</h2>\n<ul>",
            skipped.len()
        );
        for scenario in skipped {
            let reason = scenario.reason.as_deref().unwrap_or("no reason recorded");
            let _ = writeln!(out, "<li>{}: {}</li>", markup(&scenario.id), markup(reason));
        }
        out.push_str("</ul>\n</section>\n");
    }

    pub(super) fn all_scenarios(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "<section id=\"scenarios\">\n<details><summary>All scenarios ({})</summary>\n<table>\n\
             <thead><tr><th>Scenario</th><th>Outcome</th><th>Rows</th><th>Formats</th>\
             <th>Time</th></tr></thead>\n<tbody>",
            self.ids.len()
        );
        for (scenario, id) in self.results.scenarios.iter().zip(self.ids) {
            let formats: Vec<&str> = scenario.formats.iter().map(|f| f.as_str()).collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"cell {}\">{}</td><td class=\"id\">{}</td>\
                 <td>{}</td><td>{} s</td></tr>",
                markup(id),
                outcome_class(scenario.outcome),
                scenario.outcome.label(),
                markup(&scenario.rows.join(" ")),
                formats.join(", "),
                facts::seconds(scenario.duration_ms),
            );
        }
        out.push_str("</tbody>\n</table>\n</details>\n</section>\n");
    }
}

fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Passed => "passed",
        Outcome::Failed => "failed",
        Outcome::NotApplicable => "not_applicable",
    }
}

/// The baseline section: counts per change, then the scenarios of each change.
pub(super) fn write_comparison(out: &mut String, comparison: &Comparison) {
    out.push_str("<section id=\"baseline\">\n<h2>Against the baseline</h2>\n<table>\n<tbody>\n");
    for change in Change::ALL {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            change.label(),
            comparison.count(change)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    for change in Change::ALL.into_iter().filter(|c| *c != Change::Unchanged) {
        if comparison.count(change) == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<ul class=\"changes\">",
            markup(change.label())
        );
        for entry in comparison.with(change) {
            let before = entry.before.map_or("absent", Outcome::label);
            let now = entry.now.map_or("absent", Outcome::label);
            let _ = writeln!(out, "<li>{} ({before} → {now})</li>", markup(&entry.id));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}
