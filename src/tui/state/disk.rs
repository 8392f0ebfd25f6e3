//! The library on disk, as the reader sees it. At start the library list comes from the
//! library's metadata (no article is parsed: ten thousand entries list at once); an article's
//! document is loaded from the cache when it is opened (a job,
//! [`load_stored`](crate::tui::work::loader::load_stored)), processed then if its cache entry is
//! stale. The reading position (passage, sentence), the read mark and bookmarks go back to disk
//! through `Command::Save`, carried out by the runner's saver thread (`work/disk_worker.rs`), so
//! `update` never touches the database and a slow disk never stalls a keypress. The app's side
//! (events in, positions out) is `app/disk.rs`.

use std::collections::HashMap;

use crate::library::bookmarks::{Bookmark, Mark};
use crate::library::{self, ArticleId, Home};
use crate::text::sanitize;

use crate::tui::state::library_list::{EntryId, EntryMeta, EntryState, ListSource};
use crate::tui::state::reading::Position;

/// A write for the saver thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Save {
    Position(ArticleId, Position),
    Read(ArticleId, bool),
    Bookmark(ArticleId, Mark),
    /// A pair made by hand: (Korean, English).
    Pair(ArticleId, ArticleId),
    /// A pair split by hand: (Korean, English).
    Split(ArticleId, ArticleId),
    /// A lemma's status set in the word popup, with where the word was seen.
    WordStatus {
        lemma: String,
        status: crate::library::words::Status,
        seen: Option<crate::library::words::Seen>,
    },
}

/// What the library tells the app.
#[derive(Debug, Clone)]
pub enum DiskEvent {
    /// The library's list (its connection for the list's queries), opened at start.
    Listed(Box<Listing>),
    /// Every bookmark, after one was added.
    Bookmarks(Vec<Bookmark>),
    /// A write failed: one line for the status bar.
    Failed(String),
    /// Articles stored since the list was read (a feed refresh).
    More(Vec<library::Entry>),
    /// Background processing of new, changed or stale articles: done of total.
    Progress(usize, usize),
    /// These articles were processed again: their new metadata.
    Updated(Vec<library::Entry>),
    /// The reader opened files: the library a bookmark imports its article into and the
    /// learner's words are kept in (the user's, `DUET_HOME` or the data directory; created when
    /// the first status is saved).
    FilesLibrary(Home),
    /// The background work is done (the whole list sent, every article processed): time to
    /// pair the library. `remember`: the pairing may keep its verdicts in the library (a
    /// headless run only looks).
    Settled { remember: bool },
    /// The known shares of these articles changed (a status was saved).
    KnownShares(HashMap<ArticleId, f64>),
}

/// The library's list as opened at start: its rows are read as they come into view.
#[derive(Debug, Clone)]
pub struct Listing {
    pub home: Home,
    pub source: ListSource,
    pub bookmarks: Vec<Bookmark>,
    /// Why nothing will be saved (a read-only folder, a full disk), if so.
    pub read_only: Option<String>,
    /// A problem met while opening (a damaged database moved aside …): one line.
    pub notice: Option<String>,
    /// The article the reader was in last: the list reopens on it.
    pub resume: Option<ArticleId>,
}

/// The library on disk's part of the app state (empty when the reader opened files).
#[derive(Debug, Default)]
pub struct Disk {
    pub(in crate::tui) home: Option<Home>,
    pub(in crate::tui) read_only: Option<String>,
    /// Files bookmarked (so imported): the article each is in the library (a library entry's
    /// id is its article's, [`EntryId::of_article`]).
    pub(in crate::tui) articles: HashMap<EntryId, ArticleId>,
    /// Where each article was left (restored when it opens): the last position saved.
    pub(in crate::tui) positions: HashMap<EntryId, Position>,
    /// The read marks as saved.
    pub(in crate::tui) read: HashMap<EntryId, bool>,
    pub(in crate::tui) bookmarks: Vec<Bookmark>,
    /// Background processing under way: done of total.
    pub(in crate::tui) processing: Option<(usize, usize)>,
    /// The reader opened files: the library a bookmark imports its article into.
    pub(in crate::tui) files_library: Option<Home>,
}

impl Disk {
    /// The library article entry `id` is (a file bookmarked: the article it was imported as).
    pub fn article(&self, id: EntryId) -> Option<ArticleId> {
        (self.articles.get(&id).copied()).or_else(|| id.article().filter(|_| self.is_library()))
    }
    /// The entry of a library article (a file bookmarked: the file's).
    pub fn entry_of(&self, article: ArticleId) -> Option<EntryId> {
        if self.is_library() {
            return Some(EntryId::of_article(article));
        }
        (self.articles.iter())
            .find(|(_, a)| **a == article)
            .map(|(id, _)| *id)
    }
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }
    pub fn is_library(&self) -> bool {
        self.home.is_some()
    }
    pub fn processing(&self) -> Option<(usize, usize)> {
        self.processing
    }
}

pub(in crate::tui) fn to_library(p: Position) -> library::Position {
    library::Position {
        pair: p.passage,
        sentence: p.sentence,
    }
}

pub(in crate::tui) fn from_library(p: library::Position) -> Position {
    Position {
        passage: p.pair,
        sentence: p.sentence,
    }
}

pub(in crate::tui) fn clean(s: &str) -> String {
    sanitize::clean_line(s).into_owned()
}

/// The list's metadata of a library entry, cleaned for the screen as a document's would be.
fn meta(e: &library::Entry) -> EntryMeta {
    let opt = |s: &Option<String>| s.as_deref().map(clean).filter(|t| !t.is_empty());
    let title_en = opt(&e.title_en);
    let title = opt(&e.title)
        .or_else(|| title_en.clone())
        .or_else(|| {
            e.source
                .as_deref()
                .and_then(|s| std::path::Path::new(s).file_name())
                .map(|f| clean(&f.to_string_lossy()))
        })
        .unwrap_or_default();
    let title_en = title_en.filter(|t| *t != title);
    EntryMeta {
        title,
        title_en,
        published: opt(&e.published),
        outlet: opt(&e.outlet),
        badge: match e.language.as_deref() {
            Some("ko") => "KO",
            Some("en") => "EN",
            Some("ko+en") => "KO+EN",
            _ => "OTHER",
        },
        feed: e.feed,
    }
}

/// How a library entry shows in the list: its metadata, or why it could not be processed.
pub(in crate::tui) fn entry_state(e: &library::Entry) -> EntryState {
    match &e.error {
        Some(err) => EntryState::Failed(format!("{}: {}", e.file.display(), clean(err))),
        None => EntryState::Ready(meta(e)),
    }
}
