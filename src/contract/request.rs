//! The document's request parameter table.

/// One row of the request parameter table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestParameter {
    /// Stable row id, e.g. `req.DtsJobId`.
    pub id: &'static str,
    /// The parameter name, exactly as sent.
    pub name: &'static str,
    /// The documented type.
    pub ty: &'static str,
    /// Whether the document marks it required.
    pub required: bool,
    /// The document's example value.
    pub example: &'static str,
    /// The document's description.
    pub description: &'static str,
}

/// The request parameters of CreateReverseDtsJob, in document order.
pub const REQUEST_PARAMETERS: &[RequestParameter] = &[
    RequestParameter {
        id: "req.Action",
        name: "Action",
        ty: "String",
        required: true,
        example: "CreateReverseDtsJob",
        description: "The operation that you want to perform. Set the value to \
                      CreateReverseDtsJob.",
    },
    RequestParameter {
        id: "req.DtsJobId",
        name: "DtsJobId",
        ty: "String",
        required: true,
        example: "n99m9jx822k****",
        description: "The ID of the data synchronization or migration task. You can call the \
                      DescribeDtsJobs operation to query the task ID.",
    },
];

/// Optional parameters that the official SDK models send but the document does not list.
///
/// The mock accepts and ignores them; they are not rows of the contract.
pub const SDK_ONLY_PARAMETERS: &[&str] = &["ResourceGroupId", "ShardUsername", "ShardPassword"];

/// The row for a request parameter name.
pub fn request_parameter(name: &str) -> Option<&'static RequestParameter> {
    REQUEST_PARAMETERS.iter().find(|p| p.name == name)
}
