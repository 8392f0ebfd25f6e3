//! Reading state: where the reader was in each article, as (pair, sentence) — content-anchored,
//! so it survives resizes, layout changes and re-alignment — and read/unread.
//!
//! Each update is one small transaction (WAL, `synchronous=NORMAL`): a kill at any moment
//! loses at most the update in flight.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::error::{LibraryError, Result};
use super::{ArticleId, Library, time};

/// A reading position: the segment (pair or unpaired block) in reading order, and in sentence
/// mode the sentence bead inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub pair: usize,
    pub sentence: Option<usize>,
}

/// Pair and sentence numbers in what duet prints count from 1, as the reader's status line
/// shows them; inside, they are indices from 0. Serializers for the JSON out.
pub mod shown {
    use serde::Serializer;
    use serde::ser::SerializeStruct;

    pub fn number<S: Serializer>(n: &usize, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(*n as u64 + 1)
    }

    pub fn optional<S: Serializer>(n: &Option<usize>, s: S) -> Result<S::Ok, S::Error> {
        match n {
            Some(n) => s.serialize_some(&(*n as u64 + 1)),
            None => s.serialize_none(),
        }
    }

    pub fn position<S: Serializer>(p: &Option<super::Position>, s: S) -> Result<S::Ok, S::Error> {
        let Some(p) = p else {
            return s.serialize_none();
        };
        let mut st = s.serialize_struct("Position", 2)?;
        st.serialize_field("pair", &(p.pair as u64 + 1))?;
        st.serialize_field("sentence", &p.sentence.map(|n| n as u64 + 1))?;
        st.end()
    }
}

impl Library {
    /// Remember where the reader is in an article.
    pub fn set_position(&self, id: ArticleId, pos: Position) -> Result<()> {
        self.writable()?;
        let n = self
            .conn
            .prepare_cached(
                "UPDATE articles SET pos_pair = ?2, pos_sentence = ?3, pos_updated = ?4
                 WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    pos.pair as i64,
                    pos.sentence.map(|s| s as i64),
                    time::now()
                ])
            })
            .map_err(|e| self.write_err("the reading position", e))?;
        if n == 0 {
            return Err(LibraryError::NoSuchArticle(id));
        }
        Ok(())
    }

    /// The article the reader was in last (its position saved latest; in the same second,
    /// the later import): the library reopens there.
    pub fn last_read(&self) -> Result<Option<ArticleId>> {
        self.conn
            .query_row(
                "SELECT id FROM articles WHERE pos_updated IS NOT NULL
                 ORDER BY pos_updated DESC, id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql_err(e))
    }

    /// Where the reader was, if anywhere.
    pub fn position(&self, id: ArticleId) -> Result<Option<Position>> {
        Ok(self.entry(id)?.position)
    }

    /// Mark an article read or unread.
    pub fn set_read(&self, id: ArticleId, read: bool) -> Result<()> {
        self.writable()?;
        let n = self
            .conn
            .execute(
                "UPDATE articles SET read = ?2 WHERE id = ?1",
                params![id, read],
            )
            .map_err(|e| self.write_err("the read mark", e))?;
        if n == 0 {
            return Err(LibraryError::NoSuchArticle(id));
        }
        Ok(())
    }

    /// Remove articles (their stored copies, reading state and bookmarks; never the files they
    /// were imported from). Returns the bookmarks removed with them.
    pub fn remove(&self, ids: &[ArticleId]) -> Result<usize> {
        self.writable()?;
        let what = "the removal";
        let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
        let mut files = Vec::new();
        let mut bookmarks = 0;
        for &id in ids {
            let file: Option<(String, String)> = tx
                .query_row("SELECT file, hash FROM articles WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .ok();
            let Some((file, hash)) = file else {
                return Err(LibraryError::NoSuchArticle(id));
            };
            bookmarks += tx
                .execute("DELETE FROM bookmarks WHERE article = ?1", [id])
                .map_err(|e| self.write_err(what, e))?;
            tx.execute("DELETE FROM entity_names WHERE article = ?1", [id])
                .map_err(|e| self.write_err(what, e))?;
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])
                .map_err(|e| self.write_err(what, e))?;
            // (its verdicts and pairing choices go with the row: ON DELETE CASCADE)
            for sql in [
                "DELETE FROM cache WHERE hash = ?1",
                "DELETE FROM evidence WHERE hash = ?1",
            ] {
                tx.execute(sql, [&hash])
                    .map_err(|e| self.write_err(what, e))?;
            }
            files.push(self.home.resolve(std::path::Path::new(&file)));
        }
        tx.commit().map_err(|e| self.write_err(what, e))?;
        // The copies go after the commit: a kill in between leaves a stray copy, never a row
        // without its file.
        for f in files {
            let _ = std::fs::remove_file(f);
        }
        Ok(bookmarks)
    }
}
