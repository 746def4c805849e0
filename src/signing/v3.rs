//! Signature V3: ACS3-HMAC-SHA256 in the `Authorization` header.
//!
//! The signature covers the method, the decoded query re-encoded and sorted, the headers the
//! client lists in `SignedHeaders`, and the SHA-256 of the body.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::SignatureError;
use super::encode::canonical_pairs;

mod authorization;
pub use authorization::Authorization;

/// The algorithm name that opens the `Authorization` header and the string to sign.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// The header that carries the signature.
pub const AUTHORIZATION_HEADER: &str = "authorization";

/// The header in which the client states the hex SHA-256 of the body.
pub const CONTENT_SHA256_HEADER: &str = "x-acs-content-sha256";

/// Lower-case hex SHA-256 of the body, the last line of the canonical request.
pub fn hashed_payload(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// The canonical request: method, `/`, canonical query, canonical headers, signed header
/// names and the payload hash, separated by newlines.
///
/// `signed_headers` are lower-cased and sorted; each becomes `name:value`, where the values
/// of every header of that name (matched case-insensitively) are trimmed and joined by `,`
/// in arrival order. A signed header absent from `headers` gives `name:`; [`verify`] refuses
/// such requests before it gets here.
pub fn canonical_request(
    method: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    signed_headers: &[String],
    hashed_payload: &str,
) -> String {
    let names = lower_sorted(signed_headers.iter().map(String::as_str));
    let canonical_headers: String = names
        .iter()
        .map(|name| format!("{name}:{}\n", joined_values(headers, name)))
        .collect();

    format!(
        "{method}\n/\n{}\n{canonical_headers}\n{}\n{hashed_payload}",
        canonical_pairs(query),
        names.join(";")
    )
}

/// `ACS3-HMAC-SHA256`, a newline, and the hex SHA-256 of the canonical request.
pub fn string_to_sign(canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{}",
        hex::encode(Sha256::digest(canonical_request))
    )
}

/// Lower-case hex HMAC-SHA256 of `string_to_sign`, keyed with the secret itself.
pub fn sign(secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .expect("HMAC accepts a key of any length");
    mac.update(string_to_sign.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Signs a request as the SDKs do, over every header that is `host`, `content-type` or
/// starts with `x-acs-`; the caller sends the result as the `Authorization` header.
pub fn sign_request(
    method: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
    access_key_id: &str,
    secret: &str,
) -> Authorization {
    let signed_headers = lower_sorted(
        headers
            .iter()
            .map(|(name, _)| name.as_str())
            .filter(|name| is_signed_by_default(name)),
    );
    let canonical = canonical_request(
        method,
        query,
        headers,
        &signed_headers,
        &hashed_payload(body),
    );

    Authorization {
        access_key_id: access_key_id.to_owned(),
        signed_headers,
        signature: sign(secret, &string_to_sign(&canonical)),
    }
}

/// Verifies a request's `Authorization` header against `secret`, over the headers it lists
/// in `SignedHeaders`, after checking any `x-acs-content-sha256` against the body.
///
/// # Errors
///
/// [`SignatureError::ContentHashMismatch`] when `x-acs-content-sha256` is not the body's
/// hash, and every error of [`verify_hashed`].
pub fn verify(
    method: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
    secret: &str,
) -> Result<Authorization, SignatureError> {
    let hashed = hashed_payload(body);
    let claimed = joined_values(headers, CONTENT_SHA256_HEADER);
    if has_header(headers, CONTENT_SHA256_HEADER) && claimed != hashed {
        return Err(SignatureError::ContentHashMismatch {
            expected: hashed,
            actual: claimed,
        });
    }
    verify_hashed(method, query, headers, &hashed, secret)
}

/// Verifies a request whose body is known only by its hex SHA-256, `hashed_payload`.
///
/// # Errors
///
/// [`SignatureError::MissingAuthorization`], [`SignatureError::MalformedAuthorization`]
/// (also for several `Authorization` headers), [`SignatureError::MissingSignedHeader`] and
/// [`SignatureError::Mismatch`].
pub fn verify_hashed(
    method: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    hashed_payload: &str,
    secret: &str,
) -> Result<Authorization, SignatureError> {
    let authorization = Authorization::parse(authorization_header(headers)?)?;
    if let Some(name) = authorization
        .signed_headers
        .iter()
        .find(|name| !has_header(headers, name))
    {
        let name = name.to_ascii_lowercase();
        return Err(SignatureError::MissingSignedHeader { name });
    }

    let signed = &authorization.signed_headers;
    let canonical = canonical_request(method, query, headers, signed, hashed_payload);
    let string_to_sign = string_to_sign(&canonical);
    if super::signatures_match(&authorization.signature, &sign(secret, &string_to_sign)) {
        return Ok(authorization);
    }
    let received = authorization.signature;
    Err(SignatureError::Mismatch {
        string_to_sign,
        canonical,
        received,
    })
}

fn authorization_header(headers: &[(String, String)]) -> Result<&str, SignatureError> {
    let mut values = headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(AUTHORIZATION_HEADER))
        .map(|(_, value)| value.as_str());

    match (values.next(), values.count()) {
        (None, _) => Err(SignatureError::MissingAuthorization),
        (Some(value), 0) => Ok(value),
        (Some(_), others) => Err(SignatureError::MalformedAuthorization {
            reason: format!(
                "the request has {} Authorization headers; expected one",
                others + 1
            ),
        }),
    }
}

fn is_signed_by_default(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name == "host" || name == "content-type" || name.starts_with("x-acs-")
}

fn has_header(headers: &[(String, String)], name: &str) -> bool {
    headers
        .iter()
        .any(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
}

/// Every value of the header `name`, trimmed, joined by `,` in arrival order.
fn joined_values(headers: &[(String, String)], name: &str) -> String {
    let values: Vec<&str> = headers
        .iter()
        .filter(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.trim())
        .collect();
    values.join(",")
}

fn lower_sorted<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut lower: Vec<String> = names.map(str::to_ascii_lowercase).collect();
    lower.sort_unstable();
    lower.dedup();
    lower
}

#[cfg(test)]
mod tests;
