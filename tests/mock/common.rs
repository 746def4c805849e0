//! Set-up shared by the mock tests.

use dts_conformance::client::{Client, Config as ClientConfig, Credentials, Exchange};
use dts_conformance::conformance::Control;
use dts_conformance::mock::{Config, Handle, Server};
use dts_conformance::wire::{self, Document, Format};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A mock with the default configuration.
pub async fn mock() -> Handle {
    mock_with(Config::default()).await
}

/// A mock with this configuration.
pub async fn mock_with(config: Config) -> Handle {
    Server::start(config)
        .await
        .expect("the mock starts on a loopback port")
}

/// The control API of a mock.
pub fn control(handle: &Handle) -> Control {
    Control::new(&handle.url(), reqwest::Client::new())
}

/// A fresh account on the mock; returns its credentials.
pub async fn account(handle: &Handle) -> Credentials {
    let id = format!("acct{}", dts_conformance::mock::fresh_job_id());
    let secret = format!("secret-{id}");
    control(handle)
        .add_account(&id, &secret)
        .await
        .expect("account added");
    Credentials::new(id, secret)
}

/// A V1 POST query client for these credentials, asking for `format`.
pub fn client(handle: &Handle, credentials: &Credentials, format: Format) -> Client {
    let mut config = ClientConfig::new(handle.url(), credentials.clone());
    config.format = Some(format);
    Client::new(config).expect("client")
}

/// Seed a job for the account; returns its id.
pub async fn seed(handle: &Handle, credentials: &Credentials, seed: serde_json::Value) -> String {
    control(handle)
        .seed_job(&credentials.access_key_id, seed)
        .await
        .expect("job seeded")
}

/// Seed an eligible synchronization job.
pub async fn eligible(handle: &Handle, credentials: &Credentials) -> String {
    seed(handle, credentials, json!({ "job_type": "SYNC" })).await
}

/// Call an action with business parameters.
pub async fn call(client: &Client, action: &str, params: &[(&str, &str)]) -> Exchange {
    let params: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
    client
        .call(action, &params)
        .await
        .expect("an answer arrives")
}

/// The decoded body of an exchange, in the format its content type names.
pub fn body(exchange: &Exchange) -> Document {
    let format = exchange
        .response_header("content-type")
        .and_then(Format::from_content_type)
        .expect("a content type naming a format");
    wire::decode(format, &exchange.response.body).expect("a well-formed body")
}

/// The error code of an exchange's body.
pub fn code(exchange: &Exchange) -> String {
    body(exchange)
        .value
        .get_str("Code")
        .unwrap_or("")
        .to_string()
}

/// Send raw bytes over a fresh connection; returns the status and the body.
pub async fn raw(handle: &Handle, request: &[u8]) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(handle.address())
        .await
        .expect("connects");
    stream.write_all(request).await.expect("writes");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("reads");
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}
