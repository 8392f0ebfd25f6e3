//! The library on disk: imported articles, the pipeline's cached output, reading positions and
//! bookmarks, in one SQLite database beside the imported copies (see [`home`]).
//!
//! One file per job: [`home`] (where), [`db`] (opening, durability, fallbacks), [`schema`]
//! (numbered migrations), [`import`] (copy in, skip duplicates), [`intake`] (one article's
//! processing, and "import, then pair" for every way articles come in), [`cache`] (parsed articles and
//! alignments keyed by content hash and pipeline version), [`state`] (position, read/unread),
//! [`bookmarks`], [`export`], [`list`] (the list's order, filters and windows as queries), [`pairs`] (translation pairs across files, and the user's own),
//! [`feeds`] (subscriptions) and [`feed_refresh`] (feeds' stories stored as articles).
//! Terminal-free: the CLI and the reader call the same functions.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod bookmarks;
pub mod cache;
pub mod db;
pub mod dictionary;
pub mod entities;
pub mod error;
pub mod export;
pub mod feed_refresh;
mod feed_store;
pub mod feeds;
pub mod home;
pub mod import;
pub mod intake;
pub mod list;
pub mod pairs;
pub mod schema;
pub mod state;
pub mod time;
pub mod words;
mod work;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

pub use bookmarks::Bookmark;
pub use cache::{PIPELINE, Processed};
pub use db::Access;
pub use entities::{EntityReach, ReachArticle};
pub use error::{LibraryError, Result};
pub use feeds::{Feed, FeedId};
pub use home::Home;
pub use import::ImportReport;
pub use intake::{Imported, Prepared};
pub use state::Position;

/// An article's id in the library: stable for its life there (never reused while the
/// database lives).
pub type ArticleId = i64;

/// An open library.
pub struct Library {
    conn: Connection,
    home: Home,
    access: Access,
    pipeline: String,
}

/// One article as the list shows it: metadata and reading state, no text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: ArticleId,
    pub hash: String,
    /// The stored copy (absolute).
    pub file: PathBuf,
    /// Where it was imported from.
    pub source: Option<String>,
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// `ko`, `en`, `ko+en` or `other`, once processed.
    pub language: Option<String>,
    /// Pairs the aligner found, once processed.
    pub pairs: Option<i64>,
    /// Why processing failed, if it did.
    pub error: Option<String>,
    pub read: bool,
    /// Where the reader was (JSON: pair and sentence numbers from 1, as the screen shows them).
    #[serde(serialize_with = "state::shown::position")]
    pub position: Option<Position>,
    pub bookmarks: i64,
    /// When it was imported (seconds since the epoch).
    pub added: i64,
    /// The feed it came from, if a feed brought it.
    pub feed: Option<i64>,
    /// Its stored copy is the feed's own text of the story: its page could not be fetched
    /// or cleaned to nothing.
    pub from_feed: bool,
    /// Its metadata and cache come from another pipeline version (or none yet): it will be
    /// processed again when opened or in the background. (The metadata's pipeline is written
    /// in the same transaction as the cache entry, so it stands for both.)
    pub stale: bool,
}

impl Library {
    /// Open the library in `DUET_HOME` or the platform data directory. The notices are
    /// problems met and handled on the way (each one line for the user).
    pub fn open_default() -> Result<(Library, Vec<LibraryError>)> {
        Library::open(Home::locate()?)
    }

    /// Open (creating if need be) the library in `home`.
    pub fn open(home: Home) -> Result<(Library, Vec<LibraryError>)> {
        let opened = db::open(&home)?;
        Ok((
            Library {
                conn: opened.conn,
                home,
                access: opened.access,
                pipeline: PIPELINE.to_string(),
            },
            opened.notices,
        ))
    }

    /// Another connection to the same library (for a worker thread).
    pub fn reopen(&self) -> Result<Library> {
        let (mut lib, _) = Library::open(self.home.clone())?;
        lib.pipeline.clone_from(&self.pipeline);
        Ok(lib)
    }

    /// Pretend to be another pipeline version (tests of lazy re-processing).
    pub fn with_pipeline(mut self, pipeline: &str) -> Library {
        self.pipeline = pipeline.to_string();
        self
    }

