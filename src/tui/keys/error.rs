//! What can be wrong with a key name or the user's `config.toml`: one line each, for the status
//! bar (the reader keeps its defaults and says why) or the error of `duet render --keys`.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("unknown key {0:?}")]
    UnknownKey(String),
    #[error("unknown action {name:?} in {table}")]
    UnknownAction { name: String, table: String },
    #[error("unknown mode [keys.{0}] (expected {modes})", modes = crate::tui::keys::mode::Mode::names())]
    UnknownMode(String),
    #[error("{0}: expected a list of keys, like [\"j\", \"down\"]")]
    NotAList(String),
    #[error("{0}: keys are strings, like \"ctrl-d\"")]
    NotAString(String),
    #[error("layout {0:?}: expected auto, side_by_side, stacked, korean or english")]
    UnknownLayout(String),
    #[error("theme: unknown colour {0:?}")]
    UnknownColour(String),
    /// The file is not valid TOML, or names a setting there is not (the parser's message).
    #[error("{0}")]
    Toml(String),
}
