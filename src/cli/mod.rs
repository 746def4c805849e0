//! The `dts-conformance` command line: flags, subcommands, exit codes.
//!
//! Each subcommand is one file here with its `Args` and a `run` function; [`Command`] has one
//! variant per file. `main.rs` only calls [`main`].
//!
//! Exit codes, as DESIGN.md defines them: [`EXIT_OK`] when the work was done,
//! [`EXIT_FAILURES`] for conformance failures, [`EXIT_CANNOT_RUN`] when the run itself could
//! not happen (bad flags, unreachable endpoint, missing credentials), always with one line
//! on stderr saying why.

mod bench;
mod call;
mod fuzz;
mod mock;
mod output;
mod report;
mod run;

use std::process::ExitCode;

use clap::Parser as _;

/// The work was done (and, for suites, everything conformed).
pub const EXIT_OK: u8 = 0;
/// Conformance failures (or regressions).
pub const EXIT_FAILURES: u8 = 1;
/// The run could not happen: bad flags, unreachable endpoint, missing credentials.
pub const EXIT_CANNOT_RUN: u8 = 2;

const AFTER_HELP: &str = "\
Environment:
  ALIBABA_CLOUD_ACCESS_KEY_ID       AccessKey ID (or --access-key-id)
  ALIBABA_CLOUD_ACCESS_KEY_SECRET   AccessKey secret (only ever read from the environment)
  ALIBABA_CLOUD_SECURITY_TOKEN      STS token, when the AccessKey is temporary
  ALIBABA_CLOUD_REGION_ID           region sent as RegionId (or --region)
  DTS_CONFORMANCE_ENDPOINT          endpoint (or --endpoint)
  DTS_CONFORMANCE_BODY_LIMIT        bytes of each body shown in transcripts (default 4096)
  RUST_LOG                          log filter for stderr, e.g. debug (default warn)

Exit status:
  0  done
  1  conformance failures (subcommands that check conformance)
  2  the run could not happen: bad flags, missing credentials, invalid or unreachable endpoint";

/// Contract conformance harness and mock endpoint for the Alibaba Cloud DTS operation
/// CreateReverseDtsJob.
#[derive(Debug, clap::Parser)]
#[command(name = "dts-conformance", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do; `run` when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands, one per file in `src/cli/`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run the conformance suite (the default) against the embedded mock or an endpoint.
    Run(run::Args),
    /// Serve the mock DTS endpoint until interrupted.
    Mock(mock::Args),
    /// Fuzz DtsJobId and request encoding against the embedded mock or an endpoint.
    Fuzz(fuzz::Args),
    /// Measure the mock's throughput and latency over loopback HTTP.
    Bench(bench::Args),
    /// Send one signed request to an endpoint and print the exchange, secrets redacted.
    Call(call::Args),
    /// Work with stored results: `report diff OLD NEW`.
    #[command(subcommand)]
    Report(report::Args),
}

/// Parses the process arguments, runs the subcommand, and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    init_tracing();
    match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(error) => usage_error(&error),
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let outcome = match cli.command {
        None => run::run(&run::Args::default()),
        Some(Command::Run(args)) => run::run(&args),
        Some(Command::Mock(args)) => mock::run(&args),
        Some(Command::Fuzz(args)) => fuzz::run(&args),
        Some(Command::Bench(args)) => bench::run(&args),
        Some(Command::Call(args)) => call::run(&args),
        Some(Command::Report(args)) => report::run(&args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            output::error_line(&format_args!("{error:#}"));
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}

/// `--help` and `--version` print as clap prints them; any other parse error becomes one
/// line on stderr and exit code 2.
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;

    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        output::clap(error);
        return ExitCode::from(EXIT_OK);
    }
    output::error_line(&format_args!(
        "{} (see dts-conformance --help)",
        usage_summary(error)
    ));
    ExitCode::from(EXIT_CANNOT_RUN)
}

/// The first paragraph of clap's message, on one line, without its `error:` prefix.
fn usage_summary(error: &clap::Error) -> String {
    if error.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let command = <Cli as clap::CommandFactory>::command();
        let names: Vec<&str> = command
            .get_subcommands()
            .map(clap::Command::get_name)
            .collect();
        return format!("a subcommand is required, one of: {}", names.join(", "));
    }
    let rendered = error.render().to_string();
    let paragraph: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|line| !line.is_empty())
        .collect();
    let text = paragraph.join(" ");
    text.strip_prefix("error: ").unwrap_or(&text).to_owned()
}

/// Logs go to stderr, filtered by `RUST_LOG`, quiet (warnings only) by default.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_usage_error_summary_is_one_line_without_the_prefix() {
        let error = Cli::try_parse_from(["dts-conformance", "call", "--format", "yaml"])
            .expect_err("bad format");
        let summary = usage_summary(&error);
        assert!(
            summary.starts_with("invalid value 'yaml' for '--format"),
            "{summary}"
        );
        assert!(!summary.contains('\n'), "{summary}");
    }
}
