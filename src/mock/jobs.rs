//! Jobs, reverse tasks and the workflow the document describes, on an account's virtual clock.
//!
//! A reverse task is prechecked for [`Config::precheck_duration`](super::Config) of virtual
//! time. When the precheck passes, incremental data collection runs and the writer stays
//! stopped (status `Suspending`, the console's "Paused") until StartReverseWriter; then the
//! task is `Synchronizing`. When it fails, the task is `PrecheckFailed` and nothing runs.

use super::seed::JobSeed;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kind of a forward job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum JobType {
    /// A data migration task.
    Migration,
    /// A data synchronization task.
    Sync,
    /// A change-tracking task, which cannot take a reverse task.
    Subscribe,
}

impl JobType {
    /// The wire value, as `JobType=` filters on it.
    pub fn as_str(self) -> &'static str {
        match self {
            JobType::Migration => "MIGRATION",
            JobType::Sync => "SYNC",
            JobType::Subscribe => "SUBSCRIBE",
        }
    }
}

/// How a reverse task's precheck ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrecheckOutcome {
    /// The precheck passes.
    #[default]
    Pass,
    /// The precheck fails.
    Fail,
}

/// Statuses of a forward job from which a reverse task can be created: incremental
/// replication has run.
pub const REVERSIBLE_STATUSES: &[&str] = &["Synchronizing", "Migrating", "Suspending", "Finished"];

/// A forward job.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    /// The job id.
    pub id: String,
    /// The DTS instance id.
    pub instance_id: String,
    /// The job type.
    pub job_type: JobType,
    /// The status.
    pub status: String,
    /// Whether it can take a reverse task.
    pub can_reverse: bool,
    /// How its reverse task's precheck ends.
    pub reverse_precheck: PrecheckOutcome,
    /// Virtual Unix seconds of creation.
    pub created_at: i64,
    /// The id of its reverse task, once created.
    pub reverse_id: Option<String>,
}

/// A reverse task.
#[derive(Debug, Clone, Serialize)]
pub struct ReverseTask {
    /// The reverse task's own job id.
    pub id: String,
    /// Its DTS instance id.
    pub instance_id: String,
    /// The forward job it reverses.
    pub forward_id: String,
    /// Virtual Unix seconds of creation, when the precheck starts.
    pub created_at: i64,
    /// How the precheck ends.
    pub precheck: PrecheckOutcome,
    /// The writer, once StartReverseWriter started it.
    pub writer: Option<Writer>,
}

/// A started incremental writer.
#[derive(Debug, Clone, Serialize)]
pub struct Writer {
    /// Virtual Unix seconds of the start.
    pub started_at: i64,
    /// The CheckPoint it was started from, if one was given.
    pub checkpoint: Option<String>,
}

/// The phase of a reverse task at a moment of virtual time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Phase {
    /// The precheck is running.
    Prechecking,
    /// The precheck failed; nothing runs.
    PrecheckFailed,
    /// The precheck passed; collection runs, the writer is stopped.
    CollectingWriterStopped,
    /// The writer runs.
    Synchronizing,
}

impl ReverseTask {
    /// The phase at `now`; `auto_writer` is the WriterStartsOnItsOwn defect.
    pub fn phase(&self, now: i64, precheck_seconds: i64, auto_writer: bool) -> Phase {
        if now < self.created_at.saturating_add(precheck_seconds) {
            Phase::Prechecking
        } else if self.precheck == PrecheckOutcome::Fail {
            Phase::PrecheckFailed
        } else if self.writer.is_some() || auto_writer {
            Phase::Synchronizing
        } else {
            Phase::CollectingWriterStopped
        }
    }
}

/// Why CreateReverseDtsJob refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateRefusal {
    /// The id is not of the shape job ids have.
    Malformed,
    /// No job has this id.
    Unknown,
    /// The job's type (or its seed) does not allow a reverse task.
    JobType,
    /// The job's status does not allow a reverse task.
    JobStatus,
    /// The job already has a reverse task.
    Exists,
}

