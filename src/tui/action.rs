//! The one message type: what a key maps to, and what `update` consumes.
//!
//! User-facing actions have names (`USER`; the keymap and `config.toml` use them) and clear the
//! status line; internal ones (raw keys, resize, mouse, worker results, tick) have none.

use std::path::PathBuf;

use crate::library::words::Status;
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
    /// The word popup on the word under the cursor.
    SelectWord,
    /// The popup's next / previous word of the pair.
    NextWord,
    PrevWord,
    /// The popup: to the words of the other language the selected word is aligned with.
    OtherSide,
    /// Set the selected word's lemma to this status.
    WordStatus(Status),
    /// Mark the Korean column's unknown words, or stop.
    MarkUnknown,
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
        (
            Action::SelectWord,
            "select_word",
            "word popup: lemma, English, senses, status",
        ),
        (
            Action::NextWord,
            "next_word",
            "word popup: next word of the pair",
        ),
        (
            Action::PrevWord,
            "prev_word",
            "word popup: previous word of the pair",
        ),
        (
            Action::OtherSide,
            "other_side",
            "word popup: the aligned word on the other side",
        ),
        (
            Action::WordStatus(Status::Learning(0)),
            "status_0",
            "word popup: status 0 (new)",
        ),
        (
            Action::WordStatus(Status::Learning(1)),
            "status_1",
            "word popup: status 1",
        ),
        (
            Action::WordStatus(Status::Learning(2)),
            "status_2",
            "word popup: status 2",
        ),
        (
            Action::WordStatus(Status::Learning(3)),
            "status_3",
            "word popup: status 3",
        ),
        (
            Action::WordStatus(Status::Learning(4)),
            "status_4",
            "word popup: status 4",
        ),
        (
            Action::WordStatus(Status::Learning(5)),
            "status_5",
            "word popup: status 5 (learnt)",
        ),
        (
            Action::WordStatus(Status::Known),
            "status_known",
            "word popup: known",
        ),
        (
            Action::WordStatus(Status::Ignored),
            "status_ignored",
            "word popup: ignored (a name, not a word to learn)",
        ),
        (
            Action::MarkUnknown,
            "mark_unknown",
            "mark unknown Korean words (on / off)",
        ),
        (Action::Help, "help", "this help"),
    ];

    /// This action's row of [`Action::USER`], if it is user-facing.
    fn user_row(&self) -> Option<&'static (Action, &'static str, &'static str)> {
        Self::USER.iter().find(|(a, _, _)| a.same_as(self))
    }

    /// The same user-facing action (a status key is one per status).
    fn same_as(&self, other: &Action) -> bool {
        match (self, other) {
            (Action::WordStatus(a), Action::WordStatus(b)) => a == b,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
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
