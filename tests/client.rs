//! The client against a local capture server: requests arrive signed so that the verifiers
//! accept them, exchanges record what went over the wire, and nothing prints a secret.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use dts_conformance::client::{
    CallOptions, Client, ClientError, Config, CreateReverseDtsJobResponse, Credentials, Method,
    Placement, Reply, SignatureVersion, Space,
};
use dts_conformance::signing::encode::decode_form;
use dts_conformance::signing::{v1, v3};
use dts_conformance::wire::Format;
use support::{Canned, Captured, Server};

const SECRET: &str = "s3cr3t/Key+value";
const TOKEN: &str = "CAIS+token/with~chars*and space";

const CREATED: &str = concat!(
    r#"{"HttpStatusCode":"200","RequestId":"621BB4F8-3016-4FAA-8D5A-5D3163CC****","#,
    r#""DtsJobId":"n99m9jx822k****","DtsInstanceId":"dtsor1f9kr822l****","Success":"true"}"#
);

/// Values every encoder treats specially: space, `*`, `~`, `/`, `+`, `=`, `&`, multi-byte
/// UTF-8, and the empty string.
fn awkward_params() -> Vec<(String, String)> {
    [
        ("DtsJobId", "n99m9jx822k****"),
        ("Note", "a b*c~d/e+f=g&h中"),
        ("Empty", ""),
    ]
    .iter()
    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
    .collect()
}

fn client(endpoint: &str, configure: impl FnOnce(&mut Config)) -> Client {
    let credentials = Credentials::new("testid", SECRET).with_security_token(TOKEN);
    let mut config = Config::new(endpoint, credentials);
    configure(&mut config);
    Client::new(config).expect("valid config")
}

/// Every parameter that arrived: the query and, for a form body, the body.
fn arrived_params(request: &Captured) -> Vec<(String, String)> {
    let mut params = decode_form(request.query()).expect("decodable query");
    if request.header("content-type") == Some("application/x-www-form-urlencoded") {
        let body = std::str::from_utf8(&request.body).expect("utf-8 body");
        params.extend(decode_form(body).expect("decodable body"));
    }
    params
}

fn send(configure: impl FnOnce(&mut Config)) -> (Captured, dts_conformance::client::Exchange) {
    let server = Server::start(Canned::json(CREATED));
    let client = client(&server.endpoint, configure);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let exchange = runtime
        .block_on(client.call("CreateReverseDtsJob", &awkward_params()))
        .expect("answered");
    (server.next_request(), exchange)
}

#[test]
fn v1_requests_arrive_signed_for_every_method_placement_and_space() {
    for method in [Method::Get, Method::Post] {
        for placement in [Placement::Query, Placement::Form] {
            for space in [Space::Percent20, Space::Plus] {
                let (request, _) = send(|c| {
                    c.method = method;
                    c.placement = placement;
                    c.space = space;
                });
                let case = format!("{method} {placement:?} {space:?}");
                assert_eq!(request.method, method.as_str(), "{case}");

                let params = arrived_params(&request);
                v1::verify(&request.method, &params, SECRET)
                    .unwrap_or_else(|e| panic!("{case}: {e}"));
                let note = params
                    .iter()
                    .find(|(n, _)| n == "Note")
                    .map(|(_, v)| v.as_str());
                assert_eq!(note, Some("a b*c~d/e+f=g&h中"), "{case}");
            }
        }
    }
}

#[test]
fn v3_requests_arrive_signed_with_the_token_as_a_header() {
    for placement in [Placement::Query, Placement::Form] {
        let (request, _) = send(|c| {
            c.signature = SignatureVersion::V3;
            c.format = None;
            c.placement = placement;
        });
        let query = decode_form(request.query()).expect("decodable query");
        v3::verify(
            &request.method,
            &query,
            &request.headers,
            &request.body,
            SECRET,
        )
        .unwrap_or_else(|e| panic!("{placement:?}: {e}"));
        assert_eq!(request.header("x-acs-security-token"), Some(TOKEN));
        assert_eq!(request.header("x-acs-action"), Some("CreateReverseDtsJob"));
        assert!(!request.query().contains("Action="), "{}", request.target);
        assert!(!request.query().contains("Format="), "{}", request.target);
    }
}

#[test]
fn a_signature_flipped_after_signing_is_rejected_by_the_verifier() {
    let server = Server::start(Canned::json(CREATED));
    let client = client(&server.endpoint, |_| {});
    let mut request = client.prepare(
        "CreateReverseDtsJob",
        &awkward_params(),
        &CallOptions::default(),
    );
    let at = request.url.find("Signature=").expect("signed") + "Signature=".len();
    let flipped = if request.url.as_bytes()[at] == b'A' {
        "B"
    } else {
        "A"
    };
    request.url.replace_range(at..=at, flipped);

    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(client.execute(request)).expect("answered");
    let arrived = server.next_request();
    let error = v1::verify(&arrived.method, &arrived_params(&arrived), SECRET)
        .expect_err("a flipped signature must not verify");
    assert!(error.to_string().contains("does not match"), "{error}");
}

#[test]
fn the_exchange_records_status_headers_body_and_decodes() {
    let (_, exchange) = send(|_| {});
    assert_eq!(exchange.response.status, 200);
    assert_eq!(exchange.response_header("x-acs-request-id"), Some("R-1"));
    assert_eq!(exchange.format, Some(Format::Json));
    assert_eq!(exchange.response_format(), Format::Json);

    let reply = exchange
        .decode_reply::<CreateReverseDtsJobResponse>()
        .expect("decodes");
    let Reply::Operation(response) = reply else {
        panic!("{reply:?}")
    };
    assert_eq!(
        response.dts_instance_id.as_deref(),
        Some("dtsor1f9kr822l****")
    );
}

