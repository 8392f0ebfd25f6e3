//! The threads that talk to the library on disk: the background one that reads the rest of the
//! list and processes new, changed or stale articles, and the saver that carries out
//! `Command::Save`s in order. Both send what they learn as [`DiskEvent`]s.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::library::{Access, ArticleId, Home, Library};

use crate::tui::action::Action;
use crate::tui::state::disk::{DiskEvent, Save, to_library};
use crate::tui::work::worker::{WORKER_PREFIX, Worker};

/// In the background: check the stored copies for changes, then process every article whose
/// cache entry is missing, changed or from another pipeline version, reporting progress; the
/// list never waits for it (opening one of them processes it at once).
pub fn spawn_background(home: Home, tx: Sender<Action>) -> Worker {
    Worker::spawn("library", tx, move |cancel, tx| {
        let Ok((lib, _)) = Library::open(home) else {
            return;
        };
        background(&lib, cancel, tx);
        if !cancel.is_cancelled() {
            let _ = tx.send(Action::Disk(DiskEvent::Settled { remember: true }));
        }
    })
}

fn background(lib: &Library, cancel: &crate::tui::work::cancel::Cancel, tx: &Sender<Action>) {
    if lib.access() != &Access::ReadWrite {
        return;
    }
    let changed = lib.refresh().map(|r| r.changed).unwrap_or_default();
    let stale = lib.stale().unwrap_or_default();
    if stale.is_empty() || cancel.is_cancelled() {
        return;
    }
    let mut last = std::time::Instant::now();
    let result = lib.process_stale(&mut |done, total| {
        if done == total || last.elapsed() >= std::time::Duration::from_millis(100) {
            last = std::time::Instant::now();
            let _ = tx.send(Action::Disk(DiskEvent::Progress(done, total)));
        }
    });
    if let Err(e) = result {
        let _ = tx.send(Action::Disk(DiskEvent::Failed(e.to_string())));
    }
    let mut ids: Vec<ArticleId> = stale.into_iter().chain(changed).collect();
    ids.sort_unstable();
    ids.dedup();
    if let Ok(updated) = lib.entries_of(&ids) {
        let _ = tx.send(Action::Disk(DiskEvent::Updated(updated)));
    }
}

/// The runner's writer: owns a connection to the library and carries out [`Save`]s in order,
/// on its own thread. Dropping it writes what is pending, then returns (the last position is
/// on disk when duet exits).
pub struct Saver {
    tx: Option<Sender<Save>>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Saver {
    pub fn spawn(lib: Library, events: Sender<Action>) -> Saver {
        let (tx, rx) = mpsc::channel();
        let handle = thread::Builder::new()
            .name(format!("{WORKER_PREFIX}-saver"))
            .spawn(move || save_loop(&lib, &rx, &events))
            .ok();
        Saver {
            tx: Some(tx),
            handle,
        }
    }

    pub fn send(&self, save: Save) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(save);
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn save_loop(lib: &Library, rx: &Receiver<Save>, events: &Sender<Action>) {
    while let Ok(first) = rx.recv() {
        // Positions come in bursts (a held `j`): write only the newest of a burst per article.
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        let mut latest: HashMap<ArticleId, usize> = HashMap::new();
        for (i, s) in batch.iter().enumerate() {
            if let Save::Position(a, _) = s {
                latest.insert(*a, i);
            }
        }
        for (i, s) in batch.into_iter().enumerate() {
            let result = match s {
                Save::Position(a, p) if latest.get(&a) == Some(&i) => {
                    lib.set_position(a, to_library(p))
                }
                Save::Position(..) => Ok(()),
                Save::Read(a, read) => lib.set_read(a, read),
                Save::Pair(ko, en) => lib.pair_by_hand(ko, en),
                Save::Split(ko, en) => lib.split_pair(ko, en),
                Save::WordStatus {
                    lemma,
                    status,
                    seen,
                } => lib
                    .set_word_status(&lemma, status, seen.as_ref())
                    .and_then(|()| {
                        // The articles this lemma occurs in now have another share known.
                        let shares = lib.known_shares(None, Some(&lemma))?;
                        let _ = events.send(Action::Disk(DiskEvent::KnownShares(shares)));
                        Ok(())
                    }),
                Save::Bookmark(a, mark) => lib.add_bookmark(a, &mark).and_then(|_| {
                    let all = lib.bookmarks(None)?;
                    let _ = events.send(Action::Disk(DiskEvent::Bookmarks(all)));
                    Ok(())
                }),
            };
            if let Err(e) = result {
                let _ = events.send(Action::Disk(DiskEvent::Failed(e.to_string())));
            }
        }
    }
}
