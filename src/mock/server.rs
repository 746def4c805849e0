//! Starting and stopping the server.

use super::state::State;
use super::{Config, control, rpc};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The address could not be bound.
    #[error("cannot listen on {address}: {reason}")]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// The operating system's reason.
        reason: String,
    },
    /// A seeded job could not be created.
    #[error("cannot seed job {index} of the seed file: {reason}")]
    Seed {
        /// The job's position in the file, from 1.
        index: usize,
        /// Why.
        reason: String,
    },
}

/// The mock server.
pub struct Server;

/// A running server: its address, and the means to stop it.
pub struct Handle {
    address: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Server {
    /// The axum application, for tests that want no network and for [`Server::start`].
    ///
    /// # Errors
    ///
    /// [`StartError::Seed`] when a seeded job is refused.
    pub fn app(config: Config) -> Result<Router, StartError> {
        let state = Arc::new(State::new(config));
        state
            .apply_seed()
            .map_err(|(index, reason)| StartError::Seed { index, reason })?;
        let mut router = Router::new();
        if state.config.control {
            router = router.nest(super::CONTROL_PREFIX, control::router());
        }
        Ok(router.fallback(rpc::handle).with_state(state))
    }

    /// Bind `config.listen` and serve in the background on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// [`StartError::Bind`] when the address cannot be bound, [`StartError::Seed`] when a
    /// seeded job is refused.
    pub async fn start(config: Config) -> Result<Handle, StartError> {
        let address = config.listen;
        let listener =
            tokio::net::TcpListener::bind(address)
                .await
                .map_err(|e| StartError::Bind {
                    address,
                    reason: e.to_string(),
                })?;
        let address = listener.local_addr().map_err(|e| StartError::Bind {
            address,
            reason: e.to_string(),
        })?;
        let app = Server::app(config)?;
        let (shutdown, signal) = oneshot::channel::<()>();
        let task = tokio::spawn(super::connections::serve(listener, app, signal));
        tracing::info!(%address, "mock listening");
        Ok(Handle {
            address,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }
}

impl Handle {
    /// The bound address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The base URL, e.g. `http://127.0.0.1:40121`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The control API's base URL.
    pub fn control_url(&self) -> String {
        format!("{}{}", self.url(), super::CONTROL_PREFIX)
    }

    /// Stop serving and wait for the server task to end.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Wait until the server stops by itself (it does not, unless it fails).
    pub async fn wait(mut self) {
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
