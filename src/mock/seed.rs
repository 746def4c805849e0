//! Jobs to create: through the control API, or at start from a `--seed-jobs` file.

use super::Account;
use super::jobs::{JobType, PrecheckOutcome};
use serde::{Deserialize, Serialize};

/// A forward job to seed, as the control API and `--seed-jobs` files take it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobSeed {
    /// The id; a fresh 15-character id when absent.
    #[serde(default)]
    pub dts_job_id: Option<String>,
    /// The job type; SYNC when absent.
    #[serde(default = "default_job_type")]
    pub job_type: JobType,
    /// The job status; `Synchronizing` (or `Migrating` for a migration) when absent.
    #[serde(default)]
    pub status: Option<String>,
    /// Whether the job can take a reverse task at all; true when absent.
    #[serde(default = "default_true")]
    pub can_reverse: bool,
    /// How the precheck of its reverse task ends; pass when absent.
    #[serde(default)]
    pub reverse_precheck: PrecheckOutcome,
}

fn default_job_type() -> JobType {
    JobType::Sync
}

fn default_true() -> bool {
    true
}

/// A `--seed-jobs` file: accounts to add, and jobs for them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedFile {
    /// Accounts to add.
    #[serde(default)]
    pub accounts: Vec<Account>,
    /// Jobs, each for an account (the default test account when absent).
    #[serde(default)]
    pub jobs: Vec<AccountJobSeed>,
}

/// A job seed for one account.
#[derive(Debug, Clone, Deserialize)]
pub struct AccountJobSeed {
    /// The account's AccessKeyId; the default test account when absent.
    #[serde(default)]
    pub access_key_id: Option<String>,
    /// The job.
    #[serde(flatten)]
    pub job: JobSeed,
}
