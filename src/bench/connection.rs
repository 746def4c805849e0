//! One load connection: raw keep-alive HTTP/1.1 with freshly signed requests.

use super::request::Requests;
use super::totals::Totals;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long one batch may take before its connection is counted broken: a stalled mock ends
/// the run with a transport error instead of hanging it.
const BATCH_LIMIT: Duration = Duration::from_secs(10);

/// Send requests on one connection until `deadline`, `depth` at a time: each batch is
/// written at once and its answers read in order before the next batch is sent.
pub async fn load(
    address: SocketAddr,
    job: String,
    index: usize,
    depth: usize,
    deadline: Instant,
) -> Totals {
    let mut totals = Totals::default();
    let Ok(mut stream) = TcpStream::connect(address).await else {
        totals.broken();
        return totals;
    };
    let _ = stream.set_nodelay(true);
    let mut requests = Requests::new(&job, index);
    let mut batch = String::with_capacity(1024 * depth);
    let mut buffer = Vec::with_capacity(4096 * depth);
    while Instant::now() < deadline {
        batch.clear();
        for _ in 0..depth {
            requests.next_into(&mut batch);
        }
        let exchanged = tokio::time::timeout(
            BATCH_LIMIT,
            exchange(&mut stream, &batch, depth, &mut buffer, &mut totals),
        )
        .await;
        if !matches!(exchanged, Ok(Ok(()))) {
            totals.broken();
            break;
        }
    }
    totals
}

/// Write a batch of `depth` requests and read their answers, recording each.
async fn exchange(
    stream: &mut TcpStream,
    batch: &str,
    depth: usize,
    buffer: &mut Vec<u8>,
    totals: &mut Totals,
) -> std::io::Result<()> {
    let sent = Instant::now();
    stream.write_all(batch.as_bytes()).await?;
    for _ in 0..depth {
        let (status, body) = read_response(stream, buffer).await?;
        totals.answered(status, sent.elapsed());
        buffer.drain(..body.end);
    }
    Ok(())
}

/// Read one HTTP/1.1 response with a Content-Length body into `buffer`; returns the status
/// and where the body lies in `buffer` (the response ends where the body does).
async fn read_response(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> std::io::Result<(u16, std::ops::Range<usize>)> {
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
            return Ok((status, end + 4..total));
        }
        fill(stream, buffer).await?;
    }
}

async fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    buffer.reserve(8192);
    if stream.read_buf(buffer).await? == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "closed",
        ));
    }
    Ok(())
}
