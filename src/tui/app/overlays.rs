//! An action while an overlay is open: the overlay takes it (it is modal). It is taken out of
//! the app, handed to its own handler, which changes it in place, and put back unless the
//! handler closed it (or opened another in its place): nothing is cloned per key.

use super::lists::{Handled, Then, list_key};
use super::{App, bookmark_keys, entity_articles, entity_keys, finder, pairs};
use crate::tui::action::Action;
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::state::overlay::Overlay;
use crate::tui::work::effects::Effects;

pub(super) fn handle(app: &mut App, action: Action) -> Effects {
    let Some(mut overlay) = app.overlay.take() else {
        return Effects::none();
    };
    let (fx, then) = match &mut overlay {
        Overlay::Help(top) => help(app, top, action),
        Overlay::Note(note) => bookmark_keys::note_key(app, note, action),
        Overlay::Bookmarks(list) => bookmark_keys::bookmarks_key(app, list, action),
        Overlay::Picker(picker) => pairs::picker_key(app, picker, action),
        Overlay::Finder(query) => finder::finder_key(app, query, action),
        Overlay::Labels(labels) => entity_keys::labels_key(app, labels, action),
        Overlay::Entities(list) => entity_keys::entity_list_key(app, list, action),
        Overlay::EntityArticles(list) => entity_articles::articles_key(app, list, action),
    };
    if then == Then::Stay && app.overlay.is_none() {
        app.overlay = Some(overlay);
    }
    fx
}

/// The help: it scrolls (its cursor is the first key row shown) and closes.
fn help(app: &mut App, top: &mut ListCursor, action: Action) -> Handled {
    let rows = app.config.keymap.help_rows().len();
    if list_key(app, top, &action, rows) {
        return (Effects::redraw(), Then::Stay);
    }
    match action {
        Action::Help | Action::Back => (Effects::redraw(), Then::Close),
        _ => (Effects::none(), Then::Stay),
    }
}
