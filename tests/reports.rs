//! The reports of real runs checked against their formats and kept free of secrets, and the
//! baseline comparison and the CI gate checked end to end: the suite runs against the mock,
//! then against a deliberately broken variant with the first run as its baseline.

mod support;

use dts_conformance::client::{self, Credentials};
use dts_conformance::conformance::{self, Control, RunOptions, Target, TargetKind, target};
use dts_conformance::contract::all_rows;
use dts_conformance::mock::Defect;
use dts_conformance::report::{
    self, Change, Gate, Outcome, Policy, RecordedExchange, ReportError, RunResults, decide,
    gate::Reason, results_file, write_all,
};
use quick_xml::events::{BytesStart, Event};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use support::{failed, mock_with, run_suite};

/// The AccessKey secret of the mock's default account, used by the endpoint-style run.
const DEFAULT_SECRET: &str = "testsecret";
/// The secret of the account the secret test creates.
const ACCOUNT_SECRET: &str = "reports-account-secret-4f1c9a";

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// The suite against the conforming mock.
fn conforming() -> &'static RunResults {
    static RUN: OnceLock<RunResults> = OnceLock::new();
    RUN.get_or_init(|| block_on(run_against(&[])))
}

/// The defects the regression test switches on.
const BROKEN: [Defect; 2] = [Defect::SuccessAsBoolean, Defect::NonceReplayAccepted];

/// The suite against the mock with [`BROKEN`] switched on.
fn broken() -> &'static RunResults {
    static RUN: OnceLock<RunResults> = OnceLock::new();
    RUN.get_or_init(|| block_on(run_against(&BROKEN)))
}

async fn run_against(defects: &[Defect]) -> RunResults {
    let handle = mock_with(defects).await;
    let results = run_suite(&handle).await;
    handle.stop().await;
    results
}

/// The suite against the mock treated as a plain endpoint (no control API, no mutations),
/// with the default account's credentials: `@mock-only` and `@mutating` scenarios are not
/// applicable, and every request is signed with [`DEFAULT_SECRET`].
fn as_endpoint() -> &'static RunResults {
    static RUN: OnceLock<RunResults> = OnceLock::new();
    RUN.get_or_init(|| {
        block_on(async {
            let handle = mock_with(&[]).await;
            let target = Target {
                endpoint: handle.url(),
                kind: TargetKind::Endpoint,
                control: None,
                allow_mutations: false,
                job_id: None,
                credentials: Some(Credentials::new("testid", DEFAULT_SECRET)),
                region: None,
                http: target::shared_http(),
            };
            let options = RunOptions {
                features_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/features").into()),
                ..RunOptions::default()
            };
            let results = conformance::run(Arc::new(target), &options)
                .await
                .expect("the run happens");
            handle.stop().await;
            results
        })
    })
}

fn all_runs() -> [(&'static str, &'static RunResults); 3] {
    [
        ("conforming", conforming()),
        ("broken", broken()),
        ("endpoint", as_endpoint()),
    ]
}

/// A fresh directory under cargo's temporary directory for integration tests.
fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("reports-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

// ----- JUnit -----

/// One `<testcase>` as read back from `junit.xml`.
#[derive(Debug, Default)]
struct Case {
    name: String,
    classname: String,
    time: String,
    failure: Option<(String, String, String)>,
    skipped: Option<String>,
}

/// One `<testsuite>` as read back.
#[derive(Debug, Default)]
struct Suite {
    attributes: HashMap<String, String>,
    properties: HashMap<String, String>,
    cases: Vec<Case>,
}

fn attributes(element: &BytesStart<'_>) -> HashMap<String, String> {
    element
        .attributes()
        .map(|a| {
            let a = a.expect("a well-formed attribute");
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            (
                key,
                a.unescape_value().expect("an escaped value").into_owned(),
            )
        })
        .collect()
}

/// Parse `junit.xml` back, refusing any element a JUnit reader would not expect.
fn parse_junit(xml: &str) -> (HashMap<String, String>, Vec<Suite>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut root, mut suites) = (HashMap::new(), Vec::<Suite>::new());
    let mut open: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().expect("junit.xml is well-formed XML");
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let attrs = attributes(e);
                let parent = open.last().map(String::as_str);
                element(&name, parent, attrs, &mut root, &mut suites);
                if matches!(event, Event::Start(_)) {
                    open.push(name);
                }
            }
            Event::Text(text) if open.last().is_some_and(|n| n == "failure") => {
                let case = suites
                    .last_mut()
                    .and_then(|s| s.cases.last_mut())
                    .expect("a case");
                let failure = case.failure.as_mut().expect("a failure");
                failure.2.push_str(&text.decode().expect("text decodes"));
            }
            Event::GeneralRef(r) if open.last().is_some_and(|n| n == "failure") => {
                let entity = String::from_utf8_lossy(r.as_ref()).into_owned();
                let text = quick_xml::escape::unescape(&format!("&{entity};"))
                    .expect("a known entity")
                    .into_owned();
                let case = suites
                    .last_mut()
                    .and_then(|s| s.cases.last_mut())
                    .expect("a case");
                case.failure.as_mut().expect("a failure").2.push_str(&text);
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (root, suites)
}

