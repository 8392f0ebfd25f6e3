//! Refreshing feeds: fetch every feed that is due (conditionally), then the page of each new
//! or changed item, clean it with the library's own processing and store it as an article,
//! its `source` the item's link. Requests run on worker threads (`feed::pool`: a bounded
//! number at once, one per host); everything written goes through this thread, in batches of
//! one transaction each, so a refresh killed at any moment keeps what it committed and leaves
//! no half article (a stored copy is written under a temporary name first, and its row, cache
//! entry and item record commit together).
//!
//! A page that cannot be fetched, or cleans to nothing, leaves the feed's own text of the
//! story stored instead, marked (`feed_articles.from_feed`); when the failure may pass (a
//! timeout, a 5xx, a 429), later refreshes try the page again a few times. A changed item
//! (its digest differs) is fetched again and replaces its article's text under the same id,
//! so the reading position and bookmarks stay. Items already stored are never fetched again.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::feed::{self, Client, FeedUrl, FetchError, Fetched, Item, Settings, Validators, pool};
use crate::model::{BlockKind, Language};

use super::cache::Processed;
use super::error::{LibraryError, Result};
use super::feeds::{Feed, FeedId};
use super::intake::{self, Prepared};
use super::{ArticleId, Library, time};

/// A page that failed in a way that may pass is tried this many times in all.
const MAX_ATTEMPTS: i64 = 3;
/// Results written together …
pub(super) const BATCH: usize = 32;
/// … or after this long, so a reader sees new entries as they come.
const FLUSH_EVERY: Duration = Duration::from_millis(300);

/// What one feed's refresh came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedStatus {
    /// Fetched and read.
    Ok,
    /// The server said nothing changed (304).
    NotModified,
    /// Its server asked duet to wait (429); not asked this time.
    Waiting,
    /// Refreshed less than its interval ago; not asked.
    NotDue,
    Failed,
}

/// One feed's part in a refresh.
#[derive(Debug, Clone, Serialize)]
pub struct FeedReport {
    pub id: FeedId,
    pub url: String,
    pub name: Option<String>,
    pub status: FeedStatus,
    /// Items the feed listed.
    pub items: usize,
    /// Articles stored for new items …
    pub new: usize,
    /// … and changed ones replaced.
    pub changed: usize,
    /// Of those, stored from the feed's own text (the page failed).
    pub from_feed: usize,
    /// New items left for a later refresh (past `max_new_per_feed`).
    pub left: usize,
    /// Why the feed failed (or is waiting).
    pub error: Option<String>,
    /// Pages that failed: `URL: why`, one each.
    pub pages_failed: Vec<String>,
}

/// What a refresh did.
#[derive(Debug, Default)]
pub struct RefreshReport {
    pub feeds: Vec<FeedReport>,
    pub added: Vec<ArticleId>,
    pub changed: Vec<ArticleId>,
    pub elapsed: Duration,
    /// Why it stopped early (a full disk …); what was committed before stays.
    pub stopped: Option<LibraryError>,
}

/// What a refresh tells its caller as it goes.
#[derive(Debug)]
pub enum Progress<'a> {
    /// A feed was read (or failed): its report so far.
    Feed(&'a FeedReport),
    /// Articles were committed (new or replaced).
    Stored(&'a [ArticleId]),
    /// Pages done of the pages to fetch.
    Pages { done: usize, total: usize },
}

/// Which feeds and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub settings: Settings,
    /// Only these (refreshed even when not due); all when `None`.
    pub only: Option<Vec<FeedId>>,
}

/// A feed fetched and parsed on a worker.
enum FeedFetch {
    NotModified,
    Parsed(feed::ParsedFeed, Validators),
}

/// A page to fetch.
pub(super) struct PageJob {
    pub(super) feed: usize,
    pub(super) item: Item,
    pub(super) outlet: Option<String>,
    pub(super) lang: Option<String>,
    /// The article it replaces (a changed item, a page tried again), and whether that
    /// article's text is the feed's own.
    pub(super) replaces: Option<(ArticleId, bool)>,
    pub(super) attempts: i64,
}

