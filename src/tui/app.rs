//! The one `App` value and `update`, the only place state changes.
//!
//! `update(&mut App, Action) -> Effects`: a raw key is looked up in the keymap table of the
//! current [`Mode`] (the overlay's, else the focused pane's); the overlay on top, if any, takes
//! every action; otherwise the focused pane does. Jobs carry a generation (`generations`): a
//! result from an older one is dropped. `App`'s fields are private to `tui`: tests drive it with
//! actions and read it through the accessors.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::Position as Point;

mod bookmark_keys;
mod entity_articles;
mod entity_keys;
mod library_events;
mod library_pairs;
mod shelf_keys;

use super::action::{Action, MouseAction};
use super::config::Config;
use super::doc::{Doc, Wrapped};
use super::effects::{Command, Effects};
use super::entries::{DocCache, Entries, EntryId, EntryMeta, EntryState};
use super::finder::FinderState;
use super::job::{Job, JobKind, JobOutput};
use super::key::Key;
use super::keymap::Lookup;
use super::layout::{self, Geometry, Layout, LayoutInput};
use super::mode::Mode;
use super::overlay::Overlay;
use super::reading::{Position, Reader};
use super::theme::Theme;
use crate::search::{Hit, Item, Library, Memory, Source};

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
    pub(super) store: super::store::StoreState,
    /// Translation pairs across files (see `pairs.rs`).
    pub(super) pairs: super::pairs::Pairs,
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
    pub(super) entities: super::hints::Entities,
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
            pairs: super::pairs::Pairs::default(),
            finder_articles: Vec::new(),
            finder_library: None,
            finder_built_for: 0,
            finder_building: false,
            finder_reach: None,
            finder_shown: None,
            finder_memory: Memory::default(),
            pending_find: None,
            entities: super::hints::Entities::default(),
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
    pub fn entries(&self) -> &[super::entries::Entry] {
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
        &super::entries::Entry,
        Option<(&super::entries::Entry, f64)>,
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
    pub fn store(&self) -> &super::store::StoreState {
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
    pub(super) fn open(&mut self, i: usize) -> Effects {
        let Some(entry) = self.entries.row(i) else {
            return Effects::none();
        };
        let id = entry.id();
        let ko_path = entry.path().to_path_buf();
        if let Some((partner, _)) = self.entries.partner(id) {
            let (en, en_path) = (partner.id(), partner.path().to_path_buf());
            let key = super::pairs::pair_key(id, en);
            if let Some(doc) = self.docs.get(key) {
                self.show(id, doc);
                return Effects::redraw();
            }
            let generation = self.next_generation(JobKind::Open);
            self.opening = Some(id);
            self.selected = i;
            self.status = Some("opening the pair…".into());
            let job = library_pairs::open_job(self, (id, ko_path), (en, en_path));
            return Effects::redraw().with(Command::Start { generation, job });
        }
        let path = entry.path().to_path_buf();
        match entry.state().clone() {
            EntryState::Ready(_) => match self.docs.get(id) {
                Some(doc) => self.show(id, doc),
                None => {
                    let generation = self.next_generation(JobKind::Open);
                    self.opening = Some(id);
                    self.selected = i;
                    self.status = Some("opening…".into());
                    let job = library_events::open_job(self, id, path);
                    return Effects::redraw().with(Command::Start { generation, job });
                }
            },
            EntryState::Pending => self.status = Some("still loading this one…".into()),
            EntryState::Failed(e) => self.status = Some(e),
        }
        Effects::redraw()
    }

    /// Show a document in the reader.
    fn show(&mut self, id: EntryId, doc: Arc<Doc>) {
        let Some(i) = self.entries.row_of(id) else {
            return;
        };
        if let Some(e) = self.entries.by_id_mut(id) {
            e.read = true;
        }
        let partner = self.entries.partner(id).map(|(p, _)| p.id());
        if let Some(e) = partner.and_then(|p| self.entries.by_id_mut(p)) {
            e.read = true;
        }
        self.opening = None;
        self.reader = Some(Reader::new(id, doc));
        self.pane = Pane::Reader;
        self.selected = i;
        self.relayout();
        if let Some(r) = self.reader.as_mut() {
            r.at.passage = r.first_shown();
        }
        library_events::restore(self, id);
        if let Some((want, text, nth)) = self.pending_find.take()
            && want == id
            && let Some(r) = self.reader.as_mut()
            && let Some(at) = r
                .doc
                .sentence_position(&text, nth)
                .map(|(passage, sentence)| Position { passage, sentence })
                .or_else(|| locate(&r.doc, &text))
        {
            r.go_to(at, self.geom.page());
        }
        self.select_pending_entity();
    }

    /// The finder's item for a hit, and a short name of its article (for the result list).
    pub fn finder_item(&self, hit: &Hit) -> Option<(String, &Item)> {
        let lib = self
            .finder_shown
            .as_ref()
            .or(self.finder_library.as_ref())?;
        let source = match &self.overlay {
            Some(Overlay::Finder(s)) => s.effective().0,
            _ => Source::Text,
        };
        let item = lib.items(source).get(hit.item as usize)?;
        let doc = lib.docs.get(item.doc as usize)?;
        let date = doc
            .date
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d))
            .unwrap_or("");
        let title: String = doc.title.chars().take(24).collect();
        Some((format!("{date} {title}").trim().to_string(), item))
    }

    /// Which of the same-reading sentences of its article a text hit is (0 for other items).
    fn finder_nth(&self, hit: &Hit, item: &Item) -> usize {
        match (&self.finder_library, item.sentence) {
            (Some(lib), Some(_)) => lib
                .items(Source::Text)
                .get(..hit.item as usize)
                .unwrap_or_default()
                .iter()
                .filter(|it| it.doc == item.doc && it.sentence.is_some() && it.text == item.text)
                .count(),
            _ => 0,
        }
    }

    /// The finder's preview of a hit: for a sentence, the sentence paired with it in the other
    /// language (through the aligner, when its document is at hand); for a name, the name in the
    /// other language.
    pub fn finder_preview(&self, hit: &Hit) -> Option<String> {
        let (_, item) = self.finder_item(hit)?;
        let hangul = |t: &str| t.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
        if item.sentence.is_none() && !item.alts.is_empty() {
            // The name shown is the one that matched (`hit.text`): preview one in the other script.
            let ko = hangul(&hit.text);
            return std::iter::once(&item.text)
                .chain(&item.alts)
                .find(|a| hangul(a) != ko)
                .cloned();
        }
        let &(id, _) = self.finder_articles.get(item.doc as usize)?;
        let doc = match &self.reader {
            Some(r) if r.entry == id => &r.doc,
            _ => self.docs.peek(id)?,
        };
        let (passage, bead) = doc.sentence_position(&item.text, self.finder_nth(hit, item))?;
        let p = doc.passages.get(passage)?;
        let (ko, en) = p.beads.get(bead?)?;
        let (other, ranges) = if hangul(&item.text) {
            (p.en.as_deref()?, en)
        } else {
            (p.ko.as_deref()?, ko)
        };
        let parts: Vec<&str> = ranges.iter().filter_map(|r| other.get(r.clone())).collect();
        let text = parts.join(" ");
        (!text.trim().is_empty()).then_some(text)
    }

    /// Build the finder's library on a worker if articles loaded since it was (one build at a
    /// time; a build that finishes short of the articles loaded meanwhile starts another).
    fn finder_build(&mut self) -> Effects {
        let stale =
            self.finder_library.is_none() || self.finder_built_for < self.finder_articles.len();
        if !stale || self.finder_building || self.finder_articles.is_empty() {
            return Effects::none();
        }
        self.finder_building = true;
        let articles = self
            .finder_articles
            .iter()
            .map(|(_, a)| a.clone())
            .collect();
        let generation = self.next_generation(JobKind::FinderLibrary);
        Effects::none().with(Command::Start {
            generation,
            job: Job::FinderLibrary(articles),
        })
    }

    /// Search again for the finder's query, on a worker: a new query cancels the running one
    /// (and its result, if it comes, is stale); the results are shown when they arrive. With
    /// no library yet, the search starts when it is built.
    fn finder_search(&mut self, state: &mut FinderState) -> Effects {
        let (source, query) = state.effective();
        let generation = self.next_generation(JobKind::Find);
        if query.trim().is_empty() {
            state.results = Default::default();
            state.selected = 0;
            return Effects::none().with(Command::Cancel(JobKind::Find));
        }
        let Some(library) = self.finder_library.clone() else {
            return self.finder_build();
        };
        Effects::none().with(Command::Start {
            generation,
            job: Job::Find {
                library,
                source,
                query: query.to_string(),
                memory: self.finder_memory.clone(),
            },
        })
    }

    /// Show the current pairs in the library, keeping the selected entry selected.
    pub(super) fn apply_pairs(&mut self) {
        let keep = self.entries.row(self.selected).map(|e| e.id());
        self.entries.set_pairs(&self.pairs.effective());
        if let Some(r) = keep.and_then(|id| self.entries.row_of(id)) {
            self.selected = r;
        }
        let rows = self.entries.rows();
        self.selected = self.selected.min(rows.saturating_sub(1));
        self.browser_top = self.browser_top.min(self.selected);
    }

    /// `p`: open the picker of entries to pair the selected one with.
    fn pick_partner(&mut self) {
        let Some(e) = self.entries.row(self.selected) else {
            return;
        };
        let id = e.id();
        if self.pairs.side(id).is_none() {
            self.status = Some("only a Korean or an English article can be paired".into());
            return;
        }
        if !self.pairs.ready() {
            self.status = Some(if self.loading() {
                "still loading the library…".into()
            } else {
                "no article in the other language to pair with".into()
            });
            return;
        }
        let current = self.entries.partner(id).map(|(p, _)| p.id());
        let items: Vec<(EntryId, String)> = self
            .pairs
            .candidates(id, 9)
            .into_iter()
            .filter(|(c, _)| Some(*c) != current)
            .map(|(c, s)| (c, format!("{s:.2}")))
            .collect();
        if items.is_empty() {
            self.status = Some("no candidates to pair with".into());
            return;
        }
        self.overlay = Some(Overlay::Picker {
            id,
            items,
            selected: 0,
        });
    }

    /// Pair two entries by hand (from the picker).
    pub(super) fn pair_entries(&mut self, a: EntryId, b: EntryId) -> Effects {
        match self.pairs.pair(a, b) {
            Some(pair) => {
                self.apply_pairs();
                self.status = Some("paired".into());
                library_pairs::save(self, pair, true)
            }
            None => {
                self.status = Some("a pair is one Korean and one English article".into());
                Effects::none()
            }
        }
    }

    /// `P`: split the selected pair.
    fn split_selected(&mut self) -> Effects {
        let Some(e) = self.entries.row(self.selected) else {
            return Effects::none();
        };
        let id = e.id();
        match self.entries.partner(id).map(|(p, _)| p.id()) {
            Some(en) => {
                self.pairs.unpair(id, en);
                self.apply_pairs();
                self.status = Some("pair split".into());
                library_pairs::save(self, (id, en), false)
            }
            None => {
                self.status = Some("not a pair".into());
                Effects::none()
            }
        }
    }

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

