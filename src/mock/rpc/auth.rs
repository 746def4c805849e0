//! Authentication as the gateway does it: signature V1 or V3, timestamp window, nonce replay,
//! STS token.

use super::super::Defect;
use super::super::clock::{parse_timestamp, real_now};
use super::super::rejection::Rejection;
use super::super::state::{AccountState, State, lock};
use super::params::Incoming;
use crate::contract::{SIGNATURE_METHOD, SIGNATURE_VERSION};
use crate::signing::{SignatureError, encode::percent_encode, v1, v3};
use std::sync::{Arc, Mutex};
use subtle::ConstantTimeEq;

/// The signing scheme a request used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `SignatureVersion=1.0`, HMAC-SHA1 in the parameters.
    V1,
    /// `ACS3-HMAC-SHA256` in the Authorization header.
    V3,
}

impl Scheme {
    /// The journal's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::V1 => "V1",
            Scheme::V3 => "V3",
        }
    }
}

/// A request whose caller was authenticated.
pub struct Caller {
    /// The account's state.
    pub account: Arc<Mutex<AccountState>>,
}

/// Which scheme a request claims: V3 when it carries an ACS3 Authorization header.
pub fn scheme_of(incoming: &Incoming) -> Scheme {
    match incoming.header("authorization") {
        Some(value) if value.trim_start().starts_with(v3::ALGORITHM) => Scheme::V3,
        _ => Scheme::V1,
    }
}

/// The AccessKeyId a request names, before anything is verified (for the journal).
pub fn claimed_key(incoming: &Incoming, scheme: Scheme) -> Option<String> {
    match scheme {
        Scheme::V1 => incoming.param("AccessKeyId").map(str::to_string),
        Scheme::V3 => incoming
            .header("authorization")
            .and_then(|h| v3::Authorization::parse(h).ok())
            .map(|a| a.access_key_id),
    }
}

/// Authenticate a request.
pub fn authenticate(
    state: &State,
    incoming: &Incoming,
    scheme: Scheme,
) -> Result<Caller, Rejection> {
    let (access_key_id, timestamp, nonce) = match scheme {
        Scheme::V1 => check_v1_parameters(incoming)?,
        Scheme::V3 => check_v3_headers(incoming)?,
    };
    let timestamp = parse_timestamp(&timestamp)
        .ok_or_else(|| Rejection::gateway("gw.InvalidTimeStamp.Format", ""))?;
    let account = state
        .account(&access_key_id)
        .ok_or_else(|| Rejection::gateway("gw.InvalidAccessKeyId.NotFound", ""))?;
    let secret = lock(&account).secret.clone();
    verify_signature(state, incoming, scheme, &secret)?;

    let skew = i64::try_from(state.config.timestamp_skew.as_secs()).unwrap_or(i64::MAX);
    let now = real_now();
    if (now - timestamp).abs() > skew {
        return Err(Rejection::gateway("gw.InvalidTimeStamp.Expired", ""));
    }
    let fresh = lock(&account)
        .nonces
        .insert(&nonce, timestamp.saturating_add(skew), now);
    if !fresh && !state.has(Defect::NonceReplayAccepted) {
        return Err(Rejection::gateway("gw.SignatureNonceUsed", ""));
    }
    let token = incoming.param_or_header("SecurityToken", "x-acs-security-token");
    if let Some(token) = token {
        check_token(state, &account, &access_key_id, token)?;
    }
    Ok(Caller { account })
}

fn required<'a>(incoming: &'a Incoming, name: &str) -> Result<&'a str, Rejection> {
    incoming
        .param(name)
        .ok_or_else(|| Rejection::gateway("gw.MissingParameter", name))
}