/// A page job done on a worker.
pub(super) struct PageDone {
    pub(super) job: PageJob,
    pub(super) stored: Option<Ready>,
    /// Why the page was not what was stored, and whether that may pass.
    pub(super) page_error: Option<(String, bool)>,
}

pub(super) struct Ready {
    pub(super) page: Prepared,
    /// The feed's own text of the story, not its page.
    pub(super) from_feed: bool,
}

impl Library {
    /// Refresh the feeds (see the module's documentation). `progress` is called on this
    /// thread; `cancel` stops the refresh between pages (what was stored stays).
    pub fn refresh_feeds(
        &self,
        opts: &Options,
        progress: &mut dyn FnMut(Progress),
        cancel: &AtomicBool,
    ) -> Result<RefreshReport> {
        self.writable()?;
        let start = Instant::now();
        let now = time::now();
        let s = &opts.settings;
        let client = Client::new(s.timeout());
        let mut report = RefreshReport::default();
        let mut due: Vec<(Feed, FeedUrl)> = Vec::new();
        for f in self.feeds()? {
            let named = opts.only.as_ref().map(|only| only.contains(&f.id));
            if named == Some(false) {
                continue;
            }
            let mut r = FeedReport::new(&f);
            let interval = s.interval_of(&f.url).as_secs() as i64;
            if let Some(until) = f.retry_after.filter(|&t| t > now) {
                r.status = FeedStatus::Waiting;
                r.error = Some(format!(
                    "its server asked not to be asked before {} (429)",
                    time::iso(until)
                ));
            } else if named.is_none()
                && interval > 0
                && f.last_ok.is_some_and(|t| now - t < interval)
            {
                r.status = FeedStatus::NotDue;
            } else {
                match FeedUrl::parse(&f.url) {
                    Ok(u) => {
                        due.push((f, u));
                        continue;
                    }
                    Err(e) => {
                        r.status = FeedStatus::Failed;
                        r.error = Some(e.to_string());
                    }
                }
            }
            progress(Progress::Feed(&r));
            report.feeds.push(r);
        }

        // The feeds, conditionally.
        let mut fetched = Vec::with_capacity(due.len());
        pool::run(
            due,
            s.parallel,
            |(_, u)| u.host_key(),
            |(f, u), hosts| {
                let since = Validators {
                    etag: f.etag.clone(),
                    last_modified: f.last_modified.clone(),
                };
                let r =
                    get(&client, &u, &since, feed::http::MAX_FEED_BYTES, hosts).and_then(|got| {
                        match got {
                            Fetched::NotModified => Ok(FeedFetch::NotModified),
                            Fetched::Body(b) => feed::parse::parse(&b.bytes, &u)
                                .map(|p| {
                                    FeedFetch::Parsed(
                                        p,
                                        Validators {
                                            etag: b.etag,
                                            last_modified: b.last_modified,
                                        },
                                    )
                                })
                                .map_err(|e| Failure::Parse(e.to_string())),
                        }
                    });
                (f, r)
            },
            |r| {
                fetched.push(r);
                !cancel.load(Ordering::Relaxed)
            },
        );

        let mut jobs: Vec<PageJob> = Vec::new();
        for (f, outcome) in fetched {
            let mut r = FeedReport::new(&f);
            match outcome {
                Err(fail) => {
                    r.status = FeedStatus::Failed;
                    r.error = Some(fail.to_string());
                    self.record_failure(&f, &fail, now)?;
                }
                Ok(FeedFetch::NotModified) => {
                    r.status = FeedStatus::NotModified;
                    self.record_feed(&f, None, None, now)?;
                }
                Ok(FeedFetch::Parsed(parsed, validators)) => {
                    r.items = parsed.items.len();
                    self.record_feed(&f, Some(&parsed), Some(&validators), now)?;
                    let outlet = f.name.clone().or_else(|| parsed.title.clone());
                    r.name.clone_from(&outlet);
                    let lang = f.lang.clone().or_else(|| parsed.lang.clone());
                    let index = report.feeds.len();
                    r.left = self.plan_items(
                        &f,
                        parsed.items,
                        (index, outlet, lang),
                        s.max_new_per_feed,
                        now,
                        &mut jobs,
                    )?;
                }
            }
            progress(Progress::Feed(&r));
            report.feeds.push(r);
        }

        // The pages of new and changed items.
        let total = jobs.len();
        let mut done = 0;
        let mut batch: Vec<PageDone> = Vec::new();
        let mut last_flush = Instant::now();
        let mut stopped = None;
        pool::run(
            jobs,
            s.parallel,
            |j| {
                j.item
                    .link
                    .as_ref()
                    .map_or_else(String::new, FeedUrl::host_key)
            },
            |job, hosts| fetch_page(&client, job, hosts),
            |d| {
                done += 1;
                batch.push(d);
                if batch.len() >= BATCH || last_flush.elapsed() >= FLUSH_EVERY || done == total {
                    last_flush = Instant::now();
                    match self.write_pages(&mut batch, &mut report, now) {
                        Ok(ids) if !ids.is_empty() => progress(Progress::Stored(&ids)),
                        Ok(_) => {}
                        Err(e) => stopped = Some(e),
                    }
                }
                progress(Progress::Pages { done, total });
                stopped.is_none() && !cancel.load(Ordering::Relaxed)
            },
        );
        if stopped.is_none() && !batch.is_empty() {
            match self.write_pages(&mut batch, &mut report, now) {
                Ok(ids) if !ids.is_empty() => progress(Progress::Stored(&ids)),
                Ok(_) => {}
                Err(e) => stopped = Some(e),
            }
        }
        for r in &report.feeds {
            if matches!(r.status, FeedStatus::Ok | FeedStatus::NotModified) {
                self.conn
                    .execute(
                        "UPDATE feeds SET new_items = ?2 WHERE id = ?1",
                        params![r.id, (r.new + r.changed) as i64],
                    )
                    .map_err(|e| self.write_err("the feed's state", e))?;
            }
        }
        report.stopped = stopped;
        report.elapsed = start.elapsed();
        Ok(report)
    }

