//! Overlays: modal views drawn over the panes, each with its own keymap table ([`Mode`]), its own
//! key handling (`overlay_action` in `app.rs`, beside the state it changes) and its own view
//! (`view/help.rs` …). `App` holds at most one.
//!
//! To add one (the finder, entity hints, an entity card, bookmarks): a variant here holding its
//! state, its mode in [`Overlay::mode`], its arm in `app.rs`'s `overlay_action`, and a view in
//! `view/`.

use crate::tui::keys::mode::Mode;
use crate::tui::state::entries::EntryId;
use crate::tui::state::finder::FinderState;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, generated from the keymap.
    Help,
    /// A new bookmark's note being typed.
    Note(crate::tui::state::bookmarks::Note),
    /// The library's bookmarks; the selected row.
    Bookmarks(usize),
    /// Articles to pair entry `id` with, best first (entry, score as shown), one selected.
    Picker {
        id: EntryId,
        items: Vec<(EntryId, String)>,
        selected: usize,
    },
    /// The finder: articles, entities and text as you type.
    Finder(Box<FinderState>),
    /// Entity hint labels over the reader (`f`), and the label letters typed so far.
    Hints {
        hints: Vec<crate::tui::state::hints::Hint>,
        typed: String,
    },
    /// The article's entities grouped by type: (entity id, mentions here), one selected.
    Entities {
        items: Vec<(usize, usize)>,
        selected: usize,
    },
    /// The articles that mention an entity (`name`), newest first, one selected.
    EntityArticles {
        name: String,
        items: Vec<crate::tui::state::hints::ReachItem>,
        selected: usize,
    },
}

impl Overlay {
    /// The keymap table keys are looked up in while this overlay is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Help => Mode::Help,
            Overlay::Finder(_) => Mode::Finder,
            Overlay::Picker { .. } | Overlay::Entities { .. } | Overlay::EntityArticles { .. } => {
                Mode::Picker
            }
            Overlay::Hints { .. } => Mode::Hints,
            Overlay::Note(_) => Mode::Note,
            Overlay::Bookmarks(_) => Mode::Bookmarks,
        }
    }

    /// The picker-style lists (pair with, entities, articles of an entity): the selected row
    /// and how many rows there are.
    pub fn list(&self) -> Option<(usize, usize)> {
        match self {
            Overlay::Picker {
                items, selected, ..
            } => Some((*selected, items.len())),
            Overlay::Entities { items, selected } => Some((*selected, items.len())),
            Overlay::EntityArticles {
                items, selected, ..
            } => Some((*selected, items.len())),
            _ => None,
        }
    }

    /// Select row `to` of a picker-style list (see [`Overlay::list`]).
    pub fn select(&mut self, to: usize) {
        if let Overlay::Picker { selected, .. }
        | Overlay::Entities { selected, .. }
        | Overlay::EntityArticles { selected, .. } = self
        {
            *selected = to;
        }
    }
}
