//! Keys of the library pane: moving the selection, opening, pairing by hand.

use super::{App, reader_keys};
use crate::tui::action::Action;
use crate::tui::work::effects::Effects;

pub(super) fn library_action(app: &mut App, action: Action) -> Effects {
    let sel = app.selected as isize;
    let page = app.page_entries();
    match action {
        Action::Down => app.select(sel + 1),
        Action::Up => app.select(sel - 1),
        Action::HalfPageDown => app.select(sel + page / 2),
        Action::HalfPageUp => app.select(sel - page / 2),
        Action::PageDown => app.select(sel + page),
        Action::PageUp => app.select(sel - page),
        Action::Top => app.select(0),
        Action::Bottom => app.select(isize::MAX),
        Action::Open => return app.open(app.selected),
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