fn check_v1_parameters(incoming: &Incoming) -> Result<(String, String, String), Rejection> {
    let access_key_id = required(incoming, "AccessKeyId")?;
    let method = required(incoming, "SignatureMethod")?;
    let version = required(incoming, "SignatureVersion")?;
    let nonce = required(incoming, "SignatureNonce")?;
    let timestamp = required(incoming, "Timestamp")?;
    required(incoming, "Signature")?;
    if method != SIGNATURE_METHOD {
        return Err(Rejection::gateway("gw.InvalidSignatureMethod", ""));
    }
    if version != SIGNATURE_VERSION {
        return Err(Rejection::gateway("gw.InvalidSignatureVersion", ""));
    }
    Ok((
        access_key_id.to_string(),
        timestamp.to_string(),
        nonce.to_string(),
    ))
}

fn check_v3_headers(incoming: &Incoming) -> Result<(String, String, String), Rejection> {
    let header = incoming.header("authorization").unwrap_or_default();
    let authorization = v3::Authorization::parse(header)
        .map_err(|_| Rejection::gateway("gw.IncompleteSignature", ""))?;
    let timestamp = incoming
        .header("x-acs-date")
        .ok_or_else(|| Rejection::gateway("gw.MissingParameter", "Timestamp"))?;
    let nonce = incoming
        .header("x-acs-signature-nonce")
        .ok_or_else(|| Rejection::gateway("gw.MissingParameter", "SignatureNonce"))?;
    Ok((
        authorization.access_key_id,
        timestamp.to_string(),
        nonce.to_string(),
    ))
}

fn verify_signature(
    state: &State,
    incoming: &Incoming,
    scheme: Scheme,
    secret: &str,
) -> Result<(), Rejection> {
    let method = incoming.method.as_str();
    let result = match scheme {
        Scheme::V1 if state.has(Defect::StarCanonicalisation) => {
            verify_v1_with_star_bug(method, &incoming.params, secret)
        }
        Scheme::V1 => v1::verify(method, &incoming.params, secret),
        Scheme::V3 => v3::verify(
            method,
            incoming.query(),
            &incoming.header_pairs(),
            &incoming.body,
            secret,
        )
        .map(|_| ()),
    };
    result.map_err(|error| match error {
        SignatureError::Mismatch { string_to_sign, .. } => {
            Rejection::gateway("gw.SignatureDoesNotMatch", &string_to_sign)
        }
        SignatureError::MissingSignature => Rejection::gateway("gw.MissingParameter", "Signature"),
        other => {
            tracing::debug!(%other, "incomplete signature");
            Rejection::gateway("gw.IncompleteSignature", "")
        }
    })
}

/// The `StarCanonicalisation` defect: `*` is left unencoded in the canonical query.
fn verify_v1_with_star_bug(
    method: &str,
    params: &[(String, String)],
    secret: &str,
) -> Result<(), SignatureError> {
    let given = params
        .iter()
        .find(|(k, _)| k == "Signature")
        .map(|(_, v)| v.clone())
        .ok_or(SignatureError::MissingSignature)?;
    let canonical = v1::canonical_query(params).replace("%2A", "*");
    let string_to_sign = format!("{method}&%2F&{}", percent_encode(&canonical));
    let expected = v1::sign(secret, &string_to_sign);
    if bool::from(expected.as_bytes().ct_eq(given.as_bytes())) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch {
            string_to_sign,
            canonical,
            received: given,
        })
    }
}

fn check_token(
    state: &State,
    account: &Arc<Mutex<AccountState>>,
    access_key_id: &str,
    token: &str,
) -> Result<(), Rejection> {
    let record = state
        .token(token)
        .ok_or_else(|| Rejection::gateway("gw.InvalidSecurityToken.Malformed", ""))?;
    if record.access_key_id != access_key_id {
        return Err(Rejection::gateway(
            "gw.InvalidSecurityToken.MismatchWithAccessKey",
            "",
        ));
    }
    if lock(account).clock.now() >= record.expires_at {
        return Err(Rejection::documented(
            "InvalidSecurityToken.Expired",
            "",
            false,
        ));
    }
    Ok(())
}
