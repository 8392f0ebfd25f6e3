//! Background jobs as data: what `update` asks for ([`Job`], by [`JobKind`]) and what comes back
//! ([`JobDone`], tagged with the generation it was started with; `update` drops a result whose
//! generation is no longer the current one for its kind). The threads that run them are in
//! [`worker`](crate::tui::work::worker); headless runs call [`Job::run`] on their own thread.
//! [`Job::run`] is where a job's panic is caught: every failure comes back as a [`JobError`].
//!
//! To add a kind of job: a [`JobKind`], a [`Job`] variant with its input, a [`JobOutput`]
//! variant with its result, and a line in `Job::execute` (and in `app/job_done.rs` for what
//! its result and its failure change).

use std::path::PathBuf;
use std::sync::Arc;

use crate::library::bookmarks::{Bookmark, FileBookmark, Mark};
use crate::library::entities::LoadedReach;
use crate::library::{ArticleId, Home, Library};
use crate::model::{Article, Bitext};
use crate::search::stored::Stored;
use crate::search::{Corpus, Memory, Results, Source};
use crate::tui::state::doc::Doc;
use crate::tui::state::entities::{ArticleEntities, ReachKey};
use crate::tui::state::library_list::EntryId;
use crate::tui::state::pairs::{Found, Item};
use crate::tui::work::cancel::Cancel;
use crate::tui::work::error::{JobError, catching};
use crate::tui::work::{loader, pairing, words};

/// What a job does; one generation counter and at most one running worker per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Build the document of an entry that is not in the cache.
    Open,
    /// Find the translation pairs of the library.
    Pairs,
    /// Find and link the entities of the open article.
    Entities,
    /// Build the finder's corpus (and its entity index) from the loaded articles.
    FinderCorpus,
    /// One finder query (a keystroke starts a new one; the running one is cancelled).
    Find,
    /// The articles of the library that mention the selected entity.
    EntityReach,
    /// The open article's words: aligned, looked up in the library.
    Words,
    /// Train the library's word model on its sentence pairs, count its lemmas, read the known
    /// shares.
    WordModel,
    /// A bookmark on an article read from a file (imported into the library first).
    Bookmark,
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
        home: Home,
        article: ArticleId,
    },
    /// Build the two-file document of a pair (Korean entry, English entry).
    OpenPair {
        ko: EntryId,
        en: EntryId,
        ko_path: PathBuf,
        en_path: PathBuf,
    },
    Pairs(Vec<Item>),
    /// Build the two-file document of a pair of library articles, both from the cache.
    OpenStoredPair {
        ko: EntryId,
        en: EntryId,
        home: Home,
        ko_article: ArticleId,
        en_article: ArticleId,
    },
    /// Pair the library on disk from its stored evidence (`remember`: keep the verdicts).
    LibraryPairs {
        home: Home,
        remember: bool,
    },
    Entities {
        id: EntryId,
        doc: Arc<Doc>,
    },
    /// The loaded articles (shared with their documents).
    FinderCorpus(Vec<Arc<Article>>),
    /// The finder's corpus of the library in `home`, from its cache: of every article (`ids`
    /// `None`), or `base` with these articles added.
    FinderLibrary {
        home: Home,
        base: Option<Arc<Stored>>,
        ids: Option<Vec<ArticleId>>,
    },
    /// Look up in the library on disk the articles that mention an entity.
    EntityReach {
        home: Home,
        key: ReachKey,
    },
    /// The words of an opened article (`model`: the library's word model if the app has it;
    /// `home`: the library to read the model, dictionaries and statuses from).
    Words {
        id: EntryId,
        doc: Arc<Doc>,
        model: Option<Arc<crate::words::Model>>,
        home: Option<Home>,
    },
    /// Retrain the library's word model (`write`: store it and count the lemmas; else only
    /// read what is stored).
    WordModel {
        home: Home,
        write: bool,
    },
    /// Bookmark a pair of the article read from `path` (entry `id`) in the library in `home`,
    /// importing the file first unless the library holds its bytes.
    BookmarkFile {
        id: EntryId,
        path: PathBuf,
        home: Home,
        mark: Mark,
    },
    /// Search the corpus; `memory` is what the last search left to narrow from.
    Find {
        corpus: Arc<Corpus>,
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
        doc: Box<Doc>,
    },
    PairDoc {
        ko: EntryId,
        en: EntryId,
        doc: Box<Doc>,
    },
    Pairs(Box<Found>),
    LibraryPairs(Box<crate::library::pairs::Found>),
    Entities {
        id: EntryId,
        doc: Arc<Doc>,
        ents: Box<ArticleEntities>,
    },
    /// The corpus and how many articles it was built from, and its entities' reach (the same
    /// entity index, by name).
    FinderCorpus(Arc<Corpus>, usize, Arc<LoadedReach>),
    /// The library's corpus (`None`: the build was cancelled).
    FinderLibrary(Option<Arc<Stored>>),
    EntityReach {
        key: ReachKey,
        reach: crate::library::EntityReach,
    },
    Words(Box<crate::tui::work::words::Built>),
    WordModel(Result<crate::tui::work::words::Trained, String>),
    /// A file's pair bookmarked: the article it is in the library, and every bookmark since.
    Bookmarked {
        id: EntryId,
        made: FileBookmark,
        pair: usize,
        bookmarks: Vec<Bookmark>,
    },
    Found {
        /// The corpus searched: the results' item numbers index it.
        corpus: Arc<Corpus>,
        results: Results,
        memory: Memory,
    },
}