/// Apply one action. Returns what to redraw and what the runner should do.
pub fn update(app: &mut App, action: Action) -> Effects {
    if action.is_input() {
        // A transient message lasts until the next key or click.
        app.status = None;
    }
    let mut fx = Effects::redraw();
    match action {
        Action::Key(key) => {
            let mode = app.mode();
            let before = match app.pending_keys.take() {
                Some((m, keys)) if m == mode => keys,
                _ => Vec::new(),
            };
            if !before.is_empty() && key.code == crossterm::event::KeyCode::Esc {
                return Effects::redraw();
            }
            return match app.config.keymap.lookup(mode, &before, key) {
                Lookup::Action(a) => update(app, a),
                Lookup::Pending(keys) => {
                    app.pending_keys = Some((mode, keys));
                    Effects::redraw()
                }
                Lookup::Unbound if before.is_empty() => Effects::none(),
                Lookup::Unbound => Effects::redraw(),
            };
        }
        Action::Tick => {
            if app.loading() {
                app.spinner = app.spinner.wrapping_add(1);
                return Effects::redraw();
            }
            return Effects::none();
        }
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
        }
        Action::Discovered(paths) => {
            let single = app.entries.is_empty() && paths.len() == 1;
            for p in paths {
                app.entries.push(p);
            }
            app.open_first |= single;
            if app.entries.is_empty() && app.status.is_none() {
                app.status = Some("no articles found".into());
            }
        }
        Action::DiscoverFailed(msg) | Action::WorkerFailed(msg) => app.status = Some(msg),
        Action::ConfigError(msg) => app.config_error = Some(msg),
        Action::InputFailed(msg) => {
            app.quit = true;
            return Effects::none().with(Command::Abort(msg));
        }
        Action::Loaded(id, result) => {
            loaded(app, id, *result);
            if !app.loading()
                && let Some(items) = app.pairs.job_items()
            {
                let generation = app.next_generation(JobKind::Pairs);
                fx = fx.with(Command::Start {
                    generation,
                    job: Job::Pairs(items),
                });
            }
        }
        Action::Store(event) => fx = library_events::handle(app, event),
        Action::JobDone(done) => {
            if app.generations.get(&done.kind) != Some(&done.generation) {
                return Effects::none(); // stale: a newer job of this kind was started
            }
            match done.output {
                JobOutput::Doc { id, doc } => match doc {
                    Ok(doc) => {
                        let doc = Arc::new(*doc);
                        let pinned = app.entries.by_id(id).is_some_and(|e| e.is_stdin());
                        app.docs.insert(id, Arc::clone(&doc), pinned);
                        if app.opening == Some(id) {
                            app.show(id, doc);
                        }
                    }
                    Err(e) => {
                        app.opening = None;
                        app.status = Some(e);
                    }
                },
                JobOutput::PairDoc { ko, en, doc } => match doc {
                    Ok(doc) => {
                        let doc = Arc::new(*doc);
                        app.docs
                            .insert(super::pairs::pair_key(ko, en), Arc::clone(&doc), false);
                        if app.opening == Some(ko) {
                            app.show(ko, doc);
                            app.status = None;
                        }
                    }
                    Err(e) => {
                        app.opening = None;
                        app.status = Some(e);
                    }
                },
                JobOutput::Pairs(found) => {
                    app.pairs.set_found(*found);
                    app.apply_pairs();
                }
                JobOutput::LibraryPairs(result) => library_pairs::found(app, result),
                JobOutput::Entities { id, doc, ents } => app.entities_built(id, doc, *ents),
                JobOutput::EntityReach { key, reach } => app.reach_found(key, reach),
                JobOutput::FinderLibrary(library, built_for, reach) => {
                    app.finder_building = false;
                    app.finder_reach = Some(reach);
                    app.reach_rebuilt();
                    app.finder_library = Some(library);
                    app.finder_built_for = built_for;
                    app.finder_memory = Memory::default();
                    fx.merge(app.finder_build());
                    if let Some(Overlay::Finder(state)) = app.overlay.as_mut() {
                        let mut state = state.as_ref().clone();
                        fx.merge(app.finder_search(&mut state));
                        app.overlay = Some(Overlay::Finder(Box::new(state)));
                    }
                }
                JobOutput::Found {
                    library,
                    results,
                    memory,
                } => {
                    if app
                        .finder_library
                        .as_ref()
                        .is_some_and(|l| Arc::ptr_eq(l, &library))
                    {
                        app.finder_memory = memory;
                    }
                    if let Some(Overlay::Finder(state)) = app.overlay.as_mut() {
                        state.results = results;
                        state.selected = 0;
                        app.finder_shown = Some(library);
                    }
                }
            }
        }
        Action::Quit => {
            app.quit = true;
            return Effects::none().with(Command::Quit);
        }
        Action::Suspend => return Effects::redraw().with(Command::Suspend),
        _ if app.overlay.is_some() => {
            if let Some(o) = app.overlay.clone() {
                fx = overlay_action(app, &o, action);
            }
        }
        Action::Help => {
            app.help_top = 0;
            app.overlay = Some(Overlay::Help);
        }
        Action::Find => {
            app.overlay = Some(Overlay::Finder(Box::default()));
            fx.merge(app.finder_build());
        }
        Action::Bookmark => fx = bookmark_keys::start_note(app),
        Action::Bookmarks => fx = bookmark_keys::open_list(app),
        Action::ToggleRead | Action::Sort | Action::UnreadOnly | Action::OutletFilter => {
            fx = shelf_keys::handle(app, action)
        }
        // No text field outside a text overlay.
        Action::Insert(_) => return Effects::none(),
        Action::Mouse(m) => fx = mouse(app, m),
        Action::FocusNext => {
            app.pane = match app.pane {
                Pane::Library if app.reader.is_some() => Pane::Reader,
                Pane::Reader if app.entries.len() > 1 => Pane::Library,
                same => same,
            };
        }
        // Esc first drops the selected entity, then leaves.
        Action::Back if app.pane == Pane::Reader && app.entities.selected.is_some() => {
            app.entities.selected = None;
        }
        Action::Back => match app.pane {
            Pane::Reader if app.entries.len() > 1 => {
                app.reader = None;
                app.pane = Pane::Library;
            }
            _ => {
                app.quit = true;
                return Effects::none().with(Command::Quit);
            }
        },
        other => match app.pane {
            Pane::Library => fx = library_action(app, other),
            Pane::Reader => reader_action(app, other),
        },
    }
    app.relayout();
    fx.merge(app.request_entities());
    fx.merge(app.request_reach());
    fx.merge(library_events::track(app));
    fx
}

