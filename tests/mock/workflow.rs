//! Jobs, the reverse task's lifecycle, concurrency, throttling and faults.

use super::common::{account, body, call, client, code, control, eligible, mock, mock_with, seed};
use dts_conformance::mock::{AccountJobSeed, Config, JobSeed, JobType, SeedFile};
use dts_conformance::wire::{Format, Value};
use futures::future::join_all;
use serde_json::json;

const CREATE: &str = "CreateReverseDtsJob";
const START: &str = "StartReverseWriter";
const DESCRIBE: &str = "DescribeDtsJobs";

#[tokio::test]
async fn each_kind_of_bad_dts_job_id_gets_a_distinct_documented_answer() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Json);
    let subscribe = seed(&handle, &credentials, json!({ "job_type": "SUBSCRIBE" })).await;
    let not_started = seed(
        &handle,
        &credentials,
        json!({ "job_type": "MIGRATION", "status": "NotStarted" }),
    )
    .await;
    let flagged = seed(
        &handle,
        &credentials,
        json!({ "job_type": "SYNC", "can_reverse": false }),
    )
    .await;
    let reversed = eligible(&handle, &credentials).await;
    assert_eq!(
        call(&client, CREATE, &[("DtsJobId", &reversed)])
            .await
            .response
            .status,
        200
    );

    type Case<'a> = (&'a [(&'a str, &'a str)], u16, &'a str);
    let cases: [Case<'_>; 7] = [
        (&[], 400, "MissingDtsJobId"),
        (&[("DtsJobId", "n99m9jx822k****")], 403, "InvalidParameter"),
        (
            &[("DtsJobId", "unknown00000001")],
            403,
            "Forbidden.InstanceNotFound",
        ),
        (
            &[("DtsJobId", &subscribe)],
            403,
            "DTS.Msg.OperationDenied.JobType",
        ),
        (
            &[("DtsJobId", &flagged)],
            403,
            "DTS.Msg.OperationDenied.JobType",
        ),
        (
            &[("DtsJobId", &not_started)],
            403,
            "DTS.Msg.OperationDenied.JobStatus",
        ),
        (
            &[("DtsJobId", &reversed)],
            403,
            "DTS.Msg.OperationDenied.ReverseJobExists",
        ),
    ];
    for (params, status, expected) in cases {
        let exchange = call(&client, CREATE, params).await;
        assert_eq!(
            (exchange.response.status, code(&exchange).as_str()),
            (status, expected),
            "{params:?}"
        );
    }
    let jobs = control(&handle)
        .jobs(&credentials.access_key_id)
        .await
        .expect("jobs");
    assert_eq!(
        jobs["reverse"].as_array().map(Vec::len),
        Some(1),
        "only the eligible job got one"
    );
}

fn reverse_entry(document: &dts_conformance::wire::Document, id: &str) -> Value {
    match document.value.get("DtsJobList") {
        Some(Value::List(items)) => items
            .iter()
            .find(|i| i.get_str("DtsJobId") == Some(id))
            .cloned(),
        Some(item) => Some(item.clone()),
        None => None,
    }
    .expect("the job is listed")
}

