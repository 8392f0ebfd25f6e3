//! The library list's sort and filter keys (`o`, `u`, `O`) and read/unread (`m`): the order and
//! filters themselves are [`Shelf`](crate::tui::state::shelf::Shelf)'s.

use super::App;
use crate::tui::action::Action;
use crate::tui::state::entries::{Entry, EntryState};
use crate::tui::state::store::Save;
use crate::tui::work::effects::{Command, Effects};

pub(super) fn handle(app: &mut App, action: Action) -> Effects {
    if app.loading() {
        app.status = Some("still loading: sort and filter when it is done".into());
        return Effects::redraw();
    }
    let mut fx = Effects::redraw();
    match action {
        Action::ToggleRead => {
            let Some(e) = app.entries.row(app.selected) else {
                return fx;
            };
            let (id, read) = (e.id(), !e.is_read());
            if let Some(e) = app.entries.by_id_mut(id) {
                e.read = read;
            }
            app.status = Some(if read { "marked read" } else { "marked unread" }.into());
            if let Some(article) = app.store.article(id)
                && app.store.read_only.is_none()
            {
                app.store.read.insert(id, read);
                fx = fx.with(Command::Save(Save::Read(article, read)));
            }
            return fx;
        }
        Action::Sort => app.store.shelf.order = app.store.shelf.order.next(),
        Action::UnreadOnly => app.store.shelf.unread_only = !app.store.shelf.unread_only,
        Action::OutletFilter => {
            app.store.shelf.outlet = app.store.shelf.next_outlet(app.entries.as_slice());
        }
        _ => return Effects::none(),
    }
    apply(app);
    fx
}

/// Re-sort and re-filter the list, keeping the selected entry selected when it stays.
fn apply(app: &mut App) {
    let selected = app.entries.row(app.selected).map(Entry::id);
    let (shown, label) = app.store.shelf.arrange(app.entries.take());
    app.done = shown
        .iter()
        .filter(|e| !matches!(e.state, EntryState::Pending))
        .count();
    app.entries.set(shown);
    app.selected = selected.and_then(|id| app.entries.row_of(id)).unwrap_or(0);
    app.browser_top = 0;
    app.status = Some(label);
}
