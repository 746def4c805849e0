//! Proof that the fuzzer finds defects: against deliberately broken variants of the mock it
//! finds each defect, names the property it breaks, and shrinks the input to a small one.

use dts_conformance::client::SignatureVersion;
use dts_conformance::fuzz::{
    self, Arrangement, Case, Family, FuzzOptions, Fuzzer, Property, Verdict,
};
use dts_conformance::mock::{self, Defect, Server};
use dts_conformance::wire::Format;
use proptest::test_runner::{Config, RngSeed, TestError, TestRunner};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// Runs up to 512 cases against a mock with `defect` from a fixed seed, and returns the
/// shrunk input and the property it breaks when re-run.
fn find(defect: Defect) -> (Case, Property) {
    let rt = runtime();
    let config = mock::Config {
        defects: vec![defect],
        ..mock::Config::default()
    };
    let handle = rt.block_on(Server::start(config)).expect("the mock starts");
    let fuzzer = rt
        .block_on(Fuzzer::arrange(&Arrangement::mock(handle.url())))
        .expect("the mock is arranged");
    let config = Config {
        cases: 512,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(20_260_101),
        max_shrink_iters: 4096,
        ..Config::default()
    };
    let check = |case| {
        rt.block_on(fuzzer.check(&case))
            .expect("the harness works")
            .into_test_result()
    };

    let minimal = match TestRunner::new(config).run(&fuzzer.strategy(), check) {
        Err(TestError::Fail(_, minimal)) => minimal,
        other => panic!("the fuzzer did not find {defect:?}: {other:?}"),
    };
    match rt
        .block_on(fuzzer.check(&minimal))
        .expect("the harness works")
    {
        Verdict::Broken(finding) => (minimal, finding.property()),
        Verdict::Held { .. } => panic!("the shrunk input {minimal} passes when re-run"),
    }
}

#[test]
fn a_star_left_unencoded_by_the_v1_verifier_shrinks_to_a_single_star() {
    let (minimal, property) = find(Defect::StarCanonicalisation);

    assert_eq!(property, Property::SignatureAccepted, "{minimal}");
    assert_eq!(minimal.job_id, "*", "{minimal}");
    assert_eq!(minimal.shape.signature, SignatureVersion::V1, "{minimal}");
}

#[test]
fn an_id_echoed_unescaped_into_xml_shrinks_to_one_markup_character() {
    let (minimal, property) = find(Defect::UnescapedXmlEcho);

    assert_eq!(property, Property::XmlIntact, "{minimal}");
    assert!(["<", "&"].contains(&minimal.job_id.as_str()), "{minimal}");
    assert_eq!(minimal.shape.format, Format::Xml, "{minimal}");
}

#[test]
fn a_500_on_long_input_shrinks_to_one_byte_past_the_defect_threshold() {
    let (minimal, property) = find(Defect::InternalErrorOnLongInput);

    assert_eq!(property, Property::No5xx, "{minimal}");
    assert_eq!(minimal.job_id.len(), 257, "{minimal}");
}

#[test]
fn a_reverse_task_for_an_id_that_names_no_job_breaks_state_sane() {
    let (minimal, property) = find(Defect::ReverseForUnknownJob);

    assert_eq!(property, Property::StateSane, "{minimal}");
    assert_eq!(minimal.job_id.chars().count(), 1, "{minimal}");
}

#[test]
fn a_second_reverse_task_for_one_job_breaks_state_sane() {
    let (minimal, property) = find(Defect::DuplicateReverseTask);

    assert_eq!(property, Property::StateSane, "{minimal}");
    assert_eq!(minimal.family, Family::ExistingEligible, "{minimal}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_reports_the_shrunk_input_the_property_and_a_seed_that_replays_it() {
    let mock = mock::Config {
        defects: vec![Defect::StarCanonicalisation],
        ..mock::Config::default()
    };
    let options = FuzzOptions {
        cases: 2_000,
        seed: Some(7),
        progress: false,
        mock,
        ..FuzzOptions::default()
    };

    let report = fuzz::run(&options).await.expect("the run happens");

    let rendered = report.render();
    let failure = report.failure.as_ref().expect("the defect is found");
    assert_eq!(failure.minimal.case.job_id, "*", "{rendered}");
    assert!(failure.reproduced, "{rendered}");
    for expected in [
        "FAILED: property signature-accepted",
        "minimal input: DtsJobId \"*\"",
        "server string to sign",
    ] {
        assert!(
            rendered.contains(expected),
            "{expected:?} missing from:\n{rendered}"
        );
    }
    let command = report.replay_command().expect("a replay command");
    assert!(
        command.ends_with(&format!("--seed {} --cases 1", failure.seed)),
        "{command}"
    );

    let replay = FuzzOptions {
        seed: Some(failure.seed),
        cases: 1,
        ..options.clone()
    };
    let replayed = fuzz::run(&replay).await.expect("the replay happens");
    let again = replayed.failure.expect("the replay fails again");
    assert_eq!(
        again.original.case,
        failure.original.case,
        "{}",
        replayed_render(&again.original)
    );
    assert_eq!(again.minimal.property(), Property::SignatureAccepted);
}

fn replayed_render(finding: &fuzz::Finding) -> String {
    finding.render()
}
