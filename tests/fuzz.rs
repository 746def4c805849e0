//! The fuzzer against the conforming embedded mock: every property holds for every
//! generated DtsJobId, failing seeds are persisted under `proptest-regressions/`, and a
//! `fuzz::run` reaches every family and reports its rate.
//!
//! `PROPTEST_CASES` sets the number of cases of the property test (256 by default).

use dts_conformance::client::{Credentials, SignatureVersion};
use dts_conformance::conformance::Control;
use dts_conformance::fuzz::{self, Arrangement, Family, FuzzOptions, Fuzzer};
use dts_conformance::mock::{self, Account, Server};
use proptest::test_runner::{Config, FileFailurePersistence, TestError, TestRunner};

/// Where failing seeds of the property test are kept (committed).
const REGRESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/fuzz.txt");

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// `PROPTEST_CASES` if set, else 256: a number in code would override the variable.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

#[test]
fn every_property_holds_for_every_generated_dts_job_id() {
    let rt = runtime();
    let handle = rt
        .block_on(Server::start(mock::Config::default()))
        .expect("the mock starts");
    let fuzzer = rt
        .block_on(Fuzzer::arrange(&Arrangement::mock(handle.url())))
        .expect("the mock is arranged");
    let config = Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
        ..Config::default()
    };
    let check = |case| {
        rt.block_on(fuzzer.check(&case))
            .expect("the harness works")
            .into_test_result()
    };

    let result = TestRunner::new(config).run(&fuzzer.strategy(), check);

    if let Err(error @ TestError::Fail(_, minimal)) = &result {
        let verdict = rt
            .block_on(fuzzer.check(minimal))
            .expect("the harness works");
        if let fuzz::Verdict::Broken(finding) = verdict {
            panic!(
                "{error}\nminimal input: {}\n{}",
                finding.case,
                finding.render()
            );
        }
    }
    result.expect("every property holds");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_reaches_every_family_and_reports_its_rate() {
    let options = FuzzOptions {
        cases: 400,
        seed: Some(11),
        progress: false,
        ..FuzzOptions::default()
    };

    let report = fuzz::run(&options).await.expect("the run happens");

    let rendered = report.render();
    assert!(report.passed(), "{rendered}");
    assert_eq!(report.cases_run, 400, "{rendered}");
    for family in Family::ALL {
        let count = report.families.get(&family).copied().unwrap_or(0);
        assert!(count > 0, "family {family} got no case:\n{rendered}");
        assert!(rendered.contains(family.name()), "{rendered}");
    }
    assert!(
        report
            .dimensions
            .get("injected fault")
            .is_some_and(|n| *n > 0),
        "{rendered}"
    );
    assert!(rendered.contains("cases/s"), "{rendered}");
    assert!(rendered.contains("every property held"), "{rendered}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v3_cases_run_once_the_linked_signer_signs_and_are_noted_until_then() {
    let options = FuzzOptions {
        cases: 64,
        seed: Some(3),
        progress: false,
        ..FuzzOptions::default()
    };

    let report = fuzz::run(&options).await.expect("the run happens");

    let v3_cases = report.dimensions.get("signature V3").copied().unwrap_or(0);
    let noted = report.notes.iter().any(|note| note.contains("V3"));
    assert!(
        noted != (v3_cases > 0),
        "V3 cases: {v3_cases}, notes: {:?}",
        report.notes
    );
    assert!(
        report
            .dimensions
            .get("signature V1")
            .is_some_and(|n| *n > 0)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_control_api_no_case_can_create_a_reverse_task() {
    let handle = Server::start(mock::Config::default())
        .await
        .expect("the mock starts");
    let account = Account::default_test_account();
    let job = serde_json::json!({ "job_type": "SYNC" });
    let control = Control::new(&handle.url(), reqwest::Client::new());
    control
        .seed_job(&account.access_key_id, job)
        .await
        .expect("a job is seeded");
    let options = FuzzOptions {
        endpoint: Some(handle.url()),
        control: false,
        credentials: Some(Credentials::new(
            &account.access_key_id,
            account.access_key_secret.as_str(),
        )),
        signatures: vec![SignatureVersion::V1],
        cases: 300,
        seed: Some(5),
        progress: false,
        ..FuzzOptions::default()
    };

    let report = fuzz::run(&options).await.expect("the run happens");

    let rendered = report.render();
    assert!(report.passed(), "{rendered}");
    for family in [Family::ExistingEligible, Family::WellFormedUnknown] {
        assert_eq!(report.families.get(&family), None, "{rendered}");
    }
    let jobs = control
        .jobs(&account.access_key_id)
        .await
        .expect("jobs are listed");
    assert_eq!(jobs["reverse"].as_array().map(Vec::len), Some(0), "{jobs}");
    assert!(rendered.contains("no control API"), "{rendered}");
}
