//! The binary as users run it: the mock as a standalone process, and the suite run against it
//! from another process, with and without its control API.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dts-conformance");

/// A `dts-conformance mock` process on a free port; killed when dropped.
struct MockProcess {
    child: Child,
    url: String,
}

impl MockProcess {
    fn start() -> MockProcess {
        MockProcess::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> MockProcess {
        let mut child = Command::new(BIN)
            .args(["mock", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the mock process starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("the mock prints where it listens");
        let url = first
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .expect("a URL in the first line")
            .to_string();
        MockProcess { child, url }
    }
}

impl Drop for MockProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Run {
    code: i32,
    summary: String,
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .env_remove("ALIBABA_CLOUD_SECURITY_TOKEN")
        .output()
        .expect("the run process starts");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let summary = stdout
        .lines()
        .find(|l| l.contains(" scenarios: "))
        .map(|l| l.split(" (").next().unwrap_or(l).to_string())
        .unwrap_or_else(|| panic!("no summary in:\n{stdout}"));
    Run {
        code: output.status.code().unwrap_or(-1),
        summary,
    }
}

#[test]
fn the_suite_gives_the_same_results_against_a_mock_in_another_process() {
    let mock = MockProcess::start();
    let embedded = run(&["run", "--quiet"], &[]);
    let external = run(
        &["run", "--quiet", "--endpoint", &mock.url, "--mock-control"],
        &[],
    );
    assert_eq!(embedded.code, 0, "{}", embedded.summary);
    assert_eq!(external.code, 0, "{}", external.summary);
    assert_eq!(embedded.summary, external.summary);
    assert!(
        external.summary.ends_with("0 failed, 0 not applicable"),
        "{}",
        external.summary
    );
}

#[test]
fn without_the_control_api_mock_only_and_mutating_scenarios_are_not_applicable_with_a_reason() {
    let mock = MockProcess::start();
    let env = [
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "testsecret"),
    ];
    let output = Command::new(BIN)
        .args(["run", "--quiet", "--endpoint", &mock.url])
        .envs(env)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("not applicable to this target:"),
        "{stdout}"
    );
    assert!(stdout.contains("needs the mock's control API"), "{stdout}");
    assert!(
        stdout.contains("pass --allow-mutations --job-id ID to run it"),
        "{stdout}"
    );
    assert!(!stdout.contains("testsecret"), "the secret never appears");
    let summary = run(&["run", "--quiet", "--endpoint", &mock.url], &env).summary;
    assert!(summary.contains(" 0 failed, "), "{summary}");
    assert!(!summary.contains(" 0 not applicable"), "{summary}");
}

#[test]
fn a_mock_started_with_a_seed_file_serves_its_jobs_to_another_process() {
    let dir = std::env::temp_dir().join(format!("dts-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("jobs.json");
    let seed = r#"{"accounts":[{"access_key_id":"ci","access_key_secret":"ci-secret"}],
        "jobs":[{"access_key_id":"ci","dts_job_id":"seededjob000001","job_type":"MIGRATION"}]}"#;
    std::fs::write(&file, seed).expect("seed file written");
    let mock = MockProcess::start_with(&["--seed-jobs", file.to_str().expect("utf-8 path")]);
    let output = Command::new(BIN)
        .args([
            "call",
            "--endpoint",
            &mock.url,
            "--param",
            "DtsJobId=seededjob000001",
        ])
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "ci")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ci-secret")
        .env_remove("ALIBABA_CLOUD_SECURITY_TOKEN")
        .output()
        .expect("call runs");
    let transcript = String::from_utf8_lossy(&output.stdout);
    assert!(transcript.contains("< HTTP 200"), "{transcript}");
    assert!(transcript.contains("\"Success\":\"true\""), "{transcript}");
    assert!(
        !transcript.contains("ci-secret"),
        "the secret never appears"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bench_loads_a_mock_in_another_process_and_reads_its_memory_and_cpu_from_there() {
    let mock = MockProcess::start();
    let address = mock.url.trim_start_matches("http://").to_string();
    let output = Command::new(BIN)
        .args(["bench", "--seconds", "1", "--connections", "2"])
        .args(["--target", &address])
        .output()
        .expect("the bench process starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(&format!("against the mock at {address}")),
        "{stdout}"
    );
    assert!(stdout.contains("transport errors 0\n"), "{stdout}");
    assert!(stdout.contains("statuses     200: "), "{stdout}");
    let memory = stdout
        .lines()
        .find_map(|l| l.strip_prefix("the mock's resident memory at each fifth of the run: "))
        .expect("a memory line");
    assert_eq!(memory.matches(" MiB").count(), 5, "{stdout}");
    assert!(stdout.contains("CPU time     mock "), "{stdout}");
}

#[test]
fn bench_against_a_mock_without_its_control_api_exits_2_saying_so() {
    let mock = MockProcess::start_with(&["--no-control"]);
    let address = mock.url.trim_start_matches("http://").to_string();
    let output = Command::new(BIN)
        .args(["bench", "--seconds", "1", "--target", &address])
        .output()
        .expect("the bench process starts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("is the mock's control API on?"), "{stderr}");
}
