//! `dts-conformance run`: the suite against the embedded mock or an endpoint.

use super::output;
use crate::client::Credentials;
use crate::conformance::{self, RunOptions, Shapes, Target, TargetKind, target};
use crate::mock::{Config, Defect, Server};
use crate::report::{self, Gate, Policy, RunResults, gate, results_file, terminal};
use crate::wire::Format;
use anyhow::{Context as _, bail};
use std::path::PathBuf;
use std::sync::Arc;

const AFTER_HELP: &str = "\
Without --endpoint the suite runs against the mock, started in this process on a loopback
port. With --endpoint it runs against that URL: @mock-only scenarios are reported as not
applicable (unless --mock-control says the target is a dts-conformance mock), and @mutating
ones run only with --allow-mutations --job-id ID. Credentials for a real endpoint come from
ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (/ ALIBABA_CLOUD_SECURITY_TOKEN).

Reports go to target/conformance (or --out): junit.xml, cucumber.json, results.json,
report.md and report.html. Keep results.json as the next run's --baseline.

Exit status: 0 conforming (or, with --gate regressions, no regression); 1 conformance
failures, regressions, or coverage under --min-coverage; 2 the run could not happen.

Examples:
  dts-conformance run
  dts-conformance run --tags '@err.Throttling.User or @beh.4' --format xml
  dts-conformance run --endpoint http://127.0.0.1:8080 --mock-control";

/// Which formats to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Formats {
    /// JSON only.
    Json,
    /// XML only.
    Xml,
    /// Both.
    Both,
}

/// Flags of `run`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The endpoint to test; the embedded mock when absent.
    #[arg(long, env = "DTS_CONFORMANCE_ENDPOINT", value_name = "URL")]
    pub endpoint: Option<String>,

    /// The endpoint is a dts-conformance mock whose control API is reachable.
    #[arg(long, requires = "endpoint")]
    pub mock_control: bool,

    /// Allow scenarios that create or start tasks on a real endpoint.
    #[arg(long, requires = "endpoint")]
    pub allow_mutations: bool,

    /// The job mutating scenarios create a reverse task for, on a real endpoint.
    #[arg(long, value_name = "ID")]
    pub job_id: Option<String>,

    /// Only scenarios whose tags satisfy this expression, e.g. '@beh.4 and not @mutating'.
    #[arg(long, value_name = "EXPR")]
    pub tags: Option<String>,

    /// Only scenarios whose name matches this regular expression.
    #[arg(long, value_name = "REGEX")]
    pub name: Option<String>,

    /// Which response formats to exercise.
    #[arg(long, value_enum)]
    pub format: Option<Formats>,

    /// Scenarios run at once.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub concurrency: usize,

    /// Read feature files from this directory instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub features: Option<PathBuf>,

    /// Switch on a deliberate defect of the embedded mock (repeatable).
    #[arg(long = "defect", value_name = "NAME", conflicts_with = "endpoint")]
    pub defects: Vec<Defect>,

    /// Print no line per scenario, only the summary.
    #[arg(long)]
    pub quiet: bool,

    /// Compare every response with the shapes in this directory (recorded `.shape` files or
    /// insta snapshots); a drift fails the scenario that received it. Default: the shapes
    /// recorded from the mock that ship with the source tree (shapes/), when it is at hand.
    #[arg(long, value_name = "DIR")]
    pub shapes: Option<PathBuf>,

    /// Do not compare response shapes.
    #[arg(long, conflicts_with = "shapes")]
    pub no_shapes: bool,

    /// Write the shape of every response the run sees into this directory, one file per
    /// response kind, in the format --shapes reads.
    #[arg(long, value_name = "DIR")]
    pub record_shapes: Option<PathBuf>,

    /// Where the reports go.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// A results.json of an earlier run to classify this run against.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Fail on any conformance failure, or only on regressions against the baseline.
    #[arg(long, default_value = "any", value_name = "any|regressions")]
    pub gate: Gate,

    /// Fail when fewer than P% of the contract's coverage cells were exercised and passed.
    #[arg(long, value_name = "P", value_parser = parse_coverage)]
    pub min_coverage: Option<f64>,
}

fn parse_coverage(value: &str) -> Result<f64, String> {
    gate::parse_min_coverage(value).map_err(|e| e.to_string())
}

