//! The connection loop: accept on the listener, serve each connection with hyper's HTTP/1.1
//! server, and stop gracefully.
//!
//! This is what `axum::serve` does, configured for the mock: HTTP/1.1 only (no protocol
//! sniffing), pipeline flushing, which `axum::serve` does not expose, so that the answers to
//! requests a client pipelined on one connection go out together and in order; `TCP_NODELAY`,
//! so that no answer waits on Nagle's algorithm (a pipelining client would otherwise wait for a
//! delayed acknowledgement before every second answer); and hyper's 30-second limit for a
//! request head to arrive, which needs a timer to take effect.

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::pin::pin;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};
use tower::ServiceExt;

/// How long stopping waits for connections to finish the request each is answering.
const DRAIN_LIMIT: Duration = Duration::from_secs(10);

/// Serve `app` on `listener` until `shutdown` fires (or its sender is dropped). Then stop
/// accepting, let every connection finish the request it is answering (requests pipelined
/// behind it are not read), and return; after [`DRAIN_LIMIT`] it returns regardless.
pub(super) async fn serve(listener: TcpListener, app: Router, shutdown: oneshot::Receiver<()>) {
    let (stopping, _) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    accept_failed(&error).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        tokio::spawn(connection(stream, app.clone(), stopping.subscribe()));
    }
    drop(listener);
    stopping.send_replace(());
    if tokio::time::timeout(DRAIN_LIMIT, stopping.closed())
        .await
        .is_err()
    {
        tracing::warn!(
            connections = stopping.receiver_count(),
            "stopped with requests still being answered"
        );
    }
}

/// A connection that went away before it was accepted is the client's business; anything else
/// (out of descriptors, most often) is worth a warning and a pause before accepting again, so
/// the loop does not spin while the condition lasts.
async fn accept_failed(error: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    ) {
        tracing::debug!(%error, "a connection went away before it was accepted");
        return;
    }
    tracing::warn!(%error, "cannot accept a connection; trying again in 100 ms");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

async fn connection(stream: TcpStream, app: Router, mut stopping: watch::Receiver<()>) {
    if let Err(error) = stream.set_nodelay(true) {
        tracing::debug!(%error, "cannot set TCP_NODELAY");
    }
    let service = app.map_request(|request: Request<Incoming>| request.map(Body::new));
    let mut builder = http1::Builder::new();
    builder.pipeline_flush(true).timer(TokioTimer::new());
    let mut connection =
        pin!(builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
    let finished = tokio::select! {
        result = connection.as_mut() => Some(result),
        _ = stopping.changed() => None,
    };
    let result = match finished {
        Some(result) => result,
        None => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(error) = result {
        tracing::debug!(%error, "connection ended with an error");
    }
}
