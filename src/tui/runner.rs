//! The loop: drain every pending action, update, carry out the effects, draw once if anything
//! changed. A resize is applied once per draw, at the terminal's size then.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::action::Action;
use super::app::{App, update};
use super::config::Config;
use super::effects::{Command, Effects};
use super::event;
use super::jobs::Jobs;
use super::loader;
use super::terminal::{self, TerminalGuard};
use super::theme::Theme;
use super::view::view;

const TICK: Duration = Duration::from_millis(200);

/// How the loop ended.
enum Exit {
    Running,
    Quit,
    Abort(String),
}

/// Run the reader on a real terminal until the user quits.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    terminal::install_panic_hook();
    let (config, config_error) = Config::load();
    let theme = Theme::new(&config.colors, config.ambiguous, Theme::no_color_from_env());
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut app = App::new(config, theme, size.width, size.height);
    if let Some(e) = config_error {
        let _ = update(&mut app, Action::ConfigError(e));
    }

    let (tx, rx) = mpsc::channel();
    event::spawn_input(tx.clone())?;
    event::spawn_signals(tx.clone())?;
    let _loader = loader::spawn(paths, tx.clone());
    let mut jobs = Jobs::new(tx);

    let mut dirty = true;
    let mut last_tick = Instant::now();
    let exit = loop {
        if dirty {
            let size = guard.terminal.size()?;
            if (size.width, size.height) != app.size() {
                let _ = update(&mut app, Action::Resize(size.width, size.height));
            }
            guard.terminal.draw(|f| view(&app, f))?;
            dirty = false;
        }
        let action = match rx.recv_timeout(TICK) {
            Ok(a) => a,
            Err(RecvTimeoutError::Timeout) => Action::Tick,
            Err(RecvTimeoutError::Disconnected) => break Exit::Quit,
        };
        let mut fx = apply(&mut app, action);
        // Ticks keep time even while worker results stream in (the spinner turns).
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            fx.merge(update(&mut app, Action::Tick));
        }
        while !fx.quits() {
            match rx.try_recv() {
                Ok(a) => fx.merge(apply(&mut app, a)),
                Err(_) => break,
            }
        }
        dirty |= fx.redraw;
        match carry_out(fx.commands, &mut jobs, &mut guard)? {
            Exit::Running => {}
            other => break other,
        }
    };
    drop(jobs);
    drop(guard);
    match exit {
        Exit::Abort(msg) => Err(anyhow::anyhow!(msg)),
        _ => Ok(()),
    }
}

fn carry_out(
    commands: Vec<Command>,
    jobs: &mut Jobs,
    guard: &mut TerminalGuard,
) -> anyhow::Result<Exit> {
    for c in commands {
        match c {
            Command::Start { generation, job } => jobs.start(generation, job),
            Command::Cancel(kind) => jobs.cancel(kind),
            Command::Suspend => guard.suspend()?,
            Command::Quit => return Ok(Exit::Quit),
            Command::Abort(msg) => return Ok(Exit::Abort(msg)),
        }
    }
    Ok(Exit::Running)
}

/// `update`, except that a resize only asks for a redraw: the size is read once before each
/// draw (above), so a burst of resize events re-wraps the article once, at the final size.
fn apply(app: &mut App, action: Action) -> Effects {
    match action {
        Action::Resize(..) => Effects::redraw(),
        other => update(app, other),
    }
}
