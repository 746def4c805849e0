//! Arranging a target: the fuzz accounts and seeded jobs (through the control API), the
//! usable signature versions, and one client per request shape.

use serde_json::json;

use super::case::{Route, Shape};
use super::fuzzer::Arrangement;
use super::options::FuzzError;
use super::strategies::{self, Mix, Pool};
use crate::client::{CallOptions, Client, Config, Credentials, SignatureVersion};
use crate::conformance::Control;
use crate::conformance::control::ControlError;
use crate::contract::Action;

/// How many eligible jobs are seeded. Each takes one reverse task; later cases for it meet
/// "already exists".
pub const ELIGIBLE_JOBS: usize = 32;

/// Eligible forward jobs, cycled: job type and status.
const ELIGIBLE: &[(&str, &str)] = &[
    ("SYNC", "Synchronizing"),
    ("MIGRATION", "Migrating"),
    ("SYNC", "Suspending"),
    ("MIGRATION", "Finished"),
];

/// Ineligible forward jobs: job type, status, and whether the job is flagged as able to
/// take a reverse task at all.
const INELIGIBLE: &[(&str, &str, bool)] = &[
    ("SUBSCRIBE", "Normal", true),
    ("SYNC", "NotStarted", true),
    ("MIGRATION", "PrecheckFailed", true),
    ("SYNC", "Failed", true),
    ("SYNC", "Prechecking", true),
    ("MIGRATION", "NotConfigured", true),
    ("SYNC", "Locked", true),
    ("SYNC", "Synchronizing", false),
];

/// The accounts a run uses.
#[derive(Debug, Clone)]
pub struct Accounts {
    /// The account that owns the seeded jobs.
    pub main: Credentials,
    /// An account with `ServiceUnavailable` injected on every request, when arranged.
    pub faulty: Option<Credentials>,
}

/// A fresh account name and secret: `fuzz<tag><16 hex digits>`.
fn fresh(tag: &str) -> (String, String) {
    let id = format!("fuzz{tag}{:016x}", fastrand::u64(..));
    let secret = format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
    (id, secret)
}

/// Adds an account with flow control out of the way, so throttling never limits the run.
async fn add_account(control: &Control, tag: &str) -> Result<Credentials, ControlError> {
    let (id, secret) = fresh(tag);
    control.add_account(&id, &secret).await?;
    control.set_throttle(&id, u32::MAX, 1e12).await?;
    Ok(Credentials::new(id, secret))
}

/// Adds the main account and, if asked, the faulty one.
///
/// # Errors
///
/// [`ControlError`] when the control API refuses a request.
pub async fn accounts(control: &Control, injected_faults: bool) -> Result<Accounts, ControlError> {
    let main = add_account(control, "").await?;
    let faulty = if injected_faults {
        let faulty = add_account(control, "fault").await?;
        let fault = json!({ "action": "CreateReverseDtsJob", "fraction": 1.0 });
        control.add_fault(&faulty.access_key_id, fault).await?;
        Some(faulty)
    } else {
        None
    };
    Ok(Accounts { main, faulty })
}

/// Seeds the eligible and ineligible jobs for `access_key_id`. Ids are fixed (`fze…`,
/// `fzi…`), so a seed replays the same ids on a fresh account.
///
/// # Errors
///
/// [`ControlError`] when the control API refuses a job.
pub async fn jobs(control: &Control, access_key_id: &str) -> Result<Pool, ControlError> {
    let mut pool = Pool::default();
    for index in 0..ELIGIBLE_JOBS {
        let (job_type, status) = ELIGIBLE[index % ELIGIBLE.len()];
        let seed = json!({
            "dts_job_id": format!("fze{index:012}"),
            "job_type": job_type,
            "status": status,
        });
        pool.eligible
            .push(control.seed_job(access_key_id, seed).await?);
    }
    for (index, (job_type, status, can_reverse)) in INELIGIBLE.iter().enumerate() {
        let seed = json!({
            "dts_job_id": format!("fzi{index:012}"),
            "job_type": job_type,
            "status": status,
            "can_reverse": can_reverse,
        });
        pool.ineligible
            .push(control.seed_job(access_key_id, seed).await?);
    }
    Ok(pool)
}

