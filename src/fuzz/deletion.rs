//! One more shrinking stage for DtsJobIds: once a family's own shrinker is done, delete one
//! character at a time while the case still fails.
//!
//! A family's value tree can only make a value simpler in the family's terms (a near miss
//! stays a near miss of some id), so on its own a bug triggered by one `*` shrinks to
//! `"*ze000000000000"`. Deleting characters afterwards brings it down to `"*"`. Values longer
//! than [`MAX_CHARS`] are left to their family's shrinker (long values shrink by binary
//! search on their length, which deletion would only slow down).

use proptest::strategy::{NewTree, Strategy, ValueTree};
use proptest::test_runner::TestRunner;

use super::case::Family;
use super::values::Drawn;

/// The longest value, in characters, that deletion shrinks.
pub const MAX_CHARS: usize = 64;

/// `inner`, whose values shrink further by deleting characters.
#[derive(Debug, Clone)]
pub struct DeleteChars<S> {
    inner: S,
}

impl<S> DeleteChars<S> {
    /// Wraps `inner`.
    pub fn new(inner: S) -> DeleteChars<S> {
        DeleteChars { inner }
    }
}

impl<S: Strategy<Value = Drawn>> Strategy for DeleteChars<S> {
    type Tree = DeleteCharsTree<S::Tree>;
    type Value = Drawn;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        Ok(DeleteCharsTree {
            inner: self.inner.new_tree(runner)?,
            deleting: None,
        })
    }
}

/// The value tree of [`DeleteChars`].
#[derive(Debug, Clone)]
pub struct DeleteCharsTree<T> {
    inner: T,
    deleting: Option<Deleting>,
}

/// The deletion stage: the value, where the next deletion goes, and the character the last
/// one removed (to put back if the shorter value passed).
#[derive(Debug, Clone)]
struct Deleting {
    family: Family,
    chars: Vec<char>,
    at: usize,
    removed: Option<char>,
}

impl<T: ValueTree<Value = Drawn>> ValueTree for DeleteCharsTree<T> {
    type Value = Drawn;

    fn current(&self) -> Drawn {
        match &self.deleting {
            Some(deleting) => (deleting.family, deleting.chars.iter().collect()),
            None => self.inner.current(),
        }
    }

    fn simplify(&mut self) -> bool {
        if self.deleting.is_none() {
            if self.inner.simplify() {
                return true;
            }
            let (family, text) = self.inner.current();
            let chars: Vec<char> = text.chars().collect();
            if chars.len() > MAX_CHARS {
                return false;
            }
            self.deleting = Some(Deleting {
                family,
                chars,
                at: 0,
                removed: None,
            });
        }
        let Some(deleting) = self.deleting.as_mut() else {
            return false;
        };
        if deleting.at >= deleting.chars.len() {
            return false;
        }
        deleting.removed = Some(deleting.chars.remove(deleting.at));
        true
    }

    fn complicate(&mut self) -> bool {
        let Some(deleting) = self.deleting.as_mut() else {
            return self.inner.complicate();
        };
        match deleting.removed.take() {
            Some(removed) => {
                deleting.chars.insert(deleting.at, removed);
                deleting.at += 1;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Just;

    /// Shrinks like proptest's runner does: simplify after a failure, complicate after a pass.
    fn shrink(tree: &mut impl ValueTree<Value = Drawn>, fails: impl Fn(&str) -> bool) -> String {
        if tree.simplify() {
            loop {
                let more = if fails(&tree.current().1) {
                    tree.simplify()
                } else {
                    tree.complicate()
                };
                if !more {
                    break;
                }
            }
        }
        tree.current().1
    }

    fn tree(value: &str) -> DeleteCharsTree<<Just<Drawn> as Strategy>::Tree> {
        let strategy = DeleteChars::new(Just((Family::Markup, value.to_string())));
        strategy
            .new_tree(&mut TestRunner::deterministic())
            .expect("a tree")
    }

    #[test]
    fn deletion_keeps_only_the_characters_the_failure_needs() {
        assert_eq!(
            shrink(&mut tree("*ze000000000000"), |v| v.contains('*')),
            "*"
        );
        assert_eq!(shrink(&mut tree("a</DtsJobId>b"), |v| v.contains('<')), "<");
        assert_eq!(
            shrink(&mut tree("x&y<z"), |v| v.contains('&') && v.contains('<')),
            "&<"
        );
    }

    #[test]
    fn the_family_survives_deletion() {
        let mut tree = tree("ab*");
        shrink(&mut tree, |v| v.contains('*'));
        assert_eq!(tree.current(), (Family::Markup, "*".to_string()));
    }

    #[test]
    fn values_longer_than_the_limit_are_not_deleted_from() {
        let long = "*".repeat(MAX_CHARS + 1);
        assert_eq!(shrink(&mut tree(&long), |v| v.contains('*')), long);
    }
}
