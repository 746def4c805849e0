//! What Linux's `/proc` says about this process: resident memory and CPU time, for the mock's
//! stats and the benchmark's report. Each reading is `None` where `/proc` is unavailable.

use std::time::Duration;

/// Clock ticks per second of `/proc/*/stat` (`USER_HZ`: 100 on x86 and ARM Linux).
const TICKS_PER_SECOND: u64 = 100;

/// Resident set size of this process, in KiB.
pub fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// User plus system CPU time of the whole process.
pub fn cpu_time() -> Option<Duration> {
    read_cpu("/proc/self/stat")
}

/// User plus system CPU time of the calling thread.
pub fn thread_cpu_time() -> Option<Duration> {
    read_cpu("/proc/thread-self/stat")
}

fn read_cpu(path: &str) -> Option<Duration> {
    parse(&std::fs::read_to_string(path).ok()?)
}

/// `utime` and `stime` are fields 14 and 15; the command name before them is parenthesised
/// and may hold spaces, so counting starts after its closing parenthesis (field 3 onwards).
fn parse(stat: &str) -> Option<Duration> {
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace().skip(14 - 3);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(
        (user + system) * 1000 / TICKS_PER_SECOND,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_and_system_ticks_are_read_after_a_command_name_with_spaces() {
        let stat = "4242 (tokio worker) R 1 2 3 4 5 6 7 8 9 10 250 75 0 0 20 0 3 0 100";
        assert_eq!(parse(stat), Some(Duration::from_millis(3250)));
        assert_eq!(parse("garbage"), None);
    }

    #[test]
    fn this_process_and_thread_report_cpu_time_and_memory_on_linux() {
        if cfg!(target_os = "linux") {
            // The thread first: a tick it gains afterwards is counted in the process too.
            let thread = thread_cpu_time().expect("this thread's CPU time");
            let process = cpu_time().expect("the process's CPU time");
            assert!(thread <= process, "{thread:?} > {process:?}");
            assert!(resident_kib().is_some_and(|kib| kib > 0));
        }
    }
}