fn element(
    name: &str,
    parent: Option<&str>,
    mut attrs: HashMap<String, String>,
    root: &mut HashMap<String, String>,
    suites: &mut Vec<Suite>,
) {
    let suite = suites.last_mut();
    match (parent, name) {
        (None, "testsuites") => *root = attrs,
        (Some("testsuites"), "testsuite") => suites.push(Suite {
            attributes: attrs,
            ..Suite::default()
        }),
        (Some("testsuite"), "properties") => {}
        (Some("properties"), "property") => {
            let value = attrs.remove("value").expect("a property value");
            suite
                .expect("a suite")
                .properties
                .insert(attrs.remove("name").expect("a name"), value);
        }
        (Some("testsuite"), "testcase") => suite.expect("a suite").cases.push(Case {
            name: attrs.remove("name").expect("testcase name"),
            classname: attrs.remove("classname").expect("testcase classname"),
            time: attrs.remove("time").expect("testcase time"),
            ..Case::default()
        }),
        (Some("testcase"), "failure") => {
            let case = suite.and_then(|s| s.cases.last_mut()).expect("a case");
            let message = attrs.remove("message").expect("failure message");
            case.failure = Some((
                message,
                attrs.remove("type").expect("failure type"),
                String::new(),
            ));
        }
        (Some("testcase"), "skipped") => {
            let case = suite.and_then(|s| s.cases.last_mut()).expect("a case");
            case.skipped = Some(attrs.remove("message").expect("skipped message"));
        }
        _ => panic!("unexpected <{name}> inside {parent:?}"),
    }
}

fn count(attrs: &HashMap<String, String>, name: &str) -> usize {
    attrs
        .get(name)
        .unwrap_or_else(|| panic!("no {name} attribute"))
        .parse()
        .expect("a count")
}

