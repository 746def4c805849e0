//! Response shapes: a snapshot of every response the contract defines, in JSON and in XML,
//! taken from the mock over HTTP; the document's own sample responses as fixtures; and drift
//! detection against recorded shapes, shown on deliberately broken variants of the mock.
//!
//! Snapshots live in the top-level `snapshots/` folder, named after the response kind
//! (`CreateReverseDtsJob.success.json.snap`). A changed shape fails here; `cargo insta review`
//! accepts it (see docs/snapshots.md).

mod support;

use dts_conformance::client::{
    CallOptions, Client, Config, Credentials, Exchange, PreparedRequest,
};
use dts_conformance::conformance::Control;
use dts_conformance::mock::{self, Defect, Handle};
use dts_conformance::wire::shape::{self, Drift, Recorder, Reference, ShapeKey};
use dts_conformance::wire::{self, Document, Format, Shape};
use serde_json::json;
use std::path::PathBuf;

const ACCOUNT: &str = "testid";
const SECRET: &str = "testsecret";
const CREATE: &str = "CreateReverseDtsJob";
const START: &str = "StartReverseWriter";
const DESCRIBE: &str = "DescribeDtsJobs";

/// The document's sample success response in XML, exactly as printed: no prolog, one element
/// a line.
const DOCUMENT_XML: &str = "<CreateReverseDtsJobResponse>
<HttpStatusCode>200</HttpStatusCode>
<RequestId>621BB4F8-3016-4FAA-8D5A-5D3163CC****</RequestId>
<DtsJobId>n99m9jx822k****</DtsJobId>
<DtsInstanceId>dtsor1f9kr822l****</DtsInstanceId>
<Success>true</Success>
</CreateReverseDtsJobResponse>";

/// The document's sample success response in JSON, exactly as printed.
const DOCUMENT_JSON: &str = r#"{
"HttpStatusCode" : "200",
"RequestId" : "621BB4F8-3016-4FAA-8D5A-5D3163CC****",
"DtsJobId" : "n99m9jx822k****",
"DtsInstanceId" : "dtsor1f9kr822l****",
"Success" : "true"
}"#;

/// The parameters of the suite's "the caller lists its synchronization tasks".
const LIST: (&str, &str) = ("JobType", "SYNC");
/// A well-formed DtsJobId that names no job.
const VALID_ID: (&str, &str) = ("DtsJobId", "n99m9jx822k0000");

/// A mock on a loopback port with its control API.
struct Mock {
    handle: Handle,
    control: Control,
}

impl Mock {
    async fn start(defects: &[Defect]) -> Mock {
        let handle = support::mock_with(defects).await;
        let control = Control::new(&handle.url(), reqwest::Client::new());
        Mock { handle, control }
    }

    fn client(&self, format: Format) -> Client {
        self.client_as(format, Credentials::new(ACCOUNT, SECRET))
    }

    fn client_as(&self, format: Format, credentials: Credentials) -> Client {
        let config = Config {
            format: Some(format),
            ..Config::new(self.handle.url(), credentials)
        };
        Client::new(config).expect("a loopback endpoint is valid")
    }

    async fn seed(&self) -> String {
        let seed = json!({ "job_type": "SYNC" });
        self.control
            .seed_job(ACCOUNT, seed)
            .await
            .expect("the mock seeds a job")
    }

    async fn advance(&self, seconds: u64) {
        let advanced = self.control.advance_clock(ACCOUNT, seconds).await;
        advanced.expect("the mock's clock advances");
    }

    /// A client with an STS token that expired a minute ago (of the account's time).
    async fn expired_token(&self, format: Format) -> Client {
        let token = self
            .control
            .issue_token(ACCOUNT, 60)
            .await
            .expect("a token");
        self.advance(120).await;
        let credentials = Credentials::new(ACCOUNT, SECRET).with_security_token(token);
        self.client_as(format, credentials)
    }