/// An action while an overlay is open: the overlay takes it (it is modal).
fn overlay_action(app: &mut App, overlay: &Overlay, action: Action) -> Effects {
    // j/k in the picker-style lists: one move for all of them.
    if let Some((selected, len)) = overlay.list() {
        let to = match action {
            Action::Down => Some((selected + 1).min(len.saturating_sub(1))),
            Action::Up => Some(selected.saturating_sub(1)),
            _ => None,
        };
        if let Some(to) = to {
            if let Some(o) = app.overlay.as_mut() {
                o.select(to);
            }
            return Effects::redraw();
        }
    }
    match overlay {
        Overlay::Help => {
            let page = usize::from(app.height).saturating_sub(6).max(1);
            let last = app.config.keymap.help_rows().len().saturating_sub(1);
            let top = app.help_top;
            app.help_top = match action {
                Action::Help | Action::Back => {
                    app.overlay = None;
                    0
                }
                Action::Down => top + 1,
                Action::Up => top.saturating_sub(1),
                Action::PageDown => top + page,
                Action::PageUp => top.saturating_sub(page),
                _ => return Effects::none(),
            }
            .min(last);
            Effects::redraw()
        }
        Overlay::Note(note) => bookmark_keys::handle_note(app, note, action),
        Overlay::Bookmarks(sel) => bookmark_keys::handle_list(app, *sel, action),
        Overlay::Picker {
            id,
            items,
            selected,
        } => {
            match action {
                Action::Open => {
                    app.overlay = None;
                    if let Some(&(other, _)) = items.get(*selected) {
                        let mut fx = Effects::redraw();
                        fx.merge(app.pair_entries(*id, other));
                        return fx;
                    }
                }
                Action::Back => app.overlay = None,
                _ => return Effects::none(),
            }
            Effects::redraw()
        }
        Overlay::Finder(state) => {
            let mut state = state.as_ref().clone();
            let mut fx = Effects::redraw();
            match action {
                Action::Back => {
                    app.overlay = None;
                    return Effects::redraw();
                }
                Action::Insert(c) => {
                    state.query.push(c);
                    fx.merge(app.finder_search(&mut state));
                }
                Action::DeleteChar => {
                    state.query.pop();
                    fx.merge(app.finder_search(&mut state));
                }
                Action::NextSource => {
                    state.next_source();
                    app.finder_memory = Memory::default();
                    fx.merge(app.finder_search(&mut state));
                }
                Action::Down => {
                    state.selected =
                        (state.selected + 1).min(state.results.hits.len().saturating_sub(1));
                }
                Action::Up => state.selected = state.selected.saturating_sub(1),
                Action::Open => return open_hit(app, &state),
                _ => return Effects::none(),
            }
            app.overlay = Some(Overlay::Finder(Box::new(state)));
            fx
        }
        Overlay::Hints { hints, typed } => {
            match action {
                Action::Insert(c) => app.hint_typed(hints, typed, c),
                Action::Back => app.overlay = None,
                _ => return Effects::none(),
            }
            Effects::redraw()
        }
        Overlay::EntityArticles {
            items, selected, ..
        } => {
            match action {
                Action::Open => {
                    app.overlay = None;
                    if let Some(item) = items.get(*selected) {
                        return app.open_reach_item(item);
                    }
                }
                Action::Back | Action::EntityArticles => app.overlay = None,
                _ => return Effects::none(),
            }
            Effects::redraw()
        }
        Overlay::Entities { items, selected } => {
            match action {
                Action::Open => {
                    app.overlay = None;
                    if let Some(&(id, _)) = items.get(*selected) {
                        app.select_entity(id);
                    }
                }
                Action::Back => app.overlay = None,
                _ => return Effects::none(),
            }
            Effects::redraw()
        }
    }
}

