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
//! The folders are the layers, from the data up to the drivers. Nothing in `state`, `keys` or
//! `work` sees `App`; `app` never touches a thread, a file or the terminal; `view` only reads;
//! `run` carries out what `update` asks. No module imports in a cycle (`tests/module_cycles.rs`
//! fails CI on one; `tools/modcycles.py src` prints the edges).
//!
//! - [`state`]: the data the app holds and its pure logic, none of which sees `App`: the open
//!   article ([`doc`](state::doc): offsets → rows; [`reading`](state::reading): the position is
//!   (passage, sentence), the scroll row follows), the geometry ([`layout`](state::layout)), the
//!   library list ([`library_list`](state::library_list), with its order and filters in
//!   [`library_filter`](state::library_filter)), the library on disk ([`disk`](state::disk)),
//!   translation pairs, entities ([`entities`](state::entities)), bookmarks, the finder, the
//!   cursor of every list on screen ([`list_cursor`](state::list_cursor)), and the one
//!   [`Overlay`](state::overlay::Overlay) on top of the panes.
//! - [`keys`]: a key and its notation, the [`Mode`](keys::mode::Mode) (which keymap table a key is
//!   looked up in: the overlay's, else the focused pane's, then `[global]`; a text mode inserts
//!   typed characters as [`Action::Insert`]; a binding may be a key sequence like `]e`), the
//!   keymap and the user's config.
//! - [`action`]: the one message type, what a key maps to and what `update` consumes; its
//!   registry writes each user-facing action once, with its name, its help line and its default
//!   keys.
//! - [`work`]: what `update` asks of the world ([`effects`](work::effects): redraw or not, and
//!   commands), background jobs as data ([`job`](work::job): results tagged with a generation,
//!   stale ones dropped; a failure is a typed [`JobError`](work::error::JobError), a panic
//!   included) and the owned threads that run them ([`worker`](work::worker)), loading articles,
//!   the pairing jobs, the library's threads ([`disk_worker`](work::disk_worker)).
//! - [`app`]: the `App` and `update`, the only place state changes: `update.rs` dispatches,
//!   `overlays.rs` hands an open overlay its keys, `job_done.rs` applies background results;
//!   one child per feature that changes state (`entity_keys.rs`, `bookmark_keys.rs`,
//!   `finder.rs`, `disk.rs`, `pairs.rs`, …).
//! - [`view`](mod@view): drawing, one file per pane or overlay, with the widgets in
//!   `view/widgets/` (the width-aware painter, the one modal box, the one list); [`theme`]:
//!   styles.
//! - [`run`]: the drivers: the terminal loop ([`runner`](run::runner)), entering and restoring the
//!   terminal, input and signal threads, and the headless driver (`duet render`, tests).

pub mod action;
pub mod app;
pub mod keys;
pub mod run;
pub mod state;
pub mod theme;
pub mod view;
pub mod work;

pub use action::Action;
pub use app::{App, update};
pub use view::view;
