//! A small run with every kind of outcome, for the reports' unit tests.

use super::coverage;
use super::failure::{Failure, FieldMismatch, Place, frame};
use super::results::{
    Outcome, RecordedExchange, RunResults, SCHEMA_VERSION, ScenarioResult, StepResult, StepStatus,
    TargetInfo,
};
use crate::wire::Format;

/// A body with markup, an ampersand, a control character and a URL: everything a report
/// must escape or keep out of its own markup.
pub const NASTY_BODY: &str = "<Response><Success>true</Success>\
    <Note>a & b \u{1b}[0m see https://example.com/x</Note></Response>";

/// The run: a pass, a failure, a not-applicable scenario, and two scenarios sharing a name.
pub fn run() -> RunResults {
    let scenarios = vec![
        passed(
            "rules",
            "a V1 request sent with GET is accepted",
            &["req.Action"],
        ),
        failed(),
        not_applicable(),
        passed("rules", "a repeated title", &["gw.SignatureNonceUsed"]),
        passed("rules", "a repeated title", &["gw.SignatureNonceUsed"]),
    ];
    let coverage = coverage::matrix(&scenarios);
    RunResults {
        schema: SCHEMA_VERSION,
        tool_version: "0.1.0".into(),
        target: TargetInfo {
            endpoint: "http://127.0.0.1:4000".into(),
            kind: "embedded-mock".into(),
            allow_mutations: true,
        },
        started_at: "2026-01-02T03:04:05Z".into(),
        duration_ms: 1234,
        scenarios,
        coverage,
    }
}

fn scenario(feature: &str, name: &str, rows: &[&str], outcome: Outcome) -> ScenarioResult {
    ScenarioResult {
        id: format!("{feature} / {name}"),
        feature: feature.into(),
        feature_file: format!("features/{}.feature", feature.replace(' ', "_")),
        name: name.into(),
        line: 7,
        tags: rows.iter().map(|r| r.to_string()).collect(),
        rows: rows.iter().map(|r| r.to_string()).collect(),
        formats: vec![Format::Json],
        outcome,
        reason: None,
        duration_ms: 12,
        steps: Vec::new(),
        exchanges: Vec::new(),
    }
}

/// A passing scenario of `feature`.
pub fn passed(feature: &str, name: &str, rows: &[&str]) -> ScenarioResult {
    let mut s = scenario(feature, name, rows, Outcome::Passed);
    s.steps = vec![step(
        "When",
        "the caller calls it",
        StepStatus::Passed,
        None,
    )];
    s
}

fn failed() -> ScenarioResult {
    let name = "a successful call answers with Success in JSON";
    let mut s = scenario(
        "response fields",
        name,
        &["resp.Success", "resp.RequestId"],
        Outcome::Failed,
    );
    let error = Failure::new(Some("resp.Success"), "Success is the string \"true\"")
        .field(FieldMismatch::new("Success", "\"true\"", "true"))
        .exchange(exchange().transcript)
        .to_string();
    let error = error.as_str();
    s.steps = vec![
        step(
            "Given",
            "the caller asks for JSON responses",
            StepStatus::Passed,
            None,
        ),
        step(
            "Then",
            "\"Success\" is the string \"true\"",
            StepStatus::Failed,
            Some(error),
        ),
        step(
            "And",
            "\"RequestId\" has the form of a request ID",
            StepStatus::Skipped,
            None,
        ),
    ];
    let place = Place {
        scenario: name,
        feature_file: &s.feature_file,
        step: "Then \"Success\" is the string \"true\"",
        line: 9,
    };
    s.reason = Some(frame(&place, error));
    s.exchanges = vec![exchange()];
    s
}

fn not_applicable() -> ScenarioResult {
    let mut s = scenario(
        "lifecycle",
        "the writer waits",
        &["beh.4"],
        Outcome::NotApplicable,
    );
    s.tags.push("mock-only".into());
    s.reason = Some("needs the mock's control API".into());
    s.duration_ms = 0;
    s
}

fn step(keyword: &str, text: &str, status: StepStatus, error: Option<&str>) -> StepResult {
    StepResult {
        keyword: keyword.into(),
        text: text.into(),
        line: 8,
        status,
        duration_ms: 3,
        error: error.map(str::to_string),
    }
}

fn exchange() -> RecordedExchange {
    RecordedExchange {
        action: "CreateReverseDtsJob".into(),
        format: Some(Format::Xml),
        method: "POST".into(),
        url: "http://127.0.0.1:4000/?SecurityToken=[redacted]".into(),
        status: 200,
        response_body: NASTY_BODY.into(),
        elapsed_ms: 4,
        transcript: format!("> POST http://127.0.0.1:4000/\n< HTTP 200 OK\n<\n< {NASTY_BODY}"),
    }
}