#[tokio::test]
async fn a_reverse_task_is_prechecked_then_waits_for_start_reverse_writer() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Json);
    let job = eligible(&handle, &credentials).await;
    let created = call(&client, CREATE, &[("DtsJobId", &job)]).await;
    let reverse = body(&created)
        .value
        .get_str("DtsJobId")
        .expect("reverse id")
        .to_string();
    assert_ne!(reverse, job);
    assert_eq!(reverse.len(), 15);

    let status = |exchange: &dts_conformance::client::Exchange| {
        let entry = reverse_entry(&body(exchange), &reverse);
        let precheck = entry
            .get("PrecheckStatus")
            .and_then(|p| p.get_str("Status"))
            .unwrap_or("")
            .to_string();
        (entry.get_str("Status").unwrap_or("").to_string(), precheck)
    };
    let listed = call(
        &client,
        DESCRIBE,
        &[("JobType", "SYNC"), ("DtsJobId", &reverse)],
    )
    .await;
    assert_eq!(status(&listed), ("Prechecking".into(), "Checking".into()));
    let early = call(&client, START, &[("DtsJobId", &reverse)]).await;
    assert_eq!(code(&early), "DTS.Msg.OperationDenied.JobStatus");

    control(&handle)
        .advance_clock(&credentials.access_key_id, 60)
        .await
        .expect("clock");
    let listed = call(
        &client,
        DESCRIBE,
        &[("JobType", "SYNC"), ("DtsJobId", &reverse)],
    )
    .await;
    assert_eq!(status(&listed), ("Suspending".into(), "Finished".into()));

    let bad = call(
        &client,
        START,
        &[("DtsJobId", &reverse), ("CheckPoint", "yesterday")],
    )
    .await;
    assert_eq!(
        (bad.response.status, code(&bad).as_str()),
        (403, "InvalidParameter")
    );
    let started = call(
        &client,
        START,
        &[("DtsJobId", &reverse), ("CheckPoint", "1695613785")],
    )
    .await;
    assert_eq!(started.response.status, 200, "{started}");
    assert_eq!(body(&started).value.get_str("Success"), Some("true"));
    let listed = call(
        &client,
        DESCRIBE,
        &[("JobType", "SYNC"), ("DtsJobId", &reverse)],
    )
    .await;
    let entry = reverse_entry(&body(&listed), &reverse);
    assert_eq!(entry.get_str("Status"), Some("Synchronizing"));
    assert_eq!(entry.get_str("Checkpoint"), Some("1695613785"));
}

#[tokio::test]
async fn describe_dts_jobs_shows_the_reverse_job_block_with_its_own_types() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Json);
    let job = seed(&handle, &credentials, json!({ "job_type": "MIGRATION" })).await;
    call(&client, CREATE, &[("DtsJobId", &job)]).await;
    let hidden = call(
        &client,
        DESCRIBE,
        &[("DtsJobId", &job), ("JobType", "SYNC")],
    )
    .await;
    assert_eq!(
        body(&hidden).value.get("TotalRecordCount"),
        Some(&Value::Int(0))
    );
    let listed = call(&client, DESCRIBE, &[("DtsJobId", &job)]).await;
    let document = body(&listed);
    assert_eq!(document.value.get("Success"), Some(&Value::Bool(true)));
    assert_eq!(document.value.get("HttpStatusCode"), Some(&Value::Int(200)));
    let entry = reverse_entry(&document, &job);
    assert!(
        entry.get_str("DtsInstanceID").is_some(),
        "DtsInstanceID with capital ID"
    );
    let reverse = entry.get("ReverseJob").expect("a ReverseJob block");
    assert_eq!(reverse.get_str("DtsJobDirection"), Some("Reverse"));
    assert!(
        reverse
            .get_str("DtsInstanceID")
            .is_some_and(|id| id.starts_with("dts"))
    );
}

#[tokio::test]
async fn a_configured_precheck_failure_stops_the_workflow() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Xml);
    let job = seed(
        &handle,
        &credentials,
        json!({ "job_type": "SYNC", "reverse_precheck": "fail" }),
    )
    .await;
    let created = call(&client, CREATE, &[("DtsJobId", &job)]).await;
    let reverse = body(&created)
        .value
        .get_str("DtsJobId")
        .expect("reverse id")
        .to_string();
    control(&handle)
        .advance_clock(&credentials.access_key_id, 600)
        .await
        .expect("clock");
    let listed = call(
        &client,
        DESCRIBE,
        &[("JobType", "SYNC"), ("DtsJobId", &reverse)],
    )
    .await;
    let entry = reverse_entry(&body(&listed), &reverse);
    assert_eq!(entry.get_str("Status"), Some("PrecheckFailed"));
    let start = call(&client, START, &[("DtsJobId", &reverse)]).await;
    assert_eq!(code(&start), "DTS.Msg.OperationDenied.JobStatus");
}

