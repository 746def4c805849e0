//! The mock, driven over HTTP: the RPC surface, authentication, jobs and the workflow,
//! throttling and faults, the control API, malformed input, and the official SDKs' requests
//! replayed byte for byte.

mod common;
mod connections;
mod control;
mod robustness;
mod rpc_surface;
mod sdk_replay;
mod workflow;
