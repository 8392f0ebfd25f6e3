//! Writing what a refresh fetched (see [`super::feed_refresh`]): the stored copies first,
//! under a temporary name and renamed; then, in one transaction per batch, each article's row
//! (new, or the same id given a changed story's new text), its cache entry, what the feed
//! says of it, and the item's record. A kill at any point leaves whole articles only.

use std::path::Path;

use rusqlite::params;

use crate::feed::FeedUrl;

use super::cache;
use super::error::Result;
use super::feed_refresh::{PageDone, Ready, RefreshReport};
use super::home::Home;
use super::{ArticleId, Library, import};

impl Library {
    /// Write a batch of fetched pages: stored copies first, then one transaction for their
    /// rows, cache entries and item records. Returns the articles written.
    pub(super) fn write_pages(
        &self,
        batch: &mut Vec<PageDone>,
        report: &mut RefreshReport,
        now: i64,
    ) -> Result<Vec<ArticleId>> {
        let mut copies = Vec::new();
        let mut written = Vec::new();
        for d in batch.iter() {
            if let Some(r) = &d.stored {
                let rel = Home::stored_rel(&r.page.hash, "html");
                let abs = self.home.resolve(&rel);
                let existed = abs.exists();
                let meta = import::store_copy(&abs, &r.page.bytes)?;
                if !existed {
                    written.push(abs);
                }
                copies.push(Some((rel, meta)));
            } else {
                copies.push(None);
            }
        }
        let result = self.write_pages_tx(batch, &copies, report, now);
        if result.is_err() {
            for f in &written {
                let _ = std::fs::remove_file(f);
            }
        }
        batch.clear();
        result
    }

    fn write_pages_tx(
        &self,
        batch: &[PageDone],
        copies: &[Option<(std::path::PathBuf, (i64, i64))>],
        report: &mut RefreshReport,
        now: i64,
    ) -> Result<Vec<ArticleId>> {
        let what = "the feed's articles";
        let err = |e| self.write_err(what, e);
        let tx = self.write_tx().map_err(err)?;
        let mut ids = Vec::new();
        let mut old_files = Vec::new();
        for (d, copy) in batch.iter().zip(copies) {
            let item = &d.job.item;
            let link = item.link.as_ref().map(FeedUrl::as_str);
            let fr = &mut report.feeds[d.job.feed];
            let (why, transient) = d
                .page_error
                .clone()
                .map_or((None, false), |(w, t)| (Some(w), t));
            if let Some(w) = &why {
                fr.pages_failed
                    .push(format!("{}: {w}", link.unwrap_or(&item.guid)));
            }
            // A changed story whose page failed keeps the full text it has.
            let keep_old = matches!(d.job.replaces, Some((_, false)))
                && d.stored.as_ref().is_none_or(|r| r.from_feed);
            let article = match (&d.stored, copy, keep_old) {
                (Some(r), Some((rel, (size, mtime))), false) => {
                    let id = match d.job.replaces {
                        None => insert_article(&tx, r, rel, link, (*size, *mtime), now),
                        Some((id, _)) => {
                            replace_article(&tx, id, r, rel, (*size, *mtime), &mut old_files)
                        }
                    }
                    .map_err(err)?;
                    tx.execute(
                        "INSERT OR REPLACE INTO feed_articles
                            (article, link, outlet, published, lang, title, from_feed)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![
                            id,
                            link.unwrap_or(""),
                            d.job.outlet,
                            item.published,
                            d.job.lang.as_deref().filter(|l| matches!(*l, "ko" | "en")),
                            item.title,
                            r.from_feed
                        ],
                    )
                    .map_err(err)?;
                    cache::write_cache(&tx, &self.pipeline, &r.page.hash, &r.page.enc)
                        .map_err(err)?;
                    if d.job.replaces.is_some() {
                        fr.changed += 1;
                        report.changed.push(id);
                    } else {
                        fr.new += 1;
                        report.added.push(id);
                    }
                    if r.from_feed {
                        fr.from_feed += 1;
                    }
                    ids.push(id);
                    Some(id)
                }
                _ => d.job.replaces.map(|(id, _)| id),
            };
            // Tried again later when the failure may pass and the page is not what is stored.
            let retry = transient && d.stored.as_ref().is_none_or(|r| r.from_feed);
            // Nothing stored and nothing that may pass: remember why, so it is not tried again.
            let page_error = why.or_else(|| {
                (article.is_none()).then(|| "the feed gives neither a page nor text".to_string())
            });
            tx.execute(
                "INSERT OR REPLACE INTO feed_items
                    (feed, guid, link, article, digest, page_error, attempts, retry, seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    fr.id,
                    item.guid,
                    link,
                    article,
                    item.digest,
                    page_error,
                    d.job.attempts + 1,
                    retry,
                    now
                ],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        for rel in old_files {
            let _ = std::fs::remove_file(self.home.resolve(&rel));
        }
        Ok(ids)
    }
}

/// A new article's row (or the id of the article that already holds these bytes).
fn insert_article(
    tx: &rusqlite::Transaction,
    r: &Ready,
    rel: &Path,
    link: Option<&str>,
    (size, mtime): (i64, i64),
    now: i64,
) -> rusqlite::Result<ArticleId> {
    let n = tx.execute(
        "INSERT INTO articles (hash, file, source, size, mtime, added)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (hash) DO NOTHING",
        params![r.page.hash, rel.to_string_lossy(), link, size, mtime, now],
    )?;
    if n == 1 {
        return Ok(tx.last_insert_rowid());
    }
    tx.query_row(
        "SELECT id FROM articles WHERE hash = ?1",
        [&r.page.hash],
        |row| row.get(0),
    )
}

/// Give an article new text under the same id (its reading state and bookmarks stay).
/// Bytes another article already holds leave it as it was. The old copy, when no article
/// uses it any more, goes on `old_files` (removed once committed).
fn replace_article(
    tx: &rusqlite::Transaction,
    id: ArticleId,
    r: &Ready,
    rel: &Path,
    (size, mtime): (i64, i64),
    old_files: &mut Vec<std::path::PathBuf>,
) -> rusqlite::Result<ArticleId> {
    let (old_hash, old_file): (String, String) = tx.query_row(
        "SELECT hash, file FROM articles WHERE id = ?1",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let taken: bool = tx.query_row(
        "SELECT count(*) FROM articles WHERE hash = ?1",
        [&r.page.hash],
        |row| row.get::<_, i64>(0),
    )? > 0;
    if old_hash == r.page.hash || taken {
        return Ok(id);
    }
    tx.execute(
        "UPDATE articles SET hash = ?2, file = ?3, size = ?4, mtime = ?5, pipeline = NULL,
            error = NULL WHERE id = ?1",
        params![id, r.page.hash, rel.to_string_lossy(), size, mtime],
    )?;
    for sql in [
        "DELETE FROM cache WHERE hash = ?1 AND NOT EXISTS (SELECT 1 FROM articles WHERE hash = ?1)",
        "DELETE FROM evidence WHERE hash = ?1 AND NOT EXISTS (SELECT 1 FROM articles WHERE hash = ?1)",
    ] {
        tx.execute(sql, [&old_hash])?;
    }
    let used: i64 = tx.query_row(
        "SELECT count(*) FROM articles WHERE file = ?1",
        [&old_file],
        |row| row.get(0),
    )?;
    if used == 0 {
        old_files.push(std::path::PathBuf::from(old_file));
    }
    Ok(id)
}
