//! `update`: the one place state changes. A raw key is looked up in the keymap table of the
//! current mode; the overlay on top, if any, takes every action; otherwise the focused pane does.

use super::{
    App, Pane, bookmark_keys, finder, job_done, library_events, library_keys, mouse, reader_keys,
    shelf_keys,
};
use crate::search::Memory;
use crate::tui::action::Action;
use crate::tui::keys::keymap::Lookup;
use crate::tui::state::overlay::Overlay;
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::{Job, JobKind};

/// Apply one action. Returns what to redraw and what the runner should do.
pub fn update(app: &mut App, action: Action) -> Effects {
    if action.is_input() {
        // A transient message lasts until the next key or click.
        app.status = None;
    }
    let mut fx = Effects::redraw();
    match action {
        Action::Key(key) => {
            let mode = app.mode();
            let before = match app.pending_keys.take() {
                Some((m, keys)) if m == mode => keys,
                _ => Vec::new(),
            };
            if !before.is_empty() && key.code == crossterm::event::KeyCode::Esc {
                return Effects::redraw();
            }
            return match app.config.keymap.lookup(mode, &before, key) {
                Lookup::Action(a) => update(app, a),
                Lookup::Pending(keys) => {
                    app.pending_keys = Some((mode, keys));
                    Effects::redraw()
                }
                Lookup::Unbound if before.is_empty() => Effects::none(),
                Lookup::Unbound => Effects::redraw(),
            };
        }
        Action::Tick => {
            if app.loading() {
                app.spinner = app.spinner.wrapping_add(1);
                return Effects::redraw();
            }
            return Effects::none();
        }
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
        }
        Action::Discovered(paths) => {
            let single = app.entries.is_empty() && paths.len() == 1;
            for p in paths {
                app.entries.push(p);
            }
            app.open_first |= single;
            if app.entries.is_empty() && app.status.is_none() {
                app.status = Some("no articles found".into());
            }
        }
        Action::DiscoverFailed(msg) | Action::WorkerFailed(msg) => app.status = Some(msg),
        Action::ConfigError(msg) => app.config_error = Some(msg),
        Action::InputFailed(msg) => {
            app.quit = true;
            return Effects::none().with(Command::Abort(msg));
        }
        Action::Loaded(id, result) => {
            job_done::loaded(app, id, *result);
            if !app.loading()
                && let Some(items) = app.pairs.job_items()
            {
                let generation = app.next_generation(JobKind::Pairs);
                fx = fx.with(Command::Start {
                    generation,
                    job: Job::Pairs(items),
                });
            }
        }
        Action::Store(event) => fx = library_events::handle(app, event),
        Action::JobDone(done) => {
            if app.generations.get(&done.kind) != Some(&done.generation) {
                return Effects::none(); // stale: a newer job of this kind was started
            }
            fx.merge(job_done::apply(app, done.output));
        }
        Action::Quit => {
            app.quit = true;
            return Effects::none().with(Command::Quit);
        }
        Action::Suspend => return Effects::redraw().with(Command::Suspend),
        _ if app.overlay.is_some() => {
            if let Some(o) = app.overlay.clone() {
                fx = overlay_action(app, &o, action);
            }
        }
        Action::Help => {
            app.help_top = 0;
            app.overlay = Some(Overlay::Help);
        }
        Action::Find => {
            app.overlay = Some(Overlay::Finder(Box::default()));
            fx.merge(app.finder_build());
        }
        Action::Bookmark => fx = bookmark_keys::start_note(app),
        Action::Bookmarks => fx = bookmark_keys::open_list(app),
        Action::ToggleRead | Action::Sort | Action::UnreadOnly | Action::OutletFilter => {
            fx = shelf_keys::handle(app, action)
        }
        // No text field outside a text overlay.
        Action::Insert(_) => return Effects::none(),
        Action::Mouse(m) => fx = mouse::mouse(app, m),
        Action::FocusNext => {
            app.pane = match app.pane {
                Pane::Library if app.reader.is_some() => Pane::Reader,
                Pane::Reader if app.entries.len() > 1 => Pane::Library,
                same => same,
            };
        }
        // Esc first drops the selected entity, then leaves.
        Action::Back if app.pane == Pane::Reader && app.entities.selected.is_some() => {
            app.entities.selected = None;
        }
        Action::Back => match app.pane {
            Pane::Reader if app.entries.len() > 1 => {
                app.reader = None;
                app.pane = Pane::Library;
            }
            _ => {
                app.quit = true;
                return Effects::none().with(Command::Quit);
            }
        },
        other => match app.pane {
            Pane::Library => fx = library_keys::library_action(app, other),
            Pane::Reader => reader_keys::reader_action(app, other),
        },
    }
    app.relayout();
    fx.merge(app.request_entities());
    fx.merge(app.request_reach());
    fx.merge(library_events::track(app));
    fx
}