    async fn fail_next_create(&self) {
        let fault = json!({ "action": CREATE, "count": 1 });
        self.control
            .add_fault(ACCOUNT, fault)
            .await
            .expect("the fault is set");
    }

    async fn allow_one_request(&self) {
        let set = self.control.set_throttle(ACCOUNT, 1, 0.001).await;
        set.expect("the bucket is set");
    }
}

fn owned(params: &[(&str, &str)]) -> Vec<(String, String)> {
    params
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

async fn call(client: &Client, action: &str, params: &[(&str, &str)]) -> Exchange {
    client
        .call(action, &owned(params))
        .await
        .expect("the mock answers")
}

async fn send(client: &Client, request: PreparedRequest) -> Exchange {
    client.execute(request).await.expect("the mock answers")
}

/// Create a reverse task for `job` and return its id.
async fn reverse_of(client: &Client, job: &str) -> String {
    let exchange = call(client, CREATE, &[("DtsJobId", job)]).await;
    let document = exchange.document().expect("a decodable body");
    let id = document
        .value
        .get_str("DtsJobId")
        .expect("a created reverse task's id");
    id.to_string()
}

/// A response the contract defines, and how to provoke it.
#[derive(Debug, Clone, Copy)]
enum Case {
    CreateSuccess,
    TokenExpired,
    InvalidParameter,
    ServiceUnavailable,
    Throttled,
    SignatureMismatch,
    NonceUsed,
    TimestampExpired,
    UnknownAccessKey,
    UnknownAction,
    WrongVersion,
    MissingJobId,
    MalformedToken,
    WriterStarted,
    WriterRefused,
    DescribeWithReverse,
}

impl Case {
    async fn provoke(self, mock: &Mock, format: Format) -> Exchange {
        match self {
            Case::CreateSuccess
            | Case::TokenExpired
            | Case::InvalidParameter
            | Case::ServiceUnavailable
            | Case::Throttled => self.documented(mock, format).await,
            Case::WriterStarted | Case::WriterRefused | Case::DescribeWithReverse => {
                self.workflow(mock, format).await
            }
            _ => self.gateway(mock, format).await,
        }
    }

    /// CreateReverseDtsJob's success and the document's four error codes.
    async fn documented(self, mock: &Mock, format: Format) -> Exchange {
        let client = mock.client(format);
        match self {
            Case::TokenExpired => {
                call(&mock.expired_token(format).await, CREATE, &[VALID_ID]).await
            }
            Case::InvalidParameter => {
                call(&client, CREATE, &[("DtsJobId", "bad id with spaces")]).await
            }
            Case::Throttled => {
                mock.allow_one_request().await;
                call(&client, CREATE, &[VALID_ID]).await;
                call(&client, CREATE, &[VALID_ID]).await
            }
            _ => {
                let job = mock.seed().await;
                if matches!(self, Case::ServiceUnavailable) {
                    mock.fail_next_create().await;
                }
                call(&client, CREATE, &[("DtsJobId", job.as_str())]).await
            }
        }
    }

    /// The gateway errors the suite provokes, provoked the same way.
    async fn gateway(self, mock: &Mock, format: Format) -> Exchange {
        let client = mock.client(format);
        let stranger =
            |id: &str, secret: &str| mock.client_as(format, Credentials::new(id, secret));
        match self {
            Case::SignatureMismatch => {
                call(&stranger(ACCOUNT, "not-the-secret"), DESCRIBE, &[LIST]).await
            }
            Case::UnknownAccessKey => {
                call(&stranger("LTAIunknownkey", "x"), DESCRIBE, &[LIST]).await
            }
            Case::NonceUsed => {
                let request = client.prepare(DESCRIBE, &owned(&[LIST]), &CallOptions::default());
                send(&client, request.clone()).await;
                send(&client, request).await
            }
            Case::TimestampExpired => {
                let timestamp = Some(mock::timestamp_text(mock::unix_now() - 20 * 60));
                let options = CallOptions {
                    timestamp,
                    ..CallOptions::default()
                };
                send(&client, client.prepare(DESCRIBE, &owned(&[LIST]), &options)).await
            }
            Case::UnknownAction => call(&client, "CreateReverseDtsJobs", &[VALID_ID]).await,
            Case::WrongVersion => call(&client, DESCRIBE, &[LIST, ("Version", "2020-01-02")]).await,
            Case::MissingJobId => call(&client, CREATE, &[]).await,
            _ => {
                let token = format!("CAIS{}", mock::fresh_job_id());
                let credentials = Credentials::new(ACCOUNT, SECRET).with_security_token(token);
                call(&mock.client_as(format, credentials), DESCRIBE, &[LIST]).await
            }
        }
    }

    /// StartReverseWriter's success and refusal, and DescribeDtsJobs once a reverse task
    /// exists (the forward job listed first, the reverse task second).
    async fn workflow(self, mock: &Mock, format: Format) -> Exchange {
        let client = mock.client(format);
        let job = mock.seed().await;
        mock.advance(10).await;
        let reverse = reverse_of(&client, &job).await;
        if !matches!(self, Case::WriterRefused) {
            mock.advance(3600).await;
        }
        match self {
            Case::DescribeWithReverse => call(&client, DESCRIBE, &[LIST]).await,
            _ => call(&client, START, &[("DtsJobId", reverse.as_str())]).await,
        }
    }
}

/// The kind and the body of a response.
fn observed(exchange: &Exchange) -> (ShapeKey, Document) {
    let document = exchange.document().expect("a decodable body");
    let key = shape::classify(&exchange.action, exchange.response.status, &document);
    (key, document)
}

/// Provoke `case` on a fresh conforming mock.
async fn observe(case: Case, format: Format) -> (ShapeKey, Document) {
    let mock = Mock::start(&[]).await;
    let exchange = case.provoke(&mock, format).await;
    mock.handle.stop().await;
    observed(&exchange)
}

fn snapshot_settings(description: String) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(description);
    settings
}

