//! The finder overlay's state: the query typed so far, the source searched, the results and the
//! selected one. The searchable library is built by a job (`Job::FinderLibrary`) from the
//! articles loaded; each keystroke starts a `Job::Find` (a new generation: the running search is
//! cancelled, a late result dropped), narrowing from the last search's matches; the results are
//! set here when they arrive.

use crate::search::{Results, Source};

/// How many results the overlay keeps.
pub const LIMIT: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderState {
    pub query: String,
    pub source: Source,
    pub results: Results,
    pub selected: usize,
}

impl FinderState {
    pub fn new() -> FinderState {
        FinderState {
            query: String::new(),
            source: Source::Text,
            results: Results::default(),
            selected: 0,
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
}

impl Default for FinderState {
    fn default() -> Self {
        FinderState::new()
    }
}
