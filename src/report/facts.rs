//! What every report derives the same way from a run: unique scenario ids, the contract rows
//! a failure cites, and a failure's one-line headline.

use super::results::{Outcome, ScenarioResult, StepStatus};
use std::collections::HashMap;

/// Each scenario's id, made unique: a second scenario with the same feature and name (an
/// outline whose title lacks a placeholder) gets ` #2`, a third ` #3`, in file order.
///
/// The suffix depends on order only, never on line numbers, so it stays stable when lines
/// are inserted.
pub fn unique_ids(scenarios: &[ScenarioResult]) -> Vec<String> {
    occurrences(scenarios)
        .into_iter()
        .zip(scenarios)
        .map(|(n, s)| format!("{}{}", s.id, suffix(n)))
        .collect()
}

/// Each scenario's name, made unique within its feature the way [`unique_ids`] does.
pub fn unique_names(scenarios: &[ScenarioResult]) -> Vec<String> {
    occurrences(scenarios)
        .into_iter()
        .zip(scenarios)
        .map(|(n, s)| format!("{}{}", s.name, suffix(n)))
        .collect()
}

fn occurrences(scenarios: &[ScenarioResult]) -> Vec<usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    scenarios
        .iter()
        .map(|s| {
            let n = seen.entry(s.id.as_str()).or_insert(0);
            *n += 1;
            *n
        })
        .collect()
}

fn suffix(occurrence: usize) -> String {
    if occurrence > 1 {
        format!(" #{occurrence}")
    } else {
        String::new()
    }
}

/// The contract rows a failed scenario's failure text cites (`contract row resp.Success`),
/// in order, without repeats; the rows the scenario covers when the text cites none.
pub fn failed_rows(scenario: &ScenarioResult) -> Vec<String> {
    let text = scenario.reason.as_deref().unwrap_or_default();
    let mut rows: Vec<String> = Vec::new();
    for (i, _) in text.match_indices("contract row ") {
        let rest = &text[i + "contract row ".len()..];
        let id: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        let id = id.trim_end_matches('.').to_string();
        if !id.is_empty() && !rows.contains(&id) {
            rows.push(id);
        }
    }
    if rows.is_empty() {
        scenario.rows.clone()
    } else {
        rows
    }
}

/// One line that says what went wrong (for a failure) or why the scenario did not run (for
/// not applicable): the first line of the failing step's message, else the first line of
/// the reason that is not part of the frame (`Scenario:`, `at`, `step:`). `None` for a pass.
pub fn headline(scenario: &ScenarioResult) -> Option<String> {
    match scenario.outcome {
        Outcome::Passed => None,
        Outcome::NotApplicable => Some(first_line(scenario.reason.as_deref()).to_string()),
        Outcome::Failed => {
            let step = scenario
                .steps
                .iter()
                .find(|s| s.status != StepStatus::Passed);
            let from_step = step
                .and_then(|s| s.error.as_deref())
                .map(|e| first_line(Some(e)));
            let line = match from_step {
                Some(line) if !line.is_empty() => line.to_string(),
                _ => reason_headline(scenario.reason.as_deref()),
            };
            Some(line)
        }
    }
}

fn reason_headline(reason: Option<&str>) -> String {
    let text = reason.unwrap_or_default();
    text.lines()
        .map(str::trim)
        .find(|l| {
            !l.is_empty()
                && !["Scenario:", "at ", "step:"]
                    .iter()
                    .any(|p| l.starts_with(p))
        })
        .unwrap_or("failed")
        .to_string()
}

fn first_line(text: Option<&str>) -> &str {
    let text = text.unwrap_or_default();
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
}

/// Milliseconds as seconds with three decimals, as JUnit's `time` attribute wants them.
pub fn seconds(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn a_failure_cites_the_rows_its_text_names() {
        let run = fixture::run();
        assert_eq!(failed_rows(&run.scenarios[1]), ["resp.Success"]);
    }

    #[test]
    fn a_failure_that_names_no_row_falls_back_to_the_rows_covered() {
        let mut scenario = fixture::run().scenarios[1].clone();
        scenario.reason = Some("Before hook failed: the account was refused".into());
        scenario.steps.clear();
        assert_eq!(failed_rows(&scenario), ["resp.Success", "resp.RequestId"]);
        assert_eq!(
            headline(&scenario).as_deref(),
            Some("Before hook failed: the account was refused")
        );
    }

    #[test]
    fn the_headline_skips_the_frame_when_no_step_says_more() {
        let mut scenario = fixture::run().scenarios[1].clone();
        scenario.steps.clear();
        assert_eq!(
            headline(&scenario).as_deref(),
            Some("contract row resp.Success (Response parameters: Success)")
        );
    }

    #[test]
    fn seconds_keep_three_decimals() {
        assert_eq!(seconds(0), "0.000");
        assert_eq!(seconds(61_005), "61.005");
    }
}