/// A name that ends in `:<line>` or `:<line>:<col>`, or names a feature file.
fn has_location(name: &str) -> bool {
    let tail: Vec<&str> = name.rsplit(':').take(2).collect();
    name.contains(".feature")
        || tail
            .first()
            .is_some_and(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
}

#[test]
fn junit_xml_has_the_structure_ci_systems_read_with_consistent_counts() {
    for (label, results) in all_runs() {
        let xml = report::junit::render(results);
        let (root, suites) = parse_junit(&xml);
        let (passed, failed, skipped) = results.counts();
        assert_eq!(count(&root, "tests"), passed + failed + skipped, "{label}");
        assert_eq!(count(&root, "failures"), failed, "{label}");
        assert_eq!(count(&root, "skipped"), skipped, "{label}");
        assert_eq!(count(&root, "errors"), 0, "{label}");
        let features: BTreeSet<&str> = results
            .scenarios
            .iter()
            .map(|s| s.feature.as_str())
            .collect();
        assert_eq!(
            suites.len(),
            features.len(),
            "{label}: one testsuite per feature"
        );

        let mut total = 0;
        for suite in &suites {
            let cases = &suite.cases;
            total += cases.len();
            assert_eq!(count(&suite.attributes, "tests"), cases.len(), "{label}");
            let failures = cases.iter().filter(|c| c.failure.is_some()).count();
            assert_eq!(count(&suite.attributes, "failures"), failures, "{label}");
            let skips = cases.iter().filter(|c| c.skipped.is_some()).count();
            assert_eq!(count(&suite.attributes, "skipped"), skips, "{label}");
            assert_eq!(
                suite.properties.get("target.endpoint"),
                Some(&results.target.endpoint)
            );
            assert_eq!(
                suite.properties.get("target.kind"),
                Some(&results.target.kind)
            );
            let mut names = BTreeSet::new();
            for case in cases {
                assert_eq!(
                    Some(&case.classname),
                    suite.attributes.get("name"),
                    "{label}"
                );
                assert!(
                    !has_location(&case.name),
                    "{label}: a location in {:?}",
                    case.name
                );
                assert!(
                    names.insert(case.name.as_str()),
                    "{label}: {:?} twice",
                    case.name
                );
                assert!(
                    case.time.parse::<f64>().is_ok_and(|t| t >= 0.0),
                    "{label}: {}",
                    case.time
                );
            }
        }
        assert_eq!(
            total,
            results.scenarios.len(),
            "{label}: one testcase per scenario"
        );
    }
}

#[test]
fn junit_failures_carry_the_terminal_text_and_skips_the_reason() {
    for (label, results) in [("broken", broken()), ("endpoint", as_endpoint())] {
        let (_, suites) = parse_junit(&report::junit::render(results));
        let summary = report::terminal::summary(results);
        for scenario in &results.scenarios {
            let case = suites
                .iter()
                .flat_map(|s| &s.cases)
                .find(|c| c.classname == scenario.feature && c.name == scenario.name)
                .unwrap_or_else(|| panic!("{label}: no testcase for {}", scenario.id));
            let reason = scenario.reason.as_deref().unwrap_or_default().trim_end();
            match scenario.outcome {
                Outcome::Passed => assert!(case.failure.is_none() && case.skipped.is_none()),
                Outcome::Failed => {
                    let (message, kind, text) = case.failure.as_ref().expect("a failure");
                    assert_eq!(kind, "conformance");
                    assert_eq!(text, reason, "{label}: the framed text, whole");
                    assert!(
                        summary.contains(text.as_str()),
                        "{label}: the terminal shows the same text"
                    );
                    assert!(
                        !message.is_empty() && !message.contains('\n'),
                        "{message:?}"
                    );
                    assert!(
                        text.contains(message.as_str()),
                        "{label}: the message comes from the text"
                    );
                }
                Outcome::NotApplicable => assert_eq!(case.skipped.as_deref(), Some(reason)),
            }
        }
    }
    assert!(
        broken().counts().1 > 0 && as_endpoint().counts().2 > 0,
        "both kinds occur"
    );
}

// ----- Cucumber JSON -----

fn string(value: &Value, key: &str) -> String {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {value}"))
        .to_string()
}

fn number(value: &Value, key: &str) -> u64 {
    value[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} is not a number in {value}"))
}

fn array<'a>(value: &'a Value, key: &str) -> &'a Vec<Value> {
    value[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} is not an array in {value}"))
}

fn check_tags(tags: &[Value]) {
    for tag in tags {
        assert!(string(tag, "name").starts_with('@'), "{tag}");
        number(tag, "line");
    }
}

fn check_step(step: &Value) -> String {
    assert!(string(step, "keyword").ends_with(' '), "{step}");
    assert!(!string(step, "name").is_empty(), "{step}");
    number(step, "line");
    let result = &step["result"];
    let status = string(result, "status");
    let known = ["passed", "failed", "skipped", "undefined", "ambiguous"];
    assert!(known.contains(&status.as_str()), "{step}");
    number(result, "duration");
    if status == "failed" {
        assert!(!string(result, "error_message").is_empty(), "{step}");
    }
    status
}

#[test]
fn cucumber_json_has_the_standard_structure_and_the_runs_outcomes() {
    for (label, results) in all_runs() {
        let text = report::cucumber_json::render(results).expect("renders");
        let features: Value = serde_json::from_str(&text).expect("cucumber.json is JSON");
        let mut outcomes: Vec<&str> = Vec::new();
        for feature in features.as_array().expect("an array of features") {
            for key in ["uri", "id", "name", "description"] {
                string(feature, key);
            }
            assert_eq!(feature["keyword"], "Feature");
            number(feature, "line");
            check_tags(array(feature, "tags"));
            for element in array(feature, "elements") {
                for key in ["id", "name", "description"] {
                    string(element, key);
                }
                assert_eq!(element["keyword"], "Scenario");
                assert_eq!(element["type"], "scenario");
                number(element, "line");
                check_tags(array(element, "tags"));
                let steps: Vec<String> = array(element, "steps").iter().map(check_step).collect();
                assert!(
                    !steps.is_empty(),
                    "{label}: a scenario without steps reads as passed"
                );
                outcomes.push(if steps.iter().any(|s| s != "passed" && s != "skipped") {
                    "failed"
                } else if steps.iter().all(|s| s == "skipped") {
                    "not applicable"
                } else {
                    "passed"
                });
            }
        }
        let expected: Vec<&str> = results
            .scenarios
            .iter()
            .map(|s| s.outcome.label())
            .collect();
        assert_eq!(
            outcomes, expected,
            "{label}: the tools count what the run found"
        );
    }
}