    /// A feed read: its title, language and validators, and that it answered.
    fn record_feed(
        &self,
        f: &Feed,
        parsed: Option<&feed::ParsedFeed>,
        validators: Option<&Validators>,
        now: i64,
    ) -> Result<()> {
        let sql = match (parsed, validators) {
            (Some(p), Some(v)) => self.conn.execute(
                "UPDATE feeds SET title = ?2, declared_lang = ?3, etag = ?4, last_modified = ?5,
                    last_refresh = ?6, last_ok = ?6, last_error = NULL, retry_after = NULL
                 WHERE id = ?1",
                params![f.id, p.title, p.lang, v.etag, v.last_modified, now],
            ),
            _ => self.conn.execute(
                "UPDATE feeds SET last_refresh = ?2, last_ok = ?2, last_error = NULL,
                    retry_after = NULL WHERE id = ?1",
                params![f.id, now],
            ),
        };
        sql.map(|_| ())
            .map_err(|e| self.write_err("the feed's state", e))
    }

    fn record_failure(&self, f: &Feed, fail: &Failure, now: i64) -> Result<()> {
        let retry_after = match fail {
            Failure::Fetch(FetchError::RateLimited {
                retry_after: Some(d),
            }) => Some(now + d.as_secs() as i64),
            _ => None,
        };
        self.conn
            .execute(
                "UPDATE feeds SET last_refresh = ?2, last_error = ?3, retry_after = ?4,
                    new_items = 0 WHERE id = ?1",
                params![f.id, now, fail.to_string(), retry_after],
            )
            .map(|_| ())
            .map_err(|e| self.write_err("the feed's state", e))
    }

