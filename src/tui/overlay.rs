//! Overlays: modal views drawn over the panes, each with its own keymap table ([`Mode`]), its own
//! key handling ([`handle`]) and its own view (`view/help.rs` …). `App` holds at most one.
//!
//! To add one (the finder, entity hints, an entity card, bookmarks): a variant here holding its
//! state, its mode in [`Overlay::mode`], its actions in [`handle`], and a view in `view/`.

use super::action::Action;
use super::app::App;
use super::effects::Effects;
use super::mode::Mode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, generated from the keymap.
    Help,
    /// A new bookmark's note being typed.
    Note(super::bookmarks::Note),
    /// The library's bookmarks; the selected row.
    Bookmarks(usize),
}

impl Overlay {
    /// The keymap table keys are looked up in while this overlay is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Help => Mode::Help,
            Overlay::Note(_) => Mode::Note,
            Overlay::Bookmarks(_) => Mode::Bookmarks,
        }
    }
}

/// An action while an overlay is open: the overlay takes it (it is modal); `None` closes it.
pub(super) fn handle(app: &mut App, overlay: &Overlay, action: Action) -> Effects {
    match overlay {
        Overlay::Help => match action {
            Action::Help | Action::Back => {
                app.overlay = None;
                Effects::redraw()
            }
            _ => Effects::none(),
        },
        Overlay::Note(note) => super::bookmarks::handle_note(app, note, action),
        Overlay::Bookmarks(sel) => super::bookmarks::handle_list(app, *sel, action),
    }
}
