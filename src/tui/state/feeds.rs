//! The feeds as the reader shows them: the subscriptions and how each last refreshed (the feed
//! list overlay, `F`: a failing feed shows its error there, and Enter narrows the library list
//! to one feed), and the refresh under way (`R`, on a worker: `work/feed_worker.rs`), whose
//! progress the library pane's title shows while new entries join the list as they are stored.
//! The keys and events are `app/feed_keys.rs`; the overlay's view `view/feeds.rs`.

use crate::library::feed_refresh::{FeedReport, FeedStatus};
use crate::library::feeds::{Feed, FeedId};
use crate::tui::state::disk::clean;

/// What the feed worker tells the app (new articles come as `DiskEvent::More`).
#[derive(Debug, Clone)]
pub enum FeedEvent {
    /// The subscriptions as the library lists them: after the first frame, and at the end of a
    /// refresh.
    Listed(Vec<Feed>),
    /// A refresh began, of this many feeds.
    Started(usize),
    /// A feed was read, or failed.
    Feed(Box<FeedReport>),
    /// Pages done of the pages to fetch.
    Pages { done: usize, total: usize },
    /// Articles stored so far.
    Stored(usize),
    /// The refresh is over: one line saying what it did, or why it stopped.
    Done(String),
}

/// A refresh under way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refreshing {
    pub feeds: usize,
    pub feeds_done: usize,
    pub pages: (usize, usize),
    pub stored: usize,
}

/// The reader's side of the feeds.
#[derive(Debug, Default)]
pub struct Feeds {
    pub(in crate::tui) list: Vec<Feed>,
    pub(in crate::tui) refreshing: Option<Refreshing>,
}

impl Feeds {
    pub fn list(&self) -> &[Feed] {
        &self.list
    }

    pub fn refreshing(&self) -> Option<Refreshing> {
        self.refreshing
    }

    /// Apply an event; returns the status line it calls for, if any.
    pub(in crate::tui) fn apply(&mut self, event: FeedEvent) -> Option<String> {
        match event {
            FeedEvent::Listed(list) => self.list = list,
            FeedEvent::Started(feeds) => {
                self.refreshing = Some(Refreshing {
                    feeds,
                    ..Refreshing::default()
                });
            }
            FeedEvent::Feed(report) => {
                if let Some(r) = self.refreshing.as_mut() {
                    r.feeds_done += 1;
                }
                // The error is shown at once, not only after the refresh relists the feeds.
                if let Some(f) = self.list.iter_mut().find(|f| f.id == report.id) {
                    match report.status {
                        FeedStatus::Failed | FeedStatus::Waiting => {
                            f.last_error = report.error.clone();
                        }
                        FeedStatus::Ok | FeedStatus::NotModified => f.last_error = None,
                        FeedStatus::NotDue => {}
                    }
                }
            }
            FeedEvent::Pages { done, total } => {
                if let Some(r) = self.refreshing.as_mut() {
                    r.pages = (done, total);
                }
            }
            FeedEvent::Stored(n) => {
                if let Some(r) = self.refreshing.as_mut() {
                    r.stored = n;
                }
            }
            FeedEvent::Done(summary) => {
                self.refreshing = None;
                return Some(summary);
            }
        }
        None
    }

    /// The feed's name as the list shows it (its URL when it has none), cleaned for the screen.
    pub fn name(&self, id: FeedId) -> Option<String> {
        self.list.iter().find(|f| f.id == id).map(display_name)
    }

    /// How many subscriptions failed at their last refresh.
    pub fn failing(&self) -> usize {
        self.list.iter().filter(|f| f.last_error.is_some()).count()
    }

    /// The library pane's title words for the refresh under way.
    pub fn progress(&self) -> Option<String> {
        let r = self.refreshing?;
        let mut s = format!("refreshing feeds {}/{}", r.feeds_done.min(r.feeds), r.feeds);
        if r.pages.1 > 0 {
            s.push_str(&format!(" · pages {}/{}", r.pages.0, r.pages.1));
        }
        if r.stored > 0 {
            s.push_str(&format!(" · {} new", r.stored));
        }
        Some(s)
    }
}

/// A feed's name for the screen: the user's or the feed's own, else its URL.
pub fn display_name(f: &Feed) -> String {
    clean(f.name.as_deref().unwrap_or(&f.url))
}

/// One row of the feed list: name, language, articles, when last refreshed, and its error.
pub fn row(f: &Feed, now: i64) -> String {
    let lang = f.lang.as_deref().unwrap_or("?");
    let when = match f.last_refresh {
        None => "never refreshed".to_string(),
        Some(t) => format!("refreshed {}", ago(now - t)),
    };
    let mut s = format!(
        "{}  {}  {} articles  {when}",
        display_name(f),
        clean(lang),
        f.articles
    );
    if let Some(e) = &f.last_error {
        s.push_str(&format!("  ✗ {}", clean(e)));
    }
    s
}

/// `12 s ago`, `5 min ago`, `3 h ago`, `2 days ago`.
fn ago(secs: i64) -> String {
    let secs = secs.max(0);
    match secs {
        0..60 => format!("{secs} s ago"),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86400 => format!("{} h ago", secs / 3600),
        _ => format!("{} days ago", secs / 86400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(id: FeedId, error: Option<&str>) -> Feed {
        Feed {
            id,
            url: format!("http://127.0.0.1/{id}.xml"),
            name: Some(format!("Feed\u{1b}[31m {id}")),
            lang: Some("ko".into()),
            last_refresh: Some(1_000),
            new_items: 0,
            last_error: error.map(str::to_string),
            retry_after: None,
            articles: 3,
            etag: None,
            last_modified: None,
            last_ok: None,
        }
    }

    #[test]
    fn progress_and_errors_follow_the_events() {
        let mut feeds = Feeds::default();
        feeds.apply(FeedEvent::Listed(vec![feed(1, None), feed(2, None)]));
        assert_eq!(feeds.progress(), None);
        feeds.apply(FeedEvent::Started(2));
        let mut report = FeedReport {
            id: 2,
            url: "http://127.0.0.1/2.xml".into(),
            name: None,
            status: FeedStatus::Failed,
            items: 0,
            new: 0,
            changed: 0,
            from_feed: 0,
            left: 0,
            error: Some("HTTP 500".into()),
            pages_failed: Vec::new(),
        };
        feeds.apply(FeedEvent::Feed(Box::new(report.clone())));
        feeds.apply(FeedEvent::Pages { done: 1, total: 4 });
        feeds.apply(FeedEvent::Stored(1));
        assert_eq!(
            feeds.progress().as_deref(),
            Some("refreshing feeds 1/2 · pages 1/4 · 1 new")
        );
        assert_eq!(feeds.failing(), 1);
        let shown = row(&feeds.list[1], 1_090);
        assert!(shown.contains("✗ HTTP 500"), "{shown}");
        assert!(shown.contains("refreshed 1 min ago"), "{shown}");
        assert!(!shown.contains('\u{1b}'), "{shown}");
        // A later refresh that reads the feed clears its error.
        report.status = FeedStatus::Ok;
        report.error = None;
        feeds.apply(FeedEvent::Feed(Box::new(report)));
        assert_eq!(feeds.failing(), 0);
        let done = feeds.apply(FeedEvent::Done("2 feeds: 1 new".into()));
        assert_eq!(done.as_deref(), Some("2 feeds: 1 new"));
        assert_eq!(feeds.refreshing(), None);
    }
}
