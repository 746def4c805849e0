//! `junit.xml`: the results in the JUnit XML dialect that GitLab, Jenkins and the common
//! GitHub actions read.
//!
//! - one `<testsuite>` per feature, named after the feature;
//! - one `<testcase>` per scenario: `name` is the scenario's name with its Examples values,
//!   `classname` the feature's name. Neither ever holds a file path or a line number, so
//!   inserting a line in a feature file renames nothing (cucumber's own JUnit writer appends
//!   `path:line:col`, which CI tools then see as a removed and a new test). Two scenarios of
//!   one feature with the same name are told apart by ` #2`, in file order;
//! - a failure is `<failure message="…" type="conformance">` with the framed failure text
//!   the terminal prints; the message is its headline (see [`facts::headline`]);
//! - a scenario the target cannot support is `<skipped message="reason"/>`;
//! - each suite carries the target as `<properties>`.
//!
//! `errors` is always 0: everything that goes wrong inside a scenario (a failed check, an
//! undefined step, a failed hook) is a conformance failure.

use super::escape::markup;
use super::facts::{self, seconds};
use super::results::{Outcome, RunResults, ScenarioResult};
use std::fmt::Write as _;

/// The report's file name.
pub const FILE_NAME: &str = "junit.xml";

/// The JUnit XML document for a run.
pub fn render(results: &RunResults) -> String {
    let names = facts::unique_names(&results.scenarios);
    let (passed, failed, skipped) = results.counts();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"dts-conformance\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" \
         skipped=\"{skipped}\" time=\"{}\">",
        passed + failed + skipped,
        seconds(results.duration_ms),
    );
    for feature in features(results) {
        let cases: Vec<(&ScenarioResult, &str)> = results
            .scenarios
            .iter()
            .zip(names.iter().map(String::as_str))
            .filter(|(s, _)| s.feature == feature)
            .collect();
        write_suite(&mut out, results, feature, &cases);
    }
    out.push_str("</testsuites>\n");
    out
}

/// Feature names in the order their first scenario appears.
fn features(results: &RunResults) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for scenario in &results.scenarios {
        if !names.contains(&scenario.feature.as_str()) {
            names.push(&scenario.feature);
        }
    }
    names
}

fn write_suite(
    out: &mut String,
    results: &RunResults,
    feature: &str,
    cases: &[(&ScenarioResult, &str)],
) {
    let count = |o: Outcome| cases.iter().filter(|(s, _)| s.outcome == o).count();
    let time: u64 = cases.iter().map(|(s, _)| s.duration_ms).sum();
    let timestamp = results.started_at.trim_end_matches('Z');
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" \
         time=\"{}\" timestamp=\"{}\">",
        markup(feature),
        cases.len(),
        count(Outcome::Failed),
        count(Outcome::NotApplicable),
        seconds(time),
        markup(timestamp),
    );
    write_properties(out, results, cases);
    for (scenario, name) in cases {
        write_case(out, scenario, name);
    }
    out.push_str("  </testsuite>\n");
}

fn write_properties(out: &mut String, results: &RunResults, cases: &[(&ScenarioResult, &str)]) {
    let file = cases
        .first()
        .map(|(s, _)| s.feature_file.as_str())
        .unwrap_or_default();
    let properties = [
        ("target.endpoint", results.target.endpoint.as_str()),
        ("target.kind", results.target.kind.as_str()),
        (
            "target.allow_mutations",
            if results.target.allow_mutations {
                "true"
            } else {
                "false"
            },
        ),
        ("tool.version", results.tool_version.as_str()),
        ("feature.file", file),
    ];
    out.push_str("    <properties>\n");
    for (name, value) in properties {
        let _ = writeln!(
            out,
            "      <property name=\"{name}\" value=\"{}\"/>",
            markup(value)
        );
    }
    out.push_str("    </properties>\n");
}

fn write_case(out: &mut String, scenario: &ScenarioResult, name: &str) {
    let open = format!(
        "    <testcase name=\"{}\" classname=\"{}\" time=\"{}\"",
        markup(name),
        markup(&scenario.feature),
        seconds(scenario.duration_ms),
    );
    let headline = facts::headline(scenario).unwrap_or_default();
    match scenario.outcome {
        Outcome::Passed => {
            let _ = writeln!(out, "{open}/>");
        }
        Outcome::NotApplicable => {
            let _ = writeln!(
                out,
                "{open}>\n      <skipped message=\"{}\"/>\n    </testcase>",
                markup(&headline)
            );
        }
        Outcome::Failed => {
            let text = scenario.reason.as_deref().unwrap_or("failed").trim_end();
            let _ = writeln!(
                out,
                "{open}>\n      <failure message=\"{}\" type=\"conformance\">{}</failure>\n    \
                 </testcase>",
                markup(&headline),
                markup(text),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn a_failure_carries_the_terminal_text_escaped_and_its_headline() {
        let xml = render(&fixture::run());
        assert!(
            xml.contains(
                "<failure message=\"contract row resp.Success (Response parameters: Success)\" \
             type=\"conformance\">Scenario: a successful call answers with Success in JSON\n"
            ),
            "{xml}"
        );
        assert!(xml.contains("&lt;Response&gt;&lt;Success&gt;true"), "{xml}");
        assert!(xml.contains("a &amp; b \\u{1b}[0m"), "{xml}");
    }

    #[test]
    fn names_hold_no_path_or_line_and_repeats_are_numbered() {
        let xml = render(&fixture::run());
        assert!(
            xml.contains("<testcase name=\"a repeated title\" classname=\"rules\""),
            "{xml}"
        );
        assert!(
            xml.contains("<testcase name=\"a repeated title #2\" classname=\"rules\""),
            "{xml}"
        );
        for line in xml.lines().filter(|l| l.contains("<testcase ")) {
            let name = line.split("time=").next().unwrap_or_default();
            assert!(!name.contains(".feature") && !name.contains(':'), "{line}");
        }
    }

    #[test]
    fn a_not_applicable_scenario_is_skipped_with_its_reason() {
        let xml = render(&fixture::run());
        assert!(
            xml.contains("<skipped message=\"needs the mock&apos;s control API\"/>"),
            "{xml}"
        );
        assert!(
            xml.contains("tests=\"5\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"1.234\""),
            "{xml}"
        );
    }
}
