//! Keys of the library pane: moving the selection (the list keys of `lists.rs`), opening,
//! pairing by hand, the read mark (`m`) and the list's order and filters (`o`, `u`, `O`).

use super::{App, lists, reader_keys};
use crate::tui::action::Action;
use crate::tui::state::disk::Save;
use crate::tui::state::library_list::{Entry, EntryState};
use crate::tui::work::effects::{Command, Effects};

pub(super) fn library_action(app: &mut App, action: Action) -> Effects {
    if let Some(m) = lists::list_move(&action, app.page_entries()) {
        app.select(m);
        return Effects::redraw();
    }
    match action {
        Action::Open => return app.open(app.library_cursor.selected),
        Action::PairWith => app.pick_partner(),
        Action::SplitPair => {
            let mut fx = Effects::redraw();
            fx.merge(app.split_selected());
            return fx;
        }
        // Reader settings work from the library too: they apply to the next article.
        other => reader_keys::reader_settings(app, other),
    }
    Effects::redraw()
}

/// `m`, `o`, `u`, `O`: the read mark, and the list's order and filters (which are
/// [`LibraryFilter`](crate::tui::state::library_filter::LibraryFilter)'s).
pub(super) fn arrange(app: &mut App, action: Action) -> Effects {
    if app.loading() {
        app.status = Some("still loading: sort and filter when it is done".into());
        return Effects::redraw();
    }
    let mut fx = Effects::redraw();
    match action {
        Action::ToggleRead => {
            let Some(e) = app.library.row(app.library_cursor.selected) else {
                return fx;
            };
            let (id, read) = (e.id(), !e.is_read());
            if let Some(e) = app.library.by_id_mut(id) {
                e.read = read;
            }
            app.status = Some(if read { "marked read" } else { "marked unread" }.into());
            if let Some(article) = app.disk.article(id)
                && app.disk.read_only.is_none()
            {
                app.disk.read.insert(id, read);
                fx = fx.with(Command::Save(Save::Read(article, read)));
            }
            return fx;
        }
        Action::Sort => app.filter.order = app.filter.order.next(),
        Action::UnreadOnly => app.filter.unread_only = !app.filter.unread_only,
        Action::OutletFilter => {
            let feed = app.filter.feed.as_ref().map(|(id, _)| *id);
            app.filter.outlet = match app.library.source() {
                Some(source) => match source.with(|lib| lib.list_outlets(feed)) {
                    Ok(names) => app.filter.next_of(&names),
                    Err(e) => {
                        app.status = Some(e);
                        return fx;
                    }
                },
                None => app.filter.next_outlet(app.library.as_slice()),
            };
        }
        _ => return Effects::none(),
    }
    // A new order is read from its start ("oldest first" from the oldest); a filter keeps the
    // cursor's article.
    apply(app, matches!(action, Action::Sort));
    fx
}

/// Re-sort and re-filter the list: the cursor at the top, or on the selected entry when it stays.
pub(super) fn apply(app: &mut App, from_top: bool) {
    let selected =
        (app.library.row(app.library_cursor.selected).map(Entry::id)).filter(|_| !from_top);
    if app.library.is_window() {
        // The library on disk: the order and filters are its query.
        app.library_cursor.top = 0;
        app.requery(Some(app.filter.query()), selected);
        app.status = Some(format!(
            "{} ({} shown)",
            app.filter.label(),
            app.library.rows()
        ));
        return;
    }
    let (shown, label) = app.filter.arrange(app.library.take());
    app.done = shown
        .iter()
        .filter(|e| !matches!(e.state, EntryState::Pending))
        .count();
    app.library.set(shown);
    app.library_cursor.selected = selected.and_then(|id| app.library.row_of(id)).unwrap_or(0);
    app.library_cursor.top = 0;
    // Rows, as the list's header counts them (a pair of files is one).
    app.status = Some(format!("{label} ({} shown)", app.library.rows()));
}
