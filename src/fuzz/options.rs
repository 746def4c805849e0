//! What a fuzz run is asked to do, and why one could not happen.

use super::deviation::Deviation;
use crate::client::{Credentials, SignatureVersion};
use crate::conformance::control::ControlError;
use crate::mock;

/// What to fuzz, and how.
#[derive(Debug, Clone)]
pub struct FuzzOptions {
    /// The endpoint; `None` starts the embedded mock on a loopback port.
    pub endpoint: Option<String>,
    /// How many cases to run.
    pub cases: u32,
    /// The run seed; a random one (reported) when `None`.
    pub seed: Option<u64>,
    /// Against an endpoint without a control API, also send cases that could create a
    /// reverse task.
    pub allow_mutations: bool,
    /// Whether the endpoint serves the mock's control API (always true for the embedded
    /// mock). With it the fuzzer makes its own accounts and jobs and checks state.
    pub control: bool,
    /// Cases in flight at once, each on a keep-alive connection of one shared pool. On two
    /// cores 16 measured fastest: more only adds scheduling.
    pub concurrency: usize,
    /// The signature versions to use; a version the linked signer cannot produce yet is
    /// left out, and the report says so.
    pub signatures: Vec<SignatureVersion>,
    /// Draw a progress line on stderr when it is a terminal.
    pub progress: bool,
    /// Credentials for an endpoint without a control API; from the `ALIBABA_CLOUD_*`
    /// variables when `None`.
    pub credentials: Option<Credentials>,
    /// The embedded mock's configuration (ignored with an endpoint).
    pub mock: mock::Config,
    /// How many re-runs shrinking a failure may take.
    pub max_shrink_iters: u32,
    /// Known deviations to accept; each is counted and shown in the report. Empty makes
    /// every property strict.
    pub tolerate: Vec<Deviation>,
}

impl Default for FuzzOptions {
    /// 256 cases against the embedded mock, 16 at a time, V1 and V3, no mutations of a
    /// live account, at most 1,024 shrink steps, every property strict.
    fn default() -> Self {
        FuzzOptions {
            endpoint: None,
            cases: 256,
            seed: None,
            allow_mutations: false,
            control: true,
            concurrency: 16,
            signatures: vec![SignatureVersion::V1, SignatureVersion::V3],
            progress: true,
            credentials: None,
            mock: mock::Config::default(),
            max_shrink_iters: 1024,
            tolerate: Vec::new(),
        }
    }
}

/// Why a fuzz run could not happen. A property that breaks is not an error: it is in the
/// report.
#[derive(Debug, thiserror::Error)]
pub enum FuzzError {
    /// The embedded mock did not start.
    #[error("the embedded mock did not start: {reason}")]
    Start {
        /// Why.
        reason: String,
    },
    /// The endpoint cannot be used.
    #[error("the endpoint {endpoint} cannot be used: {reason}")]
    Endpoint {
        /// The endpoint given.
        endpoint: String,
        /// Why.
        reason: String,
    },
    /// The control API failed while arranging the run or reading state.
    #[error("{source}; is {endpoint} a dts-conformance mock? Without one, pass control = false")]
    Control {
        /// The endpoint.
        endpoint: String,
        /// The failed request.
        #[source]
        source: ControlError,
    },
    /// No credentials for an endpoint without a control API.
    #[error("no credentials for {endpoint}: {reason}")]
    Credentials {
        /// The endpoint.
        endpoint: String,
        /// Which variable is missing.
        reason: String,
    },
    /// A case could not be generated.
    #[error("case {index} could not be generated: {reason}")]
    Generate {
        /// The case's index in the run.
        index: u64,
        /// proptest's reason.
        reason: String,
    },
    /// A case asks for a request shape the fuzzer has no client for.
    #[error("no client for the request shape {shape}: its signature version is not enabled")]
    Shape {
        /// The shape.
        shape: String,
    },
    /// A worker task ended abnormally.
    #[error("a fuzz worker ended abnormally: {reason}")]
    Worker {
        /// Why.
        reason: String,
    },
}