/// Snapshot `case` in both formats as `<kind>.<format>`, and check that both formats carry
/// the same fields.
async fn snapshot(case: Case, kind: &str) {
    let mut shapes = Vec::new();
    for format in Format::ALL {
        let (key, document) = observe(case, format).await;
        let name = format!("{kind}.{}", format.as_str().to_ascii_lowercase());
        assert_eq!(key.to_string(), name, "{case:?} provoked another response");
        let shape = Shape::of(&document);
        let description = format!("The shape of the mock's {key} response ({case:?}).");
        snapshot_settings(description).bind(|| {
            insta::assert_snapshot!(name, shape.to_string());
        });
        shapes.push(shape);
    }
    if let Err(gaps) = shape::same_fields(&shapes[0], &shapes[1]) {
        panic!(
            "{kind}: JSON and XML carry different fields:\n  {}",
            lines(&gaps).join("\n  ")
        );
    }
}

fn lines<T: ToString>(items: &[T]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

macro_rules! snapshot_tests {
    ($($name:ident => $case:ident, $kind:literal;)*) => {$(
        #[tokio::test]
        async fn $name() {
            snapshot(Case::$case, $kind).await;
        }
    )*};
}

snapshot_tests! {
    create_reverse_dts_job_succeeds => CreateSuccess, "CreateReverseDtsJob.success";
    an_expired_sts_token_is_refused =>
        TokenExpired, "CreateReverseDtsJob.InvalidSecurityToken.Expired";
    a_bad_dts_job_id_is_refused => InvalidParameter, "CreateReverseDtsJob.InvalidParameter";
    a_temporary_failure_answers_service_unavailable =>
        ServiceUnavailable, "CreateReverseDtsJob.ServiceUnavailable";
    a_burst_is_throttled => Throttled, "CreateReverseDtsJob.Throttling.User";
    a_wrong_signature_is_refused => SignatureMismatch, "DescribeDtsJobs.SignatureDoesNotMatch";
    a_replayed_nonce_is_refused => NonceUsed, "DescribeDtsJobs.SignatureNonceUsed";
    an_old_timestamp_is_refused => TimestampExpired, "DescribeDtsJobs.InvalidTimeStamp.Expired";
    an_unknown_access_key_is_refused =>
        UnknownAccessKey, "DescribeDtsJobs.InvalidAccessKeyId.NotFound";
    an_unknown_action_is_refused => UnknownAction, "CreateReverseDtsJobs.InvalidApi.NotFound";
    another_api_version_is_refused => WrongVersion, "DescribeDtsJobs.InvalidVersion";
    a_missing_dts_job_id_is_refused => MissingJobId, "CreateReverseDtsJob.MissingDtsJobId";
    an_sts_token_never_issued_is_refused =>
        MalformedToken, "DescribeDtsJobs.InvalidSecurityToken.Malformed";
    start_reverse_writer_succeeds => WriterStarted, "StartReverseWriter.success";
    start_reverse_writer_is_refused_while_the_precheck_runs =>
        WriterRefused, "StartReverseWriter.DTS.Msg.OperationDenied.JobStatus";
    describe_dts_jobs_lists_a_reverse_task => DescribeWithReverse, "DescribeDtsJobs.success";
}

#[tokio::test]
async fn the_documents_sample_responses_have_the_mocks_shapes() {
    let mut samples = Vec::new();
    for (format, sample) in [(Format::Json, DOCUMENT_JSON), (Format::Xml, DOCUMENT_XML)] {
        let sample =
            Shape::of(&wire::decode(format, sample.as_bytes()).expect("the sample decodes"));
        let (_, document) = observe(Case::CreateSuccess, format).await;
        let mock = Shape::of(&document);
        assert_eq!(
            sample.to_string(),
            mock.to_string(),
            "{format}: the sample's shape, then the mock's"
        );
        assert_eq!(shape::diff(&sample, &mock), []);
        samples.push(sample);
    }
    assert_eq!(shape::same_fields(&samples[0], &samples[1]), Ok(()));
}

/// A fresh directory under the target's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let unique = uuid::Uuid::new_v4().simple().to_string();
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("shapes-{name}-{unique}"))
}

