//! RPC request signatures: V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256).
//!
//! Both schemes sign the *decoded* request re-encoded by one canonical rule, never the bytes
//! that arrived: [`encode`] holds that rule and the form decoder.

pub mod encode;
