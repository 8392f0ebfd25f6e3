//! The finder. [`Finder`] is the session's part: the loaded articles (shared with their
//! documents, never copied), the searchable corpus a job builds from them (`Job::FinderCorpus`)
//! or, in a library, of every article from its cache whatever rows the list has read
//! (`Job::FinderLibrary`: built once after the first frame, extended as articles arrive, built
//! again when indexed ones were processed again), and what the last search left to narrow from.
//! [`FinderQuery`] is the open overlay's: the query typed so far, the source searched, the results and the selected one. Each keystroke starts a
//! `Job::Find` (a new generation: the running search is cancelled, a late result dropped); the
//! results are set in the query when they arrive.

use std::collections::HashSet;
use std::sync::Arc;

use crate::library::ArticleId;
use crate::library::entities::LoadedReach;
use crate::model::Article;
use crate::search::stored::Stored;
use crate::search::{Corpus, Memory, Results, Source};
use crate::tui::state::library_list::EntryId;
use crate::tui::state::list_cursor::ListCursor;

/// How many results the overlay keeps.
pub const LIMIT: usize = 200;

/// The finder's state across the session.
#[derive(Debug, Default)]
pub struct Finder {
    /// Every loaded article, in load order (the corpus's documents are in this order).
    pub articles: Vec<(EntryId, Arc<Article>)>,
    /// The corpus built from them (`None` until a build job reports).
    pub corpus: Option<Arc<Corpus>>,
    /// How many articles `corpus` holds (fewer than `articles`: to rebuild).
    pub built_for: usize,
    /// A build job is running.
    pub building: bool,
    /// A build of this many articles failed: not tried again until more load.
    pub failed_for: Option<usize>,
    /// The entities' reach across the loaded articles, built with `corpus`.
    pub reach: Option<Arc<LoadedReach>>,
    /// The corpus the shown results index (a newer one may have arrived since).
    pub shown: Option<Arc<Corpus>>,
    /// What the last search left for the next keystroke to narrow.
    pub memory: Memory,
    /// A hit being opened: the sentence to go to once its document is shown (its text, and how
    /// many sentences of its article before it read the same).
    pub pending: Option<(EntryId, String, usize)>,
    /// In a library: the corpus read from its cache (`corpus` is its corpus) and the articles
    /// it holds (or could not read).
    pub stored: Option<Arc<Stored>>,
    pub indexed: HashSet<ArticleId>,
    /// In a library: articles stored since the corpus was read (to add), and whether some it
    /// holds were processed again since (to read it all again).
    pub arrived: Vec<ArticleId>,
    pub rebuild: bool,
    /// In a library: the last read failed (not tried again until articles arrive).
    pub library_failed: bool,
}

impl Finder {
    /// The entry of a corpus doc.
    pub fn entry_of(&self, doc: usize) -> Option<EntryId> {
        match &self.stored {
            Some(stored) => stored.ids.get(doc).copied().map(EntryId::of_article),
            None => self.articles.get(doc).map(|(id, _)| *id),
        }
    }

    /// The corpus to look hits up in: the one the shown results came from, else the newest.
    pub fn results_corpus(&self) -> Option<&Arc<Corpus>> {
        self.shown.as_ref().or(self.corpus.as_ref())
    }

    /// Articles loaded since the corpus was built (or there is none yet), and a build of them
    /// has not failed.
    pub fn stale(&self) -> bool {
        (self.corpus.is_none() || self.built_for < self.articles.len())
            && self.failed_for != Some(self.articles.len())
    }
}

/// The finder overlay: what is typed, what was found, which hit is selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderQuery {
    pub query: String,
    pub source: Source,
    pub results: Results,
    pub list: ListCursor,
}

impl FinderQuery {
    pub fn new() -> FinderQuery {
        FinderQuery {
            query: String::new(),
            source: Source::Text,
            results: Results::default(),
            list: ListCursor::default(),
        }
    }

    /// A prefix typed at the start of the query picks the source: `@` entities, `#` articles,
    /// `>` text (`#segye`). Returns the source and the query without the prefix.
    pub fn effective(&self) -> (Source, &str) {
        let q = self.query.as_str();
        match q.chars().next() {
            Some('@') => (Source::Entities, &q[1..]),
            Some('#') => (Source::Articles, &q[1..]),
            Some('>') => (Source::Text, &q[1..]),
            _ => (self.source, q),
        }
    }

    pub fn next_source(&mut self) {
        self.source = match self.source {
            Source::Text => Source::Articles,
            Source::Articles => Source::Entities,
            Source::Entities => Source::Text,
        };
    }

    /// New results: shown from the first.
    pub fn show(&mut self, results: Results) {
        self.results = results;
        self.list = ListCursor::default();
    }

    /// The selected hit.
    pub fn hit(&self) -> Option<&crate::search::Hit> {
        self.results.hits.get(self.list.selected)
    }
}

impl Default for FinderQuery {
    fn default() -> Self {
        FinderQuery::new()
    }
}