#[tokio::test]
async fn shapes_recorded_from_a_run_pass_when_fed_back_as_the_reference() {
    let dir = scratch("record");
    let recorder = Recorder::create(&dir).expect("the directory is created");
    let mut seen = Vec::new();
    for format in Format::ALL {
        let mock = Mock::start(&[]).await;
        let mut exchanges = vec![call(&mock.client(format), DESCRIBE, &[LIST]).await];
        for case in [
            Case::CreateSuccess,
            Case::InvalidParameter,
            Case::DescribeWithReverse,
        ] {
            exchanges.push(case.provoke(&mock, format).await);
        }
        for exchange in exchanges {
            let (_, document) = observed(&exchange);
            let (action, status) = (&exchange.action, exchange.response.status);
            let key = recorder
                .record_response(action, status, &document)
                .expect("recorded");
            seen.push((key, document));
        }
        mock.handle.stop().await;
    }

    let reference = Reference::load(&dir).expect("the recording loads");
    let files: Vec<String> = reference.keys().map(ShapeKey::file_name).collect();
    assert_eq!(files.len(), 6, "{files:?}");
    assert!(
        files.contains(&"DescribeDtsJobs.success.xml.shape".into()),
        "{files:?}"
    );
    for (key, document) in &seen {
        let checked = reference.check(&key.action, &key.outcome, key.format, document);
        assert_eq!(checked, Ok(()), "{key} against its own recording");
    }
    let never_seen = shape::classify(START, 200, &seen[0].1);
    let unreferenced = Drift::Unreferenced {
        key: never_seen.to_string(),
    };
    assert_eq!(
        reference.check_key(&never_seen, &seen[0].1),
        Err(vec![unreferenced])
    );
    std::fs::remove_dir_all(&dir).expect("the scratch directory is removed");
}

