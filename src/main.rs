//! The `dts-conformance` command line.
fn main() {}
