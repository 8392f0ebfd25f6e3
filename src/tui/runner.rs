//! The loop: drain every pending action, update, draw once if anything changed. A resize is
//! applied once per draw, at the terminal's size then.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::action::Action;
use super::app::{App, update};
use super::config::Config;
use super::event;
use super::loader;
use super::terminal::{self, TerminalGuard};
use super::theme::Theme;
use super::view::view;

const TICK: Duration = Duration::from_millis(200);

/// Run the reader on a real terminal until the user quits.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    terminal::install_panic_hook();
    let (config, config_error) = Config::load();
    let theme = Theme::new(&config.colors, config.ambiguous, Theme::no_color_from_env());
    let keymap = config.keymap.clone();
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut app = App::new(config, theme, size.width, size.height);
    app.config_error = config_error;

    let (tx, rx) = mpsc::channel();
    event::spawn_input(tx.clone(), keymap)?;
    event::spawn_signals(tx.clone())?;
    loader::spawn(paths, tx);

    let mut dirty = true;
    let mut last_tick = Instant::now();
    loop {
        if dirty {
            let size = guard.terminal.size()?;
            if (size.width, size.height) != (app.width, app.height) {
                update(&mut app, Action::Resize(size.width, size.height));
            }
            guard.terminal.draw(|f| view(&app, f))?;
            dirty = false;
        }
        let action = match rx.recv_timeout(TICK) {
            Ok(a) => a,
            Err(RecvTimeoutError::Timeout) => Action::Tick,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        dirty |= apply(&mut app, action);
        // Ticks keep time even while worker results stream in (the spinner turns).
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            dirty |= update(&mut app, Action::Tick);
        }
        while !app.quit {
            match rx.try_recv() {
                Ok(a) => dirty |= apply(&mut app, a),
                Err(_) => break,
            }
        }
        if app.quit {
            break;
        }
    }
    drop(guard);
    Ok(())
}

/// `update`, except that a resize only asks for a redraw: the size is read once before each
/// draw (above), so a burst of resize events re-wraps the article once, at the final size.
fn apply(app: &mut App, action: Action) -> bool {
    match action {
        Action::Resize(..) => true,
        other => update(app, other),
    }
}
