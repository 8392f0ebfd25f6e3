//! The one `App` value and `update`, the only place state changes.
//!
//! `update(&mut App, Action) -> Effects`: a raw key is looked up in the keymap table of the
//! current [`Mode`] (the overlay's, else the focused pane's); the overlay on top, if any, takes
//! every action; otherwise the focused pane does. Jobs carry a generation (`generations`): a
//! result from an older one is dropped. `App`'s fields are private to `tui`: tests drive it with
//! actions and read it through the accessors.

use std::collections::HashMap;
use std::sync::Arc;

mod bookmark_keys;
mod entity_articles;
mod entity_keys;
mod finder;
mod job_done;
mod library_events;
mod library_keys;
mod library_pairs;
mod mouse;
mod open;
mod reader_keys;
mod shelf_keys;
mod update;

pub use update::update;

use crate::search::{Library, Memory};
use crate::tui::keys::config::Config;
use crate::tui::keys::key::Key;
use crate::tui::keys::mode::Mode;
use crate::tui::state::doc::{Doc, Wrapped};
use crate::tui::state::entries::{DocCache, Entries, EntryId};
use crate::tui::state::layout::{self, Geometry, Layout, LayoutInput};
use crate::tui::state::overlay::Overlay;
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
    pub(super) entries: Entries,
    pub(super) docs: DocCache,
    /// Entries parsed so far (ready or failed).
    pub(super) done: usize,
    pub(super) selected: usize,
    pub(super) browser_top: usize,
    pub(super) reader: Option<Reader>,
    /// The user's layout choice; `None` until they pick one (automatic).
    pub(super) layout: Option<Layout>,
    pub(super) ratio: u16,
    pub(super) swapped: bool,
    pub(super) pane: Pane,
    pub(super) overlay: Option<Overlay>,
    /// First key row shown in the help overlay (it scrolls when the keys outgrow the screen).
    pub(super) help_top: usize,
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
    pub(super) store: crate::tui::state::store::StoreState,
    /// Translation pairs across files (see `pairs.rs`).
    pub(super) pairs: crate::tui::state::pairs::Pairs,
    /// Every loaded article, for the finder (in load order), and the finder's library built
    /// from them (`None`: to rebuild, more have loaded).
    pub(super) finder_articles: Vec<(EntryId, crate::model::Article)>,
    pub(super) finder_library: Option<Arc<Library>>,
    /// How many articles `finder_library` holds, and whether a build job is running.
    pub(super) finder_built_for: usize,
    pub(super) finder_building: bool,
    /// The entities' reach across the loaded articles, built with `finder_library`.
    pub(super) finder_reach: Option<Arc<crate::library::entities::LoadedReach>>,
    /// The library the shown results index (a newer one may have arrived since).
    pub(super) finder_shown: Option<Arc<Library>>,
    pub(super) finder_memory: Memory,
    /// A finder hit being opened: the sentence to go to once its document is shown.
    /// (Its text, and how many sentences of its article before it read the same.)
    pub(super) pending_find: Option<(EntryId, String, usize)>,
    /// The open articles' entities and the selected one (see `hints.rs`).
    pub(super) entities: crate::tui::state::hints::Entities,
    /// The first keys of a key sequence (`]` of `]e`) and the mode they were typed in.
    pub(super) pending_keys: Option<(Mode, Vec<Key>)>,
}

impl App {
    pub fn new(config: Config, theme: Theme, width: u16, height: u16) -> App {
        let layout = config.layout;
        let mut app = App {
            config,
            theme,
            width,
            height,
            entries: Entries::default(),
            docs: DocCache::default(),
            done: 0,
            selected: 0,
            browser_top: 0,
            reader: None,
            layout,
            ratio: 50,
            swapped: false,
            pane: Pane::Library,
            overlay: None,
            help_top: 0,
            status: None,
            config_error: None,
            spinner: 0,
            geom: Geometry::default(),
            quit: false,
            open_first: false,
            generations: HashMap::new(),
            opening: None,
            store: Default::default(),
            pairs: crate::tui::state::pairs::Pairs::default(),
            finder_articles: Vec::new(),
            finder_library: None,
            finder_built_for: 0,
            finder_building: false,
            finder_reach: None,
            finder_shown: None,
            finder_memory: Memory::default(),
            pending_find: None,
            entities: crate::tui::state::hints::Entities::default(),
            pending_keys: None,
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
    pub fn entries(&self) -> &[crate::tui::state::entries::Entry] {
        self.entries.as_slice()
    }
    /// Rows of the library list (a translation pair is one row).
    pub fn rows(&self) -> usize {
        self.entries.rows()
    }
    /// The entry heading row `r`, and its English partner with the pair's score if it is a pair.
    pub fn row(
        &self,
        r: usize,
    ) -> Option<(
        &crate::tui::state::entries::Entry,
        Option<(&crate::tui::state::entries::Entry, f64)>,
    )> {
        let e = self.entries.row(r)?;
        Some((e, self.entries.partner(e.id())))
    }
    pub fn selected(&self) -> usize {
        self.selected
    }
    pub fn pane(&self) -> Pane {
        self.pane
    }
    /// First key row the help overlay shows.
    pub fn help_top(&self) -> usize {
        self.help_top
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
        self.done < self.entries.len()
    }
    pub fn store(&self) -> &crate::tui::state::store::StoreState {
        &self.store
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

    /// Lines one browser entry takes: one in a wide list (titles beside each other), two or
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
        self.geom.list.width >= 80
    }

    /// Recompute the geometry; re-wrap the open article if its columns changed; keep the
    /// reader's position and the selected entry in view.
    fn relayout(&mut self) {
        let bilingual = self.reader.as_ref().is_none_or(|r| r.doc.bilingual);
        self.geom = layout::compute(&LayoutInput {
            width: self.width,
            height: self.height,
            reader_open: self.reader.is_some(),
            browser_focused: self.pane == Pane::Library,
            many_articles: self.entries.len() > 1,
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

    fn ensure_selected_visible(&mut self) {
        if self.geom.browser.is_none() {
            return; // hidden: placed when it shows again
        }
        let h = usize::from(self.geom.list.height).max(1);
        if self.selected < self.browser_top {
            self.browser_top = self.selected;
        }
        // Lines from the top entry down to the selected one, kept as the top moves.
        let mut span: usize = (self.browser_top..=self.selected)
            .map(|i| self.entry_height(i))
            .sum();
        while self.browser_top < self.selected && span > h {
            span -= self.entry_height(self.browser_top);
            self.browser_top += 1;
        }
        // Use the room above when there is some (after a resize, or the pane reappearing).
        while self.browser_top > 0 && span + self.entry_height(self.browser_top - 1) <= h {
            self.browser_top -= 1;
            span += self.entry_height(self.browser_top);
        }
    }

    fn select(&mut self, i: isize) {
        if self.entries.rows() == 0 {
            return;
        }
        let last = self.entries.rows() as isize - 1;
        self.selected = i.clamp(0, last) as usize;
        self.ensure_selected_visible();
    }

    /// Open the entry at row `i`: from the cache, or by starting a job. A pair opens as the
    /// alignment of its two files.
    pub(super) fn next_generation(&mut self, kind: JobKind) -> u64 {
        let g = self.generations.entry(kind).or_insert(0);
        *g += 1;
        *g
    }

    fn page_entries(&self) -> isize {
        let lines = usize::from(self.geom.list.height).max(1);
        let per = if self.wide_list() { 1 } else { 2 };
        (lines / per).max(1) as isize
    }
}
