//! The documents of the last few entries opened: rebuilt by a job when an evicted one is opened
//! again, so a large library does not hold every article in memory.

use std::sync::Arc;

use crate::tui::state::doc::Doc;
use crate::tui::state::library_list::EntryId;

/// Documents kept in memory (the open one is held by the reader besides).
pub const DOC_CACHE: usize = 16;

/// The last few documents used, most recent last.
#[derive(Debug, Default)]
pub struct DocCache {
    docs: Vec<(EntryId, Arc<Doc>, bool)>,
}

impl DocCache {
    pub fn get(&mut self, id: EntryId) -> Option<Arc<Doc>> {
        let i = self.docs.iter().position(|(d, _, _)| *d == id)?;
        let item = self.docs.remove(i);
        let doc = Arc::clone(&item.1);
        self.docs.push(item);
        Some(doc)
    }

    /// Keep `doc`; evict the least recently used unpinned one beyond [`DOC_CACHE`].
    pub fn insert(&mut self, id: EntryId, doc: Arc<Doc>, pinned: bool) {
        self.docs.retain(|(d, _, _)| *d != id);
        self.docs.push((id, doc, pinned));
        while self.docs.iter().filter(|(_, _, p)| !p).count() > DOC_CACHE {
            match self.docs.iter().position(|(_, _, p)| !p) {
                Some(i) => {
                    self.docs.remove(i);
                }
                None => break,
            }
        }
    }

    /// A cached document, without marking it used (for drawing).
    pub fn peek(&self, id: EntryId) -> Option<&Arc<Doc>> {
        self.docs
            .iter()
            .find(|(d, _, _)| *d == id)
            .map(|(_, doc, _)| doc)
    }

    pub fn contains(&self, id: EntryId) -> bool {
        self.docs.iter().any(|(d, _, _)| *d == id)
    }
}
