//! RPC request signatures: V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256).
//!
//! Both schemes sign the *decoded* request re-encoded by one canonical rule, never the bytes
//! that arrived: [`encode`] holds that rule and the form decoder, [`v1`] and [`v3`] build the
//! strings to sign, sign them and verify requests. Failures are [`SignatureError`]s, which
//! show the server's string to sign but never the secret or the expected signature.
//!
//! # Limitations
//!
//! Verification checks the signature only. Timestamp skew (`Timestamp`, `x-acs-date`) and
//! nonce replay are the caller's business, and V3 verification accepts whatever
//! `SignedHeaders` list the client chose, as long as every listed header is present.

pub mod encode;
mod error;
pub mod v1;
pub mod v3;

#[cfg(test)]
mod properties;

pub use error::SignatureError;

use subtle::ConstantTimeEq;

/// Compares a received signature with a computed one without leaking where they differ.
fn signatures_match(received: &str, computed: &str) -> bool {
    received.as_bytes().ct_eq(computed.as_bytes()).into()
}
