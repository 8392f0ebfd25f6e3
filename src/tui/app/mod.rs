//! The one `App` value and `update` (in `update.rs`), the only place state changes.
//!
//! `update(&mut App, Action) -> Effects`: a raw key is looked up in the keymap table of the
//! current [`Mode`] (the overlay's, else the focused pane's); the overlay on top, if any, takes
//! every action (`overlays.rs`); otherwise the focused pane does (`library_keys.rs`,
//! `reader_keys.rs`, `mouse.rs`). Background results come back in `job_done.rs` and `disk.rs`;
//! jobs carry a generation (`generations`): a result from an older one is dropped. One file per
//! feature that changes state: entities (`entity_keys.rs`, `entity_articles.rs`), bookmarks,
//! the finder, pairs, opening an entry (`open.rs`). `App`'s fields are private to `tui`: tests
//! drive it with actions and read it through the accessors.

use std::collections::HashMap;

mod bookmark_keys;
mod disk;
mod entity_articles;
mod entity_keys;
mod feed_keys;
mod finder;
mod job_done;
mod library_keys;
mod lists;
mod mouse;
mod open;
mod overlays;
mod pairs;
mod reader_keys;
mod update;
mod word_keys;

pub use update::update;

use crate::tui::keys::config::Config;
use crate::tui::keys::key::Key;
use crate::tui::keys::mode::Mode;
use crate::tui::state::disk::Disk;
use crate::tui::state::doc::{Doc, Wrapped};
use crate::tui::state::doc_cache::DocCache;
use crate::tui::state::entities::Entities;
use crate::tui::state::finder::Finder;
use crate::tui::state::layout::{self, Geometry, Layout, LayoutInput};
use crate::tui::state::library_filter::LibraryFilter;
use crate::tui::state::library_list::{Entry, EntryId, LibraryList};
use crate::tui::state::list_cursor::{ListCursor, Move};
use crate::tui::state::overlay::Overlay;
use crate::tui::state::pairs::Pairs;
use crate::tui::state::reading::{Position, Reader};
use crate::tui::theme::Theme;
use crate::tui::work::job::JobKind;

/// The pane that has the keyboard (when no overlay is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Library,
    Reader,
}

#[derive(Debug)]
pub struct App {
    /// Fixed for the session (the wrap cache relies on its ambiguous width not changing).
    pub(super) config: Config,
    pub(super) theme: Theme,
    pub(super) width: u16,
    pub(super) height: u16,
    /// The library list: every entry in the order shown (the library on disk: the rows around
    /// the cursor, read by query).
    pub(super) library: LibraryList,
    /// The library list's selected row and first row shown.
    pub(super) library_cursor: ListCursor,
    /// The library list's order and filters (and the entries they hide).
    pub(super) filter: LibraryFilter,
    pub(super) docs: DocCache,
    /// Entries parsed so far (ready or failed).
    pub(super) done: usize,
    pub(super) reader: Option<Reader>,
    /// The user's layout choice; `None` until they pick one (automatic).
    pub(super) layout: Option<Layout>,
    pub(super) ratio: u16,
    pub(super) swapped: bool,
    pub(super) pane: Pane,
    pub(super) overlay: Option<Overlay>,
    pub(super) status: Option<String>,
    /// A problem with the user's config: shown until they fix it.
    pub(super) config_error: Option<String>,
    pub(super) spinner: usize,
    pub(super) geom: Geometry,
    pub(super) quit: bool,
    /// One file was given: open it as soon as it is ready.
    pub(super) open_first: bool,
    /// The current generation of each kind of job; older results are stale.
    pub(super) generations: HashMap<JobKind, u64>,
    /// The entry being opened by a job (its document was not cached).
    pub(super) opening: Option<EntryId>,
    /// The library on disk, when the entries come from it.
    pub(super) disk: Disk,
    /// Translation pairs across files (see `state/pairs.rs`).
    pub(super) pairs: Pairs,
    /// The finder's articles, corpus and memory (see `state/finder.rs`).
    pub(super) finder: Finder,
    /// The open articles' entities and the selected one (see `state/entities.rs`).
    pub(super) entities: Entities,
    /// The subscriptions and the refresh under way (see `state/feeds.rs`).
    pub(super) feeds: crate::tui::state::feeds::Feeds,
    /// The first keys of a key sequence (`]` of `]e`) and the mode they were typed in.
    pub(super) pending_keys: Option<(Mode, Vec<Key>)>,
    /// The learner's words: the open article's, statuses, marking, known shares.
    pub(super) words: crate::tui::state::words::WordsState,
}

impl App {
    pub fn new(config: Config, theme: Theme, width: u16, height: u16) -> App {
        let layout = config.layout;
        let mut app = App {
            config,
            theme,
            width,
            height,
            library: LibraryList::default(),
            library_cursor: ListCursor::default(),
            filter: LibraryFilter::default(),
            docs: DocCache::default(),
            done: 0,
            reader: None,
            layout,
            ratio: 50,
            swapped: false,
            pane: Pane::Library,
            overlay: None,
            status: None,
            config_error: None,
            spinner: 0,
            geom: Geometry::default(),
            quit: false,
            open_first: false,
            generations: HashMap::new(),
            opening: None,
            disk: Disk::default(),
            pairs: Pairs::default(),
            finder: Finder::default(),
            entities: Entities::default(),
            feeds: Default::default(),
            pending_keys: None,
            words: Default::default(),
        };
        app.relayout();
        app
    }

    // Read access for views, tests and benches.

