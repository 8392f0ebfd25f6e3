//! Background jobs as data: what `update` asks for ([`Job`], by [`JobKind`]) and what comes back
//! ([`JobDone`], tagged with the generation it was started with; `update` drops a result whose
//! generation is no longer the current one for its kind). The threads that run them are in
//! [`worker`](crate::tui::work::worker); headless runs call [`Job::run`] on their own thread.
//!
//! To add a kind of job (as the finder's library and search were): a [`JobKind`], a [`Job`] variant with its
//! input, a [`JobOutput`] variant with its result, and a line in [`Job::run`].

use std::path::PathBuf;
use std::sync::Arc;

use crate::library::entities::LoadedReach;
use crate::search::{Library, Memory, Results, Source};
use crate::tui::state::doc::Doc;
use crate::tui::state::entries::EntryId;
use crate::tui::work::cancel::Cancel;

/// What a job does; one generation counter and at most one running worker per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Build the document of an entry that is not in the cache.
    Open,
    /// Find the translation pairs of the library.
    Pairs,
    /// Find and link the entities of the open article.
    Entities,
    /// Build the finder's searchable library (and its entity index) from the loaded articles.
    FinderLibrary,
    /// One finder query (a keystroke starts a new one; the running one is cancelled).
    Find,
    /// The articles of the library that mention the selected entity.
    EntityReach,
}

/// A job and its input.
#[derive(Debug, Clone)]
pub enum Job {
    Open {
        id: EntryId,
        path: PathBuf,
    },
    /// Open a library article from the cache on disk (processed now if stale).
    OpenStored {
        id: EntryId,
        home: crate::library::Home,
        article: crate::library::ArticleId,
    },
    /// Build the two-file document of a pair (Korean entry, English entry).
    OpenPair {
        ko: EntryId,
        en: EntryId,
        ko_path: PathBuf,
        en_path: PathBuf,
    },
    Pairs(Vec<crate::tui::state::pairs::Item>),
    /// Build the two-file document of a pair of library articles, both from the cache.
    OpenStoredPair {
        ko: EntryId,
        en: EntryId,
        home: crate::library::Home,
        ko_article: crate::library::ArticleId,
        en_article: crate::library::ArticleId,
    },
    /// Pair the library on disk from its stored evidence (`remember`: keep the verdicts).
    LibraryPairs {
        home: crate::library::Home,
        remember: bool,
    },
    Entities {
        id: EntryId,
        doc: Arc<Doc>,
    },
    FinderLibrary(Vec<crate::model::Article>),
    /// Look up in the library on disk the articles that mention an entity.
    EntityReach {
        home: crate::library::Home,
        key: crate::tui::state::hints::ReachKey,
    },
    /// Search the library; `memory` is what the last search left to narrow from.
    Find {
        library: Arc<Library>,
        source: Source,
        query: String,
        memory: Memory,
    },
}

/// A job's result.
#[derive(Debug, Clone)]
pub enum JobOutput {
    Doc {
        id: EntryId,
        doc: Result<Box<Doc>, String>,
    },
    PairDoc {
        ko: EntryId,
        en: EntryId,
        doc: Result<Box<Doc>, String>,
    },
    Pairs(Box<crate::tui::state::pairs::Found>),
    LibraryPairs(Result<Box<crate::library::pairs::Found>, String>),
    Entities {
        id: EntryId,
        doc: Arc<Doc>,
        ents: Box<crate::tui::state::hints::ArticleEntities>,
    },
    /// The library and how many articles it was built from, and its entities' reach (the
    /// same entity index, by name).
    FinderLibrary(Arc<Library>, usize, Arc<LoadedReach>),
    EntityReach {
        key: crate::tui::state::hints::ReachKey,
        reach: Result<crate::library::EntityReach, String>,
    },
    Found {
        /// The library searched: the results' item numbers index it.
        library: Arc<Library>,
        results: Results,
        memory: Memory,
    },
}