/// Open the article of the selected finder hit at its sentence (sentence mode on, so the
/// sentence pair is highlighted on both sides).
fn open_hit(app: &mut App, state: &FinderState) -> Effects {
    let Some(hit) = state.results.hits.get(state.selected) else {
        return Effects::none();
    };
    let Some((_, item)) = app.finder_item(hit) else {
        return Effects::none();
    };
    let (doc, text) = (item.doc as usize, item.text.clone());
    // A sentence repeated in its article: which of the same-reading ones this is.
    let nth = app.finder_nth(hit, item);
    let Some(&(id, _)) = app.finder_articles.get(doc) else {
        return Effects::none();
    };
    let Some(i) = app.entries.position(id) else {
        return Effects::none();
    };
    app.overlay = None;
    app.pending_find = Some((id, text, nth));
    let fx = app.open(i);
    app.relayout();
    fx
}

/// For what the aligner has no sentence of (an entity's name, an unpaired block): the passage
/// and sentence bead of a document that hold this text, if any: the first bead whose sentence on either side contains it or is contained in it.
fn locate(doc: &Doc, text: &str) -> Option<Position> {
    use super::layout::Side;
    for (k, p) in doc.passages.iter().enumerate() {
        for (side, ranges) in [(Side::Ko, 0), (Side::En, 1)] {
            let Some(body) = p.text(side) else { continue };
            let Some(at) = body.find(text) else { continue };
            let bead = p.beads.iter().position(|b| {
                let rs = if ranges == 0 { &b.0 } else { &b.1 };
                rs.iter()
                    .any(|r| r.start <= at && at < r.end.max(r.start + 1))
            });
            return Some(Position {
                passage: k,
                sentence: bead.or(if p.beads.is_empty() { None } else { Some(0) }),
            });
        }
    }
    None
}

