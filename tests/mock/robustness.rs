//! Malformed input gets a documented error body, and the server keeps serving.

use super::common::{account, call, client, code, mock, raw};
use dts_conformance::wire::{self, Format};

const ERROR_CODES: &[&str] = &[
    "InvalidParameter.Encoding",
    "InvalidParameter.Duplicate",
    "RequestTooLarge",
    "UnsupportedHTTPMethod",
    "MissingAction",
    "InvalidApi.NotFound",
];

fn error_code(body: &str) -> String {
    let format = if body.starts_with('<') {
        Format::Xml
    } else {
        Format::Json
    };
    let document = wire::decode(format, body.as_bytes()).expect("a well-formed error body");
    document
        .value
        .get_str("Code")
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn malformed_requests_get_documented_errors_and_the_server_keeps_serving() {
    let handle = mock().await;
    let huge = "a".repeat(70_000);
    let long_value = format!(
        "GET /?DtsJobId={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "b".repeat(5000)
    );
    let big_body = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{huge}",
        huge.len()
    );
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (b"GET /?Action=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 400, "InvalidParameter.Encoding"),
        (b"GET /?Action=%C3%28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 400, "InvalidParameter.Encoding"),
        (b"GET /?Format=XML&A=1&A=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 400, "InvalidParameter.Duplicate"),
        (long_value.into_bytes(), 413, "RequestTooLarge"),
        (big_body.into_bytes(), 413, "RequestTooLarge"),
        (b"DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 400, "UnsupportedHTTPMethod"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 400, "MissingAction"),
        (b"GET /elsewhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 404, "InvalidApi.NotFound"),
        (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2\r\nConnection: close\r\n\r\n\xff\xfe".to_vec(), 400, "InvalidParameter.Encoding"),
    ];
    let many_headers: String = (0..80).map(|i| format!("X-H{i}: v\r\n")).collect();
    let big_header = format!("X-Big: {}\r\n", "h".repeat(20_000));
    let mut cases = cases;
    for extra in [many_headers, big_header] {
        let request =
            format!("GET /?Format=XML HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n");
        cases.push((request.into_bytes(), 413, "RequestTooLarge"));
    }
    for (request, status, expected) in cases {
        let (got_status, body) = raw(&handle, &request).await;
        assert!(ERROR_CODES.contains(&expected));
        assert_eq!(
            (got_status, error_code(&body).as_str()),
            (status, expected),
            "{}",
            String::from_utf8_lossy(&request[..request.len().min(80)])
        );
    }
    let credentials = account(&handle).await;
    let exchange = call(
        &client(&handle, &credentials, Format::Json),
        "DescribeDtsJobs",
        &[],
    )
    .await;
    assert_eq!(exchange.response.status, 200, "the server still serves");
}

#[tokio::test]
async fn an_encoding_error_is_answered_in_the_requested_format() {
    let handle = mock().await;
    let (status, body) = raw(
        &handle,
        b"GET /?Format=XML&Action=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(status, 400);
    assert!(body.starts_with("<?xml"), "{body}");
}

#[tokio::test]
async fn a_refusal_before_the_body_is_read_still_answers_in_the_format_the_body_asks_for() {
    let handle = mock().await;
    let body = format!("Format=XML&DtsJobId={}", "a".repeat(5000));
    let request = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, answer) = raw(&handle, request.as_bytes()).await;
    assert_eq!(status, 413);
    assert!(answer.starts_with("<?xml"), "{answer}");
}

#[tokio::test]
async fn unknown_parameters_are_signed_and_ignored() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Json);
    let exchange = call(
        &client,
        "DescribeDtsJobs",
        &[("SomethingNew", "x y*~"), ("ResourceGroupId", "rg-1")],
    )
    .await;
    assert_eq!(exchange.response.status, 200, "{exchange}");
    let exchange = call(&client, "CreateReverseDtsJob", &[("DtsJobId", "")]).await;
    assert_eq!(code(&exchange), "MissingDtsJobId");
}
