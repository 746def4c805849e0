//! Shared set-up for the integration tests: a tiny HTTP/1.1 capture server for the client
//! tests (a plain thread with blocking sockets that captures each raw request and answers with
//! a canned response), and a mock with the whole suite run against it.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the support module"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

/// A request as it arrived on the socket.
#[derive(Debug, Clone)]
pub struct Captured {
    /// The method from the request line.
    pub method: String,
    /// The request target, e.g. `/?Action=...`.
    pub target: String,
    /// Header names lower-cased, values trimmed, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body, read by `Content-Length`.
    pub body: Vec<u8>,
}

impl Captured {
    /// The raw query string (empty when there is none).
    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, query)| query)
    }

    /// The first header with this name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers with.
#[derive(Debug, Clone)]
pub struct Canned {
    /// The status code.
    pub status: u16,
    /// The content type.
    pub content_type: &'static str,
    /// The body.
    pub body: String,
}

impl Canned {
    /// A 200 with a JSON body.
    pub fn json(body: &str) -> Canned {
        Canned {
            status: 200,
            content_type: "application/json;charset=utf-8",
            body: body.to_owned(),
        }
    }
}

/// A server on `127.0.0.1:0` answering every connection with the same canned response.
pub struct Server {
    /// `http://127.0.0.1:<port>`.
    pub endpoint: String,
    requests: mpsc::Receiver<Captured>,
}

impl Server {
    /// Starts the server on a background thread.
    pub fn start(canned: Canned) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        let (sender, requests) = mpsc::channel();
        std::thread::spawn(move || {
            for socket in listener.incoming().flatten() {
                serve(socket, &canned, &sender);
            }
        });
        Server { endpoint, requests }
    }

    /// Starts a server that accepts connections and never answers.
    pub fn silent() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        std::thread::spawn(move || {
            let held: Vec<TcpStream> = listener.incoming().flatten().collect();
            drop(held);
        });
        endpoint
    }

    /// The next request the server received.
    pub fn next_request(&self) -> Captured {
        self.requests
            .recv_timeout(Duration::from_secs(10))
            .expect("a request arrived")
    }
}

fn serve(socket: TcpStream, canned: &Canned, sender: &mpsc::Sender<Captured>) {
    let mut reader = BufReader::new(socket);
    let Some(captured) = read_request(&mut reader) else {
        return;
    };
    let _ = sender.send(captured);

    let reason = if canned.status < 400 { "OK" } else { "Error" };
    let response = format!(
        "HTTP/1.1 {} {reason}\r\ncontent-type: {}\r\ncontent-length: {}\r\n\
         x-acs-request-id: R-1\r\nconnection: close\r\n\r\n{}",
        canned.status,
        canned.content_type,
        canned.body.len(),
        canned.body
    );
    let mut socket = reader.into_inner();
    let _ = socket.write_all(response.as_bytes());
    let _ = socket.flush();
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Captured> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();

    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }

    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Captured {
        method,
        target,
        headers,
        body,
    })
}

// The mock, and the suite run against it.

use dts_conformance::conformance::{self, RunOptions, Target, TargetKind};
use dts_conformance::mock::{self, Config, Defect, Handle};
use dts_conformance::report::{Outcome, RunResults};
use std::sync::Arc;

/// A mock with these defects switched on.
pub async fn mock_with(defects: &[Defect]) -> Handle {
    let config = Config {
        defects: defects.to_vec(),
        ..Config::default()
    };
    mock::Server::start(config)
        .await
        .expect("the mock starts on a loopback port")
}

/// Run the whole suite against a running mock, checking and recording response shapes.
pub async fn run_suite_with_shapes(handle: &Handle, shapes: conformance::Shapes) -> RunResults {
    let target = Arc::new(Target::mock(&handle.url(), TargetKind::ExternalMock));
    let options = RunOptions {
        features_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/features").into()),
        shapes,
        ..RunOptions::default()
    };
    conformance::run(target, &options)
        .await
        .expect("the run happens")
}

/// Run the whole suite against a running mock, through its control API.
pub async fn run_suite(handle: &Handle) -> RunResults {
    let target = Arc::new(Target::mock(&handle.url(), TargetKind::ExternalMock));
    let options = RunOptions {
        features_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/features").into()),
        ..RunOptions::default()
    };
    conformance::run(target, &options)
        .await
        .expect("the run happens")
}

/// Ids of the failed scenarios, sorted.
pub fn failed(results: &RunResults) -> Vec<String> {
    let mut ids: Vec<String> = results
        .scenarios
        .iter()
        .filter(|s| s.outcome == Outcome::Failed)
        .map(|s| s.id.clone())
        .collect();
    ids.sort();
    ids
}