fn loaded(app: &mut App, id: EntryId, result: Result<Doc, String>) {
    let Some(e) = app.entries.by_id_mut(id) else {
        return;
    };
    if matches!(e.state, EntryState::Pending) {
        app.done += 1;
    }
    let pinned = e.is_stdin();
    let path = e.path.clone();
    match result {
        Ok(doc) => {
            e.state = EntryState::Ready(EntryMeta::of(&doc));
            app.pairs.add(id, &path, doc.evidence.clone());
            app.finder_articles.push((id, doc.article.clone()));
            app.docs.insert(id, Arc::new(doc), pinned);
        }
        Err(msg) => e.state = EntryState::Failed(msg),
    }
    if app.open_first && app.entries.position(id) == Some(0) && app.reader.is_none() {
        app.open_first = false;
        let _ = app.open(0);
    }
}

fn library_action(app: &mut App, action: Action) -> Effects {
    let sel = app.selected as isize;
    let page = app.page_entries();
    match action {
        Action::Down => app.select(sel + 1),
        Action::Up => app.select(sel - 1),
        Action::HalfPageDown => app.select(sel + page / 2),
        Action::HalfPageUp => app.select(sel - page / 2),
        Action::PageDown => app.select(sel + page),
        Action::PageUp => app.select(sel - page),
        Action::Top => app.select(0),
        Action::Bottom => app.select(isize::MAX),
        Action::Open => return app.open(app.selected),
        Action::PairWith => app.pick_partner(),
        Action::SplitPair => {
            let mut fx = Effects::redraw();
            fx.merge(app.split_selected());
            return fx;
        }
        // Reader settings work from the library too: they apply to the next article.
        other => reader_settings(app, other),
    }
    Effects::redraw()
}

