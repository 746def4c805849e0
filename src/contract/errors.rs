//! The document's error code table.

/// One row of the error code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentedError {
    /// Stable row id, e.g. `err.InvalidParameter`.
    pub id: &'static str,
    /// The HTTP status the document gives.
    pub http_status: u16,
    /// The error code, as `Code` (and `ErrCode`) carry it.
    pub code: &'static str,
    /// The message; `%s` stands for the parameter name where the template has one.
    pub message: &'static str,
    /// The document's description.
    pub description: &'static str,
}

impl DocumentedError {
    /// The message with `%s` replaced by `parameter`.
    pub fn message_for(&self, parameter: &str) -> String {
        self.message.replace("%s", parameter)
    }
}

/// The error codes of CreateReverseDtsJob (the same table applies to StartReverseWriter).
pub const DOCUMENTED_ERRORS: &[DocumentedError] = &[
    DocumentedError {
        id: "err.InvalidSecurityToken.Expired",
        http_status: 403,
        code: "InvalidSecurityToken.Expired",
        message: "Specified SecurityToken is expired.",
        description: "The signature expired. Use a new signature.",
    },
    DocumentedError {
        id: "err.InvalidParameter",
        http_status: 403,
        code: "InvalidParameter",
        message: "The value of the parameter %s is invalid.",
        description: "The specified value was invalid. Enter a valid value.",
    },
    DocumentedError {
        id: "err.ServiceUnavailable",
        http_status: 500,
        code: "ServiceUnavailable",
        message: "The request has failed due to a temporary failure of the server.",
        description: "The response of the server timed out or the server was unavailable. Try \
                      again. If the error persists, contact technical support.",
    },
    DocumentedError {
        id: "err.Throttling.User",
        http_status: 400,
        code: "Throttling.User",
        message: "Request was denied due to user flow control.",
        description: "The number of requests exceeded the limit, and the request was rejected. \
                      Try again later.",
    },
];

/// The documented error with this code.
pub fn documented_error(code: &str) -> Option<&'static DocumentedError> {
    DOCUMENTED_ERRORS.iter().find(|e| e.code == code)
}
