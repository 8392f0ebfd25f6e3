//! Input and settings: a key press and its notation ([`key`]), the modes (which keymap table a
//! key is looked up in, [`mode`]), the keymap itself ([`keymap`]), the user's `config.toml`
//! ([`config`]) and what can be wrong with them ([`error`]).

pub mod config;
pub mod error;
pub mod key;
pub mod keymap;
pub mod mode;
