//! The one message type: what a key maps to, and what `update` consumes.
//!
//! The user-facing actions are written once, in the registry below: each with its name (the
//! keymap and `config.toml` use it), what it does (the help and the README say it) and its
//! default keys in each mode's table (the keymap is built from them; `assets/keymap.toml` is
//! generated from it, and a test keeps the file and the README's key table in step). They clear
//! the status line. The internal actions (raw keys, resize, mouse, worker results, tick) have
//! no name.

use std::path::PathBuf;

use crate::tui::keys::key::Key;
use crate::tui::keys::mode::Mode;
use crate::tui::state::disk::DiskEvent;
use crate::tui::state::doc::Doc;
use crate::tui::state::library_list::EntryId;
use crate::tui::work::error::JobError;
use crate::tui::work::job::JobDone;

/// One user-facing action as the registry writes it.
#[derive(Debug)]
pub struct UserAction {
    pub action: Action,
    /// Its name in the keymap and `config.toml`.
    pub name: &'static str,
    /// What it does, as the help says it.
    pub description: &'static str,
    /// Its default keys, by mode (a key, or a sequence such as `]e`).
    pub keys: &'static [(Mode, &'static [&'static str])],
}

/// The `Action` enum: the user-facing actions of the registry (`name "description" { Mode:
/// [keys] }`, in the order the help lists them), then the internal ones; and `Action::USER`.
macro_rules! actions {
    (
        user { $( $user:ident $name:literal $desc:literal
            { $( $mode:ident: [ $( $key:literal ),* ] ),* $(,)? } )* }
        internal { $( $(#[$doc:meta])* $internal:ident $( ( $( $field:ty ),* ) )? , )* }
    ) => {
        #[derive(Debug, Clone)]
        pub enum Action {
            $( $user, )*
            $( $(#[$doc])* $internal $( ( $( $field ),* ) )?, )*
        }

        impl Action {
            /// Every user-facing action, in the order the help shows them.
            pub const USER: &'static [UserAction] = &[ $( UserAction {
                action: Action::$user,
                name: $name,
                description: $desc,
                keys: &[ $( (Mode::$mode, &[ $( $key ),* ]) ),* ],
            }, )* ];
        }
    };
}

actions! {
    user {
        Down "down" "next pair / article (next sentence in sentence mode)" { Library: ["j", "down"], Reader: ["j", "down"], Help: ["j", "down"], Finder: ["down", "ctrl-n"], Bookmarks: ["j", "down"], Picker: ["j", "down"], Feeds: ["j", "down"] }
        Up "up" "previous pair / article" { Library: ["k", "up"], Reader: ["k", "up"], Help: ["k", "up"], Finder: ["up", "ctrl-p"], Bookmarks: ["k", "up"], Picker: ["k", "up"], Feeds: ["k", "up"] }
        HalfPageDown "half_page_down" "half a page down" { Library: ["ctrl-d"], Reader: ["ctrl-d"] }
        HalfPageUp "half_page_up" "half a page up" { Library: ["ctrl-u"], Reader: ["ctrl-u"] }
        PageDown "page_down" "a page down" { Library: ["pagedown", "space"], Reader: ["pagedown", "space"], Help: ["pagedown", "space"] }
        PageUp "page_up" "a page up" { Library: ["pageup"], Reader: ["pageup"], Help: ["pageup"] }
        Top "top" "first pair / article" { Library: ["g", "home"], Reader: ["g", "home"], Bookmarks: ["g", "home"] }
        Bottom "bottom" "last pair / article" { Library: ["G", "end"], Reader: ["G", "end"], Bookmarks: ["G", "end"] }
        Open "open" "open the selected article" { Library: ["enter"], Finder: ["enter"], Note: ["enter"], Bookmarks: ["enter"], Picker: ["enter"], Feeds: ["enter"] }
        Back "back" "back to the library, or quit" { Library: ["q", "esc"], Reader: ["q", "esc"], Help: ["esc", "q"], Finder: ["esc"], Labels: ["esc"], Note: ["esc"], Bookmarks: ["esc", "q"], Picker: ["esc", "q"], Word: ["esc", "q"], Feeds: ["esc", "q"] }
        Quit "quit" "quit at once" { Global: ["ctrl-c"] }
        Suspend "suspend" "suspend to the shell (`fg` comes back)" { Global: ["ctrl-z"] }
        FocusNext "focus_next" "switch pane focus" { Library: ["tab"], Reader: ["tab"] }
        CycleLayout "cycle_layout" "layout: side by side, stacked, Korean, English" { Library: ["v"], Reader: ["v"] }
        Narrower "narrower" "left column narrower" { Library: ["<"], Reader: ["<"] }
        Wider "wider" "left column wider" { Library: [">"], Reader: [">"] }
        SwapSides "swap_sides" "swap Korean and English sides" { Library: ["x"], Reader: ["x"] }
        SentenceMode "sentence_mode" "sentence mode: highlight sentence pairs" { Reader: ["s"] }
        PairWith "pair_with" "pair with… (its translation, by hand)" { Library: ["p"] }
        SplitPair "split_pair" "split a pair" { Library: ["P"] }
        EntityLabels "entity_labels" "label the entities on screen; type a label to select one" { Reader: ["f"] }
        NextMention "next_mention" "next mention of the selected entity" { Reader: ["n"] }
        PrevMention "prev_mention" "previous mention of the selected entity" { Reader: ["N"] }
        NextEntity "next_entity" "next mention of any entity" { Reader: ["]e"] }
        PrevEntity "prev_entity" "previous mention of any entity" { Reader: ["[e"] }
        EntityList "entity_list" "the article's entities by type" { Reader: ["E"] }
        EntityArticles "entity_articles" "articles of the library that mention the selected entity" { Reader: ["A"] }
        Find "find" "find articles, names and text" { Library: ["/", "ctrl-p"], Reader: ["/", "ctrl-p"] }
        DeleteChar "delete_char" "delete the character before the cursor" { Finder: ["backspace"], Note: ["backspace"] }
        ClearQuery "clear_query" "clear the finder's query" { Finder: ["ctrl-u"] }
        NextSource "next_source" "finder: text, articles, entities" { Finder: ["tab"] }
        Bookmark "bookmark" "bookmark this pair (type a note, Enter)" { Reader: ["b"] }
        Bookmarks "bookmarks" "bookmarks of the library" { Library: ["B"], Reader: ["B"], Bookmarks: ["B"] }
        ToggleRead "toggle_read" "mark read / unread" { Library: ["m"] }
        Sort "sort" "sort: newest, oldest, outlet, unread first" { Library: ["o"] }
        UnreadOnly "unread_only" "show unread only / all" { Library: ["u"] }
        OutletFilter "outlet_filter" "show one outlet (next each time) / all" { Library: ["O"] }
        SelectWord "select_word" "word popup: lemma, English, senses, status" { Reader: ["w"] }
        NextWord "next_word" "word popup: next word of the pair" { Word: ["l", "w", "right"] }
        PrevWord "prev_word" "word popup: previous word of the pair" { Word: ["h", "b", "left"] }
        OtherSide "other_side" "word popup: the aligned word on the other side" { Word: ["tab"] }
        Status0 "status_0" "word popup: status 0 (new)" { Word: ["0"] }
        Status1 "status_1" "word popup: status 1" { Word: ["1"] }
        Status2 "status_2" "word popup: status 2" { Word: ["2"] }
        Status3 "status_3" "word popup: status 3" { Word: ["3"] }
        Status4 "status_4" "word popup: status 4" { Word: ["4"] }
        Status5 "status_5" "word popup: status 5 (learnt)" { Word: ["5"] }
        StatusKnown "status_known" "word popup: known" { Word: ["K"] }
        StatusIgnored "status_ignored" "word popup: ignored (a name, not a word to learn)" { Word: ["I"] }
        MarkUnknown "mark_unknown" "mark unknown Korean words (on / off)" { Reader: ["u"], Word: ["u"] }
        RefreshFeeds "refresh_feeds" "refresh the feeds in the background" { Library: ["R"], Feeds: ["R"] }
        FeedList "feed_list" "the feeds and their errors; Enter shows one feed" { Library: ["F"], Feeds: ["F"] }
        Help "help" "this help" { Global: ["?"], Help: ["?"] }
    }
    internal {
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
        Loaded(EntryId, Box<Result<Doc, JobError>>),
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
        Disk(DiskEvent),
        /// The feed worker: the subscriptions, a refresh's progress.
        Feeds(crate::tui::state::feeds::FeedEvent),
    }
}

/// A mouse event reduced to what the reader handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseAction {
    ScrollDown { column: u16, row: u16 },
    ScrollUp { column: u16, row: u16 },
    Click { column: u16, row: u16 },
}

/// Names an action went by before it was renamed (an old `config.toml` keeps working).
const OLD_NAMES: [(&str, &str); 1] = [("entity_hints", "entity_labels")];

impl Action {
    /// This action's row of the registry, if it is user-facing.
    pub fn user(&self) -> Option<&'static UserAction> {
        Self::USER
            .iter()
            .find(|u| std::mem::discriminant(&u.action) == std::mem::discriminant(self))
    }

    /// The word status a status key of the word popup sets.
    pub fn word_status(&self) -> Option<crate::library::words::Status> {
        use crate::library::words::Status;
        Some(match self {
            Action::Status0 => Status::Learning(0),
            Action::Status1 => Status::Learning(1),
            Action::Status2 => Status::Learning(2),
            Action::Status3 => Status::Learning(3),
            Action::Status4 => Status::Learning(4),
            Action::Status5 => Status::Learning(5),
            Action::StatusKnown => Status::Known,
            Action::StatusIgnored => Status::Ignored,
            _ => return None,
        })
    }

    /// What the action does, as the help says it (empty for internal actions).
    pub fn description(&self) -> &'static str {
        self.user().map_or("", |u| u.description)
    }

    /// The name of a user-facing action (as in the keymap and `config.toml`).
    pub fn name(&self) -> Option<&'static str> {
        self.user().map(|u| u.name)
    }

    /// The user-facing action with this name (or a name it had before).
    pub fn from_name(name: &str) -> Option<Action> {
        let name = OLD_NAMES
            .iter()
            .find(|(old, _)| *old == name)
            .map_or(name, |(_, new)| new);
        Self::USER
            .iter()
            .find(|u| u.name == name)
            .map(|u| u.action.clone())
    }

    /// Something the user did (a bound key, a typed character, the mouse): a transient status
    /// message lasts until the next one. Derived from the action, not a hand-kept list.
    pub fn is_input(&self) -> bool {
        self.name().is_some() || matches!(self, Action::Insert(_) | Action::Mouse(_))
    }
}