fn reader_settings(app: &mut App, action: Action) {
    match action {
        Action::CycleLayout => {
            let bilingual = app.reader.as_ref().is_none_or(|r| r.doc.bilingual);
            if bilingual {
                let current = app.geom.layout.or(app.layout).unwrap_or(Layout::SideBySide);
                let next = current.next();
                app.layout = Some(next);
                app.status = Some(format!("layout: {}", next.label()));
            } else {
                app.status = Some("this article has one language".into());
            }
        }
        Action::Narrower => app.ratio = app.ratio.saturating_sub(5).max(20),
        Action::Wider => app.ratio = (app.ratio + 5).min(80),
        Action::SwapSides => app.swapped = !app.swapped,
        _ => {}
    }
}

fn reader_action(app: &mut App, action: Action) {
    let page = app.geom.page();
    let Some(r) = app.reader.as_mut() else {
        return;
    };
    let half = (page / 2).max(1) as isize;
    match action {
        Action::Down => r.down(page),
        Action::Up => r.up(page),
        Action::HalfPageDown => r.scroll_by(half, page),
        Action::HalfPageUp => r.scroll_by(-half, page),
        Action::PageDown => r.scroll_by(page as isize, page),
        Action::PageUp => r.scroll_by(-(page as isize), page),
        Action::Top => r.top(),
        Action::Bottom => r.bottom(page),
        Action::EntityHints => app.start_hints(),
        Action::NextMention => app.step_mention(1, false),
        Action::PrevMention => app.step_mention(-1, false),
        Action::NextEntity => app.step_mention(1, true),
        Action::PrevEntity => app.step_mention(-1, true),
        Action::EntityList => app.open_entity_list(),
        Action::EntityArticles => app.open_entity_articles(),
        Action::SentenceMode => {
            r.toggle_sentences();
            app.status = Some(
                if r.at.sentence.is_some() {
                    "sentence mode: j/k move by sentence pair"
                } else {
                    "pair mode"
                }
                .into(),
            );
        }
        other => reader_settings(app, other),
    }
}