#[test]
fn a_gateway_error_answer_is_an_exchange_not_a_client_error() {
    let body = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>R</RequestId>"#,
        "<HostId>dts.aliyuncs.com</HostId><Code>InvalidParameter</Code>",
        "<Message>The value of the parameter DtsJobId is invalid.</Message></Error>"
    );
    let server = Server::start(Canned {
        status: 403,
        content_type: "text/xml;charset=utf-8",
        body: body.to_owned(),
    });
    let client = client(&server.endpoint, |c| c.format = Some(Format::Xml));
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let exchange = runtime
        .block_on(client.call("CreateReverseDtsJob", &awkward_params()))
        .expect("an answer");

    assert_eq!(exchange.response.status, 403);
    let reply = exchange
        .decode_reply::<CreateReverseDtsJobResponse>()
        .expect("decodes");
    let Reply::Gateway(error) = reply else {
        panic!("{reply:?}")
    };
    assert_eq!(error.code.as_deref(), Some("InvalidParameter"));
}

#[test]
fn an_unreachable_endpoint_is_a_one_line_connect_error() {
    let client = client("http://127.0.0.1:1", |c| c.timeout = Duration::from_secs(5));
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let error = runtime
        .block_on(client.call("CreateReverseDtsJob", &awkward_params()))
        .expect_err("nothing listens on port 1");
    assert!(matches!(error, ClientError::Connect { .. }), "{error:?}");
    let text = error.to_string();
    assert!(
        text.starts_with("cannot connect to http://127.0.0.1:1: "),
        "{text}"
    );
    assert!(!text.contains('\n'), "{text}");
}

#[test]
fn a_silent_endpoint_is_a_timeout() {
    let endpoint = Server::silent();
    let client = client(&endpoint, |c| c.timeout = Duration::from_millis(300));
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let error = runtime
        .block_on(client.call("CreateReverseDtsJob", &awkward_params()))
        .expect_err("no answer");
    assert!(matches!(error, ClientError::Timeout { .. }), "{error:?}");
}

/// A writer for the tracing subscriber that keeps everything in memory.
#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Everything a run of `configure`d calls prints: Display and Debug of the prepared request,
/// the exchange and its parts, and every log line at trace level.
fn everything_printed(configure: impl Fn(&mut Config)) -> String {
    let echo = format!(
        concat!(
            r#"{{"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched "#,
            r#"with our calculation. server string to sign is:POST&%2F&SecurityToken%3D{}","#,
            r#""Echo":"{} {}"}}"#
        ),
        v1_double_encoded(TOKEN),
        TOKEN,
        SECRET
    );
    let server = Server::start(Canned {
        status: 400,
        content_type: "application/json",
        body: echo,
    });
    let client = client(&server.endpoint, configure);
    let log = LogBuffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer({
            let log = log.clone();
            move || log.clone()
        })
        .finish();

    let mut printed = String::new();
    tracing::subscriber::with_default(subscriber, || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("rt");
        let request = client.prepare(
            "CreateReverseDtsJob",
            &awkward_params(),
            &CallOptions::default(),
        );
        printed.push_str(&format!("{request:?}\n"));
        let exchange = runtime.block_on(client.execute(request)).expect("answered");
        printed.push_str(&format!(
            "{exchange}\n{exchange:?}\n{}\n{:?}\n{}\n{:?}\n",
            exchange.request, exchange.request, exchange.response, exchange.response
        ));
        printed.push_str(&format!("{}\n", exchange.redacted_request_url()));
        if let Err(error) = exchange.decode::<CreateReverseDtsJobResponse>() {
            printed.push_str(&format!("{error}\n{error:?}\n"));
        }
    });
    let log = String::from_utf8(log.0.lock().expect("log lock").clone()).expect("utf-8 log");
    assert!(
        log.contains("exchange") && log.contains("CreateReverseDtsJob"),
        "no span: {log}"
    );
    assert!(log.contains("status=400"), "no status in the log: {log}");
    printed + &log
}

fn v1_double_encoded(value: &str) -> String {
    let once = dts_conformance::signing::encode::percent_encode(value);
    dts_conformance::signing::encode::percent_encode(&once)
}

#[test]
fn no_output_of_an_exchange_contains_the_secret_or_the_token() {
    type Configure = fn(&mut Config);
    let configurations: [(&str, Configure); 4] = [
        ("v1 GET query", |c| c.method = Method::Get),
        ("v1 POST form", |c| c.placement = Placement::Form),
        ("v1 POST query, + for space", |c| c.space = Space::Plus),
        ("v3", |c| c.signature = SignatureVersion::V3),
    ];
    let encode = dts_conformance::signing::encode::percent_encode;
    let forbidden = [
        SECRET.to_owned(),
        TOKEN.to_owned(),
        encode(SECRET),
        encode(TOKEN),
        encode(TOKEN).replace("%20", "+"),
        v1_double_encoded(TOKEN),
        "s3cr3t".to_owned(),
        "CAIS".to_owned(),
    ];
    for (name, configure) in configurations {
        let printed = everything_printed(configure);
        assert!(
            printed.contains("[redacted]"),
            "{name}: nothing was redacted?\n{printed}"
        );
        for secret in &forbidden {
            assert!(
                !printed.contains(secret.as_str()),
                "{name}: {secret:?} leaked in\n{printed}"
            );
        }
    }
}