#[tokio::test]
async fn concurrent_creates_for_one_job_make_exactly_one_reverse_task() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Json);
    let job = eligible(&handle, &credentials).await;
    let params = [("DtsJobId", job.as_str())];
    let calls = (0..32).map(|_| call(&client, CREATE, &params));
    let exchanges = join_all(calls).await;
    let won = exchanges
        .iter()
        .filter(|e| e.response.status == 200)
        .count();
    assert_eq!(won, 1);
    for exchange in exchanges.iter().filter(|e| e.response.status != 200) {
        assert_eq!(code(exchange), "DTS.Msg.OperationDenied.ReverseJobExists");
    }
}

#[tokio::test]
async fn throttling_and_faults_are_per_account() {
    let handle = mock().await;
    let busy = account(&handle).await;
    let calm = account(&handle).await;
    let control = control(&handle);
    control
        .set_throttle(&busy.access_key_id, 2, 0.001)
        .await
        .expect("throttle");
    control
        .add_fault(
            &busy.access_key_id,
            json!({ "action": DESCRIBE, "count": 1 }),
        )
        .await
        .expect("fault");
    let busy_client = client(&handle, &busy, Format::Json);
    let calm_client = client(&handle, &calm, Format::Json);

    let first = call(&busy_client, DESCRIBE, &[]).await;
    assert_eq!(
        (first.response.status, code(&first).as_str()),
        (500, "ServiceUnavailable")
    );
    assert_eq!(call(&busy_client, DESCRIBE, &[]).await.response.status, 200);
    let throttled = call(&busy_client, DESCRIBE, &[]).await;
    assert_eq!(
        (throttled.response.status, code(&throttled).as_str()),
        (400, "Throttling.User")
    );
    assert!(
        throttled
            .response_header("x-ratelimit-user-api")
            .is_some_and(|h| h.starts_with("Limit:2,Remain:0"))
    );
    assert!(throttled.response_header("x-acs-retry-after").is_some());
    for _ in 0..5 {
        assert_eq!(call(&calm_client, DESCRIBE, &[]).await.response.status, 200);
    }
}

#[tokio::test]
async fn a_fraction_fault_fails_about_that_share_and_latency_delays_answers() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let control = control(&handle);
    control
        .add_fault(
            &credentials.access_key_id,
            json!({ "fraction": 1.0, "action": CREATE }),
        )
        .await
        .expect("fault");
    control
        .add_fault(&credentials.access_key_id, json!({ "latency_ms": 150 }))
        .await
        .expect("fault");
    let client = client(&handle, &credentials, Format::Json);
    let create = call(&client, CREATE, &[("DtsJobId", "n99m9jx822k0000")]).await;
    assert_eq!(code(&create), "ServiceUnavailable");
    let describe = call(&client, DESCRIBE, &[]).await;
    assert_eq!(describe.response.status, 200);
    assert!(
        describe.response.elapsed.as_millis() >= 150,
        "the injected latency was applied"
    );
}

#[tokio::test]
async fn jobs_seeded_from_a_seed_file_are_there_at_start() {
    let seed_file = SeedFile {
        accounts: vec![],
        jobs: vec![AccountJobSeed {
            access_key_id: None,
            job: JobSeed {
                dts_job_id: Some("seededjob000001".into()),
                job_type: JobType::Migration,
                status: None,
                can_reverse: true,
                reverse_precheck: Default::default(),
            },
        }],
    };
    let handle = mock_with(Config {
        seed: seed_file,
        ..Config::default()
    })
    .await;
    let credentials = dts_conformance::client::Credentials::new("testid", "testsecret");
    let client = client(&handle, &credentials, Format::Json);
    let exchange = call(&client, CREATE, &[("DtsJobId", "seededjob000001")]).await;
    assert_eq!(exchange.response.status, 200, "{exchange}");
}
