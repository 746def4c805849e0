//! The control API: isolation, inspection, reset, and switching it off.

use super::common::{account, call, client, code, control, eligible, mock, mock_with};
use dts_conformance::client::Credentials;
use dts_conformance::mock::Config;
use dts_conformance::wire::Format;

#[tokio::test]
async fn the_journal_records_each_answer_for_its_account() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Json);
    call(&client, "DescribeDtsJobs", &[]).await;
    call(&client, "CreateReverseDtsJob", &[]).await;
    let url = format!(
        "{}/journal?access_key_id={}",
        handle.control_url(),
        credentials.access_key_id
    );
    let text = reqwest::get(url)
        .await
        .expect("journal")
        .text()
        .await
        .expect("body");
    let journal: serde_json::Value = serde_json::from_str(&text).expect("json");
    let entries = journal["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["code"], "MissingDtsJobId");
    assert_eq!(entries[1]["signature"], "V1");
}

#[tokio::test]
async fn reset_forgets_added_accounts_and_jobs() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    eligible(&handle, &credentials).await;
    let reset = reqwest::Client::new()
        .post(format!("{}/reset", handle.control_url()))
        .send()
        .await
        .expect("reset");
    assert!(reset.status().is_success());
    let exchange = call(
        &client(&handle, &credentials, Format::Json),
        "DescribeDtsJobs",
        &[],
    )
    .await;
    assert_eq!(code(&exchange), "InvalidAccessKeyId.NotFound");
    assert!(
        control(&handle).jobs("testid").await.is_ok(),
        "the configured account is back"
    );
}

#[tokio::test]
async fn control_requests_with_bad_bodies_get_json_errors() {
    let handle = mock().await;
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("{}/accounts/testid/jobs", handle.control_url()))
        .body("{nope")
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), 400);
    let text = answer.text().await.expect("body");
    let error: serde_json::Value = serde_json::from_str(&text).expect("a JSON error");
    assert!(
        error["error"]
            .as_str()
            .is_some_and(|e| e.contains("invalid JSON"))
    );
    let answer = http
        .post(format!("{}/accounts/nobody/faults", handle.control_url()))
        .body("{}")
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), 404);
}

#[tokio::test]
async fn without_the_control_api_its_paths_are_ordinary_unknown_apis() {
    let handle = mock_with(Config {
        control: false,
        ..Config::default()
    })
    .await;
    let answer = reqwest::get(format!("{}/health", handle.control_url()))
        .await
        .expect("answer");
    assert_eq!(answer.status(), 404);
    let body = answer.text().await.expect("body");
    assert!(body.contains("InvalidApi.NotFound"), "{body}");
    let default = Credentials::new("testid", "testsecret");
    let exchange = call(
        &client(&handle, &default, Format::Json),
        "DescribeDtsJobs",
        &[],
    )
    .await;
    assert_eq!(exchange.response.status, 200);
}

#[tokio::test]
async fn stats_count_accounts_nonces_and_answers_and_give_the_process_memory_and_cpu() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Json);
    call(&client, "DescribeDtsJobs", &[]).await;
    call(&client, "DescribeDtsJobs", &[]).await;
    let text = reqwest::get(format!("{}/stats", handle.control_url()))
        .await
        .expect("stats")
        .text()
        .await
        .expect("body");
    let stats: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(stats["nonces"], 2, "{text}");
    assert_eq!(stats["journal_entries"], 2, "{text}");
    assert!(
        stats["accounts"].as_u64() >= Some(2),
        "the default and the added: {text}"
    );
    if cfg!(target_os = "linux") {
        assert!(stats["resident_kib"].as_u64() > Some(0), "{text}");
        assert!(stats["cpu_ms"].is_u64(), "{text}");
    }
}