/// Why StartReverseWriter refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartRefusal {
    /// The id is malformed or names no reverse task.
    Unknown,
    /// The CheckPoint is not a Unix timestamp in seconds or milliseconds.
    BadCheckPoint,
    /// The task is still prechecking, failed its precheck, or its writer already runs.
    State,
}

/// Whether `id` has the shape of a job id: 8 to 64 characters of `a-z` and `0-9`.
pub fn is_well_formed_id(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// A fresh 15-character job id, the shape real ids have.
pub fn new_job_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..15)
        .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
        .collect()
}

/// An account's jobs and reverse tasks.
#[derive(Debug, Default)]
pub struct Jobs {
    /// Forward jobs by id.
    pub forward: BTreeMap<String, Job>,
    /// Reverse tasks by id.
    pub reverse: BTreeMap<String, ReverseTask>,
}

impl Jobs {
    /// Add a forward job.
    ///
    /// # Errors
    ///
    /// A reason when the id is malformed or taken.
    pub fn seed(&mut self, seed: JobSeed, now: i64) -> Result<Job, String> {
        let id = seed.dts_job_id.unwrap_or_else(new_job_id);
        if !is_well_formed_id(&id) {
            return Err(format!(
                "dts_job_id {id:?} is not 8 to 64 characters of a-z and 0-9"
            ));
        }
        if self.forward.contains_key(&id) || self.reverse.contains_key(&id) {
            return Err(format!("a job with id {id:?} already exists"));
        }
        let default_status = match seed.job_type {
            JobType::Migration => "Migrating",
            JobType::Sync => "Synchronizing",
            JobType::Subscribe => "Normal",
        };
        let job = Job {
            instance_id: format!("dts{id}"),
            id: id.clone(),
            job_type: seed.job_type,
            status: seed.status.unwrap_or_else(|| default_status.to_string()),
            can_reverse: seed.can_reverse,
            reverse_precheck: seed.reverse_precheck,
            created_at: now,
            reverse_id: None,
        };
        self.forward.insert(id, job.clone());
        Ok(job)
    }

    /// CreateReverseDtsJob. `allow_unknown` and `allow_duplicate` are deliberate defects.
    ///
    /// # Errors
    ///
    /// The [`CreateRefusal`] that applies.
    pub fn create_reverse(
        &mut self,
        job_id: &str,
        now: i64,
        allow_unknown: bool,
        allow_duplicate: bool,
    ) -> Result<ReverseTask, CreateRefusal> {
        if !is_well_formed_id(job_id) && !allow_unknown {
            return Err(CreateRefusal::Malformed);
        }
        let precheck = match self.forward.get(job_id) {
            None if allow_unknown => PrecheckOutcome::Pass,
            None => return Err(CreateRefusal::Unknown),
            Some(job) => check_eligible(job, allow_duplicate)?,
        };
        let task = ReverseTask {
            id: new_job_id(),
            instance_id: format!("dts{}", new_job_id()),
            forward_id: job_id.to_string(),
            created_at: now,
            precheck,
            writer: None,
        };
        if let Some(job) = self.forward.get_mut(job_id) {
            job.reverse_id = Some(task.id.clone());
        }
        self.reverse.insert(task.id.clone(), task.clone());
        Ok(task)
    }

    /// StartReverseWriter.
    ///
    /// # Errors
    ///
    /// The [`StartRefusal`] that applies.
    pub fn start_writer(
        &mut self,
        reverse_id: &str,
        checkpoint: Option<&str>,
        now: i64,
        precheck_seconds: i64,
    ) -> Result<(), StartRefusal> {
        let task = self
            .reverse
            .get_mut(reverse_id)
            .ok_or(StartRefusal::Unknown)?;
        if let Some(checkpoint) = checkpoint {
            let digits = checkpoint.bytes().all(|b| b.is_ascii_digit());
            if !digits || !(checkpoint.len() == 10 || checkpoint.len() == 13) {
                return Err(StartRefusal::BadCheckPoint);
            }
        }
        if task.phase(now, precheck_seconds, false) != Phase::CollectingWriterStopped {
            return Err(StartRefusal::State);
        }
        task.writer = Some(Writer {
            started_at: now,
            checkpoint: checkpoint.map(str::to_string),
        });
        Ok(())
    }
}