/// The HTTP connection pool every client of a run shares.
///
/// # Errors
///
/// [`FuzzError::Endpoint`] when the HTTP client cannot be built.
pub fn http_client(arrangement: &Arrangement) -> Result<reqwest::Client, FuzzError> {
    let mut builder = reqwest::Client::builder()
        .timeout(arrangement.timeout)
        .connect_timeout(arrangement.timeout)
        .pool_max_idle_per_host(arrangement.connections.max(1))
        .redirect(reqwest::redirect::Policy::none());
    if arrangement.control {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|e| FuzzError::Endpoint {
        endpoint: arrangement.endpoint.clone(),
        reason: e.to_string(),
    })
}

/// The credentials given, else the `ALIBABA_CLOUD_*` variables.
///
/// # Errors
///
/// [`FuzzError::Credentials`] naming the missing variable.
pub fn credentials(arrangement: &Arrangement) -> Result<Credentials, FuzzError> {
    match &arrangement.credentials {
        Some(credentials) => Ok(credentials.clone()),
        None => Credentials::from_env().map_err(|e| FuzzError::Credentials {
            endpoint: arrangement.endpoint.clone(),
            reason: e.to_string(),
        }),
    }
}

/// The wanted signature versions the linked signer can produce, and a note for each one
/// left out.
///
/// # Errors
///
/// [`FuzzError::Endpoint`] for an endpoint no client accepts.
pub fn usable_signatures(
    arrangement: &Arrangement,
    credentials: &Credentials,
) -> Result<(Vec<SignatureVersion>, Vec<String>), FuzzError> {
    let mut usable = Vec::new();
    let mut notes = Vec::new();
    for &version in &arrangement.signatures {
        let mut config = Config::new(arrangement.endpoint.clone(), credentials.clone());
        config.signature = version;
        let client = Client::new(config).map_err(|e| FuzzError::Endpoint {
            endpoint: arrangement.endpoint.clone(),
            reason: e.to_string(),
        })?;
        let request = client.prepare(
            Action::CreateReverseDtsJob.name(),
            &[],
            &CallOptions::default(),
        );
        let signed = match version {
            SignatureVersion::V1 => request.url.contains("Signature="),
            SignatureVersion::V3 => request
                .header("authorization")
                .is_some_and(|h| h.starts_with(crate::signing::v3::ALGORITHM)),
        };
        if signed {
            usable.push(version);
        } else {
            notes.push(format!(
                "{version:?} cases were not sent: the linked {version:?} signer produces no \
                 signature; they run as soon as it does"
            ));
        }
    }
    Ok((usable, notes))
}

/// One client per request shape, all on one connection pool.
///
/// # Errors
///
/// [`FuzzError::Endpoint`] for an endpoint no client accepts.
pub fn clients(
    arrangement: &Arrangement,
    http: &reqwest::Client,
    accounts: &Accounts,
    mix: &Mix,
) -> Result<Vec<(Shape, Client)>, FuzzError> {
    let shapes = strategies::all_shapes(mix);
    let mut clients = Vec::with_capacity(shapes.len());
    for shape in shapes {
        let credentials = match (shape.route, &accounts.faulty) {
            (Route::InjectedFault, Some(faulty)) => faulty.clone(),
            _ => accounts.main.clone(),
        };
        let mut config = Config::new(arrangement.endpoint.clone(), credentials);
        config.format = Some(shape.format);
        config.method = shape.method;
        config.placement = shape.placement;
        config.signature = shape.signature;
        config.space = shape.space;
        config.timeout = arrangement.timeout;
        let client = Client::with_http(config, http.clone()).map_err(|e| FuzzError::Endpoint {
            endpoint: arrangement.endpoint.clone(),
            reason: e.to_string(),
        })?;
        clients.push((shape, client));
    }
    Ok(clients)
}
