//! One generated request: the DtsJobId, the family it was drawn from, and the shape of the
//! request that carries it.

use std::fmt;

use crate::client::{Method, Placement, SignatureVersion, Space};
use crate::wire::Format;

/// Where a generated DtsJobId comes from. Every case counts towards exactly one family, so a
/// report can show that each kind of input was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// The id of a seeded job that can take a reverse task.
    ExistingEligible,
    /// The id of a seeded job that cannot (change tracking, wrong status, flagged).
    ExistingIneligible,
    /// Fifteen characters of `a-z0-9`, the shape of real ids, naming no job.
    WellFormedUnknown,
    /// A real id with one character replaced.
    NearMissChanged,
    /// A real id with the case of a letter flipped.
    NearMissCase,
    /// A real id cut short.
    NearMissTruncated,
    /// A real id with padding before or after it.
    NearMissPadded,
    /// The empty string and every kind of whitespace.
    EmptyOrWhitespace,
    /// The characters the signature encoding treats specially: `* ~ + % & = / ?`, space, `#`.
    SignatureSpecial,
    /// Multi-byte UTF-8: accents, CJK, emoji, combining marks, bidi and zero-width characters.
    MultiByte,
    /// C0 and C1 control characters and Unicode line separators.
    Control,
    /// XML and JSON metacharacters and injection attempts.
    Markup,
    /// Values up to and past the endpoint's size limits.
    Long,
}

impl Family {
    /// Every family, in report order.
    pub const ALL: [Family; 13] = [
        Family::ExistingEligible,
        Family::ExistingIneligible,
        Family::WellFormedUnknown,
        Family::NearMissChanged,
        Family::NearMissCase,
        Family::NearMissTruncated,
        Family::NearMissPadded,
        Family::EmptyOrWhitespace,
        Family::SignatureSpecial,
        Family::MultiByte,
        Family::Control,
        Family::Markup,
        Family::Long,
    ];

    /// The family's name in reports, e.g. `near-miss-case`.
    pub fn name(self) -> &'static str {
        match self {
            Family::ExistingEligible => "existing-eligible",
            Family::ExistingIneligible => "existing-ineligible",
            Family::WellFormedUnknown => "well-formed-unknown",
            Family::NearMissChanged => "near-miss-changed",
            Family::NearMissCase => "near-miss-case",
            Family::NearMissTruncated => "near-miss-truncated",
            Family::NearMissPadded => "near-miss-padded",
            Family::EmptyOrWhitespace => "empty-or-whitespace",
            Family::SignatureSpecial => "signature-special",
            Family::MultiByte => "multi-byte-utf8",
            Family::Control => "control-chars",
            Family::Markup => "markup-injection",
            Family::Long => "long",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which account a case is sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// The fuzz account, which owns the seeded jobs.
    Main,
    /// An account with a `ServiceUnavailable` fault injected on every request (only when
    /// the target has a control API).
    InjectedFault,
}

/// How a request is built: everything but the DtsJobId.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// `Format=JSON` or `Format=XML`.
    pub format: Format,
    /// GET or POST.
    pub method: Method,
    /// Parameters in the query or in a form body (POST only).
    pub placement: Placement,
    /// V1 (HMAC-SHA1) or V3 (ACS3-HMAC-SHA256).
    pub signature: SignatureVersion,
    /// How a space is written on the wire: `%20` or `+`.
    pub space: Space,
    /// Which account sends it.
    pub route: Route,
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let placement = match self.placement {
            Placement::Query => "query",
            Placement::Form => "form body",
        };
        let space = match self.space {
            Space::Percent20 => "space as %20",
            Space::Plus => "space as +",
        };
        write!(
            f,
            "{:?} {} in the {placement}, Format={}, {space}",
            self.signature, self.method, self.format
        )?;
        if self.route == Route::InjectedFault {
            f.write_str(", as the account with an injected ServiceUnavailable fault")?;
        }
        Ok(())
    }
}

/// One generated request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The family the DtsJobId was drawn from.
    pub family: Family,
    /// The DtsJobId sent.
    pub job_id: String,
    /// How the request is built.
    pub shape: Shape,
}

/// How many characters of a DtsJobId a summary shows.
const SHOWN_CHARS: usize = 80;

impl Case {
    /// The DtsJobId escaped for a terminal (as a Rust string literal), cut after 80
    /// characters, with its length in bytes.
    pub fn job_id_summary(&self) -> String {
        let chars = self.job_id.chars().count();
        let shown: String = self.job_id.chars().take(SHOWN_CHARS).collect();
        let cut = if chars > SHOWN_CHARS {
            format!(" [... {} more characters]", chars - SHOWN_CHARS)
        } else {
            String::new()
        };
        let bytes = self.job_id.len();
        let unit = if bytes == 1 { "byte" } else { "bytes" };
        format!("{shown:?}{cut} ({bytes} {unit})")
    }
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "DtsJobId {} from family {}; {}",
            self.job_id_summary(),
            self.family,
            self.shape
        )
    }
}
