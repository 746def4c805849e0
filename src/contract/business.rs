//! DTS answers for states the document does not cover.
//!
//! The document's only business error is `InvalidParameter` (403). A job that exists but
//! cannot take a reverse task, one that already has one, and a reverse writer that cannot be
//! started are not documented; the mock answers them with these codes, in the
//! `DTS.Msg.OperationDenied.<Reason>` family seen from the real service, at 403 like the
//! documented business error.

/// One business error the mock answers with where the document is silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessError {
    /// The error code, as `Code` and `ErrCode` carry it.
    pub code: &'static str,
    /// The HTTP status.
    pub http_status: u16,
    /// The message.
    pub message: &'static str,
    /// What provokes it.
    pub when: &'static str,
}

/// A forward job whose status does not allow a reverse task.
pub const JOB_STATUS_DENIED: BusinessError = BusinessError {
    code: "DTS.Msg.OperationDenied.JobStatus",
    http_status: 403,
    message: "The operation is not allowed in the current status of the task.",
    when: "the job is not in a state that can take a reverse task, or the reverse writer \
           cannot be started from the task's state",
};

/// A job whose type cannot take a reverse task (change tracking, or flagged ineligible).
pub const JOB_TYPE_DENIED: BusinessError = BusinessError {
    code: "DTS.Msg.OperationDenied.JobType",
    http_status: 403,
    message: "The operation is not supported for this type of task.",
    when: "the job is a change-tracking task or is seeded as unable to take a reverse task",
};

/// A forward job that already has a reverse task.
pub const REVERSE_JOB_EXISTS: BusinessError = BusinessError {
    code: "DTS.Msg.OperationDenied.ReverseJobExists",
    http_status: 403,
    message: "A reverse task already exists for the task.",
    when: "CreateReverseDtsJob is called again for a job that has a reverse task",
};

/// A well-formed DtsJobId that names no job of the caller's account.
pub const JOB_NOT_FOUND: BusinessError = BusinessError {
    code: "Forbidden.InstanceNotFound",
    http_status: 403,
    message: "The specified task does not exist.",
    when: "the DtsJobId is well-formed but names no job",
};

/// Every business error, for the fuzzer's and the report's lookups.
pub const BUSINESS_ERRORS: &[BusinessError] = &[
    JOB_NOT_FOUND,
    JOB_STATUS_DENIED,
    JOB_TYPE_DENIED,
    REVERSE_JOB_EXISTS,
];
