//! The reader: one `App` state, one loop, views split by pane.
//!
//! The shape of the loop (Elm-style):
//!
//! ```text
//! input thread ─ Action::Key/Mouse/Resize ─┐
//! loader, jobs ─ Loaded/JobDone/WorkerFailed┼─▶ update(&mut App, Action) -> Effects ─▶ runner
//! signals, tick ────────────────────────────┘        │                   (redraw, Start job,
//!                                                    ▼                    Cancel, Suspend, Quit)
//!                                         view(&App, &mut Frame)
//! ```
//!
//! - **Modes** ([`mode`]): a raw key is looked up in `update` in the keymap table of the current
//!   mode (`App::mode`: the overlay's, else the focused pane's), then in `[global]`; a text mode
//!   (finder, hints) inserts typed characters ([`Action::Insert`]). A binding may be a key
//!   sequence (`]e`): its first keys wait in `App` and the status line lists what can follow.
//! - **Overlays** ([`overlay`]): one `Option<Overlay>` on top of the panes; each has its mode,
//!   its key handling and its view.
//! - **Effects** ([`effects`]): `update` returns redraw-or-not plus commands; the runner
//!   ([`runner`]) or the headless driver ([`headless`]) carries them out.
//! - **Jobs** ([`job`]: what to do and what came back; [`worker`]: owned threads, one per kind):
//!   results tagged with a generation (stale ones dropped), panics reported as a status line.
//! - **Entries** ([`entries`]): stable [`EntryId`](entries::EntryId)s, metadata in the list,
//!   documents in a small cache.
//! - **Positions** ([`reading`]): the reader is at (passage, sentence); the scroll row follows.
//! - **Offsets → rows** ([`doc`]): sentence byte ranges come from the aligner;
//!   `Wrapped::row_of` maps (passage, side, byte) to a row in every layout; the painter takes a
//!   list of highlight spans ([`view::highlight`]).
//!
//! **Features** (entities, bookmarks, the library on disk, the list's order, cross-file pairs)
//! come in two halves: their data and pure logic in a leaf module that never sees `App`
//! ([`hints`], [`bookmarks`], [`store`], [`shelf`], [`pairs`]; background threads that talk to
//! the library in [`store_worker`]), and the code that changes `App` in a child of [`app`]
//! (`app/entity_keys.rs`, `app/bookmark_keys.rs`, `app/library_events.rs`,
//! `app/shelf_keys.rs`). Jobs, actions and overlays name the leaves' types, so nothing below
//! `app` depends on it.
//!
//! Files: [`action`] the one message type; [`key`], [`keymap`], [`mode`], [`config`] input and
//! settings; [`app`] state and `update`; [`layout`] geometry; [`view`](mod@view) drawing, by pane;
//! [`theme`] styles; [`event`] input and signals; [`terminal`] enter/restore/suspend; [`loader`]
//! finding, parsing and aligning articles (run by [`worker::spawn_loader`]).
//!
//! Module dependencies have no cycle: `tests/module_cycles.rs` fails CI on one
//! (`tools/modcycles.py src` prints the edges).

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod cancel;
pub mod config;
pub mod doc;
pub mod effects;
pub mod entries;
pub mod event;
pub mod finder;
pub mod headless;
pub mod hints;
pub mod job;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod mode;
pub mod overlay;
pub mod pairs;
pub mod reading;
pub mod runner;
pub mod shelf;
pub mod store;
pub mod store_worker;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod worker;

pub use action::Action;
pub use app::{App, update};
pub use view::view;
