//! The library list: the entries the library pane shows, addressed by a stable [`EntryId`],
//! each with the metadata the list shows, and the rows (a translation pair is one row). The
//! documents themselves live in a small cache (`doc_cache.rs`).
//!
//! Files opened by path are all in memory. The library on disk is a [`Window`]: its order and
//! filters are a query (`library::list`), and only the rows around the cursor are read
//! (materialised), with the total from a count; a jump (`G`, a restored cursor) is a query, so
//! memory and the first frame do not grow with the library.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::library::list::ListQuery;
use crate::library::{self, ArticleId, Library};
use crate::tui::state::doc::Doc;

/// A library entry's identity: stable for the same path across runs (an FNV-1a hash of it), not
/// a position in the list, so sorting, filtering or a saved reading position can refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub u64);

/// Set in the id of a library article: its id is its article's, not a hash of a path.
const ARTICLE: u64 = 1 << 63;

impl EntryId {
    /// A library article's entry.
    pub fn of_article(article: ArticleId) -> EntryId {
        EntryId(ARTICLE | article as u64)
    }

    /// The library article this entry is, if it is one.
    pub fn article(self) -> Option<ArticleId> {
        (self.0 & ARTICLE != 0).then_some((self.0 & !ARTICLE) as ArticleId)
    }

    pub fn for_path(path: &Path) -> EntryId {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in path.to_string_lossy().bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        EntryId(h & !ARTICLE)
    }
}

/// What the library list shows of an article (taken from its document when it loads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryMeta {
    pub title: String,
    pub title_en: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// KO, EN, KO+EN or OTHER.
    pub badge: &'static str,
    /// The feed that brought it (library articles only).
    pub feed: Option<i64>,
}

impl EntryMeta {
    pub fn of(doc: &Doc) -> EntryMeta {
        EntryMeta {
            title: doc.title.clone(),
            title_en: doc.title_en.clone(),
            published: doc.article.published.clone(),
            outlet: doc.article.outlet.clone(),
            badge: doc.badge(),
            feed: None,
        }
    }

    /// The English title after the Korean one when there are both (a wide library row).
    pub fn display_title(&self) -> String {
        match &self.title_en {
            Some(en) => format!("{}  ·  {en}", self.title),
            None => self.title.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum EntryState {
    /// Found, not parsed yet.
    Pending,
    Ready(EntryMeta),
    Failed(String),
}

/// One article of the library.
#[derive(Debug, Clone)]
pub struct Entry {
    pub(in crate::tui) id: EntryId,
    pub(in crate::tui) path: PathBuf,
    pub(in crate::tui) state: EntryState,
    pub(in crate::tui) read: bool,
}

impl Entry {
    pub fn id(&self) -> EntryId {
        self.id
    }
    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn state(&self) -> &EntryState {
        &self.state
    }
    pub fn is_read(&self) -> bool {
        self.read
    }
    pub fn meta(&self) -> Option<&EntryMeta> {
        match &self.state {
            EntryState::Ready(m) => Some(m),
            _ => None,
        }
    }
    /// Read from standard input: it cannot be read again, so its document is never evicted.
    pub fn is_stdin(&self) -> bool {
        self.path == Path::new("-")
    }
}

/// LibraryList in list order, with an index by id, and the rows the library shows: one per
/// entry, except that a translation pair is one row (its Korean entry's, its English entry
/// folded into it).
#[derive(Debug, Default)]
pub struct LibraryList {
    list: Vec<Entry>,
    index: HashMap<EntryId, usize>,
    /// List positions shown, in order.
    rows: Vec<usize>,
    /// The row of each entry (a folded English entry: its pair's row).
    row_of: HashMap<EntryId, usize>,
    /// Korean entry → (English entry, score) of each pair shown as one row.
    pairs: HashMap<EntryId, (EntryId, f64)>,
    /// The library on disk: `list` holds the rows read (and their pairs' English entries).
    window: Option<Window>,
    /// The library on disk: entries away from the rows read that an overlay shows (the
    /// picker's candidates), kept until the next ones.
    pinned: HashMap<EntryId, Entry>,
}

/// A connection to the library for the list's queries (shared: the listing that brings it is
/// an event, and events are cloned).
#[derive(Clone)]
pub struct ListSource(Arc<Mutex<Library>>);

impl std::fmt::Debug for ListSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ListSource")
    }
}

impl ListSource {
    pub fn new(lib: Library) -> ListSource {
        ListSource(Arc::new(Mutex::new(lib)))
    }

