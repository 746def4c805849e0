//! The mock under load, driven through its control API over raw HTTP: the embedded one the
//! benchmark starts, or one already running at an address (`bench --target`), in this process
//! or another.

use super::connection::read_response;
use super::request::ACCESS_KEY_ID;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// How long a control call may take.
const CONTROL_LIMIT: Duration = Duration::from_secs(10);

/// What the mock's stats endpoint reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Nonces held.
    pub nonces: u64,
    /// The mock process's resident memory, in KiB.
    pub resident_kib: Option<u64>,
    /// The mock process's CPU time so far.
    pub cpu: Option<Duration>,
}

/// Lift the load account's flow control and seed the job the load creates reverse tasks for;
/// returns the job's id.
pub async fn arrange(address: SocketAddr) -> Result<String, String> {
    let throttle = format!(r#"{{"capacity":{},"refill_per_second":1e12}}"#, u32::MAX);
    let path = format!("/_mock/accounts/{ACCESS_KEY_ID}/throttle");
    let (status, answer) = control(address, "PUT", &path, &throttle).await?;
    if status != 200 {
        return Err(format!(
            "lifting flow control answered {status} (is the mock's control API on?): {answer}"
        ));
    }
    let path = format!("/_mock/accounts/{ACCESS_KEY_ID}/jobs");
    let (status, answer) = control(address, "POST", &path, r#"{"job_type":"SYNC"}"#).await?;
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

/// The mock's stats.
pub async fn stats(address: SocketAddr) -> Result<Stats, String> {
    let (status, answer) = control(address, "GET", "/_mock/stats", "").await?;
    if status != 200 {
        return Err(format!("the stats endpoint answered {status}: {answer}"));
    }
    let stats: serde_json::Value =
        serde_json::from_str(&answer).map_err(|e| format!("stats answered non-JSON: {e}"))?;
    Ok(Stats {
        nonces: stats["nonces"].as_u64().unwrap_or(0),
        resident_kib: stats["resident_kib"].as_u64(),
        cpu: stats["cpu_ms"].as_u64().map(Duration::from_millis),
    })
}

async fn control(
    address: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> Result<(u16, String), String> {
    let call = async {
        let mut stream = TcpStream::connect(address).await?;
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await?;
        let mut buffer = Vec::new();
        let (status, body) = read_response(&mut stream, &mut buffer).await?;
        Ok::<_, std::io::Error>((status, String::from_utf8_lossy(&buffer[body]).into_owned()))
    };
    match tokio::time::timeout(CONTROL_LIMIT, call).await {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(error)) => Err(format!("{method} {path} on {address}: {error}")),
        Err(_) => Err(format!(
            "{method} {path} on {address}: no answer in {CONTROL_LIMIT:?}"
        )),
    }
}
