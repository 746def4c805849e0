//! Signature V1 for RPC requests: `SignatureVersion=1.0`, `SignatureMethod=HMAC-SHA1`.
//!
//! The signature covers every query and form-body parameter except `Signature`, decoded and
//! re-encoded by [`percent_encode`](super::encode::percent_encode), sorted by name.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::SignatureError;
use super::encode::{Space, canonical_pairs, encode_into};

/// The parameter that carries the signature.
pub const SIGNATURE_PARAMETER: &str = "Signature";

/// The canonical query: all parameters but `Signature`, encoded, sorted by name, joined by `&`.
pub fn canonical_query(params: &[(String, String)]) -> String {
    canonical_pairs(
        params
            .iter()
            .filter(|(name, _)| name != SIGNATURE_PARAMETER),
    )
}

/// `METHOD&%2F&` followed by the percent-encoded canonical query.
pub fn string_to_sign(method: &str, params: &[(String, String)]) -> String {
    string_to_sign_of_canonical(method, &canonical_query(params))
}

/// Base64 of HMAC-SHA1 over `string_to_sign`, keyed with the secret followed by `&`.
pub fn sign(secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("HMAC accepts a key of any length");
    mac.update(string_to_sign.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

/// The `Signature` value for a request with these decoded parameters.
pub fn sign_request(method: &str, params: &[(String, String)], secret: &str) -> String {
    sign(secret, &string_to_sign(method, params))
}

/// Checks the `Signature` among `params`, the decoded union of query and form-body
/// parameters, against the one computed with `secret`, in constant time.
///
/// # Errors
///
/// [`SignatureError::MissingSignature`] or [`SignatureError::DuplicateSignature`] unless
/// there is exactly one `Signature`, and [`SignatureError::Mismatch`] when it is wrong.
pub fn verify(
    method: &str,
    params: &[(String, String)],
    secret: &str,
) -> Result<(), SignatureError> {
    let received = received_signature(params)?;

    let canonical = canonical_query(params);
    let string_to_sign = string_to_sign_of_canonical(method, &canonical);
    if super::signatures_match(received, &sign(secret, &string_to_sign)) {
        return Ok(());
    }
    Err(SignatureError::Mismatch {
        string_to_sign,
        canonical,
        received: received.to_owned(),
    })
}

/// `METHOD&%2F&` followed by the percent-encoded `canonical` query, for a caller that wrote
/// the canonical query itself.
pub fn string_to_sign_of_canonical(method: &str, canonical: &str) -> String {
    let mut text = String::with_capacity(method.len() + 8 + canonical.len() * 5 / 4);
    text.push_str(method);
    text.push_str("&%2F&");
    encode_into(&mut text, canonical, Space::Percent20);
    text
}

fn received_signature(params: &[(String, String)]) -> Result<&str, SignatureError> {
    let mut signatures = params
        .iter()
        .filter(|(name, _)| name == SIGNATURE_PARAMETER)
        .map(|(_, value)| value.as_str());

    match (signatures.next(), signatures.count()) {
        (None, _) => Err(SignatureError::MissingSignature),
        (Some(signature), 0) => Ok(signature),
        (Some(_), others) => Err(SignatureError::DuplicateSignature { count: others + 1 }),
    }
}

#[cfg(test)]
mod tests;