    pub fn home(&self) -> &Home {
        &self.home
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    pub fn pipeline(&self) -> &str {
        &self.pipeline
    }

    pub fn db_path(&self) -> PathBuf {
        self.home.db_path()
    }

    /// The raw connection (tests check integrity through it).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Refuse to write when open read-only.
    fn writable(&self) -> Result<()> {
        match &self.access {
            Access::ReadWrite => Ok(()),
            Access::ReadOnly(why) => Err(LibraryError::WriteRefused {
                path: self.db_path(),
                why: why.clone(),
            }),
        }
    }

    /// A write transaction that takes the write lock at once (waiting up to the busy timeout
    /// for another duet), so it never fails half-way because another writer got in first.
    fn write_tx(&self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)
    }

    fn sql_err(&self, e: rusqlite::Error) -> LibraryError {
        LibraryError::Sqlite {
            path: self.db_path(),
            error: e,
        }
    }

    fn write_err(&self, what: &str, e: rusqlite::Error) -> LibraryError {
        LibraryError::from_write(&self.db_path(), what, e)
    }

    /// How many articles the library holds.
    pub fn len(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.sql_err(e))
    }

    pub fn is_empty(&self) -> Result<bool> {
        // Without counting them all (the reader asks before its first frame).
        self.conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM articles)", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.sql_err(e))
    }

    /// Every article, newest publication first (undated ones last, by import order).
    pub fn entries(&self) -> Result<Vec<Entry>> {
        self.query_entries(None, 0, -1)
    }

    /// `limit` articles from `offset` in the order of [`Library::entries`] (read through an
    /// index: the first screenful of a large library costs what a small one does).
    pub fn entries_page(&self, offset: usize, limit: usize) -> Result<Vec<Entry>> {
        self.query_entries(None, offset as i64, i64::try_from(limit).unwrap_or(-1))
    }

    /// Every article from `offset` on, in the order of [`Library::entries`].
    pub fn entries_from(&self, offset: usize) -> Result<Vec<Entry>> {
        self.query_entries(None, offset as i64, -1)
    }

    /// One article.
    pub fn entry(&self, id: ArticleId) -> Result<Entry> {
        self.query_entries(Some(id), 0, -1)?
            .pop()
            .ok_or(LibraryError::NoSuchArticle(id))
    }

    fn query_entries(&self, id: Option<ArticleId>, offset: i64, limit: i64) -> Result<Vec<Entry>> {
        let mut out = Vec::new();
        self.stream_entries(id, offset, limit, |e| {
            out.push(e);
            true
        })?;
        Ok(out)
    }

    /// Every article in the order of [`Library::entries`], handed to `each` one at a time as
    /// it is read (it returns `false` to stop): a caller that prints them never holds the
    /// whole list.
    pub fn each_entry(&self, each: impl FnMut(Entry) -> bool) -> Result<()> {
        self.stream_entries(None, 0, -1, each)
    }

    /// [`Library::each_entry`] without what a one-line listing does not show: `hash` is empty,
    /// `file` the library's folder, `bookmarks` 0, `feed` `None`, `from_feed` false (three
    /// lookups and two strings a row fewer: `duet list` at 100,000).
    pub fn each_entry_brief(&self, each: impl FnMut(Entry) -> bool) -> Result<()> {
        self.stream_rows(&ENTRIES_BRIEF, None, 0, -1, each)
    }

    fn stream_entries(
        &self,
        id: Option<ArticleId>,
        offset: i64,
        limit: i64,
        each: impl FnMut(Entry) -> bool,
    ) -> Result<()> {
        self.stream_rows(&ENTRIES, id, offset, limit, each)
    }

    fn stream_rows(
        &self,
        sql: &str,
        id: Option<ArticleId>,
        offset: i64,
        limit: i64,
        mut each: impl FnMut(Entry) -> bool,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql_err(e))?;
        let root = &self.home.root;
        let mut rows = stmt
            .query(rusqlite::params![self.pipeline, id, limit, offset])
            .map_err(|e| self.sql_err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.sql_err(e))? {
            let entry = entry_of(root, r).map_err(|e| self.sql_err(e))?;
            if !each(entry) {
                break;
            }
        }
        Ok(())
    }
}

