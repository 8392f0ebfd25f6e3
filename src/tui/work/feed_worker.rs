//! The feed worker: after the first frame it lists the subscriptions (and, with `refresh`,
//! refreshes them: `R`, or `refresh_on_start` in `config.toml`), off the loop. Progress comes
//! back as [`FeedEvent`]s; each batch of articles stored joins the list at once as
//! `DiskEvent::More`; at the end the feeds are listed again (their errors and counts) and the
//! library is paired (`DiskEvent::Settled`), so a Korean story and its English edition become
//! one `KO+EN` entry. Dropping the worker stops the refresh between pages; what was stored stays.

use std::sync::mpsc::Sender;

use crate::feed::Settings;
use crate::library::feed_refresh::{Options, Progress, RefreshReport};
use crate::library::{Access, Home, Library};
use crate::tui::action::Action;
use crate::tui::state::disk::DiskEvent;
use crate::tui::state::feeds::FeedEvent;
use crate::tui::work::worker::Worker;

/// Start the worker: list the feeds, then refresh them when `refresh` is set.
pub fn spawn(home: Home, settings: Settings, refresh: bool, tx: Sender<Action>) -> Worker {
    Worker::spawn("feeds", tx, move |cancel, tx| {
        let send = |e: FeedEvent| tx.send(Action::Feeds(e)).is_ok();
        let lib = match Library::open(home) {
            Ok((lib, _)) => lib,
            Err(e) if refresh => {
                send(FeedEvent::Done(format!("feeds: {e}")));
                return;
            }
            Err(_) => return,
        };
        let feeds = lib.feeds().unwrap_or_default();
        let count = feeds.len();
        if !send(FeedEvent::Listed(feeds)) || !refresh {
            return;
        }
        if count == 0 {
            send(FeedEvent::Done(
                "no feeds yet: `duet feed add URL` subscribes to one".into(),
            ));
            return;
        }
        if lib.access() != &Access::ReadWrite {
            send(FeedEvent::Done(
                "the library is read-only: feeds are not refreshed".into(),
            ));
            return;
        }
        send(FeedEvent::Started(count));
        let opts = Options {
            settings,
            only: None,
        };
        let mut stored = 0;
        let mut progress = |p: Progress| match p {
            Progress::Feed(r) => {
                send(FeedEvent::Feed(Box::new(r.clone())));
            }
            Progress::Pages { done, total } => {
                send(FeedEvent::Pages { done, total });
            }
            Progress::Stored(ids) => {
                // The new entries as the list shows them; a replaced article keeps its row.
                let entries: Vec<_> = ids.iter().filter_map(|&id| lib.entry(id).ok()).collect();
                stored += ids.len();
                let _ = tx.send(Action::Disk(DiskEvent::More(entries)));
                send(FeedEvent::Stored(stored));
            }
        };
        let result = lib.refresh_feeds(&opts, &mut progress, cancel.flag());
        if cancel.is_cancelled() {
            return;
        }
        send(FeedEvent::Listed(lib.feeds().unwrap_or_default()));
        let summary = match &result {
            Ok(report) => summary(report),
            Err(e) => format!("feeds: {e}"),
        };
        let added = result
            .as_ref()
            .is_ok_and(|r| !r.added.is_empty() || !r.changed.is_empty());
        send(FeedEvent::Done(summary));
        if added {
            let _ = tx.send(Action::Disk(DiskEvent::Settled { remember: true }));
        }
    })
}

/// One line: feeds refreshed, articles new, feeds that failed (the feed list names them).
fn summary(r: &RefreshReport) -> String {
    use crate::library::feed_refresh::FeedStatus;
    let failed = r
        .feeds
        .iter()
        .filter(|f| f.status == FeedStatus::Failed)
        .count();
    let mut s = format!(
        "refreshed {} feeds: {} new articles",
        r.feeds.len(),
        r.added.len()
    );
    if !r.changed.is_empty() {
        s.push_str(&format!(", {} changed", r.changed.len()));
    }
    if failed > 0 {
        s.push_str(&format!("; {failed} failed (F lists them)"));
    }
    if let Some(e) = &r.stopped {
        s.push_str(&format!("; stopped: {e}"));
    }
    s
}

/// The runner's feed worker: at most one refresh at a time.
pub struct Feeds {
    tx: Sender<Action>,
    worker: Option<Worker>,
    refreshing: bool,
}

impl Feeds {
    pub fn new(tx: Sender<Action>) -> Feeds {
        Feeds {
            tx,
            worker: None,
            refreshing: false,
        }
    }

    /// List the feeds, then refresh them when `refresh` is set (unless a refresh is running).
    pub fn start(&mut self, home: Home, settings: Settings, refresh: bool) {
        let running = self.worker.as_ref().is_some_and(|w| !w.is_finished());
        if running && self.refreshing {
            return;
        }
        self.refreshing = refresh;
        self.worker = Some(spawn(home, settings, refresh, self.tx.clone()));
    }
}
