//! Entering and leaving the terminal's reader mode, on every exit path: the guard's `Drop` on a
//! normal return or an error, the chained panic hook on a panic (installed before the terminal
//! is touched), the signal thread on SIGTERM (which ends the loop normally).

use std::io::{self, Stdout, stdout};
use std::panic;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::tui::work::worker::WORKER_PREFIX;

/// Put the terminal back as the shell expects it. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    let raw = disable_raw_mode();
    let screen = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    raw.and(screen)
}

/// Restore the terminal before the default panic message is printed (so it is readable).
/// Panics on worker threads are caught there and reported as a failed article instead.
pub fn install_panic_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(WORKER_PREFIX));
        if worker {
            return;
        }
        let _ = restore();
        previous(info);
    }));
}

/// The terminal in reader mode; restored when dropped.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        enable_raw_mode()?;
        let entered = execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
            .and_then(|_| Terminal::new(CrosstermBackend::new(stdout())));
        match entered {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                let _ = restore();
                Err(e)
            }
        }
    }
}

impl TerminalGuard {
    /// Ctrl-z: leave reader mode, stop the process as the shell's job control expects, and on
    /// `fg` (SIGCONT) enter reader mode again with a cleared screen, so the next draw is whole.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore()?;
        stop_self();
        enable_raw_mode()?;
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            Clear(ClearType::All)
        )?;
        // A fresh terminal has empty buffers, so the next draw writes every cell. (`clear()`
        // would ask the terminal for the cursor position, racing the input thread.)
        self.terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(())
    }
}

/// Stop this process (SIGTSTP, as if Ctrl-z reached the shell); returns when it is continued.
#[cfg(unix)]
fn stop_self() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
}

#[cfg(not(unix))]
fn stop_self() {}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = restore();
        }
    }
}
