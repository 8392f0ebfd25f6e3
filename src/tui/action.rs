//! The one message type: what a key maps to, and what `update` consumes.
//!
//! User-facing actions have names (`USER`; the keymap and `config.toml` use them) and clear the
//! status line; internal ones (raw keys, resize, mouse, worker results, tick) have none.

use std::path::PathBuf;

use crate::tui::keys::key::Key;
use crate::tui::state::doc::Doc;
use crate::tui::state::entries::EntryId;
use crate::tui::work::job::JobDone;

#[derive(Debug, Clone)]
pub enum Action {
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    Back,
    Quit,
    Suspend,
    FocusNext,
    CycleLayout,
    Narrower,
    Wider,
    SwapSides,
    SentenceMode,
    PairWith,
    SplitPair,
    EntityHints,
    NextMention,
    PrevMention,
    NextEntity,
    PrevEntity,
    EntityList,
    /// Every article of the library that mentions the selected entity, in an overlay.
    EntityArticles,
    Help,
    Find,
    DeleteChar,
    NextSource,
    /// Bookmark the pair under the cursor (then type an optional note).
    Bookmark,
    /// The bookmarks of the whole library, in an overlay.
    Bookmarks,
    /// Mark the selected article read or unread.
    ToggleRead,
    /// Sort the library: newest, oldest, by outlet, unread first.
    Sort,
    /// Show only unread articles, or all.
    UnreadOnly,
    /// Show only one outlet's articles (the next outlet each time), or all.
    OutletFilter,
    /// A key as the terminal sent it: `update` looks it up in the keymap of the current mode.
    Key(Key),
    /// A character typed into the text field of a text mode (the finder's query).
    Insert(char),
    /// The terminal changed size (columns, rows).
    Resize(u16, u16),
    Mouse(MouseAction),
    /// The loader found these files (in library order).
    Discovered(Vec<PathBuf>),
    /// A path given could not be expanded (unreadable folder …).
    DiscoverFailed(String),
    /// The loader finished parsing and aligning one entry.
    Loaded(EntryId, Box<Result<Doc, String>>),
    /// A background job finished (dropped when its generation is stale).
    JobDone(Box<JobDone>),
    /// A worker thread could not start or panicked: one line for the status bar.
    WorkerFailed(String),
    /// The user's config could not be used: shown until they fix it.
    ConfigError(String),
    /// Reading the terminal failed: restore it and exit with this message.
    InputFailed(String),
    /// Time passes (spinner while loading).
    Tick,
    /// The library on disk: its list, bookmarks, a failed write.
    Store(crate::tui::state::store::StoreEvent),
}

/// A mouse event reduced to what the reader handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseAction {
    ScrollDown { column: u16, row: u16 },
    ScrollUp { column: u16, row: u16 },
    Click { column: u16, row: u16 },
}

impl Action {
    /// Every user-facing action, in the order the help shows them, with a description.
    pub const USER: &'static [(Action, &'static str, &'static str)] = &[
        (
            Action::Down,
            "down",
            "next pair / article (next sentence in sentence mode)",
        ),
        (Action::Up, "up", "previous pair / article"),
        (Action::HalfPageDown, "half_page_down", "half a page down"),
        (Action::HalfPageUp, "half_page_up", "half a page up"),
        (Action::PageDown, "page_down", "a page down"),
        (Action::PageUp, "page_up", "a page up"),
        (Action::Top, "top", "first pair / article"),
        (Action::Bottom, "bottom", "last pair / article"),
        (Action::Open, "open", "open the selected article"),
        (Action::Back, "back", "back to the library, or quit"),
        (Action::Quit, "quit", "quit at once"),
        (
            Action::Suspend,
            "suspend",
            "suspend to the shell (`fg` comes back)",
        ),
        (Action::FocusNext, "focus_next", "switch pane focus"),
        (
            Action::CycleLayout,
            "cycle_layout",
            "layout: side by side, stacked, Korean, English",
        ),
        (Action::Narrower, "narrower", "left column narrower"),
        (Action::Wider, "wider", "left column wider"),
        (
            Action::SwapSides,
            "swap_sides",
            "swap Korean and English sides",
        ),
        (
            Action::SentenceMode,
            "sentence_mode",
            "sentence mode: highlight sentence pairs",
        ),
        (
            Action::PairWith,
            "pair_with",
            "pair with… (its translation, by hand)",
        ),
        (Action::SplitPair, "split_pair", "split a pair"),
        (
            Action::EntityHints,
            "entity_hints",
            "label the entities on screen; type a label to select one",
        ),
        (
            Action::NextMention,
            "next_mention",
            "next mention of the selected entity",
        ),
        (
            Action::PrevMention,
            "prev_mention",
            "previous mention of the selected entity",
        ),
        (
            Action::NextEntity,
            "next_entity",
            "next mention of any entity",
        ),
        (
            Action::PrevEntity,
            "prev_entity",
            "previous mention of any entity",
        ),
        (
            Action::EntityList,
            "entity_list",
            "the article's entities by type",
        ),
        (
            Action::EntityArticles,
            "entity_articles",
            "articles of the library that mention the selected entity",
        ),
        (Action::Find, "find", "find articles, names and text"),
        (
            Action::DeleteChar,
            "delete_char",
            "delete the character before the cursor",
        ),
        (
            Action::NextSource,
            "next_source",
            "finder: text, articles, entities",
        ),
        (
            Action::Bookmark,
            "bookmark",
            "bookmark this pair (type a note, Enter)",
        ),
        (Action::Bookmarks, "bookmarks", "bookmarks of the library"),
        (Action::ToggleRead, "toggle_read", "mark read / unread"),
        (
            Action::Sort,
            "sort",
            "sort: newest, oldest, outlet, unread first",
        ),
        (Action::UnreadOnly, "unread_only", "show unread only / all"),
        (
            Action::OutletFilter,
            "outlet_filter",
            "show one outlet (next each time) / all",
        ),
        (Action::Help, "help", "this help"),
    ];

    /// This action's row of [`Action::USER`], if it is user-facing.
    fn user_row(&self) -> Option<&'static (Action, &'static str, &'static str)> {
        Self::USER
            .iter()
            .find(|(a, _, _)| std::mem::discriminant(a) == std::mem::discriminant(self))
    }

    /// What the action does, as the help says it (empty for internal actions).
    pub fn description(&self) -> &'static str {
        self.user_row().map_or("", |(_, _, d)| *d)
    }

    /// The name of a user-facing action (as in the keymap and `config.toml`).
    pub fn name(&self) -> Option<&'static str> {
        self.user_row().map(|(_, n, _)| *n)
    }

    /// The user-facing action with this name.
    pub fn from_name(name: &str) -> Option<Action> {
        Self::USER
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, _, _)| a.clone())
    }

    /// Something the user did (a bound key, a typed character, the mouse): a transient status
    /// message lasts until the next one. Derived from the action, not a hand-kept list.
    pub fn is_input(&self) -> bool {
        self.name().is_some() || matches!(self, Action::Insert(_) | Action::Mouse(_))
    }
}
