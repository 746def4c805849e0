//! CPU time of the process and of the calling thread, from `/proc`, so that a run can say how
//! much of the machine the mock used and how much the load generator did.

use std::time::Duration;

/// Clock ticks per second of `/proc/*/stat` (`USER_HZ`: 100 on x86 and ARM Linux).
const TICKS_PER_SECOND: u64 = 100;

/// User plus system CPU time of the whole process; `None` where `/proc` is unavailable.
pub fn process() -> Option<Duration> {
    read("/proc/self/stat")
}

/// User plus system CPU time of the calling thread; `None` where `/proc` is unavailable.
pub fn thread() -> Option<Duration> {
    read("/proc/thread-self/stat")
}

fn read(path: &str) -> Option<Duration> {
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
    fn this_process_and_thread_report_cpu_time_on_linux() {
        if cfg!(target_os = "linux") {
            // The thread first: a tick it gains afterwards is counted in the process too.
            let thread = thread().expect("this thread's CPU time");
            let process = process().expect("the process's CPU time");
            assert!(thread <= process, "{thread:?} > {process:?}");
        }
    }
}
