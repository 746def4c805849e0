//! Everything the command line writes goes through here: results to stdout, one-line errors
//! to stderr.
//!
//! Writes go through [`std::io::Write`]; a closed pipe (`dts-conformance call | head`) is not
//! an error worth reporting, so write failures are ignored.

use std::fmt::Display;
use std::io::Write as _;

/// The prefix of every diagnostic line.
pub const PREFIX: &str = "dts-conformance";

/// Writes `text` to stdout as is.
pub fn stdout(text: &dyn Display) {
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "{text}");
    let _ = out.flush();
}

/// Writes `dts-conformance: error: <message>` to stderr, on one line whatever the message.
pub fn error_line(message: &dyn Display) {
    let message = message.to_string();
    let one_line: Vec<&str> = message.split_whitespace().collect();
    let _ = writeln!(
        std::io::stderr().lock(),
        "{PREFIX}: error: {}",
        one_line.join(" ")
    );
}

/// Writes clap's own output (`--help`, `--version`) where clap would.
pub fn clap(error: &clap::Error) {
    let _ = error.print();
}
