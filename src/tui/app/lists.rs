//! The one set of list keys: j/k, the pages, g/G and the mouse wheel move the cursor of any list
//! (the library, the help, the finder's results, the bookmarks, the pickers) the same way; and
//! what an overlay's key handler returns.

use super::App;
use crate::tui::action::{Action, MouseAction};
use crate::tui::state::list_cursor::{ListCursor, Move};
use crate::tui::work::effects::Effects;

/// The move `action` makes in a list whose page holds `page` rows, if it is a list move.
pub(super) fn list_move(action: &Action, page: usize) -> Option<Move> {
    Some(match action {
        Action::Down | Action::Mouse(MouseAction::ScrollDown { .. }) => Move::Down(1),
        Action::Up | Action::Mouse(MouseAction::ScrollUp { .. }) => Move::Up(1),
        Action::HalfPageDown => Move::Down(page / 2),
        Action::HalfPageUp => Move::Up(page / 2),
        Action::PageDown => Move::Down(page),
        Action::PageUp => Move::Up(page),
        Action::Top => Move::First,
        Action::Bottom => Move::Last,
        _ => return None,
    })
}

/// What becomes of an overlay after its handler ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Then {
    Stay,
    Close,
}

/// The result of an overlay's handler.
pub(super) type Handled = (Effects, Then);

/// j/k, the pages, g/G and the wheel in an overlay's list of `len` rows: whether it moved.
pub(super) fn list_key(app: &App, list: &mut ListCursor, action: &Action, len: usize) -> bool {
    let page = usize::from(app.height).saturating_sub(6).max(1);
    match list_move(action, page) {
        Some(m) => {
            list.step(m, len);
            true
        }
        None => false,
    }
}
