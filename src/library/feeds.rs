//! The library's subscriptions: feeds followed, what each last refresh met, and what a feed
//! says of the articles it brought (see migration 6 in [`super::schema`]). Adding a feed
//! needs no network; [`super::feed_refresh`] fetches.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::feed::{FeedUrl, opml};

use super::error::{LibraryError, Result};
use super::{ArticleId, Library, time};

/// A feed's id in the library.
pub type FeedId = i64;

/// A subscription as `duet feed list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feed {
    pub id: FeedId,
    pub url: String,
    /// The user's name for it, else the feed's own title.
    pub name: Option<String>,
    /// `ko` or `en`: the user's, else what the feed declares.
    pub lang: Option<String>,
    /// When it was last refreshed (seconds since the epoch).
    pub last_refresh: Option<i64>,
    /// Items stored by the last refresh that reached it.
    pub new_items: i64,
    /// What went wrong the last time, if it did.
    pub last_error: Option<String>,
    /// Not asked again before this time: its server answered 429.
    pub retry_after: Option<i64>,
    /// Articles in the library from it.
    pub articles: i64,
    #[serde(skip)]
    pub etag: Option<String>,
    #[serde(skip)]
    pub last_modified: Option<String>,
    #[serde(skip)]
    pub last_ok: Option<i64>,
}

impl Feed {
    /// The outlet its articles are filed under.
    pub fn outlet(&self) -> Option<&str> {
        self.name.as_deref()
    }
}

const FEED_COLUMNS: &str =
    "f.id, f.url, COALESCE(f.name, f.title), COALESCE(f.lang, f.declared_lang),
    f.last_refresh, f.new_items, f.last_error, f.retry_after,
    (SELECT count(*) FROM feed_items i WHERE i.feed = f.id AND i.article IS NOT NULL),
    f.etag, f.last_modified, f.last_ok";

fn feed_row(r: &rusqlite::Row) -> rusqlite::Result<Feed> {
    Ok(Feed {
        id: r.get(0)?,
        url: r.get(1)?,
        name: r.get(2)?,
        lang: r.get(3)?,
        last_refresh: r.get(4)?,
        new_items: r.get(5)?,
        last_error: r.get(6)?,
        retry_after: r.get(7)?,
        articles: r.get(8)?,
        etag: r.get(9)?,
        last_modified: r.get(10)?,
        last_ok: r.get(11)?,
    })
}

/// What [`Library::import_feeds`] did.
#[derive(Debug, Default)]
pub struct FeedImport {
    pub added: Vec<Feed>,
    /// Already followed.
    pub known: Vec<Feed>,
    /// Entries that are not feeds, or whose URL is refused: one line each.
    pub skipped: Vec<String>,
}

impl Library {
    /// Follow a feed (no network needed). Returns it, and whether it is new (a URL already
    /// followed keeps its id; a name or language given now replaces the old one).
    pub fn add_feed(
        &self,
        url: &str,
        lang: Option<&str>,
        name: Option<&str>,
    ) -> Result<(Feed, bool)> {
        self.writable()?;
        let url = FeedUrl::parse(url).map_err(|e| LibraryError::FeedUrl {
            url: crate::text::sanitize(url),
            why: e.to_string(),
        })?;
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        let what = "the subscription";
        let existing = self.find_feed(url.as_str())?;
        if let Some(f) = existing {
            self.conn
                .execute(
                    "UPDATE feeds SET name = COALESCE(?2, name), lang = COALESCE(?3, lang)
                     WHERE id = ?1",
                    params![f.id, name, lang],
                )
                .map_err(|e| self.write_err(what, e))?;
            return Ok((self.feed_by_id(f.id)?, false));
        }
        self.conn
            .execute(
                "INSERT INTO feeds (url, name, lang, added) VALUES (?1, ?2, ?3, ?4)",
                params![url.as_str(), name, lang, time::now()],
            )
            .map_err(|e| self.write_err(what, e))?;
        let id = self.conn.last_insert_rowid();
        Ok((self.feed_by_id(id)?, true))
    }

