use super::*;
use crate::client::{Config, Credentials, Space};
use crate::signing::encode::decode_form;

const NONCE: &str = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf";
const TIMESTAMP: &str = "2016-02-23T12:46:24Z";

fn client(configure: impl FnOnce(&mut Config)) -> Client {
    let mut config = Config::new(
        "http://127.0.0.1:8080",
        Credentials::new("testid", "testsecret"),
    );
    configure(&mut config);
    Client::new(config).expect("valid config")
}

fn pinned() -> CallOptions {
    CallOptions {
        timestamp: Some(TIMESTAMP.into()),
        nonce: Some(NONCE.into()),
        ..CallOptions::default()
    }
}

fn job(id: &str) -> Vec<(String, String)> {
    vec![pair("DtsJobId", id)]
}

fn query_of(request: &PreparedRequest) -> Vec<(String, String)> {
    let query = request.url.split_once('?').map_or("", |(_, q)| q);
    decode_form(query).expect("decodable query")
}

fn body_of(request: &PreparedRequest) -> Vec<(String, String)> {
    decode_form(std::str::from_utf8(&request.body).expect("utf-8")).expect("decodable body")
}

fn value<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn a_v1_request_carries_every_common_parameter_once() {
    let request =
        client(|_| {}).prepare("CreateReverseDtsJob", &job("j1"), &CallOptions::default());
    let params = query_of(&request);

    let mut names: Vec<&str> = params.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "AccessKeyId",
            "Action",
            "DtsJobId",
            "Format",
            "Signature",
            "SignatureMethod",
            "SignatureNonce",
            "SignatureVersion",
            "Timestamp",
            "Version"
        ]
    );
    assert_eq!(value(&params, "Action"), Some("CreateReverseDtsJob"));
    assert_eq!(value(&params, "Version"), Some("2020-01-01"));
    assert_eq!(value(&params, "Format"), Some("JSON"));
    assert_eq!(value(&params, "SignatureMethod"), Some("HMAC-SHA1"));
    assert_eq!(value(&params, "SignatureVersion"), Some("1.0"));
    assert!(request.body.is_empty());
    assert_eq!(request.header("x-acs-action"), Some("CreateReverseDtsJob"));
    assert_eq!(request.header("x-acs-version"), Some("2020-01-01"));
    assert_eq!(request.header("host"), Some("127.0.0.1:8080"));
}

#[test]
fn a_fresh_nonce_is_32_lowercase_hex_and_the_timestamp_is_utc_seconds() {
    let request = client(|_| {}).prepare("CreateReverseDtsJob", &[], &CallOptions::default());
    let params = query_of(&request);

    let nonce = value(&params, "SignatureNonce").expect("nonce");
    assert_eq!(nonce.len(), 32);
    assert!(
        nonce.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
        "{nonce}"
    );

    let stamp = value(&params, "Timestamp").expect("timestamp");
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    assert!(
        time::PrimitiveDateTime::parse(stamp, format).is_ok(),
        "{stamp}"
    );
}

#[test]
fn timestamps_are_formatted_in_utc() {
    let moment = time::macros::datetime!(2024-01-01 20:00:05 +08:00);
    assert_eq!(timestamp(moment), "2024-01-01T12:00:05Z");
}

#[test]
fn pinned_v1_requests_reproduce_the_reference_signatures() {
    for (method, signature) in [
        (Method::Get, "3qrHXVCnKz7BglKyYmxPHG3MkVA="),
        (Method::Post, "8OwyBJ4F7tWZ14o73rVkoMN3n8Y="),
    ] {
        let request = client(|c| c.method = method).prepare(
            "CreateReverseDtsJob",
            &job("n99m9jx822k****"),
            &pinned(),
        );
        assert_eq!(
            value(&query_of(&request), "Signature"),
            Some(signature),
            "{method}"
        );
    }
}

#[test]
fn the_old_core_sdk_shape_reproduces_its_captured_signature() {
    let request = client(|c| {
        c.region = Some("cn-hangzhou".into());
        c.send_signature_type = true;
    })
    .prepare(
        "CreateReverseDtsJob",
        &job("n99m9jx822k0000"),
        &CallOptions {
            timestamp: Some("2024-01-01T12:00:00Z".into()),
            nonce: Some("6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b".into()),
            ..CallOptions::default()
        },
    );
    let params = query_of(&request);
    assert_eq!(value(&params, "SignatureType"), Some(""));
    assert_eq!(value(&params, "RegionId"), Some("cn-hangzhou"));
    assert_eq!(
        value(&params, "Signature"),
        Some("E+PhpA00gE4TBn9WrIsvLQxP/zc=")
    );
}

#[test]
fn an_sts_token_is_a_signed_security_token_parameter() {
    let request = client(|c| {
        c.credentials = Credentials::new("testid", "testsecret")
            .with_security_token("CAIS+token/with~chars*and space");
    })
    .prepare("CreateReverseDtsJob", &job("n99m9jx822k****"), &pinned());
    let params = query_of(&request);
    assert_eq!(
        value(&params, "SecurityToken"),
        Some("CAIS+token/with~chars*and space")
    );
    assert_eq!(
        value(&params, "Signature"),
        Some("s3lPX8dQ74uRxM4yFpW+ty1LrcM=")
    );
}