// ----- results.json -----

#[test]
fn results_json_reads_back_and_other_schema_versions_are_refused() {
    let dir = out_dir("schema");
    let written = write_all(broken(), Some(&dir), None).expect("reports are written");
    assert_eq!(
        &results_file::read(&written.results).expect("reads back"),
        broken()
    );

    let mut value: Value =
        serde_json::from_str(&std::fs::read_to_string(&written.results).expect("read"))
            .expect("JSON");
    value["schema"] = Value::from(99);
    let future = dir.join("future.json");
    std::fs::write(&future, value.to_string()).expect("written");
    let error = results_file::read(&future).expect_err("schema 99 is refused");
    assert!(
        matches!(error, ReportError::Schema { expected: 1, ref found, .. } if found == "99"),
        "{error}"
    );
}

// ----- HTML -----

/// Every tag of a page whose text is escaped: each `<` opens a tag.
fn tags(html: &str) -> Vec<&str> {
    html.match_indices('<')
        .map(|(i, _)| {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            &html[i..end]
        })
        .collect()
}

/// `name="value"` pairs of a tag.
fn tag_attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .to_string();
        let after = &rest[eq + 2..];
        let end = after.find('"').expect("a closed attribute");
        out.push((name, after[..end].to_string()));
        rest = &after[end + 1..];
    }
    out
}

/// The page without what it shows as text: `<pre>` and `<code>` contents and titles.
fn without_shown_text(html: &str) -> String {
    let mut page = html.to_string();
    for (open, close) in [
        ("<pre>", "</pre>"),
        ("<code>", "</code>"),
        (" title=\"", "\""),
    ] {
        let mut kept = String::new();
        let mut text = page.as_str();
        while let Some(start) = text.find(open) {
            kept.push_str(&text[..start + open.len()]);
            let after = &text[start + open.len()..];
            text = &after[after.find(close).unwrap_or(after.len())..];
        }
        kept.push_str(text);
        page = kept;
    }
    page
}

const ALLOWED_TAGS: &[&str] = &[
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "main", "section",
    "footer", "h1", "h2", "h3", "p", "div", "span", "b", "table", "thead", "tbody", "tr", "th",
    "td", "a", "details", "summary", "pre", "code", "ul", "li",
];

