//! HTTP/1.1 connections: requests pipelined on one connection are each answered, in order, and
//! stopping the server lets a request in progress finish.

use super::common::{account, call, client, control, eligible, mock};
use dts_conformance::client::Credentials;
use dts_conformance::contract::API_VERSION;
use dts_conformance::mock::{timestamp_text, unix_now};
use dts_conformance::signing::encode::{Space, encode_pairs};
use dts_conformance::signing::v1;
use dts_conformance::wire::{self, Format};
use serde_json::json;
use std::collections::HashSet;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Long enough for any answer on a loaded machine; a hang fails instead of blocking CI.
const PATIENCE: Duration = Duration::from_secs(30);

/// A signed V1 GET request line and headers, with these business parameters.
fn signed_get(credentials: &Credentials, nonce: &str, params: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> = [
        ("Version", API_VERSION),
        ("Format", "JSON"),
        ("AccessKeyId", credentials.access_key_id.as_str()),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", nonce),
    ]
    .iter()
    .chain(params)
    .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
    .collect();
    pairs.push(("Timestamp".into(), timestamp_text(unix_now())));
    let signature = v1::sign_request("GET", &pairs, credentials.access_key_secret.expose());
    pairs.push(("Signature".into(), signature));
    format!(
        "GET /?{} HTTP/1.1\r\nHost: mock\r\n\r\n",
        encode_pairs(&pairs, Space::Percent20)
    )
}

/// Split a stream of HTTP/1.1 responses with Content-Length bodies into (status, body).
fn responses(mut bytes: &[u8]) -> Vec<(u16, String)> {
    let mut found = Vec::new();
    while let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
        let status = head[9..12].parse().expect("a status code");
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .map(|v| v.trim().parse().expect("a length"))
            .expect("a Content-Length");
        let body = &bytes[end + 4..end + 4 + length];
        found.push((status, String::from_utf8_lossy(body).into_owned()));
        bytes = &bytes[end + 4 + length..];
    }
    found
}

#[tokio::test]
async fn pipelined_requests_are_each_answered_in_the_order_they_were_sent() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let job = eligible(&handle, &credentials).await;
    let describe = [("Action", "DescribeDtsJobs"), ("JobType", "SYNC")];
    let create = [
        ("Action", "CreateReverseDtsJob"),
        ("DtsJobId", job.as_str()),
    ];
    let mut pipelined = signed_get(&credentials, "pipelined-1", &describe);
    pipelined += &signed_get(&credentials, "pipelined-2", &create);
    pipelined += &signed_get(&credentials, "pipelined-1", &describe)
        .replace("Host: mock\r\n", "Host: mock\r\nConnection: close\r\n");

    let mut stream = tokio::net::TcpStream::connect(handle.address())
        .await
        .expect("connects");
    stream
        .write_all(pipelined.as_bytes())
        .await
        .expect("writes");
    let mut answer = Vec::new();
    tokio::time::timeout(PATIENCE, stream.read_to_end(&mut answer))
        .await
        .expect("the connection closes after the third answer")
        .expect("reads");
    let answers = responses(&answer);

    let statuses: Vec<u16> = answers.iter().map(|(status, _)| *status).collect();
    assert_eq!(statuses, [200, 200, 400], "{answers:#?}");
    let bodies: Vec<wire::Document> = answers
        .iter()
        .map(|(_, body)| wire::decode(Format::Json, body.as_bytes()).expect("JSON"))
        .collect();
    assert!(bodies[0].value.get("DtsJobList").is_some(), "{answers:#?}");
    assert_eq!(bodies[1].value.get_str("Success"), Some("true"));
    assert_eq!(
        bodies[2].value.get_str("Code"),
        Some("SignatureNonceUsed"),
        "the third request replays the first one's nonce"
    );
    let ids: HashSet<&str> = bodies
        .iter()
        .filter_map(|b| b.value.get_str("RequestId"))
        .collect();
    assert_eq!(ids.len(), 3, "three distinct request ids: {ids:?}");
}

#[tokio::test]
async fn stopping_the_server_lets_a_request_in_progress_finish() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    control(&handle)
        .add_fault(&credentials.access_key_id, json!({ "latency_ms": 1500 }))
        .await
        .expect("fault");
    let client = client(&handle, &credentials, Format::Json);
    let in_progress =
        tokio::spawn(async move { call(&client, "DescribeDtsJobs", &[]).await.response.status });
    // The request is sent at once and then held by the injected latency for 1.5 s.
    tokio::time::sleep(Duration::from_millis(300)).await;
    tokio::time::timeout(PATIENCE, handle.stop())
        .await
        .expect("stop returns once the request is answered");
    let status = in_progress.await.expect("the call task ends");
    assert_eq!(status, 200, "the request in progress was answered");
}