fn mouse(app: &mut App, m: MouseAction) -> Effects {
    let (column, row) = match m {
        MouseAction::ScrollDown { column, row }
        | MouseAction::ScrollUp { column, row }
        | MouseAction::Click { column, row } => (column, row),
    };
    let at = Point::new(column, row);
    let g = app.geom;
    let in_browser = g.browser.is_some_and(|b| b.contains(at));
    let in_reader = g.reader.is_some_and(|b| b.contains(at));
    let page = g.page();
    match m {
        MouseAction::ScrollDown { .. } if in_browser => app.select(app.selected as isize + 1),
        MouseAction::ScrollUp { .. } if in_browser => app.select(app.selected as isize - 1),
        MouseAction::ScrollDown { .. } | MouseAction::ScrollUp { .. } if in_reader => {
            let rows = if matches!(m, MouseAction::ScrollDown { .. }) {
                3
            } else {
                -3
            };
            if let Some(r) = app.reader.as_mut() {
                r.scroll_by(rows, page);
            }
        }
        MouseAction::Click { .. } if in_browser => {
            app.pane = Pane::Library;
            if !g.list.contains(at) {
                return Effects::redraw();
            }
            let mut y = usize::from(row - g.list.y);
            let mut i = app.browser_top;
            while i < app.entries.rows() {
                let h = app.entry_height(i);
                if y < h {
                    if i == app.selected {
                        return app.open(i);
                    }
                    app.select(i as isize);
                    return Effects::redraw();
                }
                y -= h;
                i += 1;
            }
        }
        MouseAction::Click { .. } if in_reader => {
            app.pane = Pane::Reader;
            if !g.text.contains(at) {
                return Effects::redraw();
            }
            if let Some(r) = app.reader.as_mut()
                && let Some(w) = &r.wrapped
                && let Some(i) = w.passage_at(r.scroll + usize::from(row - g.text.y))
                && w.shown(i)
            {
                r.focus_passage(i);
            }
        }
        _ => {}
    }
    Effects::redraw()
}