    /// Every subscription, in the order they were added.
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds f ORDER BY f.id");
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.sql_err(e))?;
        stmt.query_map([], feed_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql_err(e))
    }

    pub fn feed_by_id(&self, id: FeedId) -> Result<Feed> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds f WHERE f.id = ?1");
        self.conn
            .query_row(&sql, [id], feed_row)
            .optional()
            .map_err(|e| self.sql_err(e))?
            .ok_or_else(|| LibraryError::NoSuchFeed(id.to_string()))
    }

    fn find_feed(&self, url: &str) -> Result<Option<Feed>> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds f WHERE f.url = ?1");
        self.conn
            .query_row(&sql, [url], feed_row)
            .optional()
            .map_err(|e| self.sql_err(e))
    }

    /// A feed by its id (`3`) or URL, as the user wrote it.
    pub fn feed(&self, key: &str) -> Result<Feed> {
        let key = key.trim();
        if let Ok(id) = key.parse::<FeedId>() {
            return self.feed_by_id(id);
        }
        let normal = FeedUrl::parse(key).map(|u| u.as_str().to_string());
        for candidate in [Some(key.to_string()), normal.ok()].into_iter().flatten() {
            if let Some(f) = self.find_feed(&candidate)? {
                return Ok(f);
            }
        }
        Err(LibraryError::NoSuchFeed(crate::text::sanitize(key)))
    }

    /// Stop following a feed. Its articles stay in the library (with the outlet and date it
    /// gave them); only the subscription and its item records go.
    pub fn remove_feed(&self, id: FeedId) -> Result<()> {
        self.writable()?;
        let n = self
            .conn
            .execute("DELETE FROM feeds WHERE id = ?1", [id])
            .map_err(|e| self.write_err("the unsubscription", e))?;
        if n == 0 {
            return Err(LibraryError::NoSuchFeed(id.to_string()));
        }
        Ok(())
    }

    /// Follow every feed of an OPML document or newsboat `urls` file.
    pub fn import_feeds(&self, text: &str) -> std::result::Result<FeedImport, String> {
        let list = opml::read(text)?;
        let mut out = FeedImport {
            skipped: list.skipped,
            ..FeedImport::default()
        };
        for l in list.feeds {
            let lang = l.lang.as_deref().filter(|l| matches!(*l, "ko" | "en"));
            match self.add_feed(&l.url, lang, l.name.as_deref()) {
                Ok((f, true)) => out.added.push(f),
                Ok((f, false)) => out.known.push(f),
                Err(e @ LibraryError::FeedUrl { .. }) => out.skipped.push(e.to_string()),
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(out)
    }

    /// The subscriptions as OPML 2.0.
    pub fn export_feeds(&self) -> Result<String> {
        let listed: Vec<opml::Listed> = self
            .feeds()?
            .into_iter()
            .map(|f| opml::Listed {
                url: f.url,
                name: f.name,
                lang: f.lang,
            })
            .collect();
        Ok(opml::write(&listed))
    }

    /// The feed each article came from (its first, when several listed it).
    pub fn article_feeds(&self) -> Result<std::collections::HashMap<ArticleId, FeedId>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT article, min(feed) FROM feed_items WHERE article IS NOT NULL
                 GROUP BY article",
            )
            .map_err(|e| self.sql_err(e))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))
    }
}

/// Re-apply what the feed said of the articles with this content hash (inside the
/// transaction that just wrote their processed metadata): its outlet and date win over the
/// page's, and its language stands where the text's own is unclear.
pub(crate) fn apply_feed_meta(tx: &rusqlite::Transaction, hash: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE articles SET
            outlet = COALESCE(f.outlet, articles.outlet),
            published = COALESCE(f.published, articles.published),
            title = COALESCE(articles.title, f.title),
            language = CASE WHEN articles.language IN ('ko', 'en', 'ko+en')
                THEN articles.language ELSE COALESCE(f.lang, articles.language) END
         FROM feed_articles f WHERE f.article = articles.id AND articles.hash = ?1",
    )?
    .execute([hash])
    .map(|_| ())
}
