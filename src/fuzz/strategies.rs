//! The proptest strategies: DtsJobIds from every family, crossed with every request shape,
//! mixed so that a few hundred cases reach each family.

use proptest::prelude::{Just, Strategy, any};
use proptest::sample::{Index, select};
use proptest::strategy::{SBoxedStrategy, Union};

use super::case::{Case, Family, Route, Shape};
use super::deletion::DeleteChars;
use super::values::{self, Drawn};
use crate::client::{Method, Placement, SignatureVersion, Space};
use crate::contract;
use crate::mock::Limits;
use crate::wire::Format;

/// The job ids a target holds, by what CreateReverseDtsJob should do with them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pool {
    /// Ids of jobs that can take a reverse task.
    pub eligible: Vec<String>,
    /// Ids of jobs that cannot.
    pub ineligible: Vec<String>,
}

impl Pool {
    /// The ids near misses are made from: every known id, or the document's example id
    /// (masked and unmasked) when the target's jobs are unknown.
    pub fn bases(&self) -> Vec<String> {
        let known: Vec<String> = self
            .eligible
            .iter()
            .chain(&self.ineligible)
            .cloned()
            .collect();
        if !known.is_empty() {
            return known;
        }
        let example =
            contract::request_parameter("DtsJobId").map_or("n99m9jx822k****", |p| p.example);
        vec![example.to_string(), example.replace('*', "0")]
    }
}

/// What the generated cases may contain.
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    /// Whether a case may create a resource: ids of eligible jobs, and ids that could name a
    /// job of the account. Off against a live endpoint unless mutations are allowed.
    pub mutations: bool,
    /// Whether some cases go through the account with an injected fault.
    pub injected_faults: bool,
    /// The signature versions to use.
    pub signatures: Vec<SignatureVersion>,
    /// The size limits long values are generated around.
    pub limits: Limits,
}

impl Default for Mix {
    fn default() -> Self {
        Mix {
            mutations: true,
            injected_faults: false,
            signatures: vec![SignatureVersion::V1],
            limits: Limits::default(),
        }
    }
}

/// Every case: a DtsJobId from a family, crossed with a request shape.
///
/// Without mutations, a case whose DtsJobId could name a job of the account (see
/// [`could_name_job`]) is never generated.
pub fn cases(pool: &Pool, mix: &Mix) -> SBoxedStrategy<Case> {
    let strategy = (job_ids(pool, mix), shapes(mix)).prop_map(|((family, job_id), shape)| Case {
        family,
        job_id,
        shape,
    });
    if mix.mutations {
        strategy.sboxed()
    } else {
        strategy
            .prop_filter("could name a job of the account", |case| {
                !could_name_job(&case.job_id)
            })
            .sboxed()
    }
}

/// Whether a live endpoint might resolve `job_id` to one of its jobs: after trimming, 1 to
/// 64 ASCII letters and digits, of either case.
pub fn could_name_job(job_id: &str) -> bool {
    let trimmed = job_id.trim();
    (1..=64).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// DtsJobIds from every family the pool and the mix allow, weighted so that each family gets
/// at least one case in twenty. Short values shrink further by deleting characters.
pub fn job_ids(pool: &Pool, mix: &Mix) -> SBoxedStrategy<Drawn> {
    let mut families: Vec<(u32, SBoxedStrategy<Drawn>)> = Vec::new();
    if mix.mutations && !pool.eligible.is_empty() {
        families.push((3, existing(Family::ExistingEligible, &pool.eligible)));
    }
    if !pool.ineligible.is_empty() {
        families.push((3, existing(Family::ExistingIneligible, &pool.ineligible)));
    }
    let bases = pool.bases();
    families.extend([
        (2, values::well_formed_unknown()),
        (2, near_miss_changed(&bases)),
        (2, near_miss_case(&bases)),
        (2, near_miss_truncated(&bases)),
        (2, near_miss_padded(&bases)),
        (3, values::empty_or_whitespace()),
        (4, values::signature_special()),
        (3, values::multi_byte()),
        (3, values::control()),
        (4, values::markup()),
        (3, values::long(&mix.limits)),
    ]);
    DeleteChars::new(Union::new_weighted(families)).sboxed()
}

fn existing(family: Family, ids: &[String]) -> SBoxedStrategy<Drawn> {
    select(ids.to_vec())
        .prop_map(move |id| (family, id))
        .sboxed()
}

/// What a changed character becomes: other id characters first, then separators and
/// characters the encoding treats specially.
const REPLACEMENTS: &[char] = &['a', '0', 'z', '9', 'A', '-', '_', '.', '*', ' ', '~', 'é'];

/// A known id with one character replaced by a different one.
pub fn near_miss_changed(bases: &[String]) -> SBoxedStrategy<Drawn> {
    (select(bases.to_vec()), any::<Index>(), select(REPLACEMENTS))
        .prop_map(|(base, at, with)| {
            let position = at.index(base.chars().count().max(1));
            (Family::NearMissChanged, replace_char(&base, position, with))
        })
        .sboxed()
}

/// `base` with the character at `position` (modulo its length) replaced by `with`, or by
/// the next replacement when `with` is the character already there.
fn replace_char(base: &str, position: usize, with: char) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    if chars.is_empty() {
        return with.to_string();
    }
    let position = position % chars.len();
    let mut replacement = with;
    if chars[position] == with {
        let next = REPLACEMENTS
            .iter()
            .position(|c| *c == with)
            .map_or(0, |i| i + 1);
        replacement = REPLACEMENTS[next % REPLACEMENTS.len()];
    }
    chars[position] = replacement;
    chars.into_iter().collect()
}

