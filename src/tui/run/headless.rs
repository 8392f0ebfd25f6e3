//! The same App, headless: loads synchronously, replays keys, draws on ratatui's `TestBackend`
//! and returns the screen as text. `duet render`, the snapshot tests and the benches use it.
//! Effects are carried out on this thread: a job runs at once and its result is applied.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::library::{Library, LibraryError};
use crate::tui::action::Action;
use crate::tui::app::{App, update};
use crate::tui::keys::config::Config;
use crate::tui::keys::error::ConfigError;
use crate::tui::keys::key::Key;
use crate::tui::state::disk::{DiskEvent, Save};
use crate::tui::state::library_list::EntryId;
use crate::tui::theme::Theme;
use crate::tui::view::{dump, view};
use crate::tui::work::cancel::Cancel;
use crate::tui::work::effects::Command;
use crate::tui::work::job::JobDone;
use crate::tui::work::loader;

/// Apply an action and carry out its commands synchronously (jobs run here, at once; suspend
/// does nothing). Returns whether the app wants to quit.
pub fn step(app: &mut App, action: Action) -> bool {
    // Headless runs never write to the library (`duet render` only looks).
    step_keeping_saves(app, action, &mut Vec::new())
}

/// [`step`], with the library writes the app asked for collected in `saves` (not carried out:
/// a test carries them out, or checks them).
pub fn step_keeping_saves(app: &mut App, action: Action, saves: &mut Vec<Save>) -> bool {
    let mut pending = vec![action];
    let mut quit = false;
    while let Some(a) = pending.pop() {
        let fx = update(app, a);
        for c in fx.commands {
            match c {
                Command::Start { generation, job } => {
                    let kind = job.kind();
                    let output = job.run(&Cancel::default());
                    pending.push(Action::JobDone(Box::new(JobDone {
                        kind,
                        generation,
                        output,
                    })));
                }
                Command::Quit | Command::Abort(_) => quit = true,
                Command::Save(save) => saves.push(save),
                // Headless runs never write to the library: no refresh.
                Command::Cancel(_) | Command::Suspend | Command::RefreshFeeds { .. } => {}
            }
        }
    }
    quit
}

/// Build an app of the given size and load `paths` into it, in order, on this thread.
pub fn app_with(paths: &[PathBuf], width: u16, height: u16, config: Config, no_color: bool) -> App {
    let theme = Theme::new(&config.colors, config.ambiguous, no_color);
    let mut app = App::new(config, theme, width, height);
    let (found, errors) = loader::discover(paths);
    for e in errors {
        step(&mut app, Action::DiscoverFailed(e));
    }
    step(&mut app, Action::Discovered(found.clone()));
    for p in &found {
        let doc = loader::load_caught(p);
        step(
            &mut app,
            Action::Loaded(EntryId::for_path(p), Box::new(doc)),
        );
    }
    app
}

/// Build an app of the given size on the library on disk, as the reader opens it: the list's
/// rows read as they come into view, nothing parsed until an article is opened (then from the
/// cache). Never writes to the library.
pub fn app_with_library(
    lib: &Library,
    width: u16,
    height: u16,
    config: Config,
    no_color: bool,
) -> Result<App, LibraryError> {
    let theme = Theme::new(&config.colors, config.ambiguous, no_color);
    let mut app = App::new(config, theme, width, height);
    let listing = loader::listing(lib, &[])?;
    step(&mut app, Action::Disk(DiskEvent::Listed(Box::new(listing))));
    step(
        &mut app,
        Action::Feeds(crate::tui::state::feeds::FeedEvent::Listed(lib.feeds()?)),
    );
    // Pair it, as the runner does once its background work is done (without keeping
    // anything: a headless run never writes to the library).
    step(
        &mut app,
        Action::Disk(DiskEvent::Settled { remember: false }),
    );
    Ok(app)
}

/// Parse `"j j Enter"`, `"<Tab> G"`, `"C-d"` into keys.
pub fn parse_keys(keys: &str) -> Result<Vec<Key>, ConfigError> {
    keys.split_whitespace().map(Key::parse).collect()
}

/// Replay keys as the terminal loop would: each looked up in the keymap of the current mode.
pub fn press(app: &mut App, keys: &[Key]) {
    for k in keys {
        if step(app, Action::Key(*k)) {
            break;
        }
    }
}

/// Draw one frame on a `TestBackend` the app's size.
pub fn draw(app: &App) -> Buffer {
    let (width, height) = app.size();
    let backend = TestBackend::new(width, height);
    match Terminal::new(backend) {
        Ok(mut t) => {
            let _ = t.draw(|f| view(app, f));
            t.backend().buffer().clone()
        }
        Err(_) => Buffer::empty(ratatui::layout::Rect::new(0, 0, width, height)),
    }
}

/// The screen as text after loading `paths` and replaying `keys`.
pub fn render(
    paths: &[PathBuf],
    width: u16,
    height: u16,
    keys: &str,
    config: Config,
) -> Result<String, ConfigError> {
    let keys = parse_keys(keys)?;
    let mut app = app_with(paths, width, height, config, true);
    press(&mut app, &keys);
    Ok(dump(&draw(&app)))
}
