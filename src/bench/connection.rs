//! One load connection: raw keep-alive HTTP/1.1 with freshly signed requests.

use super::Figures;
use crate::contract::{API_VERSION, Action};
use crate::mock::clock_text;
use crate::signing::encode::{Space, encode_pairs};
use crate::signing::v1;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const ACCESS_KEY_ID: &str = "testid";
const SECRET: &str = "testsecret";

/// Counts and latencies from one or more connections.
#[derive(Debug, Default)]
pub struct Totals {
    latencies: Vec<Duration>,
    statuses: BTreeMap<u16, u64>,
    errors: u64,
}

impl Totals {
    /// Add another connection's totals.
    pub fn merge(&mut self, other: Totals) {
        self.latencies.extend(other.latencies);
        for (status, count) in other.statuses {
            *self.statuses.entry(status).or_default() += count;
        }
        self.errors += other.errors;
    }

    /// The figures of the whole run.
    pub fn figures(mut self, elapsed: Duration, rss_kib: Vec<u64>, nonces_held: u64) -> Figures {
        self.latencies.sort_unstable();
        let pick = |q: f64| -> Duration {
            if self.latencies.is_empty() {
                return Duration::ZERO;
            }
            let index = ((self.latencies.len() as f64 - 1.0) * q).round() as usize;
            self.latencies[index.min(self.latencies.len() - 1)]
        };
        let requests = self.latencies.len() as u64;
        Figures {
            requests,
            per_second: requests as f64 / elapsed.as_secs_f64().max(1e-9),
            latency: [pick(0.5), pick(0.9), pick(0.99), pick(0.999), pick(1.0)],
            statuses: self.statuses.into_iter().collect(),
            rss_kib,
            nonces_held,
            errors: self.errors,
        }
    }
}

/// Seed the job the load creates reverse tasks for, through the control API.
pub async fn arrange(address: SocketAddr) -> Result<String, String> {
    let body = r#"{"job_type":"SYNC"}"#;
    let (status, answer) = control(address, "POST", "/_mock/accounts/testid/jobs", body).await?;
    if status != 201 {
        return Err(format!("seeding a job answered {status}: {answer}"));
    }
    let job: serde_json::Value =
        serde_json::from_str(&answer).map_err(|e| format!("seeding answered non-JSON: {e}"))?;
    job["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("no id in {answer}"))
}

/// Nonces the mock holds, from its stats endpoint.
pub async fn nonces_held(address: SocketAddr) -> Result<u64, String> {
    let (_, answer) = control(address, "GET", "/_mock/stats", "").await?;
    let stats: serde_json::Value = serde_json::from_str(&answer).map_err(|e| e.to_string())?;
    Ok(stats["nonces"].as_u64().unwrap_or(0))
}

async fn control(
    address: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(address)
        .await
        .map_err(|e| e.to_string())?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut buffer = Vec::new();
    read_response(&mut stream, &mut buffer)
        .await
        .map_err(|e| e.to_string())
}

/// Send requests on one connection until `deadline`.
pub async fn load(address: SocketAddr, job: String, index: usize, deadline: Instant) -> Totals {
    let mut totals = Totals::default();
    let Ok(mut stream) = TcpStream::connect(address).await else {
        totals.errors += 1;
        return totals;
    };
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::with_capacity(4096);
    let mut counter: u64 = 0;
    while Instant::now() < deadline {
        counter += 1;
        let action = if counter.is_multiple_of(2) {
            Action::CreateReverseDtsJob
        } else {
            Action::DescribeDtsJobs
        };
        let request = signed_request(action, &job, &format!("{index:08x}{counter:024x}"));
        let sent = Instant::now();
        if stream.write_all(request.as_bytes()).await.is_err() {
            totals.errors += 1;
            break;
        }
        match read_response(&mut stream, &mut buffer).await {
            Ok((status, _)) => {
                totals.latencies.push(sent.elapsed());
                *totals.statuses.entry(status).or_default() += 1;
            }
            Err(_) => {
                totals.errors += 1;
                break;
            }
        }
    }
    totals
}

fn signed_request(action: Action, job: &str, nonce: &str) -> String {
    let mut params: Vec<(String, String)> = vec![
        ("Action".into(), action.name().into()),
        ("Version".into(), API_VERSION.into()),
        ("Format".into(), "JSON".into()),
        ("AccessKeyId".into(), ACCESS_KEY_ID.into()),
        ("SignatureMethod".into(), "HMAC-SHA1".into()),
        ("SignatureVersion".into(), "1.0".into()),
        ("SignatureNonce".into(), nonce.into()),
        ("Timestamp".into(), clock_text()),
    ];
    match action {
        Action::DescribeDtsJobs => params.push(("JobType".into(), "SYNC".into())),
        _ => params.push(("DtsJobId".into(), job.into())),
    }
    let signature = v1::sign(SECRET, &v1::string_to_sign("GET", &params));
    params.push(("Signature".into(), signature));
    format!(
        "GET /?{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        encode_pairs(&params, Space::Percent20)
    )
}

/// Read one HTTP/1.1 response with a Content-Length body; returns status and body.
async fn read_response(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> std::io::Result<(u16, String)> {
    let broken = || std::io::Error::new(std::io::ErrorKind::InvalidData, "malformed response");
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = std::str::from_utf8(&buffer[..end]).map_err(|_| broken())?;
            let status: u16 = head
                .get(9..12)
                .and_then(|s| s.parse().ok())
                .ok_or_else(broken)?;
            let length = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .unwrap_or(0usize);
            let total = end + 4 + length;
            while buffer.len() < total {
                fill(stream, buffer).await?;
            }
            let body = String::from_utf8_lossy(&buffer[end + 4..total]).into_owned();
            buffer.drain(..total);
            return Ok((status, body));
        }
        fill(stream, buffer).await?;
    }
}

async fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    let mut chunk = [0u8; 8192];
    let n = stream.read(&mut chunk).await?;
    if n == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "closed",
        ));
    }
    buffer.extend_from_slice(&chunk[..n]);
    Ok(())
}