/// An action while an overlay is open: the overlay takes it (it is modal).
fn overlay_action(app: &mut App, overlay: &Overlay, action: Action) -> Effects {
    // j/k in the picker-style lists: one move for all of them.
    if let Some((selected, len)) = overlay.list() {
        let to = match action {
            Action::Down => Some((selected + 1).min(len.saturating_sub(1))),
            Action::Up => Some(selected.saturating_sub(1)),
            _ => None,
        };
        if let Some(to) = to {
            if let Some(o) = app.overlay.as_mut() {
                o.select(to);
            }
            return Effects::redraw();
        }
    }
    match overlay {
        Overlay::Help => {
            let page = usize::from(app.height).saturating_sub(6).max(1);
            let last = app.config.keymap.help_rows().len().saturating_sub(1);
            let top = app.help_top;
            app.help_top = match action {
                Action::Help | Action::Back => {
                    app.overlay = None;
                    0
                }
                Action::Down => top + 1,
                Action::Up => top.saturating_sub(1),
                Action::PageDown => top + page,
                Action::PageUp => top.saturating_sub(page),
                _ => return Effects::none(),
            }
            .min(last);
            Effects::redraw()
        }
        Overlay::Note(note) => bookmark_keys::handle_note(app, note, action),
        Overlay::Bookmarks(sel) => bookmark_keys::handle_list(app, *sel, action),
        Overlay::Picker {
            id,
            items,
            selected,
        } => {
            match action {
                Action::Open => {
                    app.overlay = None;
                    if let Some(&(other, _)) = items.get(*selected) {
                        let mut fx = Effects::redraw();
                        fx.merge(app.pair_entries(*id, other));
                        return fx;
                    }
                }
                Action::Back => app.overlay = None,
                _ => return Effects::none(),
            }
            Effects::redraw()
        }
        Overlay::Finder(state) => {
            let mut state = state.as_ref().clone();
            let mut fx = Effects::redraw();
            match action {
                Action::Back => {
                    app.overlay = None;
                    return Effects::redraw();
                }
                Action::Insert(c) => {
                    state.query.push(c);
                    fx.merge(app.finder_search(&mut state));
                }
                Action::DeleteChar => {
                    state.query.pop();
                    fx.merge(app.finder_search(&mut state));
                }
                Action::NextSource => {
                    state.next_source();
                    app.finder_memory = Memory::default();
                    fx.merge(app.finder_search(&mut state));
                }
                Action::Down => {
                    state.selected =
                        (state.selected + 1).min(state.results.hits.len().saturating_sub(1));
                }
                Action::Up => state.selected = state.selected.saturating_sub(1),
                Action::Open => return finder::open_hit(app, &state),
                _ => return Effects::none(),
            }
            app.overlay = Some(Overlay::Finder(Box::new(state)));
            fx
        }
        Overlay::Hints { hints, typed } => {
            match action {
                Action::Insert(c) => app.hint_typed(hints, typed, c),
                Action::Back => app.overlay = None,
                _ => return Effects::none(),
            }
            Effects::redraw()
        }
        Overlay::EntityArticles {
            items, selected, ..
        } => {
            match action {
                Action::Open => {
                    app.overlay = None;
                    if let Some(item) = items.get(*selected) {
                        return app.open_reach_item(item);
                    }
                }
                Action::Back | Action::EntityArticles => app.overlay = None,
                _ => return Effects::none(),
            }
            Effects::redraw()
        }
        Overlay::Entities { items, selected } => {
            match action {
                Action::Open => {
                    app.overlay = None;
                    if let Some(&(id, _)) = items.get(*selected) {
                        app.select_entity(id);
                    }
                }
                Action::Back => app.overlay = None,
                _ => return Effects::none(),
            }
            Effects::redraw()
        }
    }
}
