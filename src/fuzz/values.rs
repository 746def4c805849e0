//! The DtsJobId families that need no knowledge of the target: character classes, markup and
//! long values.
//!
//! Each family is a short list of pieces, simplest first, joined into a value. Shrinking
//! removes pieces and moves each one towards the front of its list, so a failure shrinks to
//! the one piece that provokes it (`*`, `<`, ...).

use std::ops::Range;

use proptest::collection::vec;
use proptest::num::usize::BinarySearch;
use proptest::prelude::{RngExt as _, Strategy};
use proptest::sample::select;
use proptest::strategy::{NewTree, SBoxedStrategy};
use proptest::test_runner::TestRunner;

use super::case::Family;
use crate::mock::Limits;

/// A DtsJobId with the family it belongs to.
pub type Drawn = (Family, String);

/// Lower-case letters and digits: the alphabet of real job ids.
pub const ID_ALPHABET: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
];

/// Whitespace of every kind, the empty piece first.
const WHITESPACE: &[&str] = &[
    "", " ", "\t", "\n", "\r", "\r\n", "\u{a0}", "\u{2003}", "\u{3000}", "\u{200b}", "\u{feff}",
];

/// What the signature encoding treats specially (reference §2.4 and §7.1), alone and in
/// combinations that look like query syntax.
const SIGNATURE_SPECIAL: &[&str] = &[
    "a", "0", "*", "~", "+", "%", "&", "=", "/", "?", " ", "#", "-", "_", ".", "%2A", "%20", "%25",
    "%2B", "+%2B", "a=b&c=d", "?x=1#f", "/../", "**", "~~",
];

/// Multi-byte UTF-8, from two to four bytes, and characters that change how text renders.
const MULTI_BYTE: &[&str] = &[
    "a",
    "é",
    "ß",
    "Ω",
    "中",
    "文",
    "日本",
    "ｎ",
    "😀",
    "👍🏽",
    "𝔘",
    "e\u{301}",
    "\u{202e}",
    "\u{200d}",
    "\u{fffd}",
    "\u{10ffff}",
];

/// C0 and C1 controls, DEL and the Unicode line and paragraph separators.
const CONTROL: &[&str] = &[
    "a", "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1b}",
    "\u{1f}", "\u{7f}", "\u{80}", "\u{85}", "\u{9f}", "\u{2028}", "\u{2029}",
];

/// XML and JSON metacharacters and injection attempts, single characters first.
const MARKUP: &[&str] = &[
    "<",
    "&",
    ">",
    "\"",
    "'",
    "\\",
    "a",
    "</DtsJobId>",
    "]]>",
    "<![CDATA[",
    "<Error>",
    "</Error><Code>x</Code>",
    "<?xml version=\"1.0\"?>",
    "<!--",
    "-->",
    "<!DOCTYPE x [<!ENTITY e \"x\">]>",
    "&e;",
    "&amp;",
    "&lt;",
    "&#60;",
    "&#x0;",
    "{\"",
    "\"}",
    "\",\"Success\":\"true",
    "{\"DtsJobId\":\"x\"}",
    "\\u0000",
    "\\\"",
];

/// What long values are made of.
const FILL: &[&str] = &["a", "0", "*", "%", " ", "<", "中", "😀"];

/// `pieces` drawn `sizes` times and joined, labelled `family`.
fn joined(
    family: Family,
    pieces: &'static [&'static str],
    sizes: Range<usize>,
) -> SBoxedStrategy<Drawn> {
    vec(select(pieces), sizes)
        .prop_map(move |parts| (family, parts.concat()))
        .sboxed()
}

/// Empty and whitespace-only values; shrinks to the empty string.
pub fn empty_or_whitespace() -> SBoxedStrategy<Drawn> {
    joined(Family::EmptyOrWhitespace, WHITESPACE, 0..5)
}

/// Values built from the characters the signature encoding treats specially.
pub fn signature_special() -> SBoxedStrategy<Drawn> {
    joined(Family::SignatureSpecial, SIGNATURE_SPECIAL, 1..8)
}

/// Multi-byte UTF-8 values.
pub fn multi_byte() -> SBoxedStrategy<Drawn> {
    joined(Family::MultiByte, MULTI_BYTE, 1..8)
}

/// Values holding control characters.
pub fn control() -> SBoxedStrategy<Drawn> {
    joined(Family::Control, CONTROL, 1..8)
}

/// XML and JSON metacharacters and injection attempts.
pub fn markup() -> SBoxedStrategy<Drawn> {
    joined(Family::Markup, MARKUP, 1..5)
}

