//! What the suite runs against, and what that target can support.

use super::control::Control;
use crate::client::Credentials;

/// The kind of target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// The mock, started in this process.
    EmbeddedMock,
    /// A mock in another process whose control API is reachable (`--mock-control`).
    ExternalMock,
    /// Any other endpoint: a gateway, a DTS-compatible service, or DTS itself.
    Endpoint,
}

impl TargetKind {
    /// The name `results.json` records.
    pub fn name(self) -> &'static str {
        match self {
            TargetKind::EmbeddedMock => "embedded-mock",
            TargetKind::ExternalMock => "mock",
            TargetKind::Endpoint => "endpoint",
        }
    }
}

/// The target of a run.
#[derive(Debug, Clone)]
pub struct Target {
    /// The endpoint URL.
    pub endpoint: String,
    /// What kind of target it is.
    pub kind: TargetKind,
    /// The control API, for a mock.
    pub control: Option<Control>,
    /// Whether `@mutating` scenarios may run.
    pub allow_mutations: bool,
    /// For a live target: the job that mutating scenarios create a reverse task for.
    pub job_id: Option<String>,
    /// For a live target: the credentials every scenario uses.
    pub credentials: Option<Credentials>,
    /// The region to send, if any.
    pub region: Option<String>,
    /// One connection pool for every scenario.
    pub http: reqwest::Client,
}

impl Target {
    /// A mock target at `endpoint` (embedded or external), driven through its control API.
    pub fn mock(endpoint: &str, kind: TargetKind) -> Target {
        let http = shared_http();
        Target {
            endpoint: endpoint.to_string(),
            kind,
            control: Some(Control::new(endpoint, http.clone())),
            allow_mutations: true,
            job_id: None,
            credentials: None,
            region: None,
            http,
        }
    }
}

/// One HTTP connection pool for a run: no proxy for loopback, a timeout per call.
pub fn shared_http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(std::time::Duration::from_secs(30))
        .pool_max_idle_per_host(64)
        .build()
        .unwrap_or_default()
}

/// The tag of scenarios that need the mock's control API.
pub const MOCK_ONLY: &str = "mock-only";
/// The tag of scenarios that create or start tasks.
pub const MUTATING: &str = "mutating";

impl Target {
    /// Why a scenario with these tags cannot run against this target, if it cannot.
    pub fn not_applicable(&self, tags: &[String]) -> Option<String> {
        let has = |tag: &str| tags.iter().any(|t| t == tag);
        if has(MOCK_ONLY) && self.control.is_none() {
            return Some(
                "needs the mock's control API (fault injection, clock control, seeded jobs); \
                 pass --mock-control if the target is a dts-conformance mock"
                    .to_string(),
            );
        }
        if has(MUTATING) && self.control.is_none() {
            if !self.allow_mutations {
                return Some(
                    "creates or starts tasks; pass --allow-mutations --job-id ID to run it"
                        .to_string(),
                );
            }
            if self.job_id.is_none() {
                return Some(
                    "creates a reverse task; pass --job-id ID of a job that can take one"
                        .to_string(),
                );
            }
        }
        None
    }
}
