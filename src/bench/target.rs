//! The mock under load, driven through its control API: the embedded one the benchmark
//! starts, or one already running at an address (`bench --target`), in this process or
//! another.

use crate::conformance::Control;
use crate::mock::Account;
use serde_json::json;
use std::net::SocketAddr;
use std::time::Duration;

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

/// The control API of the mock at `address`.
pub fn control(address: SocketAddr) -> Result<Control, String> {
    let http = reqwest::Client::builder()
        .timeout(CONTROL_LIMIT)
        .build()
        .map_err(|e| format!("cannot build the control client: {e}"))?;
    Ok(Control::new(&format!("http://{address}"), http))
}

/// Lift the load account's flow control and seed the job the load creates reverse tasks for;
/// returns the job's id.
pub async fn arrange(control: &Control) -> Result<String, String> {
    let account = Account::default_test_account().access_key_id;
    control
        .set_throttle(&account, u32::MAX, 1e12)
        .await
        .map_err(|e| format!("{e} (is the mock's control API on?)"))?;
    control
        .seed_job(&account, json!({ "job_type": "SYNC" }))
        .await
        .map_err(|e| e.to_string())
}

/// The mock's stats.
pub async fn stats(control: &Control) -> Result<Stats, String> {
    let stats = control.stats().await.map_err(|e| e.to_string())?;
    Ok(Stats {
        nonces: stats["nonces"].as_u64().unwrap_or(0),
        resident_kib: stats["resident_kib"].as_u64(),
        cpu: stats["cpu_ms"].as_u64().map(Duration::from_millis),
    })
}
