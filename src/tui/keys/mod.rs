//! Input and settings: a key press and its notation, the modes (which keymap table a key is
//! looked up in), the keymap itself, and the user's `config.toml`.

pub mod config;
pub mod key;
pub mod keymap;
pub mod mode;
