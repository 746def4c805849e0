//! The `dts-conformance` binary: exit codes, one-line errors, help, and a real call.

mod support;

use std::process::{Command, Output};

use support::{Canned, Server};

const SECRET: &str = "cli-secret-value";
const TOKEN: &str = "cli-token value";

/// The binary with a clean environment: no credentials, endpoint or log settings inherited.
fn dts_conformance() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dts-conformance"));
    for variable in [
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "ALIBABA_CLOUD_SECURITY_TOKEN",
        "ALIBABA_CLOUD_REGION_ID",
        "DTS_CONFORMANCE_ENDPOINT",
        "DTS_CONFORMANCE_BODY_LIMIT",
        "RUST_LOG",
        "RUST_BACKTRACE",
    ] {
        command.env_remove(variable);
    }
    command
}

fn with_credentials(mut command: Command) -> Command {
    command
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "cli-id")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
        .env("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN);
    command
}

fn run(mut command: Command, args: &[&str]) -> Output {
    command.args(args).output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts exit code 2 and exactly one stderr line that starts with the tool's prefix and
/// contains `needle`.
fn assert_cannot_run(output: &Output, needle: &str) {
    let stderr = stderr(output);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
    assert!(stderr.starts_with("dts-conformance: error: "), "{stderr:?}");
    assert!(
        stderr.contains(needle),
        "{needle:?} missing from {stderr:?}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn call_against_an_unreachable_endpoint_exits_2_with_one_line() {
    let output = run(
        with_credentials(dts_conformance()),
        &[
            "call",
            "--endpoint",
            "http://127.0.0.1:1",
            "--param",
            "DtsJobId=j",
        ],
    );
    assert_cannot_run(&output, "cannot connect to http://127.0.0.1:1");
    assert!(output.stdout.is_empty());
}

#[test]
fn an_unknown_flag_exits_2_with_one_line() {
    let output = run(dts_conformance(), &["call", "--bogus"]);
    assert_cannot_run(&output, "unexpected argument '--bogus'");
}

#[test]
fn a_bad_flag_value_exits_2_with_one_line_naming_the_choices() {
    let output = run(
        dts_conformance(),
        &["call", "--endpoint", "http://x", "--format", "yaml"],
    );
    assert_cannot_run(&output, "possible values: json, xml");

    let output = run(
        dts_conformance(),
        &["call", "--endpoint", "http://x", "--param", "NoEquals"],
    );
    assert_cannot_run(&output, "expected NAME=VALUE");
}

#[test]
fn a_missing_endpoint_exits_2_with_one_line() {
    let output = run(with_credentials(dts_conformance()), &["call"]);
    assert_cannot_run(&output, "--endpoint <URL>");
}

#[test]
fn no_subcommand_runs_the_whole_suite_against_the_embedded_mock() {
    let output = run(dts_conformance(), &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}\n{}",
        stderr(&output)
    );
    assert!(
        stdout.contains(" passed, 0 failed, 0 not applicable"),
        "{stdout}"
    );
}

#[test]
fn run_with_bad_values_exits_2_with_one_line() {
    let output = run(dts_conformance(), &["run", "--tags", "(@a and"]);
    assert_cannot_run(&output, "--tags");
    let output = run(dts_conformance(), &["run", "--name", "("]);
    assert_cannot_run(&output, "--name");
    let output = run(dts_conformance(), &["run", "--defect", "nope"]);
    assert_cannot_run(&output, "unknown defect");
    let output = run(
        dts_conformance(),
        &["mock", "--seed-jobs", "/nonexistent/jobs.json"],
    );
    assert_cannot_run(&output, "cannot read the seed file");
    let output = run(dts_conformance(), &["run", "--features", "/nonexistent"]);
    assert_cannot_run(&output, "/nonexistent");
}

#[test]
fn missing_credentials_exit_2_naming_the_variable() {
    let output = run(
        dts_conformance(),
        &["call", "--endpoint", "http://127.0.0.1:1"],
    );
    assert_cannot_run(&output, "ALIBABA_CLOUD_ACCESS_KEY_ID");

    let output = run(
        dts_conformance(),
        &[
            "call",
            "--endpoint",
            "http://127.0.0.1:1",
            "--access-key-id",
            "id",
        ],
    );
    assert_cannot_run(&output, "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
}

#[test]
fn an_invalid_endpoint_exits_2_with_one_line() {
    let output = run(
        with_credentials(dts_conformance()),
        &["call", "--endpoint", "ftp://host"],
    );
    assert_cannot_run(&output, "invalid endpoint");
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let output = run(dts_conformance(), &["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("call") && help.contains("Exit status"),
        "{help}"
    );

    let output = run(dts_conformance(), &["call", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("--signature") && help.contains("Exit status"),
        "{help}"
    );

    let output = run(dts_conformance(), &["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("dts-conformance "));
}

#[test]
fn a_call_prints_the_redacted_exchange_and_exits_0_whatever_the_status() {
    let body = r#"{"RequestId":"R","Code":"InvalidParameter","Message":"bad"}"#;
    let server = Server::start(Canned {
        status: 403,
        content_type: "application/json",
        body: body.to_owned(),
    });
    let output = run(
        with_credentials(dts_conformance()),
        &[
            "call",
            "--endpoint",
            &server.endpoint,
            "--param",
            "DtsJobId=n99m9jx822k0000",
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(stdout.starts_with("> POST http://127.0.0.1:"), "{stdout}");
    assert!(stdout.contains("SecurityToken=[redacted]"), "{stdout}");
    assert!(stdout.contains("< HTTP 403 Forbidden"), "{stdout}");
    assert!(stdout.contains("\"Code\":\"InvalidParameter\""), "{stdout}");
    for secret in [SECRET, TOKEN, "cli-token%20value", "cli-token+value"] {
        assert!(
            !stdout.contains(secret) && !stderr(&output).contains(secret),
            "{secret} leaked"
        );
    }

    let arrived = server.next_request();
    assert!(
        arrived.query().contains("DtsJobId=n99m9jx822k0000"),
        "{}",
        arrived.target
    );
}

#[test]
fn fuzz_exits_0_when_every_property_holds_and_1_with_the_replay_seed_when_one_breaks() {
    let output = run(
        dts_conformance(),
        &["fuzz", "--cases", "200", "--seed", "3"],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("every property held"), "{stdout}");

    let args = [
        "fuzz",
        "--cases",
        "300",
        "--seed",
        "7",
        "--defect",
        "star-canonicalisation",
    ];
    let output = run(dts_conformance(), &args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("property signature-accepted broke"),
        "{stdout}"
    );
    assert!(
        stdout.contains("replay: dts-conformance fuzz --seed "),
        "{stdout}"
    );

    let output = run(dts_conformance(), &["fuzz", "--cases", "0"]);
    assert_cannot_run(&output, "--cases");
}

#[test]
fn bench_loads_the_mock_with_signed_requests_and_reports_what_it_measured() {
    let output = run(
        dts_conformance(),
        &[
            "bench",
            "--seconds",
            "1",
            "--connections",
            "2",
            "--pipeline",
            "3",
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", stderr(&output));
    assert!(
        stdout.contains("2 connections, 3 request(s) in flight on each"),
        "{stdout}"
    );
    assert!(stdout.contains("transport errors 0\n"), "{stdout}");
    // Describes succeed; creates after the first find the reverse task already there.
    let statuses = stdout
        .lines()
        .find_map(|l| l.strip_prefix("statuses"))
        .expect("a statuses line");
    let codes: Vec<&str> = statuses
        .split(',')
        .filter_map(|part| part.trim().split(':').next())
        .collect();
    assert_eq!(codes, ["200", "403"], "{stdout}");
    for needle in [
        "latency      p50",
        "CPU time     mock",
        "nonces held at the end",
    ] {
        assert!(stdout.contains(needle), "{needle:?} missing from {stdout}");
    }
}

#[test]
fn bench_with_a_zero_or_too_deep_pipeline_exits_2_with_one_line() {
    for depth in ["0", "257"] {
        let output = run(dts_conformance(), &["bench", "--pipeline", depth]);
        assert_cannot_run(&output, "--pipeline");
    }
}
