//! The library list: the entries the library pane shows, addressed by a stable [`EntryId`],
//! each with the metadata the list shows, and the rows (a translation pair is one row). The
//! documents themselves live in a small cache (`doc_cache.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::tui::state::doc::Doc;

/// A library entry's identity: stable for the same path across runs (an FNV-1a hash of it), not
/// a position in the list, so sorting, filtering or a saved reading position can refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub u64);

impl EntryId {
    pub fn for_path(path: &Path) -> EntryId {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in path.to_string_lossy().bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        EntryId(h)
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
}

impl EntryMeta {
    pub fn of(doc: &Doc) -> EntryMeta {
        EntryMeta {
            title: doc.title.clone(),
            title_en: doc.title_en.clone(),
            published: doc.article.published.clone(),
            outlet: doc.article.outlet.clone(),
            badge: doc.badge(),
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
}

impl LibraryList {
    pub fn as_slice(&self) -> &[Entry] {
        &self.list
    }
    pub fn len(&self) -> usize {
        self.list.len()
    }
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
    pub fn get(&self, i: usize) -> Option<&Entry> {
        self.list.get(i)
    }
    pub fn position(&self, id: EntryId) -> Option<usize> {
        self.index.get(&id).copied()
    }
    pub fn by_id(&self, id: EntryId) -> Option<&Entry> {
        self.list.get(self.position(id)?)
    }
    pub(in crate::tui) fn by_id_mut(&mut self, id: EntryId) -> Option<&mut Entry> {
        let i = self.position(id)?;
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
        self.rows.len()
    }

    /// The entry shown at row `r` (for a pair, its Korean entry).
    pub fn row(&self, r: usize) -> Option<&Entry> {
        self.list.get(*self.rows.get(r)?)
    }

    /// The row showing entry `id` (a pair's English entry: the pair's row).
    pub fn row_of(&self, id: EntryId) -> Option<usize> {
        self.row_of.get(&id).copied()
    }

    /// The English entry and score paired with the Korean entry `id`, if it heads a pair row.
    pub fn partner(&self, id: EntryId) -> Option<(&Entry, f64)> {
        let &(en, score) = self.pairs.get(&id)?;
        Some((self.by_id(en)?, score))
    }

    /// Show these (Korean, English, score) pairs as one row each; every other entry alone.
    pub(in crate::tui) fn set_pairs(&mut self, pairs: &[(EntryId, EntryId, f64)]) {
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
