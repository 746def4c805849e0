//! What a fuzz run reports: cases run, rate, per-family counts, and for a failure the shrunk
//! input, the property it broke, the exchange (redacted) and the seed that replays it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use super::case::Family;
use super::deviation::Deviation;
use super::fuzzer::Finding;
use super::property::Violation;
use super::shrink::Shrunk;

/// The result of a fuzz run.
#[derive(Debug, Clone)]
pub struct FuzzReport {
    /// The endpoint fuzzed.
    pub endpoint: String,
    /// Whether it was the embedded mock.
    pub embedded: bool,
    /// The run seed.
    pub run_seed: u64,
    /// How many cases were asked for.
    pub cases_requested: u32,
    /// How many were run (fewer when a property broke).
    pub cases_run: u64,
    /// How long the cases took, shrinking excluded.
    pub elapsed: Duration,
    /// Cases per family.
    pub families: BTreeMap<Family, u64>,
    /// Cases per value of each request dimension.
    pub dimensions: BTreeMap<&'static str, u64>,
    /// Cases that held only through an accepted known deviation.
    pub tolerated: BTreeMap<Deviation, u64>,
    /// The families the target allowed.
    pub generated_families: Vec<Family>,
    /// What was left out, and why.
    pub notes: Vec<String>,
    /// Whether state was checked through a control API.
    pub state_checked: bool,
    /// What the end-of-run state audit found.
    pub audit: Vec<Violation>,
    /// The first failure, shrunk.
    pub failure: Option<FailureReport>,
}

/// A failure, shrunk.
#[derive(Debug, Clone)]
pub struct FailureReport {
    /// The index of the failing case in its run.
    pub index: u64,
    /// The case's seed: `--seed <it> --cases 1` replays it.
    pub seed: u64,
    /// The case as first found.
    pub original: Finding,
    /// The smallest failing input, and the exchange of its re-run.
    pub minimal: Finding,
    /// How many inputs shrinking tried.
    pub shrink_steps: u32,
    /// Whether the minimal input broke a property again when re-run on its own.
    pub reproduced: bool,
}

impl FailureReport {
    /// A failure found at `index` with `seed`, and what shrinking made of it.
    pub fn new(index: u64, seed: u64, original: Finding, shrunk: Shrunk) -> FailureReport {
        FailureReport {
            index,
            seed,
            original,
            minimal: shrunk.minimal,
            shrink_steps: shrunk.steps,
            reproduced: shrunk.reproduced,
        }
    }
}

/// How many characters of one transcript line a report shows (long ids make long URLs).
const LINE_LIMIT: usize = 400;

impl FuzzReport {
    /// Whether every property held for every case and the state audit found nothing.
    pub fn passed(&self) -> bool {
        self.failure.is_none() && self.audit.is_empty()
    }

    /// Cases per second.
    pub fn cases_per_second(&self) -> f64 {
        self.cases_run as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The command that replays the failure, if there is one.
    pub fn replay_command(&self) -> Option<String> {
        let failure = self.failure.as_ref()?;
        let endpoint = if self.embedded {
            String::new()
        } else {
            format!(" --endpoint {}", self.endpoint)
        };
        Some(format!(
            "dts-conformance fuzz{endpoint} --seed {} --cases 1",
            failure.seed
        ))
    }

    /// The report as text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let target = if self.embedded {
            "the embedded mock"
        } else {
            "the endpoint"
        };
        let _ = writeln!(
            out,
            "fuzz: {} of {} cases in {:.2} s ({:.0} cases/s) against {target} {}, run seed {}",
            self.cases_run,
            self.cases_requested,
            self.elapsed.as_secs_f64(),
            self.cases_per_second(),
            self.endpoint,
            self.run_seed
        );
        self.render_counts(&mut out);
        for (deviation, count) in &self.tolerated {
            let _ = writeln!(
                out,
                "tolerated known deviation {deviation} in {count} cases: {}",
                deviation.description()
            );
        }
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        if !self.state_checked {
            let _ = writeln!(
                out,
                "note: state-sane was checked on answers only: the endpoint has no control API"
            );
        }
        match &self.failure {
            Some(failure) => self.render_failure(&mut out, failure),
            None => {
                let _ = writeln!(out, "every property held for every case");
            }
        }
        for violation in &self.audit {
            let _ = writeln!(out, "state audit after the run: {violation}");
        }
        out
    }

    fn render_counts(&self, out: &mut String) {
        let _ = writeln!(out, "cases per family:");
        for family in Family::ALL {
            let count = self.families.get(&family).copied().unwrap_or(0);
            let why = if self.generated_families.contains(&family) {
                ""
            } else {
                "  (not generated: needs seeded jobs or --allow-mutations)"
            };
            let _ = writeln!(out, "  {:<22} {count:>7}{why}", family.name());
        }
        let dimensions: Vec<String> = self
            .dimensions
            .iter()
            .map(|(label, count)| format!("{label} {count}"))
            .collect();
        let _ = writeln!(
            out,
            "cases per request dimension: {}",
            dimensions.join(", ")
        );
    }

    fn render_failure(&self, out: &mut String, failure: &FailureReport) {
        let minimal = &failure.minimal;
        let _ = writeln!(
            out,
            "FAILED: property {} broke: {}",
            minimal.property(),
            minimal.property().statement()
        );
        let _ = writeln!(out, "  minimal input: {}", minimal.case);
        let _ = writeln!(
            out,
            "  found as:      {} (case {})",
            failure.original.case, failure.index
        );
        let rerun = if failure.reproduced {
            "the minimal input broke the property again when re-run on its own"
        } else {
            "the minimal input did NOT break it again when re-run on its own: the failure may \
             depend on earlier requests"
        };
        let _ = writeln!(
            out,
            "  shrinking tried {} inputs; {rerun}",
            failure.shrink_steps
        );
        for line in minimal.render().lines() {
            let _ = writeln!(out, "  {line}");
        }
        if let Some(command) = self.replay_command() {
            let _ = writeln!(
                out,
                "  replay: {command}  (RUST_LOG=debug shows every exchange)"
            );
        }
    }
}

impl Finding {
    /// The first violation through the failure formatter, with the redacted exchange (long
    /// lines cut), then every other property the case broke.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Some(violation) = self.violations.first() {
            let transcript = transcript(self).map(|t| cut_lines(&t));
            out.push_str(&violation.to_failure(transcript).to_string());
        }
        for other in self.violations.iter().skip(1) {
            let _ = writeln!(out, "also broke: {other}");
        }
        out
    }
}

/// The exchange as a redacted transcript, or the request that got no answer.
fn transcript(finding: &Finding) -> Option<String> {
    match (&finding.exchange, &finding.unanswered) {
        (Some(exchange), _) => Some(exchange.to_string()),
        (None, Some(request)) => Some(format!("no answer to {request}")),
        (None, None) => None,
    }
}

/// Each line cut after [`LINE_LIMIT`] characters, saying how much was cut.
fn cut_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    for line in text.lines() {
        let chars = line.chars().count();
        if chars > LINE_LIMIT {
            let kept: String = line.chars().take(LINE_LIMIT).collect();
            let _ = writeln!(out, "{kept} [... {} more characters]", chars - LINE_LIMIT);
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}