/// The entries' query. ?1: the pipeline; ?2: one id, or NULL for all; ?3, ?4: limit (-1: none)
/// and offset. `stored`: the hash and file columns; `extra`: the bookmarks, feed and from-feed
/// columns.
fn entries_sql(stored: &str, extra: &str) -> String {
    format!(
        "SELECT a.id, {stored}, a.source, a.title, a.title_en,
            a.published, a.outlet, a.language, a.pairs, a.error, a.read, a.pos_pair,
            a.pos_sentence, a.added, a.pipeline IS NOT ?1, {extra}
         FROM articles a WHERE ?2 IS NULL OR a.id = ?2
         ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?3 OFFSET ?4"
    )
}

static ENTRIES: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    entries_sql(
        "a.hash, a.file",
        "(SELECT count(*) FROM bookmarks b WHERE b.article = a.id),
         (SELECT min(i.feed) FROM feed_items i WHERE i.article = a.id),
         COALESCE((SELECT f.from_feed FROM feed_articles f WHERE f.article = a.id), 0)",
    )
});

static ENTRIES_BRIEF: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| entries_sql("'', ''", "0, NULL, 0"));

/// A row of [`Library::stream_entries`]'s query.
fn entry_of(root: &Path, r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    let pos_pair: Option<i64> = r.get(12)?;
    let pos_sentence: Option<i64> = r.get(13)?;
    Ok(Entry {
        id: r.get(0)?,
        hash: r.get(1)?,
        file: root.join(r.get::<_, String>(2)?),
        source: r.get(3)?,
        title: r.get(4)?,
        title_en: r.get(5)?,
        published: r.get(6)?,
        outlet: r.get(7)?,
        language: r.get(8)?,
        pairs: r.get(9)?,
        error: r.get(10)?,
        read: r.get(11)?,
        position: pos_pair.map(|p| Position {
            pair: p.max(0) as usize,
            sentence: pos_sentence.map(|s| s.max(0) as usize),
        }),
        added: r.get(14)?,
        stale: r.get(15)?,
        bookmarks: r.get(16)?,
        feed: r.get(17)?,
        from_feed: r.get(18)?,
    })
}

/// What `duet` with no arguments opens.
pub enum Startup {
    /// The library, which has articles (and the notices met opening it).
    Library(Box<Library>, Vec<LibraryError>),
    /// The bundled samples: the library is empty, or could not be opened (the reason is among
    /// the notices).
    Samples,
}

/// Open the default library for the reader: the library when it holds articles, else the
/// samples. Never fails: problems become notices (one line each).
pub fn startup() -> (Startup, Vec<LibraryError>) {
    // No library yet: nothing is created just by looking.
    match Home::locate() {
        Ok(home) if home.db_path().exists() => {}
        Ok(_) => return (Startup::Samples, Vec::new()),
        Err(e) => return (Startup::Samples, vec![e]),
    }
    match Library::open_default() {
        // A library that follows feeds opens before its first article: `R` brings them in.
        Ok((lib, notices)) => match lib
            .is_empty()
            .map(|empty| empty && lib.feeds().map_or(true, |f| f.is_empty()))
        {
            Ok(false) => (Startup::Library(Box::new(lib), notices), Vec::new()),
            Ok(true) => (Startup::Samples, notices),
            Err(e) => {
                let mut notices = notices;
                notices.push(e);
                (Startup::Samples, notices)
            }
        },
        Err(e) => (Startup::Samples, vec![e]),
    }
}

/// The extension a stored copy keeps: the original's, lower-cased, or `txt`.
pub(crate) fn stored_ext(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .filter(|e| !e.is_empty() && e.len() <= 10 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .map_or_else(|| "txt".to_string(), str::to_ascii_lowercase)
}

/// Decompress a blob, refusing one that claims to be larger than any article could make (a
/// damaged blob must not allocate gigabytes).
pub(crate) fn unpack(blob: &[u8]) -> std::result::Result<Vec<u8>, String> {
    const MAX: usize = 64 * crate::ingest::MAX_FILE_BYTES as usize;
    let size = blob
        .get(..4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .ok_or("truncated cache entry")?;
    if size > MAX {
        return Err(format!("cache entry claims {size} bytes"));
    }
    lz4_flex::decompress_size_prepended(blob).map_err(|e| e.to_string())
}
