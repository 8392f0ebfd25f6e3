//! Owned worker threads. The runner hands each job to [`Jobs`], which runs it on a [`Worker`]
//! thread and sends the result back as [`Action::JobDone`]; starting a job of a kind drops the
//! previous [`Worker`] of that kind, which tells it to stop ([`Cancel`]). The loader's threads are
//! workers too. A job's panic comes back as its error (`Job::run` catches it); any other worker
//! that panics, or a thread that cannot be spawned, becomes [`Action::WorkerFailed`]: one line in
//! the status bar, never text on stderr over the reader.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::thread;

use crate::tui::action::Action;
use crate::tui::state::library_list::EntryId;
use crate::tui::work::cancel::Cancel;
use crate::tui::work::error::catching;
use crate::tui::work::job::{Job, JobDone, JobKind};
use crate::tui::work::loader::{discover, load_caught};

/// Threads named with this prefix are background workers: a panic there is reported as an
/// action, never a torn-down terminal (the panic hook leaves them alone).
pub const WORKER_PREFIX: &str = "duet-worker";

/// An owned background thread: dropping it tells the work to stop (it is not joined: a job
/// that is between checks finishes its step and its result is not sent).
#[derive(Debug)]
pub struct Worker {
    cancel: Cancel,
    handle: Option<thread::JoinHandle<()>>,
}

impl Worker {
    /// Run `work` on a named worker thread. Its panic, or a failure to start the thread, is
    /// sent as [`Action::WorkerFailed`] naming `what`.
    pub fn spawn(
        what: &str,
        tx: Sender<Action>,
        work: impl FnOnce(&Cancel, &Sender<Action>) + Send + 'static,
    ) -> Worker {
        let cancel = Cancel::default();
        let c = cancel.clone();
        let label = what.to_string();
        let failed = tx.clone();
        let spawned = thread::Builder::new()
            .name(format!("{WORKER_PREFIX}-{what}"))
            .spawn(move || {
                let ran = catching(&label, || {
                    work(&c, &tx);
                    Ok(())
                });
                if let Err(e) = ran {
                    let _ = tx.send(Action::WorkerFailed(e.to_string()));
                }
            });
        let handle = match spawned {
            Ok(h) => Some(h),
            Err(e) => {
                let _ = failed.send(Action::WorkerFailed(format!(
                    "{what}: could not start a thread: {e}"
                )));
                None
            }
        };
        Worker { cancel, handle }
    }

    pub fn is_finished(&self) -> bool {
        self.handle.as_ref().is_none_or(|h| h.is_finished())
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// The running jobs, one worker per kind.
#[derive(Debug)]
pub struct Jobs {
    tx: Sender<Action>,
    running: HashMap<JobKind, Worker>,
}

impl Jobs {
    pub fn new(tx: Sender<Action>) -> Jobs {
        Jobs {
            tx,
            running: HashMap::new(),
        }
    }

    /// Start `job`, replacing (and so cancelling) the running one of its kind.
    pub fn start(&mut self, generation: u64, job: Job) {
        let kind = job.kind();
        let worker = Worker::spawn("job", self.tx.clone(), move |cancel, tx| {
            let output = job.run(cancel);
            if !cancel.is_cancelled() {
                let _ = tx.send(Action::JobDone(Box::new(JobDone {
                    kind,
                    generation,
                    output,
                })));
            }
        });
        self.running.insert(kind, worker);
    }

    pub fn cancel(&mut self, kind: JobKind) {
        self.running.remove(&kind);
    }
}

/// Start the library loader: discovery, then up to four threads parsing and aligning in
/// library order, each result sent as [`Action::Loaded`]. The first screen never waits for the
/// library. Dropping the returned worker stops them between files.
pub fn spawn_loader(paths: Vec<PathBuf>, tx: Sender<Action>) -> Worker {
    Worker::spawn("discover", tx, move |cancel, tx| {
        let (found, errors) = discover(&paths);
        for e in errors {
            if tx.send(Action::DiscoverFailed(e)).is_err() {
                return;
            }
        }
        let found = Arc::new(found);
        if tx.send(Action::Discovered(found.to_vec())).is_err() {
            return;
        }
        let next = Arc::new(AtomicUsize::new(0));
        let workers = thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 4);
        let mut parsers = Vec::new();
        // A pipe or device given by name may never deliver (a FIFO with no writer): each gets
        // a thread of its own, so it never holds up a parser and the other files.
        let special: Arc<Vec<bool>> = Arc::new(
            found
                .iter()
                .map(|p| std::fs::metadata(p).is_ok_and(|m| !m.is_file()))
                .collect(),
        );
        for (i, path) in found.iter().enumerate().filter(|(i, _)| special[*i]) {
            let path = path.clone();
            parsers.push(Worker::spawn(
                &format!("pipe-{i}"),
                tx.clone(),
                move |_, tx| {
                    let result = load_caught(&path);
                    let _ = tx.send(Action::Loaded(EntryId::for_path(&path), Box::new(result)));
                },
            ));
        }
        for w in 0..workers {
            let (found, next, cancel) = (Arc::clone(&found), Arc::clone(&next), cancel.clone());
            let special = Arc::clone(&special);
            parsers.push(Worker::spawn(
                &format!("parse-{w}"),
                tx.clone(),
                move |_, tx| {
                    while !cancel.is_cancelled() {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = found.get(i) else { break };
                        if special.get(i).copied().unwrap_or(false) {
                            continue;
                        }
                        let result = load_caught(path);
                        let id = EntryId::for_path(path);
                        if tx.send(Action::Loaded(id, Box::new(result))).is_err() {
                            break;
                        }
                    }
                },
            ));
        }
        // Own the parsers until they are done (or this loader is dropped and they stop).
        while !cancel.is_cancelled() && parsers.iter().any(|p| !p.is_finished()) {
            thread::sleep(std::time::Duration::from_millis(20));
        }
    })
}