#[test]
fn form_placement_moves_every_parameter_into_a_signed_body() {
    let request = client(|c| {
        c.placement = Placement::Form;
        c.space = Space::Plus;
    })
    .prepare("CreateReverseDtsJob", &job("a b"), &CallOptions::default());

    assert!(!request.url.contains('?'), "{}", request.url);
    assert_eq!(request.header("content-type"), Some(FORM_CONTENT_TYPE));
    assert!(String::from_utf8_lossy(&request.body).contains("DtsJobId=a+b"));
    let params = body_of(&request);
    assert_eq!(value(&params, "DtsJobId"), Some("a b"));
    v1::verify("POST", &params, "testsecret").expect("the body is signed");
}

#[test]
fn a_caller_parameter_replaces_the_common_one_and_is_signed() {
    let params = vec![
        pair("Format", "xml"),
        pair("DtsJobId", "a"),
        pair("DtsJobId", "b"),
    ];
    let request = client(|_| {}).prepare("CreateReverseDtsJob", &params, &CallOptions::default());
    let sent = query_of(&request);

    let formats: Vec<_> = sent.iter().filter(|(n, _)| n == "Format").collect();
    assert_eq!(formats, [&pair("Format", "xml")]);
    assert_eq!(sent.iter().filter(|(n, _)| n == "DtsJobId").count(), 2);
    v1::verify("POST", &sent, "testsecret").expect("signed with the override");
}

#[test]
fn a_v3_request_carries_action_and_version_as_headers_and_signs_them() {
    let request = client(|c| {
        c.signature = SignatureVersion::V3;
        c.format = None;
    })
    .prepare("CreateReverseDtsJob", &job("j1"), &CallOptions::default());

    assert_eq!(query_of(&request), job("j1"));
    for header in ["x-acs-date", "x-acs-signature-nonce", "host"] {
        assert!(request.header(header).is_some(), "{header}");
    }
    assert_eq!(request.header("x-acs-action"), Some("CreateReverseDtsJob"));
    assert_eq!(request.header("x-acs-version"), Some("2020-01-01"));
    assert_eq!(
        request.header("x-acs-content-sha256"),
        Some(v3::hashed_payload(b"").as_str())
    );
    let authorization = request.header("authorization").expect("authorization");
    assert!(
        authorization.starts_with("ACS3-HMAC-SHA256 Credential=testid,"),
        "{authorization}"
    );
    assert!(request.header("x-acs-security-token").is_none());
}

#[test]
fn a_v3_request_sends_format_only_when_configured_and_the_token_as_a_header() {
    let request = client(|c| {
        c.signature = SignatureVersion::V3;
        c.format = Some(Format::Xml);
        c.credentials = Credentials::new("testid", "testsecret").with_security_token("tok");
    })
    .prepare("CreateReverseDtsJob", &job("j1"), &CallOptions::default());

    assert_eq!(value(&query_of(&request), "Format"), Some("XML"));
    assert_eq!(request.header("x-acs-security-token"), Some("tok"));
    let authorization = request.header("authorization").expect("authorization");
    assert!(
        authorization.contains("x-acs-security-token"),
        "{authorization}"
    );
}

#[test]
fn a_v3_request_signs_host_content_type_and_every_x_acs_header() {
    let request = client(|c| {
        c.signature = SignatureVersion::V3;
        c.placement = Placement::Form;
        c.credentials = Credentials::new("testid", "testsecret").with_security_token("tok");
    })
    .prepare("CreateReverseDtsJob", &job("j1"), &CallOptions::default());

    let authorization = request.header("authorization").expect("authorization");
    let parsed = v3::Authorization::parse(authorization).expect("well-formed");
    assert_eq!(
        parsed.signed_headers,
        [
            "content-type",
            "host",
            "x-acs-action",
            "x-acs-content-sha256",
            "x-acs-date",
            "x-acs-security-token",
            "x-acs-signature-nonce",
            "x-acs-version"
        ]
    );
    let body_hash = v3::hashed_payload(&request.body);
    assert_eq!(
        request.header("x-acs-content-sha256"),
        Some(body_hash.as_str())
    );
    v3::verify("POST", &[], &request.headers, &request.body, "testsecret").expect("verifies");
}

#[test]
fn the_prepared_request_debug_redacts_the_token() {
    let request = client(|c| {
        c.credentials = Credentials::new("testid", "testsecret").with_security_token("token+value");
    })
    .prepare("CreateReverseDtsJob", &job("j1"), &CallOptions::default());
    let debug = format!("{request:?}");
    assert!(debug.contains("SecurityToken=[redacted]"), "{debug}");
    assert!(
        !debug.contains("token+value") && !debug.contains("token%2Bvalue"),
        "{debug}"
    );
    assert!(!debug.contains("testsecret"), "{debug}");
}
