//! The loop: drain every pending action, update, carry out the effects, draw once if anything
//! changed. A resize is applied once per draw, at the terminal's size then.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::tui::action::Action;
use crate::tui::app::{App, update};
use crate::tui::keys::config::Config;
use crate::tui::run::event;
use crate::tui::run::terminal::{self, TerminalGuard};
use crate::tui::state::disk::DiskEvent;
use crate::tui::theme::Theme;
use crate::tui::view::view;
use crate::tui::work::disk_worker::{self, Saver};
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::feed_worker;
use crate::tui::work::loader;
use crate::tui::work::worker::{self, Jobs};

const TICK: Duration = Duration::from_millis(200);

/// How the loop ended.
enum Exit {
    Running,
    Quit,
    Abort(String),
}

/// What the reader opens.
pub enum Articles {
    /// Files and folders, parsed in the background.
    Paths(Vec<PathBuf>),
    /// The library on disk: listed from its metadata, positions saved back (`notices`: what
    /// went wrong opening it, shown in the status bar).
    Library(crate::library::Library, Vec<crate::library::LibraryError>),
}

/// Run the reader on a real terminal until the user quits.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    run_on(Articles::Paths(paths))
}

/// Run the reader on these articles until the user quits.
pub fn run_on(articles: Articles) -> anyhow::Result<()> {
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
    let mut _loader = None;
    let mut saver = None;
    // The library's background processing starts after the first frame, never before it.
    let mut background = None;
    // Reading files: the learner's words are kept in the default library, opened (created)
    // when the first status is saved.
    let mut words_home = None;
    match articles {
        Articles::Paths(paths) => {
            if let Ok(home) = crate::library::Home::locate() {
                let _ = update(
                    &mut app,
                    Action::Disk(DiskEvent::FilesLibrary(home.clone())),
                );
                words_home = Some((home, tx.clone()));
            }
            _loader = Some(worker::spawn_loader(paths, tx.clone()));
        }
        Articles::Library(lib, notices) => {
            let listing = loader::listing(&lib, &notices)?;
            let _ = update(&mut app, Action::Disk(DiskEvent::Listed(Box::new(listing))));
            // The processing (when writable) after the first frame.
            background = Some((lib.home().clone(), tx.clone()));
            if lib.access() == &crate::library::Access::ReadWrite {
                saver = Some(Saver::spawn(lib, tx.clone()));
            }
        }
    }
    let mut feeds = feed_worker::Feeds::new(tx.clone());
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
            if let Some((home, tx)) = background.take() {
                // The feeds are listed (and refreshed, when the config asks) after it too.
                let settings = app.config().feeds.clone();
                let on_start = settings.refresh_on_start;
                feeds.start(home.clone(), settings, on_start);
                _loader = Some(disk_worker::spawn_background(home, tx));
            }
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
        if saver.is_none()
            && fx.commands.iter().any(|c| matches!(c, Command::Save(_)))
            && let Some((home, tx)) = words_home.take()
        {
            match crate::library::Library::open(home) {
                Ok((lib, _)) => saver = Some(Saver::spawn(lib, tx)),
                Err(e) => {
                    let _ = update(&mut app, Action::Disk(DiskEvent::Failed(e.to_string())));
                }
            }
        }
        match carry_out(
            fx.commands,
            &mut jobs,
            &mut feeds,
            &mut guard,
            saver.as_ref(),
        )? {
            Exit::Running => {}
            other => break other,
        }
    };
    drop(jobs);
    drop(feeds);
    // The last position reaches the disk before the terminal is given back.
    drop(saver);
    drop(guard);
    match exit {
        Exit::Abort(msg) => Err(anyhow::anyhow!(msg)),
        _ => Ok(()),
    }
}

fn carry_out(
    commands: Vec<Command>,
    jobs: &mut Jobs,
    feeds: &mut feed_worker::Feeds,
    guard: &mut TerminalGuard,
    saver: Option<&Saver>,
) -> anyhow::Result<Exit> {
    for c in commands {
        match c {
            Command::Start { generation, job } => jobs.start(generation, job),
            Command::Cancel(kind) => jobs.cancel(kind),
            Command::RefreshFeeds { home, settings } => feeds.start(home, settings, true),
            Command::Suspend => guard.suspend()?,
            Command::Quit => return Ok(Exit::Quit),
            Command::Abort(msg) => return Ok(Exit::Abort(msg)),
            Command::Save(s) => {
                if let Some(saver) = saver {
                    saver.send(s);
                }
            }
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
