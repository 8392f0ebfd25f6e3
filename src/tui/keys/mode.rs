//! Modes: which keymap table a key is looked up in. The app's mode follows from its state (the
//! overlay on top, else the focused pane); see `App::mode`.

/// A keymap table. `Global` is not a mode the app is in: it is the fallback table of the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    Library,
    Reader,
    Help,
    /// The finder overlay's query field (a text mode).
    Finder,
    /// Entity labels over the mentions on screen (typed letters select one: a text mode).
    Labels,
    /// A new bookmark's note (a text mode).
    Note,
    /// The bookmarks overlay.
    Bookmarks,
    /// The picker of articles to pair the selected one with.
    Picker,
}

impl Mode {
    /// Every table, in the order `assets/keymap.toml` lists them.
    pub const ALL: [Mode; 9] = [
        Mode::Global,
        Mode::Library,
        Mode::Reader,
        Mode::Help,
        Mode::Finder,
        Mode::Labels,
        Mode::Note,
        Mode::Bookmarks,
        Mode::Picker,
    ];

    /// The table's name in `assets/keymap.toml` and under `[keys]` in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Library => "library",
            Mode::Reader => "reader",
            Mode::Help => "help",
            Mode::Finder => "finder",
            Mode::Labels => "labels",
            Mode::Note => "note",
            Mode::Bookmarks => "bookmarks",
            Mode::Picker => "picker",
        }
    }

    /// Every table's name, as an error message lists them (`global, …, help or picker`).
    pub fn names() -> String {
        let names: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
        match names.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// The table named `name` (`hints`, the name of `[labels]` before it was renamed, still
    /// reads, so an old `config.toml` keeps working).
    pub fn from_name(name: &str) -> Option<Mode> {
        match name {
            "hints" => Some(Mode::Labels),
            _ => Mode::ALL.into_iter().find(|m| m.name() == name),
        }
    }

    /// A text mode: a typed character that its table does not bind is inserted, not looked up
    /// in `[global]` (only keys with Ctrl/Alt and named keys fall through to it).
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Finder | Mode::Labels | Mode::Note)
    }
}
