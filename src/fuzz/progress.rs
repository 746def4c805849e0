//! A progress line on stderr, redrawn in place while a run goes, only when stderr is a
//! terminal.

use std::io::{IsTerminal as _, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::task::JoinHandle;

/// How often the line is redrawn.
const REDRAW: Duration = Duration::from_millis(200);

/// Erase the current terminal line and return to its start.
const CLEAR_LINE: &str = "\r\x1b[2K";

/// A running progress line.
#[derive(Debug)]
pub struct Progress {
    done: Arc<AtomicU64>,
    task: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts redrawing `fuzz: <done>/<total> cases (<rate>/s)` if `enabled` and stderr is a
    /// terminal; otherwise only counts.
    pub fn start(total: u64, enabled: bool) -> Progress {
        let done = Arc::new(AtomicU64::new(0));
        let task = (enabled && std::io::stderr().is_terminal()).then(|| {
            let done = Arc::clone(&done);
            tokio::spawn(async move {
                let started = Instant::now();
                let mut ticks = tokio::time::interval(REDRAW);
                loop {
                    ticks.tick().await;
                    let count = done.load(Ordering::Relaxed);
                    let rate = count as f64 / started.elapsed().as_secs_f64().max(1e-3);
                    draw(&format!("fuzz: {count}/{total} cases ({rate:.0}/s)"));
                }
            })
        });
        Progress { done, task }
    }

    /// The counter the run increments once per case.
    pub fn counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.done)
    }

    /// Replaces the line with `text` (when drawing).
    pub fn say(&self, text: &str) {
        if self.task.is_some() {
            draw(text);
        }
    }

    /// Stops redrawing and clears the line.
    pub fn finish(mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            draw("");
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

fn draw(text: &str) {
    let mut stderr = std::io::stderr().lock();
    // A progress line that cannot be drawn is not worth failing a run for.
    let _ = write!(stderr, "{CLEAR_LINE}{text}");
    let _ = stderr.flush();
}
