//! Overlays: modal views drawn over the panes, each with its own keymap table ([`Mode`]), its own
//! key handling (`overlay_action` in `app.rs`, beside the state it changes) and its own view
//! (`view/help.rs` …). `App` holds at most one.
//!
//! To add one (the finder, entity hints, an entity card, bookmarks): a variant here holding its
//! state, its mode in [`Overlay::mode`], its arm in `app.rs`'s `overlay_action`, and a view in
//! `view/`.

use super::entries::EntryId;
use super::mode::Mode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, generated from the keymap.
    Help,
    /// A new bookmark's note being typed.
    Note(super::bookmarks::Note),
    /// The library's bookmarks; the selected row.
    Bookmarks(usize),
    /// Articles to pair entry `id` with, best first (entry, score as shown), one selected.
    Picker {
        id: EntryId,
        items: Vec<(EntryId, String)>,
        selected: usize,
    },
}

impl Overlay {
    /// The keymap table keys are looked up in while this overlay is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Help => Mode::Help,
            Overlay::Note(_) => Mode::Note,
            Overlay::Bookmarks(_) => Mode::Bookmarks,
            Overlay::Picker { .. } => Mode::Picker,
        }
    }
}
