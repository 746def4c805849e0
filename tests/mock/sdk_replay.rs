//! The official SDKs' requests, replayed byte for byte.
//!
//! The request lines and headers are those the reference captured from Alibaba's Python SDKs
//! (signatures included), so they carry timestamps from 2024: the mock under test accepts a
//! wide timestamp skew, and everything else, the signature above all, is checked as sent.

use super::common::{mock_with, raw as send_raw};
use dts_conformance::mock::Config;
use std::time::Duration;

const JOB: &str = "n99m9jx822k0000";

async fn mock() -> dts_conformance::mock::Handle {
    let config = Config {
        timestamp_skew: Duration::from_secs(100 * 365 * 24 * 3600),
        ..Config::default()
    };
    mock_with(config).await
}

async fn raw(handle: &dts_conformance::mock::Handle, request: &str) -> (u16, String) {
    send_raw(handle, request.as_bytes()).await
}

async fn seed(handle: &dts_conformance::mock::Handle) {
    let body = format!(r#"{{"dts_job_id":"{JOB}","job_type":"SYNC"}}"#);
    let request = format!(
        "POST /_mock/accounts/testid/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, answer) = raw(handle, &request).await;
    assert_eq!(status, 201, "{answer}");
}

#[tokio::test]
async fn the_old_core_sdk_post_with_empty_signature_type_and_region_is_accepted() {
    let handle = mock().await;
    seed(&handle).await;
    let request = "POST /?DtsJobId=n99m9jx822k0000&Version=2020-01-01&Action=CreateReverseDtsJob\
        &Format=JSON&RegionId=cn-hangzhou&Timestamp=2024-01-01T12%3A00%3A00Z\
        &SignatureMethod=HMAC-SHA1&SignatureType=&SignatureVersion=1.0\
        &SignatureNonce=6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b&AccessKeyId=testid\
        &Signature=E%2BPhpA00gE4TBn9WrIsvLQxP%2Fzc%3D HTTP/1.1\r\n\
        Host: 127.0.0.1\r\nUser-Agent: AlibabaCloud (Linux 6.1;x86_64) Python/3.11.7 Core/2.16.1 \
        python-requests/2.18.3\r\nAccept-Encoding: identity\r\nAccept: */*\r\n\
        Connection: close\r\nx-acs-action: CreateReverseDtsJob\r\nx-acs-version: 2020-01-01\r\n\
        x-sdk-invoke-type: common\r\nx-sdk-client: python/2.0.0\r\nContent-Length: 0\r\n\r\n";
    let (status, body) = raw(&handle, request).await;
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON body");
    assert_eq!(json["Success"], "true");
    assert_eq!(json["HttpStatusCode"], "200");

    let (status, body) = raw(&handle, request).await;
    assert_eq!(status, 400, "the same nonce again is a replay: {body}");
    assert!(body.contains("\"Code\":\"SignatureNonceUsed\""), "{body}");
}

#[tokio::test]
async fn the_tea_sdk_in_v2_mode_with_lowercase_format_is_accepted() {
    let handle = mock().await;
    seed(&handle).await;
    let request = "POST /?Action=CreateReverseDtsJob&Format=json&Version=2020-01-01\
        &Timestamp=2024-01-01T12%3A00%3A00Z&SignatureNonce=6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b\
        &DtsJobId=n99m9jx822k0000&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0\
        &AccessKeyId=testid&Signature=69kWtvmPjwuOWJYN98DmCmoIWJw%3D HTTP/1.1\r\n\
        Accept-Encoding: identity\r\nhost: 127.0.0.1\r\nx-acs-version: 2020-01-01\r\n\
        x-acs-action: CreateReverseDtsJob\r\n\
        user-agent: AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2\r\n\
        x-acs-credentials-provider: static_ak\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let (status, body) = raw(&handle, request).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"DtsInstanceId\":\"dts"), "{body}");
}

#[tokio::test]
async fn the_tea_sdk_default_acs3_request_is_accepted() {
    let handle = mock().await;
    seed(&handle).await;
    let request = "POST /?DtsJobId=n99m9jx822k0000 HTTP/1.1\r\n\
        Accept-Encoding: identity\r\nhost: 127.0.0.1:40121\r\nx-acs-version: 2020-01-01\r\n\
        x-acs-action: CreateReverseDtsJob\r\n\
        user-agent: AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2\r\n\
        x-acs-date: 2024-01-01T12:00:00Z\r\n\
        x-acs-signature-nonce: 6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b\r\naccept: application/json\r\n\
        x-acs-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\r\n\
        x-acs-credentials-provider: static_ak\r\n\
        Authorization: ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=accept;host;user-agent;\
        x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;\
        x-acs-signature-nonce;x-acs-version,\
        Signature=160d7a23be52dfda23de55509c735ae0418c647c1032f080676d13f25919d65c\r\n\
        Content-Length: 0\r\nConnection: close\r\n\r\n";
    let (status, body) = raw(&handle, request).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.starts_with('{'), "no Format means JSON: {body}");
}

#[tokio::test]
async fn a_tampered_sdk_request_is_refused_with_the_server_string_to_sign() {
    let handle = mock().await;
    seed(&handle).await;
    let request = "POST /?Action=CreateReverseDtsJob&Format=xml&Version=2020-01-01\
        &Timestamp=2024-01-01T12%3A00%3A00Z&SignatureNonce=6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0c\
        &DtsJobId=n99m9jx822k0000&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0\
        &AccessKeyId=testid&Signature=69kWtvmPjwuOWJYN98DmCmoIWJw%3D HTTP/1.1\r\n\
        host: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let (status, body) = raw(&handle, request).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.starts_with("<?xml"),
        "the error comes in the requested XML: {body}"
    );
    assert!(
        body.contains("<Code>SignatureDoesNotMatch</Code>"),
        "{body}"
    );
    assert!(
        body.contains("server string to sign is:POST&amp;%2F&amp;AccessKeyId%3Dtestid"),
        "{body}"
    );
}
