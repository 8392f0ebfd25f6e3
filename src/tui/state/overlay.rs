//! Overlays: modal views drawn over the panes. `App` holds at most one; while it is open it takes
//! every action. Each has its state here, its keymap table ([`Overlay::mode`]), its key handler
//! in `app/` (called from `app/overlays.rs`, which takes the overlay out of the app, hands it to
//! the handler and puts it back if it stays open) and its view in `view/`, drawn in the one modal
//! box (`view/widgets/modal.rs`); a list in it is the one list widget (`view/widgets/list.rs`)
//! over a [`ListCursor`].
//!
//! To add one (a word popup, say): a variant here holding its state, its mode in
//! [`Overlay::mode`], its arm in `app/overlays.rs`, and a view in `view/` that draws a
//! `Modal`.

use crate::tui::keys::mode::Mode;
use crate::tui::state::bookmarks::Note;
use crate::tui::state::entities::{Label, ReachItem};
use crate::tui::state::finder::FinderQuery;
use crate::tui::state::library_list::EntryId;
use crate::tui::state::list_cursor::ListCursor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, generated from the keymap (its cursor is the first row shown).
    Help(ListCursor),
    /// A new bookmark's note being typed.
    Note(Note),
    /// The library's bookmarks.
    Bookmarks(ListCursor),
    /// Articles to pair an entry with.
    Picker(Picker),
    /// The finder: articles, entities and text as you type.
    Finder(Box<FinderQuery>),
    /// Entity labels over the reader's mentions (`f`), and the letters typed so far.
    Labels(Labels),
    /// The article's entities grouped by type.
    Entities(EntityList),
    /// The articles that mention an entity.
    EntityArticles(EntityArticles),
}

/// The "pair with…" picker: articles to pair entry `id` with, best first (entry, score as shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub id: EntryId,
    pub items: Vec<(EntryId, String)>,
    pub list: ListCursor,
}

/// The label of every entity mention on screen, and the label letters typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub labels: Vec<Label>,
    pub typed: String,
}

/// The article's entities grouped by type: (entity id, mentions here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityList {
    pub items: Vec<(usize, usize)>,
    pub list: ListCursor,
}

/// The articles that mention an entity (`name`), newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityArticles {
    pub name: String,
    pub items: Vec<ReachItem>,
    pub list: ListCursor,
}

impl Overlay {
    /// The keymap table keys are looked up in while this overlay is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Help(_) => Mode::Help,
            Overlay::Finder(_) => Mode::Finder,
            Overlay::Picker(_) | Overlay::Entities(_) | Overlay::EntityArticles(_) => Mode::Picker,
            Overlay::Labels(_) => Mode::Labels,
            Overlay::Note(_) => Mode::Note,
            Overlay::Bookmarks(_) => Mode::Bookmarks,
        }
    }
}
