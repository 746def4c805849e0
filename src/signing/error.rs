//! Why a request's signature was not accepted.

/// A signature that could not be checked or did not match.
///
/// No variant carries the secret or the signature the server expected; a mismatch shows the
/// server's canonical form and string to sign, so the client's can be compared with them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The recomputed signature differs from the one the client sent.
    #[error(
        "signature does not match; server string to sign is: {string_to_sign:?} \
         (canonical form: {canonical:?}; client sent signature {received:?})"
    )]
    Mismatch {
        /// The string the server signed.
        string_to_sign: String,
        /// The canonical query (V1) or canonical request (V3) behind `string_to_sign`.
        canonical: String,
        /// The signature the client sent.
        received: String,
    },

    /// A V1 request without a `Signature` parameter.
    #[error("the request has no Signature parameter")]
    MissingSignature,

    /// A V1 request with more than one `Signature` parameter.
    #[error("the request has {count} Signature parameters; expected exactly one")]
    DuplicateSignature {
        /// How many `Signature` parameters arrived.
        count: usize,
    },

    /// A V3 request without an `Authorization` header.
    #[error("the request has no Authorization header")]
    MissingAuthorization,

    /// An `Authorization` header not of the form `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..`.
    #[error("malformed Authorization header: {reason}")]
    MalformedAuthorization {
        /// What is wrong with it.
        reason: String,
    },

    /// A header listed in `SignedHeaders` that is not in the request.
    #[error("signed header {name:?} is listed in SignedHeaders but not present in the request")]
    MissingSignedHeader {
        /// The lower-cased header name.
        name: String,
    },

    /// An `x-acs-content-sha256` header that is not the hash of the body.
    #[error("x-acs-content-sha256 is {actual:?} but the body hashes to {expected:?} (hex SHA-256)")]
    ContentHashMismatch {
        /// Hex SHA-256 of the body that arrived.
        expected: String,
        /// The value of the `x-acs-content-sha256` header.
        actual: String,
    },
}
