//! A one-line progress bar on stderr when it is a terminal; nothing otherwise.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    label: &'static str,
    tty: bool,
    start: Instant,
    last: Option<Instant>,
}

const BAR: usize = 30;

impl Progress {
    pub fn new(label: &'static str) -> Progress {
        Progress {
            label,
            tty: std::io::stderr().is_terminal(),
            start: Instant::now(),
            last: None,
        }
    }

    /// Redraw (at most ten times a second, and at the end).
    pub fn update(&mut self, done: usize, total: usize) {
        if !self.tty {
            return;
        }
        let now = Instant::now();
        if done < total
            && self
                .last
                .is_some_and(|t| now - t < Duration::from_millis(100))
        {
            return;
        }
        self.last = Some(now);
        let filled = (done * BAR).checked_div(total).unwrap_or(BAR);
        let secs = self.start.elapsed().as_secs_f64();
        let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K{} [{}{}] {done}/{total}  {rate:.0}/s",
            self.label,
            "#".repeat(filled),
            ".".repeat(BAR - filled)
        );
        let _ = err.flush();
    }

    /// Clear the bar's line.
    pub fn finish(&mut self) {
        if self.tty && self.last.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