/// A known id with the case of one letter flipped, or of all of them.
pub fn near_miss_case(bases: &[String]) -> SBoxedStrategy<Drawn> {
    (select(bases.to_vec()), any::<Index>(), any::<bool>())
        .prop_map(|(base, at, all)| {
            let nth = at.index(base.len().max(1));
            (Family::NearMissCase, flip_case(&base, nth, all))
        })
        .sboxed()
}

/// `base` with the case of its `nth` letter (modulo the number of letters) flipped, or of
/// every letter.
fn flip_case(base: &str, nth: usize, all: bool) -> String {
    let flip = |c: char| {
        if c.is_ascii_lowercase() {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        }
    };
    if all {
        return base.chars().map(flip).collect();
    }
    let letters: Vec<usize> = base
        .char_indices()
        .filter(|(_, c)| c.is_ascii_alphabetic())
        .map(|(i, _)| i)
        .collect();
    if letters.is_empty() {
        return base.to_ascii_uppercase();
    }
    let position = letters[nth % letters.len()];
    base.char_indices()
        .map(|(i, c)| if i == position { flip(c) } else { c })
        .collect()
}

/// A known id cut to between one character and one character short.
pub fn near_miss_truncated(bases: &[String]) -> SBoxedStrategy<Drawn> {
    (select(bases.to_vec()), any::<Index>())
        .prop_map(|(base, at)| {
            let chars = base.chars().count();
            let keep = 1 + at.index(chars.saturating_sub(1).max(1));
            (Family::NearMissTruncated, base.chars().take(keep).collect())
        })
        .sboxed()
}

/// What a padded id is padded with.
const PADS: &[&str] = &[" ", "0", "a", "\t", "\n", "\u{3000}", "+", "%20", "/"];

/// Where the padding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
    Both,
}

/// A known id with one to three pads before it, after it, or both.
pub fn near_miss_padded(bases: &[String]) -> SBoxedStrategy<Drawn> {
    let sides = select(vec![Side::After, Side::Before, Side::Both]);
    (select(bases.to_vec()), select(PADS), sides, 1..4usize)
        .prop_map(|(base, pad, side, count)| {
            let padding = pad.repeat(count);
            let padded = match side {
                Side::Before => format!("{padding}{base}"),
                Side::After => format!("{base}{padding}"),
                Side::Both => format!("{padding}{base}{padding}"),
            };
            (Family::NearMissPadded, padded)
        })
        .sboxed()
}

/// The ways a request travels: GET with a query, POST with a query or a form body.
const TRANSPORTS: [(Method, Placement); 3] = [
    (Method::Get, Placement::Query),
    (Method::Post, Placement::Query),
    (Method::Post, Placement::Form),
];

/// The requested formats.
const FORMATS: [Format; 2] = [Format::Json, Format::Xml];

/// How spaces travel.
const SPACES: [Space; 2] = [Space::Percent20, Space::Plus];

fn signatures(mix: &Mix) -> Vec<SignatureVersion> {
    if mix.signatures.is_empty() {
        vec![SignatureVersion::V1]
    } else {
        mix.signatures.clone()
    }
}

fn routes(mix: &Mix) -> Vec<Route> {
    if mix.injected_faults {
        vec![Route::Main, Route::InjectedFault]
    } else {
        vec![Route::Main]
    }
}

/// Every request shape the mix allows: JSON or XML; GET with a query, POST with a query or
/// a form body; each signature version; spaces as `%20` or `+`; and, with injected faults,
/// one case in twenty through the faulty account.
pub fn shapes(mix: &Mix) -> SBoxedStrategy<Shape> {
    let routes = if mix.injected_faults {
        Union::new_weighted(vec![
            (19, Just(Route::Main)),
            (1, Just(Route::InjectedFault)),
        ])
        .sboxed()
    } else {
        Just(Route::Main).sboxed()
    };
    (
        select(FORMATS.to_vec()),
        select(TRANSPORTS.to_vec()),
        select(signatures(mix)),
        select(SPACES.to_vec()),
        routes,
    )
        .prop_map(
            |(format, (method, placement), signature, space, route)| Shape {
                format,
                method,
                placement,
                signature,
                space,
                route,
            },
        )
        .sboxed()
}

/// Every shape [`shapes`] can produce.
pub fn all_shapes(mix: &Mix) -> Vec<Shape> {
    let mut all = Vec::new();
    for format in FORMATS {
        for (method, placement) in TRANSPORTS {
            for signature in signatures(mix) {
                for space in SPACES {
                    for route in routes(mix) {
                        all.push(Shape {
                            format,
                            method,
                            placement,
                            signature,
                            space,
                            route,
                        });
                    }
                }
            }
        }
    }
    all
}

#[cfg(test)]
#[path = "strategies_tests.rs"]
mod tests;
