//! The strategies without a network: what a few hundred cases reach, and what the near-miss
//! builders make of an id.

use std::collections::BTreeMap;

use super::*;
use crate::fuzz::seed;

fn pool() -> Pool {
    Pool {
        eligible: vec!["fze000000000000".into(), "fze000000000001".into()],
        ineligible: vec!["fzi000000000000".into()],
    }
}

fn generate(strategy: &SBoxedStrategy<Case>, count: u64) -> Vec<Case> {
    let config = seed::config(0);
    (0..count)
        .map(|index| {
            seed::generate(strategy, seed::case_seed(99, index), &config).expect("generates")
        })
        .collect()
}

#[test]
fn three_hundred_cases_reach_every_family() {
    let mix = Mix {
        injected_faults: true,
        ..Mix::default()
    };
    let cases = generate(&cases(&pool(), &mix), 300);

    let mut families: BTreeMap<Family, usize> = BTreeMap::new();
    for case in &cases {
        *families.entry(case.family).or_default() += 1;
    }
    for family in Family::ALL {
        assert!(
            families.get(&family).is_some_and(|n| *n >= 3),
            "{family}: {families:?}"
        );
    }
    assert!(cases.iter().any(|c| c.shape.route == Route::InjectedFault));
}

#[test]
fn without_mutations_no_case_could_name_a_job() {
    let mix = Mix {
        mutations: false,
        ..Mix::default()
    };
    let cases = generate(&cases(&Pool::default(), &mix), 500);

    for case in &cases {
        assert!(!could_name_job(&case.job_id), "{case}");
        assert_ne!(case.family, Family::ExistingEligible, "{case}");
    }
}

#[test]
fn every_generated_shape_is_one_of_all_shapes() {
    let mix = Mix {
        injected_faults: true,
        signatures: vec![SignatureVersion::V1, SignatureVersion::V3],
        ..Mix::default()
    };
    let all = all_shapes(&mix);
    assert_eq!(all.len(), 2 * 3 * 2 * 2 * 2);

    let config = seed::config(0);
    let strategy = shapes(&mix);
    for index in 0..300 {
        let shape = seed::generate(&strategy, index, &config).expect("generates");
        assert!(all.contains(&shape), "{shape}");
        assert!(
            shape.method == Method::Post || shape.placement == Placement::Query,
            "{shape}"
        );
    }
}

#[test]
fn a_changed_id_differs_from_its_base_in_exactly_one_character() {
    let base = "fze000000000000";
    for (at, with) in [(0, 'f'), (3, '0'), (14, '*'), (7, 'é')] {
        let changed = replace_char(base, at, with);
        let differences = base
            .chars()
            .zip(changed.chars())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(differences, 1, "{changed}");
        assert_eq!(changed.chars().count(), base.chars().count(), "{changed}");
    }
}

#[test]
fn a_case_flipped_id_differs_only_in_case() {
    let flipped = flip_case("fze0a", 0, false);
    assert_eq!(flipped, "Fze0a");
    assert_eq!(flip_case("fze0a", 0, true), "FZE0A");
    assert_eq!(flip_case("fze0a", 3, false), "fze0A", "digits are skipped");
    assert_eq!(
        flip_case("fze0a", 4, false),
        "Fze0a",
        "wraps around the letters"
    );
}

#[test]
fn could_name_job_accepts_exactly_trimmed_alphanumerics() {
    for id in ["fze000000000000", " ABC123 ", "a"] {
        assert!(could_name_job(id), "{id:?}");
    }
    for id in ["", "   ", "a*", "a b", "中", &"a".repeat(65)] {
        assert!(!could_name_job(id), "{id:?}");
    }
}

#[test]
fn near_misses_start_from_the_documents_example_without_known_ids() {
    let bases = Pool::default().bases();
    assert_eq!(bases, ["n99m9jx822k****", "n99m9jx822k0000"]);
    assert_eq!(pool().bases().len(), 3);
}
