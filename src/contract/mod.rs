//! The API document as data.
//!
//! Every row of the CreateReverseDtsJob document's request, response and error tables, the
//! behaviour its description promises, the common RPC parameters, the gateway error codes, the
//! job status vocabularies, and the fields of the two neighbouring operations the workflow
//! reads. Each row has a stable [`RowId`] that scenarios (as tags) and reports cite.
//!
//! Nothing else in the crate spells a code, a status or a field name of the document: the mock,
//! the steps, the fuzzer and the coverage report all read them from here.

mod action;
mod behaviour;
mod business;
mod common;
mod errors;
mod gateway;
mod neighbours;
mod request;
mod response;
mod row;
mod status;

pub use action::Action;
pub use behaviour::{BEHAVIOUR, Clause};
pub use business::{
    BUSINESS_ERRORS, BusinessError, JOB_NOT_FOUND, JOB_STATUS_DENIED, JOB_TYPE_DENIED,
    REVERSE_JOB_EXISTS,
};
pub use common::{COMMON_PARAMETERS, CommonParameter, SIGNATURE_METHOD, SIGNATURE_VERSION};
pub use errors::{DOCUMENTED_ERRORS, DocumentedError, documented_error};
pub use gateway::{GATEWAY_ERRORS, GatewayError, Source, gateway_error};
pub use neighbours::{DESCRIBE_DTS_JOBS_FIELDS, Field, FieldType, START_REVERSE_WRITER_FIELDS};
pub use request::{REQUEST_PARAMETERS, RequestParameter, SDK_ONLY_PARAMETERS, request_parameter};
pub use response::{Presence, RESPONSE_FIELDS, ResponseField, response_field};
pub use row::{Row, RowId, Table, all_rows, find_row};
pub use status::{JOB_STATUSES, PRECHECK_STATUSES, StatusKind, StatusValue, is_status};

/// The API version of DTS these operations belong to.
pub const API_VERSION: &str = "2020-01-01";
/// The host DTS reports as `HostId` in its error bodies.
pub const HOST_ID: &str = "dts.aliyuncs.com";
/// Where the document lives.
pub const DOCUMENT_URL: &str =
    "https://www.alibabacloud.com/help/en/dts/developer-reference/api-createreversedtsjob";
