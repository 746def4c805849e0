//! Job status vocabularies, as the SDK models and DescribeDtsJobs document them.

/// Which vocabulary a status value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// A data synchronization task, and a `ReverseJob` block.
    Synchronization,
    /// A data migration task.
    Migration,
    /// The `PrecheckStatus.Status` block.
    Precheck,
    /// The `DataSynchronizationStatus` (incremental) block.
    DataSynchronization,
}

/// One status value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusValue {
    /// The vocabulary.
    pub kind: StatusKind,
    /// The exact string.
    pub value: &'static str,
}

macro_rules! statuses {
    ($kind:expr; $($value:literal),* $(,)?) => {
        [$(StatusValue { kind: $kind, value: $value }),*]
    };
}

/// Status values of synchronization and migration tasks.
pub const JOB_STATUSES: &[StatusValue] = &{
    let sync = statuses!(StatusKind::Synchronization;
        "NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass", "NotConfigured",
        "Initializing", "InitializeFailed", "Synchronizing", "Failed", "Suspending",
        "Modifying", "ModifyFailed", "Finished", "Retrying", "Upgrade", "Locked", "Downgrade");
    let migration = statuses!(StatusKind::Migration;
        "NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass", "NotConfigured",
        "Migrating", "Suspending", "MigrationFailed", "Finished", "Retrying", "Upgrade",
        "Locked", "Downgrade");
    let mut all = [sync[0]; 30];
    let mut i = 0;
    while i < 17 {
        all[i] = sync[i];
        i += 1;
    }
    while i < 30 {
        all[i] = migration[i - 17];
        i += 1;
    }
    all
};

/// Status values of the precheck and incremental-synchronization blocks.
pub const PRECHECK_STATUSES: &[StatusValue] = &{
    let precheck = statuses!(StatusKind::Precheck;
        "NotStarted", "Suspending", "Checking", "Failed", "Finished");
    let incremental = statuses!(StatusKind::DataSynchronization;
        "NotStarted", "Migrating", "Failed", "Finished", "Catched");
    let mut all = [precheck[0]; 10];
    let mut i = 0;
    while i < 5 {
        all[i] = precheck[i];
        all[i + 5] = incremental[i];
        i += 1;
    }
    all
};

/// Whether `value` is a status of the given kind.
pub fn is_status(kind: StatusKind, value: &str) -> bool {
    JOB_STATUSES
        .iter()
        .chain(PRECHECK_STATUSES)
        .any(|s| s.kind == kind && s.value == value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_hold_the_states_the_workflow_uses() {
        assert!(is_status(StatusKind::Synchronization, "Suspending"));
        assert!(is_status(StatusKind::Migration, "Migrating"));
        assert!(!is_status(StatusKind::Migration, "Synchronizing"));
        assert!(is_status(StatusKind::Precheck, "Checking"));
        assert!(is_status(StatusKind::DataSynchronization, "Catched"));
    }
}
