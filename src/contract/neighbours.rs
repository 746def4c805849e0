//! The fields of StartReverseWriter and DescribeDtsJobs that the workflow reads.
//!
//! Types differ between the operations: CreateReverseDtsJob and StartReverseWriter send every
//! field as a string, DescribeDtsJobs sends `Success` as a boolean and `HttpStatusCode` as an
//! integer, and spells the instance id `DtsInstanceID`.

/// The JSON type of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A JSON string.
    String,
    /// A JSON boolean.
    Boolean,
    /// A JSON integer.
    Integer,
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
}

/// One field of a neighbouring operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Dotted path from the body root, e.g. `DtsJobList[].ReverseJob.Status`.
    pub path: &'static str,
    /// The documented type.
    pub ty: FieldType,
    /// What the workflow reads it for.
    pub meaning: &'static str,
}

const fn field(path: &'static str, ty: FieldType, meaning: &'static str) -> Field {
    Field { path, ty, meaning }
}

use FieldType::{Array, Boolean, Integer, Object, String};

/// StartReverseWriter: request `DtsJobId` (the reverse task), optional `CheckPoint`; the
/// response has no `HttpStatusCode`.
pub const START_REVERSE_WRITER_FIELDS: &[Field] = &[
    field("RequestId", String, "the request id"),
    field("Success", String, "\"true\" when the writer was started"),
    field("ErrCode", String, "the error code of a failed call"),
    field("ErrMessage", String, "the error message of a failed call"),
];

/// DescribeDtsJobs: the forward job, its `ReverseJob` block and the reverse task's status.
pub const DESCRIBE_DTS_JOBS_FIELDS: &[Field] = &[
    field("RequestId", String, "the request id"),
    field("Success", Boolean, "true when the call succeeded"),
    field("HttpStatusCode", Integer, "the HTTP status"),
    field("PageNumber", Integer, "the page returned"),
    field("PageRecordCount", Integer, "jobs on this page"),
    field("TotalRecordCount", Integer, "jobs matching the filter"),
    field("DtsJobList", Array, "the jobs"),
    field("DtsJobList[].DtsJobId", String, "the job id"),
    field(
        "DtsJobList[].DtsInstanceID",
        String,
        "the instance id (capital ID)",
    ),
    field(
        "DtsJobList[].JobType",
        String,
        "MIGRATION, SYNC or SUBSCRIBE",
    ),
    field("DtsJobList[].Status", String, "the job status"),
    field("DtsJobList[].DtsJobDirection", String, "Forward or Reverse"),
    field("DtsJobList[].Checkpoint", String, "Unix seconds"),
    field("DtsJobList[].PrecheckStatus", Object, "the precheck block"),
    field(
        "DtsJobList[].PrecheckStatus.Status",
        String,
        "NotStarted, Checking, Failed, Finished",
    ),
    field(
        "DtsJobList[].DataSynchronizationStatus",
        Object,
        "the incremental block",
    ),
    field(
        "DtsJobList[].DataSynchronizationStatus.Status",
        String,
        "incremental status",
    ),
    field(
        "DtsJobList[].ReverseJob",
        Object,
        "the reverse task of a two-way job",
    ),
    field(
        "DtsJobList[].ReverseJob.DtsJobId",
        String,
        "the reverse task id",
    ),
    field(
        "DtsJobList[].ReverseJob.DtsInstanceID",
        String,
        "the reverse instance id",
    ),
    field(
        "DtsJobList[].ReverseJob.DtsJobDirection",
        String,
        "always Reverse",
    ),
    field(
        "DtsJobList[].ReverseJob.Status",
        String,
        "the reverse task status",
    ),
];