/// A finished job, as `update` receives it.
#[derive(Debug, Clone)]
pub struct JobDone {
    pub kind: JobKind,
    pub generation: u64,
    pub output: Result<JobOutput, JobError>,
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
            Job::FinderCorpus(_) | Job::FinderLibrary { .. } => JobKind::FinderCorpus,
            Job::Find { .. } => JobKind::Find,
            Job::EntityReach { .. } => JobKind::EntityReach,
            Job::Words { .. } => JobKind::Words,
            Job::WordModel { .. } => JobKind::WordModel,
            Job::BookmarkFile { .. } => JobKind::Bookmark,
        }
    }

    /// What the job is doing, as a failure names it.
    fn what(&self) -> String {
        match self {
            Job::Open { path, .. } => path.display().to_string(),
            Job::OpenStored { article, .. } => format!("article {article}"),
            Job::OpenPair {
                ko_path, en_path, ..
            } => format!("{} + {}", ko_path.display(), en_path.display()),
            Job::OpenStoredPair {
                ko_article,
                en_article,
                ..
            } => format!("articles {ko_article} + {en_article}"),
            Job::Pairs(_) => "pairing the articles".into(),
            Job::LibraryPairs { .. } => "pairing the library".into(),
            Job::Entities { .. } => "finding the entities".into(),
            Job::FinderCorpus(_) | Job::FinderLibrary { .. } => "building the finder".into(),
            Job::Find { .. } => "searching".into(),
            Job::EntityReach { .. } => "looking the entity up in the library".into(),
            Job::Words { .. } => "finding the article's words".into(),
            Job::WordModel { .. } => "training the word model".into(),
            Job::BookmarkFile { path, .. } => format!("bookmarking {}", path.display()),
        }
    }

    /// Do the work on this thread (a worker's, or the caller's in headless runs), a panic
    /// caught and returned as an error. A long job checks `cancel` now and then and gives up
    /// when it is set.
    pub fn run(self, cancel: &Cancel) -> Result<JobOutput, JobError> {
        let what = self.what();
        catching(what, || self.execute(cancel))
    }

    fn execute(self, cancel: &Cancel) -> Result<JobOutput, JobError> {
        Ok(match self {
            Job::Open { id, path } => JobOutput::Doc {
                id,
                doc: Box::new(loader::load_doc(&path)?),
            },
            Job::OpenStored { id, home, article } => JobOutput::Doc {
                id,
                doc: Box::new(loader::load_stored(&home, article)?),
            },
            Job::OpenPair {
                ko,
                en,
                ko_path,
                en_path,
            } => JobOutput::PairDoc {
                ko,
                en,
                doc: Box::new(pairing::load_pair_doc(&ko_path, &en_path)?),
            },
            Job::Pairs(items) => JobOutput::Pairs(Box::new(pairing::run(items, cancel))),
            Job::OpenStoredPair {
                ko,
                en,
                home,
                ko_article,
                en_article,
            } => JobOutput::PairDoc {
                ko,
                en,
                doc: Box::new(pairing::load_stored_pair_doc(
                    &home, ko_article, en_article,
                )?),
            },
            Job::LibraryPairs { home, remember } => {
                JobOutput::LibraryPairs(Box::new(pairing::run_library(&home, remember, cancel)?))
            }
            Job::Entities { id, doc } => JobOutput::Entities {
                id,
                ents: Box::new(ArticleEntities::build(&doc)),
                doc,
            },
            Job::FinderCorpus(articles) => {
                let (corpus, reach) = build_corpus(&articles);
                JobOutput::FinderCorpus(Arc::new(corpus), articles.len(), Arc::new(reach))
            }
            Job::FinderLibrary { home, base, ids } => {
                let (lib, _) = Library::open(home)?;
                let ids = match ids {
                    Some(ids) => ids,
                    None => lib.entries()?.iter().map(|e| e.id).collect(),
                };
                let base = base.unwrap_or_default();
                let stop = || cancel.is_cancelled();
                let stored = base.with(&lib, &ids, true, &stop)?;
                JobOutput::FinderLibrary(stored.map(Arc::new))
            }
            Job::EntityReach { home, key } => {
                let (lib, _) = Library::open(home)?;
                JobOutput::EntityReach {
                    reach: lib.entity_reach_by(key.0, &key.1)?,
                    key,
                }
            }
            Job::Words {
                id,
                doc,
                model,
                home,
            } => JobOutput::Words(Box::new(words::build(id, doc, model, home))),
            Job::WordModel { home, write } => JobOutput::WordModel(words::train(&home, write)),
            Job::BookmarkFile {
                id,
                path,
                home,
                mark,
            } => {
                let (lib, _) = Library::open(home)?;
                let made = lib.bookmark_file(&path, &mark)?;
                JobOutput::Bookmarked {
                    id,
                    made,
                    pair: mark.pair,
                    bookmarks: lib.bookmarks(None)?,
                }
            }
            Job::Find {
                corpus,
                source,
                query,
                mut memory,
            } => {
                // A cancelled search answers nothing; its result would be dropped anyway.
                let results = corpus
                    .search(
                        source,
                        &query,
                        crate::tui::state::finder::LIMIT,
                        &mut memory,
                        cancel.flag(),
                    )
                    .unwrap_or_default();
                JobOutput::Found {
                    corpus,
                    results,
                    memory,
                }
            }
        })
    }
}

/// The finder's corpus of these articles: text, titles, and the entities found by aligning
/// every article; and from the same entity index, each entity's articles (the reader's card
/// and `A` list when the articles are not in a library).
fn build_corpus(articles: &[Arc<Article>]) -> (Corpus, LoadedReach) {
    let mut corpus = Corpus::from_articles(articles.iter().map(Arc::as_ref));
    let bitexts: Vec<Bitext> = articles
        .iter()
        .map(|a| crate::align::align_article(a))
        .collect();
    let index =
        crate::entity::EntityIndex::build(articles.iter().map(|a| a.path.as_str()).zip(&bitexts));
    corpus.set_entities(&index);
    let reach = LoadedReach::new(&index, &bitexts);
    (corpus, reach)
}
