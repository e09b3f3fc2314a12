//! Progress on stderr for work that runs long enough to make a user wonder
//! (loading a 100k-claim record, checking quotes, drawing every map, `synth`).
//!
//! A bar appears only when stderr is a terminal, `--quiet` is off and `TERM` is
//! not `dumb`, and only once the work has run for a second: a quick command
//! never flickers, and a pipe or a log file never receives control sequences.
//! The bar is cleared when the work ends, so the answer printed after it stands
//! alone. Whether bars may be drawn is decided once per process, when the
//! command line is read ([`configure`]); it is a property of the process's
//! stderr, not of any one command.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

static ENABLED: AtomicBool = AtomicBool::new(false);

/// How long work runs before its bar appears. `STANCEMAP_PROGRESS_DELAY_MS`
/// changes it (tests and screen recordings set 0).
fn delay() -> Duration {
    std::env::var("STANCEMAP_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis)
}

/// Decides, once, whether this process draws progress bars.
pub fn configure(quiet: bool) {
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    ENABLED.store(
        !quiet && !dumb && std::io::stderr().is_terminal(),
        Ordering::Relaxed,
    );
}

/// One piece of long work: a spinner, or a bar when its length is known.
/// Dropping it clears the line.
pub struct Progress {
    bar: ProgressBar,
    stop: Option<mpsc::Sender<()>>,
    shower: Option<JoinHandle<()>>,
}

impl Progress {
    /// A spinner with a message, for work whose length is unknown.
    pub fn spinner(message: impl Into<String>) -> Progress {
        Progress::start(None, message.into())
    }

    /// A bar of `len` steps.
    pub fn bar(len: u64, message: impl Into<String>) -> Progress {
        Progress::start(Some(len), message.into())
    }

    fn start(len: Option<u64>, message: String) -> Progress {
        if !ENABLED.load(Ordering::Relaxed) {
            return Progress {
                bar: ProgressBar::hidden(),
                stop: None,
                shower: None,
            };
        }
        let bar = match len {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden())
                .with_style(
                    ProgressStyle::with_template(
                        "{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})",
                    )
                    .expect("a fixed template")
                    .progress_chars("=> "),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .expect("a fixed template"),
            ),
        };
        bar.set_message(crate::render::terminal::safe(&message).into_owned());
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let wait = delay();
        // The bar stays hidden until the work has run `wait`; then it is drawn
        // and ticks on its own, until the work ends.
        // A zero delay shows the bar whatever: work that ends before this thread
        // first runs (a record read whole from the cache) still shows it once.
        let shower = std::thread::spawn(move || {
            if wait.is_zero()
                || matches!(
                    stopped.recv_timeout(wait),
                    Err(mpsc::RecvTimeoutError::Timeout)
                )
            {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.tick();
                shown.enable_steady_tick(Duration::from_millis(120));
                let _ = stopped.recv();
            }
        });
        Progress {
            bar,
            stop: Some(stop),
            shower: Some(shower),
        }
    }

    /// One step done.
    pub fn inc(&self) {
        self.bar.inc(1);
    }

    /// Says what is being done now.
    pub fn message(&self, message: &str) {
        self.bar
            .set_message(crate::render::terminal::safe(message).into_owned());
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(shower) = self.shower.take() {
            let _ = shower.join();
        }
        self.bar.finish_and_clear();
    }
}
