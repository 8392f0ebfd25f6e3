//! Bookmarks on pairs, with an optional note. Each keeps the pair's text as it was when marked,
//! so an export still says what was marked after the article is re-aligned.

use std::path::Path;

use rusqlite::params;
use serde::Serialize;

use super::error::{LibraryError, Result};
use super::{ArticleId, Library, time};

/// One bookmark, with its article's title for lists and exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bookmark {
    pub id: i64,
    pub article: ArticleId,
    pub title: Option<String>,
    /// The pair's index (JSON: its number, from 1, as the screen, TSV and TMX show it).
    #[serde(serialize_with = "super::state::shown::number")]
    pub pair: usize,
    #[serde(serialize_with = "super::state::shown::optional")]
    pub sentence: Option<usize>,
    pub ko: String,
    pub en: String,
    pub note: Option<String>,
    /// When it was made (seconds since the epoch).
    pub created: i64,
}

/// What a new bookmark marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mark {
    pub pair: usize,
    pub sentence: Option<usize>,
    pub ko: String,
    pub en: String,
    pub note: Option<String>,
}

/// A bookmark made on a file: the article it is in the library, and whether the bookmark
/// imported it (its first) or the library held its bytes already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileBookmark {
    pub article: ArticleId,
    pub imported: bool,
}

impl Library {
    /// Bookmark a pair of an article read from a file (bookmarks live in the library): the
    /// file is imported first, unless the library holds the same bytes.
    pub fn bookmark_file(&self, file: &Path, mark: &Mark) -> Result<FileBookmark> {
        let mut report = self.import(&[file.to_path_buf()], &mut |_, _| {})?;
        if let Some(stopped) = report.stopped.take() {
            return Err(stopped);
        }
        let found = (report.added.first().map(|(id, _)| (*id, true)))
            .or_else(|| report.duplicates.first().map(|(_, id)| (*id, false)));
        let Some((article, imported)) = found else {
            let why = report.failed.into_iter().next();
            return Err(LibraryError::NotImported(why.unwrap_or_else(|| {
                format!("{}: not an article file", file.display())
            })));
        };
        self.add_bookmark(article, mark)?;
        Ok(FileBookmark { article, imported })
    }

    /// Bookmark a pair; returns the bookmark's id.
    pub fn add_bookmark(&self, article: ArticleId, mark: &Mark) -> Result<i64> {
        self.writable()?;
        let note = mark
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        self.conn
            .execute(
                "INSERT INTO bookmarks (article, pair, sentence, ko, en, note, created)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    article,
                    mark.pair as i64,
                    mark.sentence.map(|s| s as i64),
                    mark.ko,
                    mark.en,
                    note,
                    time::now()
                ],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    LibraryError::NoSuchArticle(article)
                }
                _ => self.write_err("the bookmark", e),
            })?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Change (or clear, with `None` or blank) a bookmark's note.
    pub fn set_bookmark_note(&self, id: i64, note: Option<&str>) -> Result<()> {
        self.writable()?;
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let n = self
            .conn
            .execute(
                "UPDATE bookmarks SET note = ?2 WHERE id = ?1",
                params![id, note],
            )
            .map_err(|e| self.write_err("the note", e))?;
        if n == 0 {
            return Err(LibraryError::NoSuchBookmark(id));
        }
        Ok(())
    }

    pub fn remove_bookmark(&self, id: i64) -> Result<()> {
        self.writable()?;
        let n = self
            .conn
            .execute("DELETE FROM bookmarks WHERE id = ?1", [id])
            .map_err(|e| self.write_err("the bookmark removal", e))?;
        if n == 0 {
            return Err(LibraryError::NoSuchBookmark(id));
        }
        Ok(())
    }

    /// Every bookmark across the library (or of one article), in article then pair order.
    pub fn bookmarks(&self, article: Option<ArticleId>) -> Result<Vec<Bookmark>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT b.id, b.article, a.title, b.pair, b.sentence, b.ko, b.en, b.note, b.created
                 FROM bookmarks b JOIN articles a ON a.id = b.article
                 WHERE ?1 IS NULL OR b.article = ?1
                 ORDER BY b.article, b.pair, b.sentence, b.id",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([article], |r| {
                Ok(Bookmark {
                    id: r.get(0)?,
                    article: r.get(1)?,
                    title: r.get(2)?,
                    pair: r.get::<_, i64>(3)?.max(0) as usize,
                    sentence: r.get::<_, Option<i64>>(4)?.map(|s| s.max(0) as usize),
                    ko: r.get(5)?,
                    en: r.get(6)?,
                    note: r.get(7)?,
                    created: r.get(8)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql_err(e))?;
        Ok(rows)
    }
}