    /// Run a query on the connection; a failure is one line for the status bar.
    pub fn with<T>(&self, f: impl FnOnce(&Library) -> library::Result<T>) -> Result<T, String> {
        let lib = self
            .0
            .lock()
            .map_err(|_| "the library list's connection failed".to_string())?;
        f(&lib).map_err(|e| e.to_string())
    }
}

/// The rows of the library on disk under a query: how many, and which are read.
#[derive(Debug)]
pub struct Window {
    source: ListSource,
    query: ListQuery,
    /// Rows under the query (a pair is one) and the articles they show.
    rows: usize,
    articles: usize,
    /// The first row read; `list[..len]` are rows `start..start + len`.
    start: usize,
    len: usize,
}

/// Rows are read in chunks of this many (a screen is fewer).
const CHUNK: usize = 64;

impl LibraryList {
    pub fn as_slice(&self) -> &[Entry] {
        &self.list
    }
    /// Entries listed (the library on disk: articles under the filters, read or not).
    pub fn len(&self) -> usize {
        match &self.window {
            Some(w) => w.articles,
            None => self.list.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: usize) -> Option<&Entry> {
        self.list.get(i)
    }
    /// Where entry `id` is in the list (the library on disk: its row).
    pub fn position(&self, id: EntryId) -> Option<usize> {
        match &self.window {
            Some(_) => self.row_of(id),
            None => self.index.get(&id).copied(),
        }
    }
    /// An entry read into memory (the library on disk: one of the rows around the cursor).
    pub fn by_id(&self, id: EntryId) -> Option<&Entry> {
        match self.index.get(&id) {
            Some(&i) => self.list.get(i),
            None => self.pinned.get(&id),
        }
    }

    /// Keep these entries in memory beside the rows read (the library on disk).
    pub(in crate::tui) fn pin(&mut self, entries: Vec<Entry>) {
        self.pinned = entries.into_iter().map(|e| (e.id, e)).collect();
    }
    pub(in crate::tui) fn by_id_mut(&mut self, id: EntryId) -> Option<&mut Entry> {
        let i = *self.index.get(&id)?;
        self.list.get_mut(i)
    }
    /// Every entry, leaving the list empty (to sort or filter it, then [`LibraryList::set`]).
    pub(in crate::tui) fn take(&mut self) -> Vec<Entry> {
        self.index.clear();
        self.rows.clear();
        self.row_of.clear();
        std::mem::take(&mut self.list)
    }

    /// Replace the list (in this order); pairs whose two entries are both listed stay one row.
    pub(in crate::tui) fn set(&mut self, list: Vec<Entry>) {
        self.index = list.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        self.list = list;
        let pairs: Vec<(EntryId, EntryId, f64)> = self
            .pairs
            .iter()
            .map(|(&ko, &(en, s))| (ko, en, s))
            .collect();
        self.set_pairs(&pairs);
    }

    /// Add a found file (a path already listed is not listed twice).
    pub(in crate::tui) fn push(&mut self, path: PathBuf) {
        self.push_with(path, EntryState::Pending, false);
    }

    /// Add an entry whose metadata is known already (the library on disk lists it).
    pub(in crate::tui) fn push_with(
        &mut self,
        path: PathBuf,
        state: EntryState,
        read: bool,
    ) -> EntryId {
        let id = EntryId::for_path(&path);
        if self.index.contains_key(&id) {
            return id;
        }
        self.index.insert(id, self.list.len());
        self.row_of.insert(id, self.rows.len());
        self.rows.push(self.list.len());
        self.list.push(Entry {
            id,
            path,
            state,
            read,
        });
        id
    }

    /// Rows the library shows.
    pub fn rows(&self) -> usize {
        match &self.window {
            Some(w) => w.rows,
            None => self.rows.len(),
        }
    }

    /// The entry shown at row `r` (for a pair, its Korean entry); the library on disk: if read.
    pub fn row(&self, r: usize) -> Option<&Entry> {
        match &self.window {
            Some(w) => {
                let k = r.checked_sub(w.start).filter(|&k| k < w.len)?;
                self.list.get(k)
            }
            None => self.list.get(*self.rows.get(r)?),
        }
    }

    /// The row showing entry `id` (a pair's English entry: the pair's row). The library on
    /// disk: counted by a query unless the row is read already; `None` when the filters hide
    /// it.
    pub fn row_of(&self, id: EntryId) -> Option<usize> {
        let Some(w) = &self.window else {
            return self.row_of.get(&id).copied();
        };
        if let Some(&r) = self.row_of.get(&id) {
            return Some(r);
        }
        let article = id.article()?;
        w.source
            .with(|lib| lib.list_row_of(&w.query, article))
            .ok()
            .flatten()
    }

    /// The library on disk's list, under the default order (nothing read yet).
    pub(in crate::tui) fn attach(&mut self, source: ListSource) {
        *self = LibraryList::default();
        self.window = Some(Window {
            source,
            query: ListQuery::default(),
            rows: 0,
            articles: 0,
            start: 0,
            len: 0,
        });
    }

    pub fn is_window(&self) -> bool {
        self.window.is_some()
    }

    /// The list's query (the library on disk).
    pub fn query(&self) -> Option<&ListQuery> {
        self.window.as_ref().map(|w| &w.query)
    }

    pub(in crate::tui) fn source(&self) -> Option<&ListSource> {
        self.window.as_ref().map(|w| &w.source)
    }

    /// The library on disk: count the rows under `query` anew (the rows read are dropped; the
    /// next [`LibraryList::wants`] reads them again).
    pub(in crate::tui) fn requery(&mut self, query: Option<ListQuery>) -> Result<(), String> {
        let Some(w) = self.window.as_mut() else {
            return Ok(());
        };
        if let Some(q) = query {
            w.query = q;
        }
        let (rows, articles) = w.source.with(|lib| lib.list_count(&w.query))?;
        (w.rows, w.articles, w.start, w.len) = (rows, articles, 0, 0);
        self.list.clear();
        self.index.clear();
        self.row_of.clear();
        Ok(())
    }

    /// The rows to read so that rows `from..to` are in memory: `(offset, limit)` in whole
    /// chunks, or `None` when they are read already (or the list is in memory).
    pub(in crate::tui) fn wants(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let w = self.window.as_ref()?;
        let to = to.min(w.rows);
        if from >= to || (w.start <= from && to <= w.start + w.len) {
            return None;
        }
        let start = from / CHUNK * CHUNK;
        let end = to.div_ceil(CHUNK) * CHUNK;
        Some((start, end - start))
    }

    /// The library on disk: the rows read from `start` (`rows`) and their pairs' English
    /// entries (`partners`) become what is in memory.
    pub(in crate::tui) fn set_window(
        &mut self,
        start: usize,
        rows: Vec<Entry>,
        partners: Vec<Entry>,
    ) {
        let Some(w) = self.window.as_mut() else {
            return;
        };
        (w.start, w.len) = (start, rows.len());
        self.list = rows;
        self.list.extend(partners);
        self.index = self
            .list
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        self.row_of = self.list[..w.len]
            .iter()
            .enumerate()
            .map(|(k, e)| (e.id, start + k))
            .collect();
        for (ko, (en, _)) in &self.pairs {
            if let Some(&r) = self.row_of.get(ko)
                && self.index.contains_key(en)
            {
                self.row_of.insert(*en, r);
            }
        }
    }

    /// The English entry and score paired with the Korean entry `id`, if it heads a pair row.
    pub fn partner(&self, id: EntryId) -> Option<(&Entry, f64)> {
        let &(en, score) = self.pairs.get(&id)?;
        Some((self.by_id(en)?, score))
    }

    /// Show these (Korean, English, score) pairs as one row each; every other entry alone.
    /// The library on disk: the pairs go to its queries, and the rows are counted again.
    pub(in crate::tui) fn set_pairs(&mut self, pairs: &[(EntryId, EntryId, f64)]) {
        if self.window.is_some() {
            self.set_window_pairs(pairs);
            return;
        }
        self.pairs.clear();
        let mut folded = std::collections::HashSet::new();
        for &(ko, en, score) in pairs {
            if ko == en || !self.index.contains_key(&ko) || !self.index.contains_key(&en) {
                continue;
            }
            if self.pairs.contains_key(&ko) || folded.contains(&en) || folded.contains(&ko) {
                continue;
            }
            self.pairs.insert(ko, (en, score));
            folded.insert(en);
        }
        self.rows.clear();
        self.row_of.clear();
        for (i, e) in self.list.iter().enumerate() {
            if folded.contains(&e.id) {
                continue;
            }
            self.row_of.insert(e.id, self.rows.len());
            self.rows.push(i);
        }
        for (&ko, &(en, _)) in &self.pairs {
            if let Some(&r) = self.row_of.get(&ko) {
                self.row_of.insert(en, r);
            }
        }
    }
}

impl LibraryList {
    fn set_window_pairs(&mut self, pairs: &[(EntryId, EntryId, f64)]) {
        self.pairs.clear();
        let mut folded = std::collections::HashSet::new();
        let mut articles = Vec::new();
        for &(ko, en, score) in pairs {
            let (Some(k), Some(e)) = (ko.article(), en.article()) else {
                continue;
            };
            if ko == en
                || self.pairs.contains_key(&ko)
                || folded.contains(&en)
                || folded.contains(&ko)
            {
                continue;
            }
            self.pairs.insert(ko, (en, score));
            folded.insert(en);
            articles.push((k, e));
        }
        let written = match &self.window {
            Some(w) => w.source.with(|lib| lib.set_list_pairs(&articles)),
            None => Ok(()),
        };
        if written.is_err() {
            self.pairs.clear();
        }
        let _ = self.requery(None);
    }
}