    pub fn config(&self) -> &Config {
        &self.config
    }
    pub fn theme(&self) -> &Theme {
        &self.theme
    }
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }
    pub fn geom(&self) -> &Geometry {
        &self.geom
    }
    pub fn entries(&self) -> &[Entry] {
        self.library.as_slice()
    }
    /// Rows of the library list (a translation pair is one row).
    pub fn rows(&self) -> usize {
        self.library.rows()
    }
    /// The entry heading row `r`, and its English partner with the pair's score if it is a pair.
    pub fn row(&self, r: usize) -> Option<(&Entry, Option<(&Entry, f64)>)> {
        let e = self.library.row(r)?;
        Some((e, self.library.partner(e.id())))
    }
    pub fn selected(&self) -> usize {
        self.library_cursor.selected
    }
    pub fn pane(&self) -> Pane {
        self.pane
    }
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
    pub fn config_error(&self) -> Option<&str> {
        self.config_error.as_deref()
    }
    pub fn is_quitting(&self) -> bool {
        self.quit
    }
    pub fn reader(&self) -> Option<&Reader> {
        self.reader.as_ref()
    }
    /// The reader's position: (passage, sentence).
    pub fn position(&self) -> Option<Position> {
        self.reader.as_ref().map(|r| r.at)
    }
    pub fn loading(&self) -> bool {
        self.done < self.library.len()
    }
    pub fn disk(&self) -> &Disk {
        &self.disk
    }
    /// The learner's words of the session.
    pub fn words(&self) -> &crate::tui::state::words::WordsState {
        &self.words
    }
    /// The open article's words, once built.
    pub fn article_words(&self) -> Option<&std::sync::Arc<crate::tui::state::words::ArticleWords>> {
        let r = self.reader.as_ref()?;
        self.words.of(r.entry, &r.doc)
    }
    pub fn feeds(&self) -> &crate::tui::state::feeds::Feeds {
        &self.feeds
    }
    pub fn open_doc(&self) -> Option<(&Reader, &Doc)> {
        let r = self.reader.as_ref()?;
        Some((r, &r.doc))
    }

    /// The first keys of a sequence typed so far (`]` of `]e`), while in the mode they were
    /// typed in.
    pub fn pending_keys(&self) -> Option<&[Key]> {
        match &self.pending_keys {
            Some((m, keys)) if *m == self.mode() => Some(keys),
            _ => None,
        }
    }

    /// The keymap table keys are looked up in now.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(o) => o.mode(),
            None => self.pane_mode(),
        }
    }

    /// The mode of the focused pane, under any overlay.
    pub fn pane_mode(&self) -> Mode {
        if self.pane == Pane::Reader && self.reader.is_some() {
            Mode::Reader
        } else {
            Mode::Library
        }
    }

    /// Lines one entry of the library list takes: one in a wide list (titles beside each other), two or
    /// three in a narrow one (English title under the Korean one).
    pub fn entry_height(&self, i: usize) -> usize {
        if self.wide_list() {
            return 1;
        }
        let Some((e, partner)) = self.row(i) else {
            return 1;
        };
        match e.meta() {
            Some(m) => 2 + usize::from(m.title_en.is_some() || partner.is_some()),
            None => 1,
        }
    }

    pub fn wide_list(&self) -> bool {
        self.geom.library_list.width >= 80
    }

    /// Recompute the geometry; re-wrap the open article if its columns changed; keep the
    /// reader's position and the selected entry in view.
    fn relayout(&mut self) {
        let bilingual = self.reader.as_ref().is_none_or(|r| r.doc.bilingual);
        self.geom = layout::compute(&LayoutInput {
            width: self.width,
            height: self.height,
            reader_open: self.reader.is_some(),
            library_focused: self.pane == Pane::Library,
            many_articles: self.library.len() > 1,
            bilingual,
            layout: self.layout,
            ratio: self.ratio,
        });
        let columns = self.geom.columns(self.swapped);
        let amb = self.config.ambiguous;
        let page = self.geom.page();
        if let Some(r) = self.reader.as_mut() {
            match columns {
                Some(cols) => {
                    // Keyed by columns only: the ambiguous width is fixed for the session.
                    if r.wrapped.as_ref().is_none_or(|w| w.columns != cols) {
                        let w = Wrapped::new(&r.doc, cols, amb);
                        r.rewrapped(w, page);
                    }
                }
                None => r.wrapped = None,
            }
            r.clamp(page);
        }
        self.ensure_selected_visible();
    }

    /// Keep the library list's selected entry in view (entries are one to three lines tall).
    /// The library on disk: the rows around it are read first (their heights depend on them).
    fn ensure_selected_visible(&mut self) {
        if self.geom.library.is_none() {
            return; // hidden: placed when it shows again
        }
        let room = usize::from(self.geom.library_list.height);
        let selected = self.library_cursor.selected;
        self.read_rows(selected.saturating_sub(room), selected + room + 1);
        let mut cursor = self.library_cursor;
        cursor.keep_visible(room, |i| self.entry_height(i));
        self.library_cursor = cursor;
        self.read_rows(cursor.top, cursor.top + room + 1);
    }

    /// Move the library list's selection.
    fn select(&mut self, m: Move) {
        if self.library.rows() == 0 {
            return;
        }
        self.library_cursor.step(m, self.library.rows());
        self.ensure_selected_visible();
    }

    pub(super) fn next_generation(&mut self, kind: JobKind) -> u64 {
        let g = self.generations.entry(kind).or_insert(0);
        *g += 1;
        *g
    }

    /// Entries a page of the library list holds (for the page keys).
    fn page_entries(&self) -> usize {
        let lines = usize::from(self.geom.library_list.height).max(1);
        let per = if self.wide_list() { 1 } else { 2 };
        (lines / per).max(1)
    }
}
