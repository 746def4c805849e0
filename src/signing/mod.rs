//! RPC request signatures: V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256).
