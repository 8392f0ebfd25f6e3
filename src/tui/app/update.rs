//! `update`: the one place state changes. A raw key is looked up in the keymap table of the
//! current mode; background results go to `job_done.rs` and `disk.rs`; the overlay on top, if
//! any, takes every other action (`overlays.rs`); otherwise the focused pane does.

use super::{
    App, Pane, bookmark_keys, disk, feed_keys, job_done, library_keys, mouse, overlays,
    reader_keys, word_keys,
};
use crate::tui::action::Action;
use crate::tui::keys::key::Key;
use crate::tui::keys::keymap::Lookup;
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::state::overlay::Overlay;
use crate::tui::work::effects::{Command, Effects};

/// Apply one action. Returns what to redraw and what the runner should do.
pub fn update(app: &mut App, action: Action) -> Effects {
    if action.is_input() {
        // A transient message lasts until the next key or click.
        app.status = None;
    }
    let fx = match action {
        Action::Key(key) => return key_pressed(app, key),
        Action::Tick => return tick(app),
        Action::Quit => return quit(app),
        Action::Suspend => return Effects::redraw().with(Command::Suspend),
        Action::InputFailed(msg) => {
            app.quit = true;
            return Effects::none().with(Command::Abort(msg));
        }
        Action::JobDone(done) => {
            if app.generations.get(&done.kind) != Some(&done.generation) {
                return Effects::none(); // stale: a newer job of this kind was started
            }
            job_done::apply(app, done.kind, done.output)
        }
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
            Effects::redraw()
        }
        Action::Discovered(paths) => job_done::discovered(app, paths),
        Action::Loaded(id, result) => job_done::loaded(app, id, *result),
        Action::DiscoverFailed(msg) | Action::WorkerFailed(msg) => {
            app.status = Some(msg);
            Effects::redraw()
        }
        Action::ConfigError(msg) => {
            app.config_error = Some(msg);
            Effects::redraw()
        }
        Action::Disk(event) => disk::handle(app, event),
        Action::Feeds(event) => feed_keys::handle(app, event),
        _ if app.overlay.is_some() => overlays::handle(app, action),
        // No text field outside a text overlay.
        Action::Insert(_) => return Effects::none(),
        other => panes(app, other),
    };
    if fx.quits() {
        return fx;
    }
    settle(app, fx)
}

/// After every change: the geometry, then the work and the saves the new state calls for.
fn settle(app: &mut App, mut fx: Effects) -> Effects {
    app.relayout();
    fx.merge(app.request_entities());
    fx.merge(app.request_words());
    fx.merge(app.request_reach());
    fx.merge(disk::track(app));
    fx
}

/// A key, looked up in the keymap table of the current mode (after the first keys of a
/// sequence, if some were typed).
fn key_pressed(app: &mut App, key: Key) -> Effects {
    let mode = app.mode();
    let before = match app.pending_keys.take() {
        Some((m, keys)) if m == mode => keys,
        _ => Vec::new(),
    };
    if !before.is_empty() && key.code == crossterm::event::KeyCode::Esc {
        return Effects::redraw();
    }
    match app.config.keymap.lookup(mode, &before, key) {
        Lookup::Action(a) => update(app, a),
        Lookup::Pending(keys) => {
            app.pending_keys = Some((mode, keys));
            Effects::redraw()
        }
        Lookup::Unbound if before.is_empty() => Effects::none(),
        Lookup::Unbound => Effects::redraw(),
    }
}

/// Time passes: the spinner turns while the library loads or the feeds refresh.
fn tick(app: &mut App) -> Effects {
    // A library's finder corpus is read after the first frame (ticks come after it).
    let mut fx = app.finder_start();
    if app.loading() || app.feeds.refreshing.is_some() {
        app.spinner = app.spinner.wrapping_add(1);
        fx.merge(Effects::redraw());
    }
    fx
}

fn quit(app: &mut App) -> Effects {
    app.quit = true;
    Effects::none().with(Command::Quit)
}

/// An action with no overlay open: those that work in either pane, else the focused pane's.
fn panes(app: &mut App, action: Action) -> Effects {
    match action {
        Action::Help => app.overlay = Some(Overlay::Help(ListCursor::default())),
        Action::Find => return app.open_finder(),
        Action::Bookmark => return bookmark_keys::start_note(app),
        Action::Bookmarks => return bookmark_keys::open_list(app),
        Action::RefreshFeeds => return feed_keys::refresh(app),
        Action::FeedList => return feed_keys::open_list(app),
        Action::ToggleRead | Action::Sort | Action::UnreadOnly | Action::OutletFilter => {
            return library_keys::arrange(app, action);
        }
        Action::Mouse(m) => return mouse::mouse(app, m),
        Action::MarkUnknown => word_keys::toggle_marking(app),
        Action::FocusNext => {
            app.pane = match app.pane {
                Pane::Library if app.reader.is_some() => Pane::Reader,
                Pane::Reader if app.library.len() > 1 => Pane::Library,
                same => same,
            };
        }
        // Esc first drops the selected entity, then leaves.
        Action::Back if app.pane == Pane::Reader && app.entities.selected.is_some() => {
            app.entities.selected = None;
        }
        Action::Back => match app.pane {
            Pane::Reader if app.library.len() > 1 => {
                app.reader = None;
                app.pane = Pane::Library;
            }
            _ => return quit(app),
        },
        other => match app.pane {
            Pane::Library => return library_keys::library_action(app, other),
            Pane::Reader => reader_keys::reader_action(app, other),
        },
    }
    Effects::redraw()
}
