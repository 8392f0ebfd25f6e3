//! The reader: one `App` state, one loop, views split by pane.
//!
//! - [`action`]: the one message type; [`keymap`]: keys → actions; [`config`]: user settings.
//! - [`app`]: the state and `update`, the only place it changes; [`layout`]: geometry.
//! - [`doc`]: an article as the reader shows it (segments, wrapped rows).
//! - [`view`](mod@view): drawing, by pane; [`theme`]: styles and symbols.
//! - [`runner`]: the loop; [`event`]: input and signals; [`terminal`]: enter/restore;
//!   [`loader`]: parsing and aligning on worker threads.
//! - [`headless`]: the same app on ratatui's `TestBackend` (`duet render`, tests, benches).

pub mod action;
pub mod app;
pub mod config;
pub mod doc;
pub mod event;
pub mod headless;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod runner;
pub mod terminal;
pub mod theme;
pub mod view;

pub use action::Action;
pub use app::{App, update};
pub use view::view;
