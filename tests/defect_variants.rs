//! Proof that the suite can fail: against each deliberately non-conforming variant of the mock
//! the suite fails, and exactly the scenarios that check what the defect breaks are the ones
//! that fail.

mod support;

use dts_conformance::conformance::Shapes;
use dts_conformance::mock::Defect;
use support::{failed, mock_with, run_suite, run_suite_with_shapes};

const ERRORS: &str = "CreateReverseDtsJob error codes";
const REQUEST: &str = "CreateReverseDtsJob request parameters";
const RESPONSE: &str = "CreateReverseDtsJob response fields";
const RULES: &str = "the common request rules every call meets";
const LIFECYCLE: &str = "the reverse task's lifecycle";
const ELIGIBILITY: &str = "which tasks can take a reverse task";

const SUCCESS_FIELDS: &str = "a successful call answers with every success field of the table in";
const FAILURE_FIELDS: &str = "a failed call carries ErrCode and ErrMessage in";
const BAD_ID: &str = "a bad DtsJobId is refused with InvalidParameter in";
const MALFORMED: &str = "a malformed DtsJobId";

fn id(feature: &str, scenario: &str) -> String {
    format!("{feature} / {scenario}")
}

/// The scenarios that check a malformed DtsJobId, in every format and case.
fn malformed_id_scenarios() -> Vec<String> {
    let mut ids = vec![
        id(ERRORS, &format!("{BAD_ID} JSON")),
        id(ERRORS, &format!("{BAD_ID} XML")),
        id(
            REQUEST,
            &format!("{MALFORMED} (markup) is refused as an invalid parameter"),
        ),
        id(
            REQUEST,
            &format!("{MALFORMED} (masked document id) is refused as an invalid parameter"),
        ),
        id(
            REQUEST,
            &format!("{MALFORMED} (upper case) is refused as an invalid parameter"),
        ),
        id(RESPONSE, &format!("{FAILURE_FIELDS} JSON")),
        id(RESPONSE, &format!("{FAILURE_FIELDS} XML")),
    ];
    ids.sort();
    ids
}

async fn caught_by(defect: Defect) -> Vec<String> {
    let handle = mock_with(&[defect]).await;
    let results = run_suite(&handle).await;
    handle.stop().await;
    failed(&results)
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[tokio::test]
async fn the_conforming_mock_passes_every_scenario() {
    let handle = mock_with(&[]).await;
    let results = run_suite(&handle).await;
    handle.stop().await;
    assert_eq!(failed(&results), Vec::<String>::new());
    assert!(results.scenarios.len() >= 40, "the whole suite ran");
}

#[tokio::test]
async fn a_wrong_status_for_invalid_parameter_fails_the_invalid_parameter_scenarios() {
    assert_eq!(
        caught_by(Defect::InvalidParameterStatus400).await,
        malformed_id_scenarios()
    );
}

#[tokio::test]
async fn success_sent_as_a_boolean_fails_the_json_response_table_scenario() {
    let expected = vec![id(RESPONSE, &format!("{SUCCESS_FIELDS} JSON"))];
    assert_eq!(caught_by(Defect::SuccessAsBoolean).await, expected);
}

#[tokio::test]
async fn a_missing_dts_instance_id_fails_the_response_table_scenario_in_both_formats() {
    let expected = sorted(vec![
        id(RESPONSE, &format!("{SUCCESS_FIELDS} JSON")),
        id(RESPONSE, &format!("{SUCCESS_FIELDS} XML")),
    ]);
    assert_eq!(caught_by(Defect::MissingDtsInstanceId).await, expected);
}

#[tokio::test]
async fn a_wrong_xml_root_fails_the_xml_response_table_scenario() {
    let expected = vec![id(RESPONSE, &format!("{SUCCESS_FIELDS} XML"))];
    assert_eq!(caught_by(Defect::WrongXmlRoot).await, expected);
}

#[tokio::test]
async fn a_writer_that_starts_on_its_own_fails_the_writer_not_started_scenario() {
    let expected = vec![id(
        LIFECYCLE,
        "the incremental writer is not started after the precheck passes",
    )];
    assert_eq!(caught_by(Defect::WriterStartsOnItsOwn).await, expected);
}

#[tokio::test]
async fn a_reverse_task_for_an_invalid_id_fails_every_invalid_id_scenario() {
    let mut expected = malformed_id_scenarios();
    expected.push(id(
        REQUEST,
        "a well-formed DtsJobId that names no task is refused and creates nothing",
    ));
    assert_eq!(
        caught_by(Defect::ReverseForUnknownJob).await,
        sorted(expected)
    );
}

#[tokio::test]
async fn an_accepted_replay_fails_the_replay_scenario() {
    let expected = vec![id(RULES, "a replayed request is refused")];
    assert_eq!(caught_by(Defect::NonceReplayAccepted).await, expected);
}

#[tokio::test]
async fn a_second_reverse_task_fails_the_one_reverse_task_scenarios() {
    let expected = sorted(vec![
        id(
            ELIGIBILITY,
            "a task gets one reverse task, and a second call is refused",
        ),
        id(
            ELIGIBILITY,
            "concurrent calls for one task create exactly one reverse task",
        ),
    ]);
    assert_eq!(caught_by(Defect::DuplicateReverseTask).await, expected);
}

#[tokio::test]
async fn shapes_recorded_from_one_run_are_a_reference_the_next_run_passes() {
    let dir = std::env::temp_dir().join(format!("dts-shapes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let recording = Shapes::load(None, Some(&dir)).expect("recorder");
    let handle = mock_with(&[]).await;
    let first = run_suite_with_shapes(&handle, recording).await;
    assert_eq!(failed(&first), Vec::<String>::new());
    assert!(
        std::fs::read_dir(&dir).expect("recorded").count() > 20,
        "a shape per response kind"
    );

    let reference = Shapes::load(Some(&dir), None).expect("reference");
    let second = run_suite_with_shapes(&handle, reference).await;
    handle.stop().await;
    assert_eq!(failed(&second), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_renamed_field_is_a_drift_in_every_scenario_that_received_it() {
    let reference = Shapes::shipped_reference().expect("shapes/ ships with the source");
    let shapes = Shapes::load(Some(&reference), None).expect("reference loads");
    let handle = mock_with(&[Defect::RenamedDtsInstanceId]).await;
    let results = run_suite_with_shapes(&handle, shapes).await;
    handle.stop().await;
    let accepted = id(
        REQUEST,
        "Action CreateReverseDtsJob with the DtsJobId of a synchronization task is accepted",
    );
    let scenario = results
        .scenarios
        .iter()
        .find(|s| s.id == accepted)
        .expect("ran");
    let reason = scenario.reason.as_deref().unwrap_or_default();
    assert!(
        reason.contains("added $.DtsInstanceID: reference absent, actual string(id)"),
        "{reason}"
    );
    assert!(
        reason.contains("removed $.DtsInstanceId: reference string(id), actual absent"),
        "{reason}"
    );
    assert!(
        reason.contains("step: (every response) matches its recorded shape"),
        "{reason}"
    );
    let workflow_failures = failed(&results)
        .iter()
        .filter(|id| id.starts_with(LIFECYCLE))
        .count();
    assert!(
        workflow_failures >= 5,
        "every scenario that created a reverse task received the drift"
    );
}
