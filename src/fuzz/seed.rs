//! Seeds: one per run, one per case, and the generation of a case from its seed alone, so
//! that any case can be replayed as the first case of a run.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// The 64-bit golden ratio, which spreads consecutive case indices over the seed space.
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// The seed of case `index` of a run. Case 0's seed is the run seed, so a run started with a
/// case's seed replays that case first.
pub fn case_seed(run_seed: u64, index: u64) -> u64 {
    run_seed.wrapping_add(index.wrapping_mul(GOLDEN_GAMMA))
}

/// One step of SplitMix64.
fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(GOLDEN_GAMMA);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A ChaCha generator seeded from `seed` alone.
pub fn rng(seed: u64) -> TestRng {
    let mut state = seed;
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&split_mix(&mut state).to_le_bytes());
    }
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// proptest's configuration for generating and shrinking: no failure persistence (the run
/// reports its seeds itself).
pub fn config(max_shrink_iters: u32) -> Config {
    Config {
        cases: 1,
        failure_persistence: None,
        max_shrink_iters,
        max_shrink_time: 120_000,
        ..Config::default()
    }
}

/// A runner whose generator is seeded from `seed`.
pub fn runner(seed: u64, config: &Config) -> TestRunner {
    TestRunner::new_with_rng(config.clone(), rng(seed))
}

/// The value `strategy` generates from `seed`.
///
/// # Errors
///
/// proptest's reason when the strategy rejects every value it tries.
pub fn generate<S: Strategy>(strategy: &S, seed: u64, config: &Config) -> Result<S::Value, String> {
    let mut runner = runner(seed, config);
    strategy
        .new_tree(&mut runner)
        .map(|tree| tree.current())
        .map_err(|reason| reason.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::any;

    #[test]
    fn the_same_seed_generates_the_same_value() {
        let config = config(0);
        let strategy = any::<(u64, String)>();
        let first = generate(&strategy, 42, &config).expect("generates");
        assert_eq!(generate(&strategy, 42, &config).expect("generates"), first);
        assert_ne!(generate(&strategy, 43, &config).expect("generates"), first);
    }

    #[test]
    fn case_zero_of_a_run_has_the_run_seed() {
        assert_eq!(case_seed(7, 0), 7);
        assert_ne!(case_seed(7, 1), case_seed(7, 2));
    }
}