    /// Decide what to do with each item of a feed: nothing (stored, unchanged), link it to
    /// an article another feed brought, or fetch its page. Returns how many new items were
    /// left for later (past `max_new`).
    fn plan_items(
        &self,
        f: &Feed,
        items: Vec<Item>,
        (index, outlet, lang): (usize, Option<String>, Option<String>),
        max_new: usize,
        now: i64,
        jobs: &mut Vec<PageJob>,
    ) -> Result<usize> {
        let mut new = 0;
        let mut left = 0;
        for item in items {
            type Known = (Option<ArticleId>, String, Option<String>, bool, i64);
            let known: Option<Known> = self
                .conn
                .prepare_cached(
                    "SELECT article, digest, page_error, retry, attempts FROM feed_items
                     WHERE feed = ?1 AND guid = ?2",
                )
                .and_then(|mut s| {
                    s.query_row(params![f.id, item.guid], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })
                    .optional()
                })
                .map_err(|e| self.sql_err(e))?;
            // (the article it replaces, whether that is the feed's own text), tries so far
            let (replaces, attempts) = match known {
                // Removed by the user, or an item that gave nothing to store: left alone.
                Some((None, _, None, _, _)) => continue,
                Some((Some(id), digest, _, retry, attempts)) => {
                    let changed = digest != item.digest;
                    if !(changed || retry && attempts < MAX_ATTEMPTS) {
                        continue;
                    }
                    let tries = if changed { 0 } else { attempts };
                    (Some((id, self.is_from_feed(id)?)), tries)
                }
                // Nothing stored yet because the page failed: again, while that may pass.
                Some((None, _, Some(_), retry, attempts)) => {
                    if !retry || attempts >= MAX_ATTEMPTS {
                        continue;
                    }
                    (None, attempts)
                }
                None => {
                    if let Some(id) = self.article_of_link(&item)? {
                        self.link_item(f.id, &item, id, now)?;
                        continue;
                    }
                    (None, 0)
                }
            };
            if replaces.is_none() {
                if new >= max_new {
                    left += 1;
                    continue;
                }
                new += 1;
            }
            jobs.push(PageJob {
                feed: index,
                outlet: outlet.clone(),
                lang: item.lang.clone().or_else(|| lang.clone()),
                replaces,
                attempts,
                item,
            });
        }
        Ok(left)
    }

    fn is_from_feed(&self, id: ArticleId) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT from_feed FROM feed_articles WHERE article = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map(|v| v.unwrap_or(false))
            .map_err(|e| self.sql_err(e))
    }

    /// The article another feed already brought for this item's page.
    fn article_of_link(&self, item: &Item) -> Result<Option<ArticleId>> {
        let Some(link) = &item.link else {
            return Ok(None);
        };
        self.conn
            .prepare_cached(
                "SELECT article FROM feed_items WHERE link = ?1 AND article IS NOT NULL LIMIT 1",
            )
            .and_then(|mut s| s.query_row([link.as_str()], |r| r.get(0)).optional())
            .map_err(|e| self.sql_err(e))
    }

    fn link_item(&self, feed: FeedId, item: &Item, article: ArticleId, now: i64) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO feed_items (feed, guid, link, article, digest, seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    feed,
                    item.guid,
                    item.link.as_ref().map(FeedUrl::as_str),
                    article,
                    item.digest,
                    now
                ],
            )
            .map(|_| ())
            .map_err(|e| self.write_err("the feed item", e))
    }
}

impl FeedReport {
    fn new(f: &Feed) -> FeedReport {
        FeedReport {
            id: f.id,
            url: f.url.clone(),
            name: f.name.clone(),
            status: FeedStatus::Ok,
            items: 0,
            new: 0,
            changed: 0,
            from_feed: 0,
            left: 0,
            error: None,
            pages_failed: Vec::new(),
        }
    }
}

/// Why a feed gave nothing.
#[derive(Debug)]
enum Failure {
    Fetch(FetchError),
    Parse(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Fetch(e) => e.fmt(f),
            Failure::Parse(e) => f.write_str(e),
        }
    }
}

/// One GET holding the host (never a name under `.invalid`: that host is unknown without
/// asking anyone).
fn get(
    client: &Client,
    url: &FeedUrl,
    since: &Validators,
    cap: u64,
    hosts: &pool::Hosts,
) -> std::result::Result<Fetched, Failure> {
    if url.is_reserved_invalid() {
        return Err(Failure::Fetch(FetchError::UnknownHost(
            url.host().to_string(),
        )));
    }
    let host = url.host_key();
    let _slot = hosts.take(&host).map_err(|until| {
        Failure::Fetch(FetchError::RateLimited {
            retry_after: Some(until.saturating_duration_since(Instant::now())),
        })
    })?;
    match client.get(url, since, cap) {
        Err(FetchError::RateLimited { retry_after }) => {
            hosts.back_off(&host, retry_after.unwrap_or(Duration::from_secs(60)));
            Err(Failure::Fetch(FetchError::RateLimited { retry_after }))
        }
        Err(FetchError::UnknownHost(_)) => Err(Failure::Fetch(FetchError::UnknownHost(
            url.host().to_string(),
        ))),
        r => r.map_err(Failure::Fetch),
    }
}