/// A finished job, as `update` receives it.
#[derive(Debug, Clone)]
pub struct JobDone {
    pub kind: JobKind,
    pub generation: u64,
    pub output: JobOutput,
}

impl Job {
    pub fn kind(&self) -> JobKind {
        match self {
            Job::Open { .. }
            | Job::OpenStored { .. }
            | Job::OpenPair { .. }
            | Job::OpenStoredPair { .. } => JobKind::Open,
            Job::Pairs(_) | Job::LibraryPairs { .. } => JobKind::Pairs,
            Job::Entities { .. } => JobKind::Entities,
            Job::FinderLibrary(_) => JobKind::FinderLibrary,
            Job::Find { .. } => JobKind::Find,
            Job::EntityReach { .. } => JobKind::EntityReach,
        }
    }

    /// Do the work on this thread (a worker's, or the caller's in headless runs). A long job
    /// checks `cancel` now and then and gives up when it is set.
    pub fn run(self, cancel: &Cancel) -> JobOutput {
        match self {
            Job::Open { id, path } => JobOutput::Doc {
                id,
                doc: crate::tui::work::loader::load_caught(&path).map(Box::new),
            },
            Job::OpenStored { id, home, article } => JobOutput::Doc {
                id,
                doc: crate::tui::work::loader::load_stored(&home, article).map(Box::new),
            },
            Job::OpenPair {
                ko,
                en,
                ko_path,
                en_path,
            } => JobOutput::PairDoc {
                ko,
                en,
                doc: crate::tui::work::pairing::load_pair_doc(&ko_path, &en_path).map(Box::new),
            },
            Job::Pairs(items) => {
                JobOutput::Pairs(Box::new(crate::tui::work::pairing::run(items, cancel)))
            }
            Job::OpenStoredPair {
                ko,
                en,
                home,
                ko_article,
                en_article,
            } => JobOutput::PairDoc {
                ko,
                en,
                doc: crate::tui::work::pairing::load_stored_pair_doc(&home, ko_article, en_article)
                    .map(Box::new),
            },
            Job::LibraryPairs { home, remember } => JobOutput::LibraryPairs(
                crate::tui::work::pairing::run_library(&home, remember, cancel).map(Box::new),
            ),
            Job::Entities { id, doc } => JobOutput::Entities {
                id,
                ents: Box::new(crate::tui::state::hints::ArticleEntities::build(&doc)),
                doc,
            },
            Job::FinderLibrary(articles) => {
                let (library, reach) = build_library(&articles);
                JobOutput::FinderLibrary(Arc::new(library), articles.len(), Arc::new(reach))
            }
            Job::EntityReach { home, key } => JobOutput::EntityReach {
                reach: crate::library::Library::open(home)
                    .and_then(|(lib, _)| lib.entity_reach_by(key.0, &key.1))
                    .map_err(|e| e.to_string()),
                key,
            },
            Job::Find {
                library,
                source,
                query,
                mut memory,
            } => {
                // A cancelled search answers nothing; its result would be dropped anyway.
                let results = library
                    .search(
                        source,
                        &query,
                        crate::tui::state::finder::LIMIT,
                        &mut memory,
                        cancel.flag(),
                    )
                    .unwrap_or_default();
                JobOutput::Found {
                    library,
                    results,
                    memory,
                }
            }
        }
    }
}

/// The finder's library of these articles: text, titles, and the entities found by aligning
/// every article; and from the same entity index, each entity's articles (the reader's card
/// and `A` list when the articles are not in a library).
fn build_library(articles: &[crate::model::Article]) -> (Library, LoadedReach) {
    let mut lib = Library::from_articles(articles);
    let bitexts: Vec<crate::model::Bitext> =
        articles.iter().map(crate::align::align_article).collect();
    let index =
        crate::entity::EntityIndex::build(articles.iter().map(|a| a.path.as_str()).zip(&bitexts));
    lib.set_entities(&index);
    let reach = LoadedReach::new(&index, &bitexts);
    (lib, reach)
}
