//! The document's response parameter table.

/// When a response field is expected in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// In every successful response.
    Success,
    /// In every failed response of the operation itself (not in gateway errors).
    Failure,
    /// In every response, successful or not.
    Always,
}

/// One row of the response parameter table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseField {
    /// Stable row id, e.g. `resp.DtsInstanceId`.
    pub id: &'static str,
    /// The field name, exactly as it appears in JSON keys and XML elements.
    pub name: &'static str,
    /// The documented type. Every field of this operation is a String, `Success` and
    /// `HttpStatusCode` included.
    pub ty: &'static str,
    /// The document's example value.
    pub example: &'static str,
    /// The document's description.
    pub description: &'static str,
    /// When the field must be present.
    pub presence: Presence,
}

/// The response parameters of CreateReverseDtsJob, in document order.
pub const RESPONSE_FIELDS: &[ResponseField] = &[
    ResponseField {
        id: "resp.HttpStatusCode",
        name: "HttpStatusCode",
        ty: "String",
        example: "200",
        description: "The HTTP status code.",
        presence: Presence::Always,
    },
    ResponseField {
        id: "resp.RequestId",
        name: "RequestId",
        ty: "String",
        example: "621BB4F8-3016-4FAA-8D5A-5D3163CC****",
        description: "The request ID.",
        presence: Presence::Always,
    },
    ResponseField {
        id: "resp.ErrCode",
        name: "ErrCode",
        ty: "String",
        example: "InternalError",
        description: "The error code returned if the request failed.",
        presence: Presence::Failure,
    },
    ResponseField {
        id: "resp.DtsJobId",
        name: "DtsJobId",
        ty: "String",
        example: "n99m9jx822k****",
        description: "The ID of the data synchronization task in the reverse direction.",
        presence: Presence::Success,
    },
    ResponseField {
        id: "resp.DtsInstanceId",
        name: "DtsInstanceId",
        ty: "String",
        example: "dtsor1f9kr822l****",
        description: "The ID of the DTS instance in which the data synchronization task in the \
                      reverse direction is created.",
        presence: Presence::Success,
    },
    ResponseField {
        id: "resp.Success",
        name: "Success",
        ty: "String",
        example: "true",
        description: "Indicates whether the request was successful.",
        presence: Presence::Always,
    },
    ResponseField {
        id: "resp.ErrMessage",
        name: "ErrMessage",
        ty: "String",
        example: "The Value of Input Parameter %s is not valid.",
        description: "The error message returned if the request failed.",
        presence: Presence::Failure,
    },
];

/// The row for a response field name.
pub fn response_field(name: &str) -> Option<&'static ResponseField> {
    RESPONSE_FIELDS.iter().find(|f| f.name == name)
}
