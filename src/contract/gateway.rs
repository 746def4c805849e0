//! Error codes of the RPC gateway in front of DTS, and the answers the mock gives where the
//! document is silent.
//!
//! The document lists four codes; every real call can also meet the gateway's own checks
//! (signature, timestamp, nonce, access key, action, version). Statuses differ between
//! Alibaba's pages; where they do, the chosen value and its source are recorded here, once.

/// Where a row's code, status and message come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Alibaba Cloud's published documentation.
    Documented,
    /// The documentation names the code but not the status or message; the value is the
    /// mock's documented default.
    MockDefault,
}

/// One gateway error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GatewayError {
    /// Stable row id, e.g. `gw.SignatureDoesNotMatch`.
    pub id: &'static str,
    /// The error code, as `Code` carries it. `{name}` stands for a parameter name.
    pub code: &'static str,
    /// The HTTP status the mock answers with.
    pub http_status: u16,
    /// The message. `{name}` stands for a parameter name.
    pub message: &'static str,
    /// What provokes it.
    pub when: &'static str,
    /// Where the code, status and message come from.
    pub source: Source,
    /// Whether the suite must have a scenario for it (the common rules every real call meets).
    pub required_coverage: bool,
}

impl GatewayError {
    /// The code with `{name}` replaced, e.g. `MissingDtsJobId`.
    pub fn code_for(&self, name: &str) -> String {
        self.code.replace("{name}", name)
    }

    /// The message with `{name}` replaced.
    pub fn message_for(&self, name: &str) -> String {
        self.message.replace("{name}", name)
    }
}

const fn row(
    id: &'static str,
    code: &'static str,
    http_status: u16,
    message: &'static str,
    when: &'static str,
    source: Source,
    required_coverage: bool,
) -> GatewayError {
    GatewayError {
        id,
        code,
        http_status,
        message,
        when,
        source,
        required_coverage,
    }
}

use Source::{Documented, MockDefault};

/// Every gateway error the mock can answer with.
pub const GATEWAY_ERRORS: &[GatewayError] = &[
    row(
        "gw.MissingParameter",
        "Missing{name}",
        400,
        "{name} is mandatory for this action.",
        "a required parameter (common or of the action) is absent",
        Documented,
        true,
    ),
    row(
        "gw.InvalidApi.NotFound",
        "InvalidApi.NotFound",
        404,
        "Specified api is not found,please check your url and method.",
        "the Action is unknown or differs in case",
        Documented,
        true,
    ),
    row(
        "gw.InvalidVersion",
        "InvalidVersion",
        400,
        "Specified parameter Version is not valid.",
        "the Version is not 2020-01-01",
        Documented,
        true,
    ),
    row(
        "gw.InvalidParameter.Format",
        "InvalidParameter.Format",
        400,
        "Specified parameter format is not valid.",
        "Format is neither JSON nor XML, in any case",
        Documented,
        false,
    ),
    row(
        "gw.InvalidAccessKeyId.NotFound",
        "InvalidAccessKeyId.NotFound",
        404,
        "Specified access key is not found.",
        "the AccessKeyId is unknown",
        Documented,
        true,
    ),
    row(
        "gw.InvalidTimeStamp.Format",
        "InvalidTimeStamp.Format",
        400,
        "Specified time stamp or date value is not well formatted.",
        "Timestamp or x-acs-date is not yyyy-MM-ddTHH:mm:ssZ",
        Documented,
        false,
    ),
    row(
        "gw.InvalidTimeStamp.Expired",
        "InvalidTimeStamp.Expired",
        400,
        "Specified time stamp or date value is expired.",
        "the timestamp is outside the allowed skew",
        Documented,
        true,
    ),
    row(
        "gw.SignatureNonceUsed",
        "SignatureNonceUsed",
        400,
        "Specified signature nonce was used already.",
        "a nonce is replayed while its timestamp could still be accepted",
        Documented,
        true,
    ),
    row(
        "gw.InvalidSignatureMethod",
        "InvalidSignatureMethod",
        400,
        "Specified signature method is not valid.",
        "SignatureMethod is not HMAC-SHA1",
        Documented,
        false,
    ),
    row(
        "gw.InvalidSignatureVersion",
        "InvalidSignatureVersion",
        400,
        "Specified parameter SignatureVersion is not valid.",
        "SignatureVersion is not 1.0",
        MockDefault,
        false,
    ),
    row(
        "gw.IncompleteSignature",
        "IncompleteSignature",
        400,
        "The request signature does not conform to Aliyun standards.",
        "no Signature, or a malformed ACS3 Authorization header",
        Documented,
        false,
    ),
    row(
        "gw.SignatureDoesNotMatch",
        "SignatureDoesNotMatch",
        400,
        "Specified signature is not matched with our calculation. server string to sign is:{name}",
        "the signature differs from the server's",
        Documented,
        true,
    ),
    row(
        "gw.InvalidSecurityToken.Malformed",
        "InvalidSecurityToken.Malformed",
        403,
        "Specified SecurityToken is malformed.",
        "the SecurityToken was never issued",
        MockDefault,
        true,
    ),
    row(
        "gw.InvalidSecurityToken.MismatchWithAccessKey",
        "InvalidSecurityToken.MismatchWithAccessKey",
        403,
        "Specified SecurityToken mismatch with the AccessKey.",
        "the SecurityToken was issued for another AccessKeyId",
        MockDefault,
        false,
    ),
    row(
        "gw.UnsupportedHTTPMethod",
        "UnsupportedHTTPMethod",
        400,
        "This http method not supported.",
        "the method is neither GET nor POST",
        Documented,
        false,
    ),
    row(
        "gw.InvalidParameter.Encoding",
        "InvalidParameter.Encoding",
        400,
        "Specified parameter {name} is not valid UTF-8 or not well percent-encoded.",
        "malformed percent-encoding or invalid UTF-8 in the query or body",
        MockDefault,
        false,
    ),
    row(
        "gw.InvalidParameter.Duplicate",
        "InvalidParameter.Duplicate",
        400,
        "Specified parameter {name} is given more than once.",
        "one parameter name appears twice",
        MockDefault,
        false,
    ),
    row(
        "gw.RequestTooLarge",
        "RequestTooLarge",
        413,
        "The request exceeds the size the endpoint accepts.",
        "the query, a header or the body is over the mock's limit",
        MockDefault,
        false,
    ),
    row(
        "gw.InternalError",
        "InternalError",
        500,
        "The request processing has failed due to some unknown error, exception or failure.",
        "never by design: reserved for a defect of the endpoint",
        Documented,
        false,
    ),
];

/// The gateway error whose code (after `{name}` substitution) is `code`.
pub fn gateway_error(code: &str) -> Option<&'static GatewayError> {
    GATEWAY_ERRORS.iter().find(|g| {
        if let Some(prefix) = g.code.strip_suffix("{name}") {
            code.starts_with(prefix) && code.len() > prefix.len()
        } else {
            g.code == code
        }
    })
}
