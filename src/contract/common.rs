//! The common request parameters of RPC calls (signature V1) and their V3 header forms.

/// One common request parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommonParameter {
    /// The parameter name under signature V1.
    pub name: &'static str,
    /// Whether a V1 request must carry it.
    pub required_v1: bool,
    /// The header that carries it under signature V3, if any.
    pub v3_header: Option<&'static str>,
    /// What it carries.
    pub meaning: &'static str,
}

/// The common parameters, in the reference's order.
pub const COMMON_PARAMETERS: &[CommonParameter] = &[
    common(
        "Action",
        true,
        Some("x-acs-action"),
        "the operation name, case-sensitive",
    ),
    common(
        "Version",
        true,
        Some("x-acs-version"),
        "the API version, 2020-01-01 for DTS",
    ),
    common("Format", false, None, "JSON or XML, case-insensitive"),
    common(
        "AccessKeyId",
        true,
        None,
        "the AccessKey ID (V3: in the Authorization header)",
    ),
    common(
        "Signature",
        true,
        Some("authorization"),
        "the request signature",
    ),
    common("SignatureMethod", true, None, "HMAC-SHA1"),
    common("SignatureVersion", true, None, "1.0"),
    common(
        "SignatureNonce",
        true,
        Some("x-acs-signature-nonce"),
        "unique per request",
    ),
    common(
        "Timestamp",
        true,
        Some("x-acs-date"),
        "UTC yyyy-MM-ddTHH:mm:ssZ",
    ),
    common(
        "SecurityToken",
        false,
        Some("x-acs-security-token"),
        "an STS token",
    ),
    common(
        "RegionId",
        false,
        None,
        "a region id; old SDKs always send it",
    ),
    common(
        "SignatureType",
        false,
        None,
        "empty; old SDKs send it and sign it",
    ),
];

const fn common(
    name: &'static str,
    required_v1: bool,
    v3_header: Option<&'static str>,
    meaning: &'static str,
) -> CommonParameter {
    CommonParameter {
        name,
        required_v1,
        v3_header,
        meaning,
    }
}

/// The only `SignatureMethod` V1 accepts.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// The only `SignatureVersion` V1 accepts.
pub const SIGNATURE_VERSION: &str = "1.0";
