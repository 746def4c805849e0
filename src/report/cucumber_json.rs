//! `cucumber.json`: the results in the standard Cucumber JSON format that existing report
//! tools (Jenkins' cucumber-reports, cucumber-html-reporter, Allure, Xray) read.
//!
//! An array of features `{uri, id, keyword, name, description, line, tags, elements}`, each
//! element a scenario `{id, keyword, type, name, description, line, tags, steps}`, each step
//! `{keyword, name, line, result: {status, duration, error_message}}` with `duration` in
//! nanoseconds and `keyword` with its trailing space (`"Given "`).
//!
//! Choices where `results.json` holds less than the format can say:
//!
//! - **Not applicable** scenarios never ran, so their steps are unknown. Each gets one step
//!   `* not applicable to this target: <reason>` with status `skipped`, so every tool counts
//!   the scenario as skipped (a scenario without steps is counted as passed by some) and
//!   shows the reason.
//! - A **failed** scenario none of whose steps failed (a hook failed, or it did not finish)
//!   gets a step `* the scenario failed outside its steps` with status `failed` and the
//!   reason as its message, for the same reason.
//! - **Tags**: results keep a scenario's tags merged with its feature's, so every tag is
//!   listed on the scenario (as Cucumber lists inherited tags) and the feature's own list is
//!   empty. A tag's `line` is its scenario's line: tag lines are not recorded.
//! - A feature's `line` is 1, where every feature file of this project opens.

use super::error::ReportError;
use super::facts;
use super::results::{Outcome, RunResults, ScenarioResult, StepResult, StepStatus};
use serde_json::{Value, json};

/// The report's file name.
pub const FILE_NAME: &str = "cucumber.json";

/// The Cucumber JSON document for a run.
pub fn to_value(results: &RunResults) -> Value {
    let ids = facts::unique_ids(&results.scenarios);
    let mut features: Vec<(&str, Vec<Value>)> = Vec::new();
    for (scenario, id) in results.scenarios.iter().zip(&ids) {
        let element = element(scenario, id);
        match features
            .iter_mut()
            .find(|(name, _)| *name == scenario.feature)
        {
            Some((_, elements)) => elements.push(element),
            None => features.push((&scenario.feature, vec![element])),
        }
    }
    let features = features.into_iter().map(|(name, elements)| {
        let uri = results
            .scenarios
            .iter()
            .find(|s| s.feature == name)
            .map(|s| s.feature_file.as_str())
            .unwrap_or_default();
        json!({
            "uri": uri,
            "id": slug(name),
            "keyword": "Feature",
            "name": name,
            "description": "",
            "line": 1,
            "tags": [],
            "elements": elements,
        })
    });
    Value::Array(features.collect())
}

/// The Cucumber JSON text for a run.
///
/// # Errors
///
/// [`ReportError::Serialise`] if serde cannot print the value (it always can).
pub fn render(results: &RunResults) -> Result<String, ReportError> {
    let mut text =
        serde_json::to_string_pretty(&to_value(results)).map_err(|e| ReportError::Serialise {
            report: FILE_NAME,
            reason: e.to_string(),
        })?;
    text.push('\n');
    Ok(text)
}

fn element(scenario: &ScenarioResult, unique_id: &str) -> Value {
    let name = unique_id
        .strip_prefix(&format!("{} / ", scenario.feature))
        .unwrap_or(unique_id);
    let tags: Vec<Value> = scenario
        .tags
        .iter()
        .map(|t| json!({ "name": format!("@{t}"), "line": scenario.line }))
        .collect();
    json!({
        "id": format!("{};{}", slug(&scenario.feature), slug(name)),
        "keyword": "Scenario",
        "type": "scenario",
        "name": name,
        "description": "",
        "line": scenario.line,
        "tags": tags,
        "steps": steps(scenario),
    })
}

