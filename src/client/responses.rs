//! The typed responses: CreateReverseDtsJob, StartReverseWriter, DescribeDtsJobs, and the
//! gateway error body.
//!
//! Field types follow the reference: every CreateReverseDtsJob and StartReverseWriter field
//! is a string (`"Success":"true"`), DescribeDtsJobs sends a boolean `Success` and an integer
//! `HttpStatusCode`, and spells the instance id `DtsInstanceID`.

use super::{DecodeError, Fields, ResponseBody};

/// The body of a CreateReverseDtsJob answer; every field is a string, as documented.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateReverseDtsJobResponse {
    /// `HttpStatusCode`, e.g. `"200"`.
    pub http_status_code: Option<String>,
    /// `RequestId`.
    pub request_id: Option<String>,
    /// `DtsJobId`: the new reverse task.
    pub dts_job_id: Option<String>,
    /// `DtsInstanceId`: the reverse task's instance.
    pub dts_instance_id: Option<String>,
    /// `Success`, `"true"` or `"false"`.
    pub success: Option<String>,
    /// `ErrCode` of a failed call.
    pub err_code: Option<String>,
    /// `ErrMessage` of a failed call.
    pub err_message: Option<String>,
}

impl CreateReverseDtsJobResponse {
    /// Whether `Success` is the string `"true"`.
    pub fn succeeded(&self) -> bool {
        self.success.as_deref() == Some("true")
    }
}

impl ResponseBody for CreateReverseDtsJobResponse {
    const NAME: &'static str = "CreateReverseDtsJob";
    const XML_ROOT: &'static str = "CreateReverseDtsJobResponse";

    fn from_fields(fields: &Fields<'_>) -> Result<Self, DecodeError> {
        Ok(CreateReverseDtsJobResponse {
            http_status_code: fields.string("HttpStatusCode")?,
            request_id: fields.string("RequestId")?,
            dts_job_id: fields.string("DtsJobId")?,
            dts_instance_id: fields.string("DtsInstanceId")?,
            success: fields.string("Success")?,
            err_code: fields.string("ErrCode")?,
            err_message: fields.string("ErrMessage")?,
        })
    }
}

/// The body of a StartReverseWriter answer; every field is a string and there is no
/// `HttpStatusCode`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartReverseWriterResponse {
    /// `RequestId`.
    pub request_id: Option<String>,
    /// `Success`, `"true"` or `"false"`.
    pub success: Option<String>,
    /// `ErrCode` of a failed call.
    pub err_code: Option<String>,
    /// `ErrMessage` of a failed call.
    pub err_message: Option<String>,
}

impl StartReverseWriterResponse {
    /// Whether `Success` is the string `"true"`.
    pub fn succeeded(&self) -> bool {
        self.success.as_deref() == Some("true")
    }
}

impl ResponseBody for StartReverseWriterResponse {
    const NAME: &'static str = "StartReverseWriter";
    const XML_ROOT: &'static str = "StartReverseWriterResponse";

    fn from_fields(fields: &Fields<'_>) -> Result<Self, DecodeError> {
        Ok(StartReverseWriterResponse {
            request_id: fields.string("RequestId")?,
            success: fields.string("Success")?,
            err_code: fields.string("ErrCode")?,
            err_message: fields.string("ErrMessage")?,
        })
    }
}

/// The body of a DescribeDtsJobs answer: the fields the workflow reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DescribeDtsJobsResponse {
    /// `RequestId`.
    pub request_id: Option<String>,
    /// `Success`, a boolean here.
    pub success: Option<bool>,
    /// `HttpStatusCode`, an integer here.
    pub http_status_code: Option<i64>,
    /// `ErrCode` of a failed call.
    pub err_code: Option<String>,
    /// `ErrMessage` of a failed call.
    pub err_message: Option<String>,
    /// `DtsJobList`.
    pub jobs: Vec<JobSummary>,
}

impl ResponseBody for DescribeDtsJobsResponse {
    const NAME: &'static str = "DescribeDtsJobs";
    const XML_ROOT: &'static str = "DescribeDtsJobsResponse";

    fn from_fields(fields: &Fields<'_>) -> Result<Self, DecodeError> {
        let jobs = fields
            .list("DtsJobList")?
            .iter()
            .map(JobSummary::from_fields)
            .collect::<Result<_, _>>()?;
        Ok(DescribeDtsJobsResponse {
            request_id: fields.string("RequestId")?,
            success: fields.boolean("Success")?,
            http_status_code: fields.integer("HttpStatusCode")?,
            err_code: fields.string("ErrCode")?,
            err_message: fields.string("ErrMessage")?,
            jobs,
        })
    }
}

/// One job of `DtsJobList`, or its `ReverseJob` block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobSummary {
    /// `DtsJobId`.
    pub dts_job_id: Option<String>,
    /// `DtsInstanceID` (capital `ID` in this operation).
    pub dts_instance_id: Option<String>,
    /// `JobType`; a `ReverseJob` block has none.
    pub job_type: Option<String>,
    /// `Status`.
    pub status: Option<String>,
    /// `DtsJobDirection`: `Forward` or `Reverse`.
    pub direction: Option<String>,
    /// `PrecheckStatus.Status`.
    pub precheck_status: Option<String>,
    /// `DataSynchronizationStatus.Status`.
    pub data_synchronization_status: Option<String>,
    /// `ReverseJob`, for a two-way job.
    pub reverse_job: Option<Box<JobSummary>>,
}

impl JobSummary {
    fn from_fields(fields: &Fields<'_>) -> Result<JobSummary, DecodeError> {
        let status_of = |block: &str| -> Result<Option<String>, DecodeError> {
            match fields.object(block)? {
                Some(block) => block.string("Status"),
                None => Ok(None),
            }
        };
        let reverse_job = match fields.object("ReverseJob")? {
            Some(reverse) => Some(Box::new(JobSummary::from_fields(&reverse)?)),
            None => None,
        };
        Ok(JobSummary {
            dts_job_id: fields.string("DtsJobId")?,
            dts_instance_id: fields.string("DtsInstanceID")?,
            job_type: fields.string("JobType")?,
            status: fields.string("Status")?,
            direction: fields.string("DtsJobDirection")?,
            precheck_status: status_of("PrecheckStatus")?,
            data_synchronization_status: status_of("DataSynchronizationStatus")?,
            reverse_job,
        })
    }
}

/// A gateway (POP) error body: `RequestId`, `HostId`, `Code`, `Message`, and on real
/// gateways a `Recommend` link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// `RequestId`.
    pub request_id: Option<String>,
    /// `HostId`: the endpoint that answered.
    pub host_id: Option<String>,
    /// `Code`, e.g. `SignatureDoesNotMatch`.
    pub code: Option<String>,
    /// `Message`.
    pub message: Option<String>,
    /// `Recommend`: a troubleshooting link.
    pub recommend: Option<String>,
}

impl ResponseBody for ErrorBody {
    const NAME: &'static str = "gateway error";
    const XML_ROOT: &'static str = "Error";

    fn from_fields(fields: &Fields<'_>) -> Result<Self, DecodeError> {
        Ok(ErrorBody {
            request_id: fields.string("RequestId")?,
            host_id: fields.string("HostId")?,
            code: fields.string("Code")?,
            message: fields.string("Message")?,
            recommend: fields.string("Recommend")?,
        })
    }
}
