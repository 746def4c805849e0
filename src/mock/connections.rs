//! The connection loop: accept on the listener, serve each connection with hyper's HTTP/1.1
//! server, and stop gracefully.
//!
//! This is what `axum::serve` does, with two settings it does not expose: `TCP_NODELAY`, so an
//! answer leaves at once instead of waiting on Nagle's algorithm, and pipeline flushing, so the
//! answers to requests that a client pipelined on one connection go out together, in order.

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use std::pin::pin;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};
use tower::ServiceExt;

/// Serve `app` on `listener` until `shutdown` fires (or its sender is dropped), then stop
/// accepting, let every connection finish the request it is answering, and return.
pub(super) async fn serve(listener: TcpListener, app: Router, shutdown: oneshot::Receiver<()>) {
    let (stopping, _) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of descriptors, or a connection reset before it was accepted: the
                    // listener itself is fine, so wait a moment and go on.
                    tracing::debug!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        tokio::spawn(connection(stream, app.clone(), stopping.subscribe()));
    }
    drop(listener);
    stopping.send_replace(());
    stopping.closed().await;
}

async fn connection(stream: TcpStream, app: Router, mut stopping: watch::Receiver<()>) {
    if let Err(error) = stream.set_nodelay(true) {
        tracing::debug!(%error, "cannot set TCP_NODELAY");
    }
    let service = app.map_request(|request: Request<Incoming>| request.map(Body::new));
    let mut builder = http1::Builder::new();
    builder.pipeline_flush(true);
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