fn steps(scenario: &ScenarioResult) -> Vec<Value> {
    let reason = scenario.reason.as_deref().unwrap_or_default();
    let mut steps: Vec<Value> = scenario.steps.iter().map(step).collect();
    match scenario.outcome {
        Outcome::NotApplicable => {
            let text = format!("not applicable to this target: {reason}");
            steps = vec![synthetic(&text, scenario.line, "skipped", None)];
        }
        Outcome::Failed
            if !scenario
                .steps
                .iter()
                .any(|s| s.status != StepStatus::Passed) =>
        {
            let text = "the scenario failed outside its steps";
            steps.push(synthetic(text, scenario.line, "failed", Some(reason)));
        }
        _ => {}
    }
    steps
}

fn step(step: &StepResult) -> Value {
    let mut result = json!({
        "status": status(step.status),
        "duration": step.duration_ms.saturating_mul(1_000_000),
    });
    if let Some(error) = &step.error {
        result["error_message"] = json!(error);
    }
    json!({
        "keyword": format!("{} ", step.keyword.trim()),
        "name": step.text,
        "line": step.line,
        "result": result,
    })
}

fn synthetic(name: &str, line: usize, status: &str, error: Option<&str>) -> Value {
    let mut result = json!({ "status": status, "duration": 0 });
    if let Some(error) = error {
        result["error_message"] = json!(error);
    }
    json!({ "keyword": "* ", "name": name, "line": line, "result": result })
}

fn status(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Passed => "passed",
        StepStatus::Failed => "failed",
        StepStatus::Skipped => "skipped",
        StepStatus::Undefined => "undefined",
        StepStatus::Ambiguous => "ambiguous",
    }
}

/// Cucumber's id form: lower case, runs of anything but letters and digits as one `-`.
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn steps_keep_cucumber_keywords_statuses_and_nanoseconds() {
        let value = to_value(&fixture::run());
        let failed = &value[1]["elements"][0];
        assert_eq!(
            failed["id"],
            "response-fields;a-successful-call-answers-with-success-in-json"
        );
        assert_eq!(failed["steps"][0]["keyword"], "Given ");
        assert_eq!(failed["steps"][0]["result"]["duration"], 3_000_000);
        assert_eq!(failed["steps"][1]["result"]["status"], "failed");
        let message = failed["steps"][1]["result"]["error_message"]
            .as_str()
            .unwrap_or_default();
        assert!(
            message.starts_with("contract row resp.Success"),
            "{message}"
        );
        assert_eq!(failed["steps"][2]["result"]["status"], "skipped");
    }

    #[test]
    fn a_not_applicable_scenario_has_one_skipped_step_with_the_reason() {
        let value = to_value(&fixture::run());
        let steps = &value[2]["elements"][0]["steps"];
        assert_eq!(steps.as_array().map(Vec::len), Some(1));
        assert_eq!(steps[0]["result"]["status"], "skipped");
        assert_eq!(
            steps[0]["name"],
            "not applicable to this target: needs the mock's control API"
        );
    }

    #[test]
    fn repeated_names_are_numbered_and_tags_carry_the_at_sign() {
        let value = to_value(&fixture::run());
        let rules = &value[0]["elements"];
        assert_eq!(rules[2]["name"], "a repeated title #2");
        assert_eq!(rules[2]["tags"][0]["name"], "@gw.SignatureNonceUsed");
    }

    #[test]
    fn a_failure_outside_the_steps_is_not_shown_as_passed() {
        let mut results = fixture::run();
        results.scenarios[0].outcome = Outcome::Failed;
        results.scenarios[0].reason = Some("Before hook failed: no account".into());
        let value = to_value(&results);
        let steps = value[0]["elements"][0]["steps"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let last = steps.last().cloned().unwrap_or_default();
        assert_eq!(last["result"]["status"], "failed");
        assert_eq!(
            last["result"]["error_message"],
            "Before hook failed: no account"
        );
    }
}