/// Fifteen characters of `a-z0-9`: the shape of a real id.
pub fn well_formed_unknown() -> SBoxedStrategy<Drawn> {
    vec(select(ID_ALPHABET), 15)
        .prop_map(|chars| (Family::WellFormedUnknown, chars.into_iter().collect()))
        .sboxed()
}

/// Values of an exact byte length, near the endpoint's limits or anywhere up to past them.
pub fn long(limits: &Limits) -> SBoxedStrategy<Drawn> {
    (ByteLength::for_limits(limits), select(FILL))
        .prop_map(|(bytes, fill)| (Family::Long, fill_to(fill, bytes)))
        .sboxed()
}

/// `fill` repeated to exactly `bytes` bytes; where a whole `fill` no longer fits, `a`s make
/// up the rest, so the length never depends on the fill.
pub fn fill_to(fill: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes);
    if !fill.is_empty() {
        while out.len() + fill.len() <= bytes {
            out.push_str(fill);
        }
    }
    while out.len() < bytes {
        out.push('a');
    }
    out
}

/// A length in bytes: half the time within 4 bytes of a boundary, otherwise log-uniform up
/// to `max` (as many lengths of 10 to 100 bytes as of 1,000 to 10,000). It shrinks by binary
/// search towards 0, so a failure that needs "more than N bytes" shrinks to exactly N + 1.
#[derive(Debug, Clone)]
pub struct ByteLength {
    boundaries: Vec<usize>,
    max: usize,
}

/// How far from a boundary a length near it may be.
const NEAR: usize = 4;

impl ByteLength {
    /// Boundaries at common buffer sizes (256, 1024), at the longest value the limits allow,
    /// where a value percent-encoded to three bytes per byte crosses the query limit, and at
    /// the query limit itself; the maximum a quarter past the query limit.
    pub fn for_limits(limits: &Limits) -> ByteLength {
        let query = limits.max_query_bytes;
        ByteLength {
            boundaries: vec![256, 1024, limits.max_value_bytes, query / 3, query],
            max: query + query / 4,
        }
    }
}

impl Strategy for ByteLength {
    type Tree = BinarySearch;
    type Value = usize;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        let rng = runner.rng();
        let near_boundary = !self.boundaries.is_empty() && rng.random_bool(0.5);
        let bytes = if near_boundary {
            let boundary = self.boundaries[rng.random_range(0..self.boundaries.len())];
            (boundary + rng.random_range(0..=2 * NEAR)).saturating_sub(NEAR)
        } else {
            log_uniform(rng.random_range(0.0..=1.0), self.max)
        };
        Ok(BinarySearch::new(bytes))
    }
}

/// The length at `fraction` (0 to 1) of a logarithmic scale from 0 to `max` bytes.
fn log_uniform(fraction: f64, max: usize) -> usize {
    let top = (max as f64 + 1.0).ln();
    let bytes = (fraction.clamp(0.0, 1.0) * top).exp() - 1.0;
    (bytes.round() as usize).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree as _;

    #[test]
    fn a_fill_is_repeated_to_exactly_the_asked_length() {
        assert_eq!(fill_to("中", 7), "中中a");
        assert_eq!(fill_to("*", 3), "***");
        assert_eq!(fill_to("😀", 3), "aaa");
        assert_eq!(fill_to("", 2), "aa");
        assert_eq!(fill_to("a", 0), "");
    }

    #[test]
    fn log_uniform_lengths_span_zero_to_the_maximum() {
        assert_eq!(log_uniform(0.0, 20_480), 0);
        assert_eq!(log_uniform(1.0, 20_480), 20_480);
        let middle = log_uniform(0.5, 20_480);
        assert!((100..200).contains(&middle), "{middle}");
    }

    #[test]
    fn lengths_reach_every_boundary_and_past_the_query_limit() {
        let limits = Limits::default();
        let strategy = ByteLength::for_limits(&limits);
        let mut runner = TestRunner::deterministic();
        let lengths: Vec<usize> = (0..2_000)
            .map(|_| {
                strategy
                    .new_tree(&mut runner)
                    .map(|t| t.current())
                    .expect("a length")
            })
            .collect();
        for boundary in [256, limits.max_value_bytes, limits.max_query_bytes] {
            assert!(lengths.contains(&boundary), "{boundary}");
            assert!(lengths.contains(&(boundary + 1)), "{boundary} + 1");
        }
        assert!(lengths.iter().any(|l| *l > limits.max_query_bytes + NEAR));
    }
}