/// Fetch and clean an item's page; fall back on the feed's own text.
fn fetch_page(client: &Client, job: PageJob, hosts: &pool::Hosts) -> PageDone {
    let mut page_error = None;
    let mut page = None;
    match &job.item.link {
        None => {
            let why = job
                .item
                .link_error
                .as_deref()
                .map_or("the item has no link", |w| {
                    w.split_once(": ").map_or(w, |(_, why)| why)
                });
            page_error = Some((why.to_string(), false));
        }
        Some(link) => match get(
            client,
            link,
            &Validators::default(),
            feed::http::MAX_PAGE_BYTES,
            hosts,
        ) {
            Ok(Fetched::Body(b)) => {
                // Whether the page has the story is seen on its cleaned text, before the
                // feed's word is applied (an empty page costs next to nothing to index).
                let mut empty = false;
                let prepared = intake::prepare(Path::new(link.as_str()), b.bytes, |p| {
                    empty = body_chars(p) == 0 || much_shorter(p, &job.item);
                    apply_item(p, &job);
                });
                match prepared {
                    Ok(_) if empty => {
                        page_error = Some(("the page cleans to nothing".to_string(), false));
                    }
                    Ok(p) => page = Some(p),
                    Err(e) => page_error = Some((e, false)),
                }
            }
            Ok(Fetched::NotModified) => {
                page_error = Some(("the server answered 304 to a plain request".into(), true));
            }
            Err(Failure::Fetch(e)) => page_error = Some((e.to_string(), e.is_transient())),
            Err(Failure::Parse(e)) => page_error = Some((e, false)),
        },
    }
    let stored = match page {
        Some(page) => Some(Ready {
            page,
            from_feed: false,
        }),
        None => {
            let name = job.item.link.as_ref().map_or_else(
                || format!("{}.html", job.item.guid),
                |l| l.as_str().to_string(),
            );
            feed::document::from_item(&job.item, job.outlet.as_deref(), job.lang.as_deref())
                .and_then(|doc| {
                    intake::prepare(Path::new(&name), doc.into_bytes(), |p| apply_item(p, &job))
                        .ok()
                })
                .map(|page| Ready {
                    page,
                    from_feed: true,
                })
        }
    };
    PageDone {
        job,
        stored,
        page_error,
    }
}

fn body_chars(p: &Processed) -> usize {
    p.article
        .blocks
        .iter()
        .filter(|b| {
            matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote | BlockKind::Heading
            )
        })
        .map(|b| b.text.chars().count())
        .sum()
}

/// The page's body is less than half the feed's own text of the story: the page's article
/// was not found (a script-built page, a consent wall), the feed's text is the story.
fn much_shorter(p: &Processed, item: &Item) -> bool {
    let feed_chars = item.content.as_deref().map_or(0, text_chars);
    body_chars(p) * 2 < feed_chars
}

/// Characters of an HTML fragment's text, tags left out.
fn text_chars(html: &str) -> usize {
    let mut inside = false;
    let mut n = 0;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside && !c.is_whitespace() => n += 1,
            _ => {}
        }
    }
    n
}

/// What the feed says wins over the page: its outlet, its date; its language where the
/// text's own is unclear; its title where the page has none.
fn apply_item(p: &mut Processed, job: &PageJob) {
    let a = &mut p.article;
    if let Some(o) = &job.outlet {
        a.outlet = Some(o.clone());
    }
    if job.item.published.is_some() {
        a.published.clone_from(&job.item.published);
    }
    if a.language == Language::Other {
        match job.lang.as_deref() {
            Some("ko") => a.language = Language::Ko,
            Some("en") => a.language = Language::En,
            _ => {}
        }
    }
    if a.title.is_none() {
        a.title.clone_from(&job.item.title);
    }
}