fn check_eligible(job: &Job, allow_duplicate: bool) -> Result<PrecheckOutcome, CreateRefusal> {
    if job.job_type == JobType::Subscribe || !job.can_reverse {
        return Err(CreateRefusal::JobType);
    }
    if !REVERSIBLE_STATUSES.contains(&job.status.as_str()) {
        return Err(CreateRefusal::JobStatus);
    }
    if job.reverse_id.is_some() && !allow_duplicate {
        return Err(CreateRefusal::Exists);
    }
    Ok(job.reverse_precheck)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(jobs: &mut Jobs, id: &str, job_type: JobType, status: &str) {
        let seed = JobSeed {
            dts_job_id: Some(id.into()),
            job_type,
            status: Some(status.into()),
            can_reverse: true,
            reverse_precheck: PrecheckOutcome::Pass,
        };
        jobs.seed(seed, 0).expect("seeded");
    }

    #[test]
    fn a_reverse_task_goes_through_precheck_then_waits_for_its_writer() {
        let mut jobs = Jobs::default();
        seed(&mut jobs, "aaaaaaaaaaaaaaa", JobType::Sync, "Synchronizing");
        let task = jobs
            .create_reverse("aaaaaaaaaaaaaaa", 0, false, false)
            .expect("created");
        assert_eq!(task.phase(30, 60, false), Phase::Prechecking);
        assert_eq!(task.phase(60, 60, false), Phase::CollectingWriterStopped);
        assert_eq!(
            jobs.start_writer(&task.id, None, 30, 60),
            Err(StartRefusal::State)
        );
        assert_eq!(
            jobs.start_writer(&task.id, Some("1695613785"), 61, 60),
            Ok(())
        );
        assert_eq!(
            jobs.reverse[&task.id].phase(61, 60, false),
            Phase::Synchronizing
        );
        assert_eq!(
            jobs.start_writer(&task.id, None, 62, 60),
            Err(StartRefusal::State)
        );
    }

    #[test]
    fn each_kind_of_bad_job_gets_its_own_refusal() {
        let mut jobs = Jobs::default();
        seed(&mut jobs, "subscribe000001", JobType::Subscribe, "Normal");
        seed(
            &mut jobs,
            "notstarted00001",
            JobType::Migration,
            "NotStarted",
        );
        seed(
            &mut jobs,
            "eligible0000001",
            JobType::Migration,
            "Migrating",
        );
        let refusal = |jobs: &mut Jobs, id: &str| jobs.create_reverse(id, 0, false, false).err();
        assert_eq!(
            refusal(&mut jobs, "NOT-AN-ID"),
            Some(CreateRefusal::Malformed)
        );
        assert_eq!(
            refusal(&mut jobs, "unknown00000001"),
            Some(CreateRefusal::Unknown)
        );
        assert_eq!(
            refusal(&mut jobs, "subscribe000001"),
            Some(CreateRefusal::JobType)
        );
        assert_eq!(
            refusal(&mut jobs, "notstarted00001"),
            Some(CreateRefusal::JobStatus)
        );
        assert_eq!(refusal(&mut jobs, "eligible0000001"), None);
        assert_eq!(
            refusal(&mut jobs, "eligible0000001"),
            Some(CreateRefusal::Exists)
        );
    }

    #[test]
    fn checkpoints_must_be_unix_seconds_or_milliseconds() {
        let mut jobs = Jobs::default();
        seed(&mut jobs, "eligible0000001", JobType::Sync, "Synchronizing");
        let task = jobs
            .create_reverse("eligible0000001", 0, false, false)
            .expect("created");
        for bad in ["abc", "123", "16956137850"] {
            assert_eq!(
                jobs.start_writer(&task.id, Some(bad), 100, 60),
                Err(StartRefusal::BadCheckPoint)
            );
        }
        assert_eq!(
            jobs.start_writer(&task.id, Some("1695613785000"), 100, 60),
            Ok(())
        );
    }
}