#[tokio::test]
async fn a_renamed_field_is_reported_as_drift_naming_the_field_and_both_shapes() {
    let dir = scratch("renamed");
    let recorder = Recorder::create(&dir).expect("the directory is created");
    for format in Format::ALL {
        let (key, document) = observe(Case::CreateSuccess, format).await;
        recorder.record(&key, &document).expect("recorded");
    }
    let reference = Reference::load(&dir).expect("the recording loads");

    let broken = Mock::start(&[Defect::RenamedDtsInstanceId]).await;
    let expected = [
        (
            Format::Json,
            "$.DtsInstanceID",
            "string(id)",
            "$.DtsInstanceId",
        ),
        (
            Format::Xml,
            "<R>/<DtsInstanceID>",
            "text(id)",
            "<R>/<DtsInstanceId>",
        ),
    ];
    for (format, renamed, shape, original) in expected {
        let (key, document) = observed(&Case::CreateSuccess.provoke(&broken, format).await);
        let drifts = reference
            .check_key(&key, &document)
            .expect_err("a renamed field drifts");
        let [renamed, original] =
            [renamed, original].map(|p| p.replace("<R>", "<CreateReverseDtsJobResponse>"));
        assert_eq!(
            lines(&drifts),
            [
                format!("added {renamed}: reference absent, actual {shape}"),
                format!("removed {original}: reference {shape}, actual absent"),
            ]
        );
        let message = shape::explain(&key, &drifts);
        assert!(
            message.contains(&key.to_string()) && message.contains(&renamed),
            "{message}"
        );
    }
    broken.handle.stop().await;
    std::fs::remove_dir_all(&dir).expect("the scratch directory is removed");
}

/// The shape stored in a snapshot file: its content after insta's header.
fn stored_snapshot(key: &ShapeKey) -> Shape {
    let path = format!("{}/snapshots/{key}.snap", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the snapshot is stored");
    let content = text
        .splitn(3, "---\n")
        .nth(2)
        .expect("an insta header, then the content");
    Shape::parse(content).expect("the snapshot holds a shape")
}

/// The lines only `old` has, and the lines only `new` has.
fn changed_lines(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let only = |a: &str, b: &str| -> Vec<String> {
        a.lines()
            .filter(|l| !b.lines().any(|o| o == *l))
            .map(str::to_string)
            .collect()
    };
    (only(old, new), only(new, old))
}

#[tokio::test]
async fn a_retyped_field_fails_the_snapshot_comparison_with_a_diff_that_names_it() {
    let broken = Mock::start(&[Defect::HttpStatusCodeAsNumber]).await;
    let (key, document) = observed(&Case::CreateSuccess.provoke(&broken, Format::Json).await);
    let (stored, actual) = (stored_snapshot(&key), Shape::of(&document));

    let (removed, added) = changed_lines(&stored.to_string(), &actual.to_string());
    assert_eq!(removed, ["$.HttpStatusCode: string(digits)"]);
    assert_eq!(added, ["$.HttpStatusCode: integer"]);
    let retyped = Drift::Retyped {
        path: "$.HttpStatusCode".into(),
        reference: "string(digits)".into(),
        actual: "integer".into(),
    };
    assert_eq!(shape::diff(&stored, &actual), [retyped]);

    // XML carries no types: the same defect leaves the XML shape as stored.
    let (key, document) = observed(&Case::CreateSuccess.provoke(&broken, Format::Xml).await);
    assert_eq!(
        shape::diff(&stored_snapshot(&key), &Shape::of(&document)),
        []
    );
    broken.handle.stop().await;
}