fn assert_self_contained(label: &str, html: &str) {
    for tag in tags(html) {
        let name: String = tag[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>')
            .collect();
        assert!(
            ALLOWED_TAGS.contains(&name.as_str()),
            "{label}: <{name}> in {tag}"
        );
        for (attribute, value) in tag_attributes(tag) {
            match attribute.as_str() {
                "title" | "class" | "id" | "lang" | "charset" | "content" | "name" => {}
                "href" => assert!(value.starts_with('#'), "{label}: {tag}"),
                _ => panic!("{label}: attribute {attribute} in {tag}"),
            }
            if attribute != "title" {
                assert!(!value.contains("//"), "{label}: {tag}");
            }
        }
    }
    let style = html
        .split("<style>")
        .nth(1)
        .and_then(|s| s.split("</style>").next())
        .expect("inline CSS");
    assert!(
        !style.contains("url(") && !style.contains("@import"),
        "{label}: the CSS fetches"
    );
    let own = without_shown_text(html).to_ascii_lowercase();
    for needle in ["http://", "https://", "src=", "<link", "<script", "<img"] {
        assert!(
            !own.contains(needle),
            "{label}: {needle} outside escaped text"
        );
    }
}

#[test]
fn the_html_report_is_self_contained_and_its_matrix_lists_every_contract_row() {
    for (label, results) in all_runs() {
        let html = report::html::render(results, Some(conforming()));
        assert_self_contained(label, &html);
        for row in all_rows() {
            assert!(
                html.contains(&format!("<td class=\"id\">{}</td>", row.id)),
                "{label}: {}",
                row.id
            );
        }
        let failures = html.matches("<details class=\"failure\"").count();
        assert_eq!(
            failures,
            results.counts().1,
            "{label}: every failure expandable"
        );
    }
    let html = report::html::render(as_endpoint(), None);
    let na = as_endpoint()
        .scenarios
        .iter()
        .find(|s| s.outcome == Outcome::NotApplicable)
        .expect("one");
    let reason = quick_xml::escape::escape(na.reason.as_deref().unwrap_or_default()).into_owned();
    assert!(
        html.contains("<td class=\"cell not_applicable\" title=\""),
        "n/a cells are coloured"
    );
    assert!(html.contains(&reason), "the reason is in the page");
}

// ----- secrets -----

/// Call CreateReverseDtsJob with an account and an STS token of this test's own, and keep
/// the exchange the way the runner keeps exchanges.
async fn exchange_with_a_token() -> (RecordedExchange, String) {
    let handle = mock_with(&[]).await;
    let control = Control::new(&handle.url(), target::shared_http());
    control
        .add_account("reportsaccount", ACCOUNT_SECRET)
        .await
        .expect("account added");
    let token = control
        .issue_token("reportsaccount", 3600)
        .await
        .expect("token issued");
    let credentials =
        Credentials::new("reportsaccount", ACCOUNT_SECRET).with_security_token(token.clone());
    let client =
        client::Client::new(client::Config::new(handle.url(), credentials)).expect("a client");
    let params = [("DtsJobId".to_string(), "k2gm967v16f1dts".to_string())];
    let exchange = client
        .call("CreateReverseDtsJob", &params)
        .await
        .expect("an answer");
    handle.stop().await;
    let sent = format!(
        "{} {:?} {}",
        exchange.request.url, exchange.request.headers, exchange.request.body
    );
    assert!(
        sent.contains(&token),
        "the token travelled, so the test can catch a leak"
    );
    let body = String::from_utf8_lossy(&exchange.response.body).into_owned();
    let recorded = RecordedExchange {
        action: exchange.action.clone(),
        format: exchange.format,
        method: exchange.request.method.as_str().to_string(),
        url: exchange.redacted_request_url(),
        status: exchange.response.status,
        response_body: exchange.redact(&body),
        elapsed_ms: 1,
        transcript: exchange.to_string(),
    };
    (recorded, token)
}

#[test]
fn no_report_contains_a_secret() {
    let (exchange, token) = block_on(exchange_with_a_token());
    let mut results = as_endpoint().clone();
    let scenario = results
        .scenarios
        .iter_mut()
        .find(|s| s.outcome != Outcome::NotApplicable)
        .expect("one ran");
    scenario.outcome = Outcome::Failed;
    scenario.reason = Some(format!(
        "check: a planted failure\nexchange:\n{}",
        exchange.transcript
    ));
    scenario.exchanges.push(exchange);

    for (label, run, baseline) in [
        ("endpoint", as_endpoint(), None),
        ("planted", &results, Some(as_endpoint())),
        ("broken", broken(), Some(conforming())),
    ] {
        let written =
            write_all(run, Some(&out_dir(&format!("secrets-{label}"))), baseline).expect("written");
        let mut texts: Vec<(String, String)> = written
            .files()
            .iter()
            .map(|p| {
                (
                    p.display().to_string(),
                    std::fs::read_to_string(p).expect("readable"),
                )
            })
            .collect();
        texts.push(("terminal".into(), report::terminal::summary(run)));
        for (file, text) in &texts {
            for secret in [DEFAULT_SECRET, ACCOUNT_SECRET, token.as_str()] {
                assert!(!text.contains(secret), "{label}: {file} holds a secret");
            }
        }
        if label == "planted" {
            let html = &texts
                .iter()
                .find(|(f, _)| f.ends_with("report.html"))
                .expect("html")
                .1;
            assert!(
                html.contains("reportsaccount") && html.contains(client::REDACTED),
                "the exchange is there, redacted"
            );
        }
    }
}

// ----- baseline and gate -----

fn ids(results: &RunResults) -> BTreeSet<String> {
    failed(results).into_iter().collect()
}

#[test]
fn the_regressions_reported_are_exactly_the_scenarios_the_defects_broke() {
    let (before, now) = (conforming(), broken());
    // Scenarios failing even against the conforming mock are the baseline's known failures:
    // they are still failing, not regressions.
    let known = ids(before);
    let expected: BTreeSet<String> = ids(now).difference(&known).cloned().collect();
    assert!(!expected.is_empty(), "the defects break something");
    for id in [
        "the common request rules every call meets / a replayed request is refused",
        "CreateReverseDtsJob response fields / a successful call answers with every success \
         field of the table in JSON",
    ] {
        assert!(
            expected.contains(id),
            "{id} is broken by {BROKEN:?}: {expected:#?}"
        );
    }

    let comparison = report::compare(before, now);
    let regressions: BTreeSet<String> = comparison
        .ids(Change::Regression)
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(regressions, expected);
    let still: BTreeSet<String> = comparison
        .ids(Change::StillFailing)
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(still, ids(now).intersection(&known).cloned().collect());
    let changed = comparison.entries.iter().filter(|e| {
        !matches!(
            e.change,
            Change::Unchanged | Change::Regression | Change::StillFailing
        )
    });
    assert_eq!(changed.count(), 0, "nothing else changed:\n{comparison}");

    let any = decide(
        now,
        Some(before),
        Policy {
            gate: Gate::Any,
            min_coverage: None,
        },
    );
    assert_eq!(any.exit_code(), 1, "{any}");
    let gate = decide(
        now,
        Some(before),
        Policy {
            gate: Gate::Regressions,
            min_coverage: None,
        },
    );
    assert_eq!(gate.exit_code(), 1, "{gate}");
    let listed: BTreeSet<String> = gate
        .reasons
        .iter()
        .flat_map(|r| match r {
            Reason::Regressions { ids } => ids.clone(),
            other => panic!("only regressions fail the gate here: {other}"),
        })
        .collect();
    assert_eq!(listed, expected);
}

#[test]
fn a_failing_run_accepted_as_baseline_passes_the_regressions_gate_only() {
    let run = broken();
    let regressions = decide(
        run,
        Some(run),
        Policy {
            gate: Gate::Regressions,
            min_coverage: None,
        },
    );
    assert_eq!(regressions.exit_code(), 0, "{regressions}");
    let any = decide(
        run,
        Some(run),
        Policy {
            gate: Gate::Any,
            min_coverage: None,
        },
    );
    assert_eq!(any.exit_code(), 1, "{any}");

    let floor =
        Policy::new(Gate::Regressions, Some(run.coverage_percent() + 1.0)).expect("a percentage");
    assert_eq!(
        decide(run, Some(run), floor).exit_code(),
        1,
        "the coverage floor still applies"
    );
}

#[test]
fn the_reports_and_report_diff_show_the_regressions() {
    let (before, now) = (conforming(), broken());
    let old = write_all(before, Some(&out_dir("diff-old")), None).expect("written");
    let new = write_all(now, Some(&out_dir("diff-new")), Some(before)).expect("written");

    let diff = report::diff_files(&old.results, &new.results).expect("both read");
    assert_eq!(diff, report::compare(before, now));
    let text = diff.to_string();
    let regressions = diff.ids(Change::Regression);
    assert!(
        text.contains(&format!("{} regression,", regressions.len())),
        "{text}"
    );

    let markdown = std::fs::read_to_string(&new.markdown).expect("report.md");
    let html = std::fs::read_to_string(&new.html).expect("report.html");
    assert!(
        markdown.contains(&format!("| 🔻 regression | {} |", regressions.len())),
        "{markdown}"
    );
    for id in regressions {
        assert!(
            text.contains(&format!("  - {id} (passed → failed)")),
            "{text}"
        );
        assert!(
            markdown.contains(&format!("- {} (passed → failed)", markup_md(id))),
            "{id}"
        );
        assert!(
            html.contains(&format!(
                "<li>{} (passed → failed)</li>",
                quick_xml::escape::escape(id)
            )),
            "{id}"
        );
    }
}

/// An id as the Markdown summary writes it.
fn markup_md(id: &str) -> String {
    quick_xml::escape::partial_escape(id).replace('|', "\\|")
}
