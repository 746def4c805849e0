//! The conformance suite; the runner arrives with the conformance module.

fn main() {}