impl Default for Args {
    /// What `dts-conformance` with no subcommand runs: everything, against the embedded mock.
    fn default() -> Self {
        Args {
            endpoint: None,
            mock_control: false,
            allow_mutations: false,
            job_id: None,
            tags: None,
            name: None,
            format: None,
            concurrency: 16,
            features: None,
            defects: Vec::new(),
            quiet: false,
            shapes: None,
            no_shapes: false,
            record_shapes: None,
            out: None,
            baseline: None,
            gate: Gate::Any,
            min_coverage: None,
        }
    }
}

/// Run the suite.
///
/// # Errors
///
/// When the run cannot happen: bad flags, missing credentials, an unreachable endpoint.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let options = options(args)?;
    let policy = Policy::new(args.gate, args.min_coverage)?;
    let baseline = match &args.baseline {
        Some(path) => Some(results_file::read(path)?),
        None => None,
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let results = runtime.block_on(execute(args, &options))?;
    terminal::print_summary(&results);
    let conclusion = report::conclude(&results, args.out.as_deref(), baseline.as_ref(), policy)?;
    output::stdout(&conclusion);
    Ok(conclusion.decision.exit_code())
}

fn shapes(args: &Args) -> anyhow::Result<Shapes> {
    let reference = match (&args.shapes, args.no_shapes) {
        (_, true) => None,
        (Some(dir), false) => Some(dir.clone()),
        (None, false) => Shapes::shipped_reference(),
    };
    Ok(Shapes::load(
        reference.as_deref(),
        args.record_shapes.as_deref(),
    )?)
}

fn options(args: &Args) -> anyhow::Result<RunOptions> {
    let tags = match &args.tags {
        Some(expr) => Some(
            expr.trim()
                .parse()
                .map_err(|e| anyhow::anyhow!("--tags {expr:?} is not a tag expression: {e}"))?,
        ),
        None => None,
    };
    let name = match &args.name {
        Some(re) => Some(regex::Regex::new(re).with_context(|| format!("--name {re:?}"))?),
        None => None,
    };
    let formats = match args.format.unwrap_or(Formats::Both) {
        Formats::Json => vec![Format::Json],
        Formats::Xml => vec![Format::Xml],
        Formats::Both => Format::ALL.to_vec(),
    };
    if args.concurrency == 0 {
        bail!("--concurrency must be at least 1");
    }
    Ok(RunOptions {
        features_dir: args.features.clone(),
        name,
        tags,
        formats,
        concurrency: args.concurrency,
        progress: !args.quiet,
        shapes: shapes(args)?,
    })
}

async fn execute(args: &Args, options: &RunOptions) -> anyhow::Result<RunResults> {
    let Some(endpoint) = &args.endpoint else {
        let config = Config {
            defects: args.defects.clone(),
            ..Config::default()
        };
        let handle = Server::start(config).await?;
        let target = Arc::new(Target::mock(&handle.url(), TargetKind::EmbeddedMock));
        let results = conformance::run(target, options).await?;
        handle.stop().await;
        return Ok(results);
    };
    let target = if args.mock_control {
        let target = Target::mock(endpoint, TargetKind::ExternalMock);
        if let Some(control) = &target.control {
            control
                .health()
                .await
                .with_context(|| format!("cannot reach the mock at {endpoint}"))?;
        }
        target
    } else {
        live_target(args, endpoint).await?
    };
    Ok(conformance::run(Arc::new(target), options).await?)
}

async fn live_target(args: &Args, endpoint: &str) -> anyhow::Result<Target> {
    let credentials = Credentials::from_env()?;
    let http = target::shared_http();
    http.get(endpoint)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach {endpoint}: {e}"))?;
    if args.allow_mutations && args.job_id.is_none() {
        bail!("--allow-mutations needs --job-id ID of a job that can take a reverse task");
    }
    Ok(Target {
        endpoint: endpoint.to_string(),
        kind: TargetKind::Endpoint,
        control: None,
        allow_mutations: args.allow_mutations,
        job_id: args.job_id.clone(),
        credentials: Some(credentials),
        region: std::env::var("ALIBABA_CLOUD_REGION_ID").ok(),
        http,
    })
}
