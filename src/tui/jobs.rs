//! Work off the loop. `update` asks for a job with [`Command::Start`](super::effects::Command);
//! the runner hands it to [`Jobs`], which runs it on a [`Worker`] thread and sends the result
//! back as [`Action::JobDone`]. Every job carries a generation: `update` drops a result whose
//! generation is no longer the current one for its kind, and starting a job of a kind drops the
//! previous [`Worker`] of that kind, which tells it to stop ([`Cancel`]).
//!
//! A worker that panics, or a thread that cannot be spawned, becomes [`Action::WorkerFailed`]:
//! one line in the status bar, never text on stderr over the reader.
//!
//! To add a kind of job (the finder's search, say): a [`JobKind`], a [`Job`] variant with its
//! input, a [`JobOutput`] variant with its result, and a line in [`Job::run`].

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread;

use super::action::Action;
use super::doc::Doc;
use super::entries::EntryId;

/// Threads named with this prefix are background workers: a panic there is reported as an
/// action, never a torn-down terminal (the panic hook leaves them alone).
pub const WORKER_PREFIX: &str = "duet-worker";

/// What a job does; one generation counter and at most one running worker per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Build the document of an entry that is not in the cache.
    Open,
}

/// A job and its input.
#[derive(Debug, Clone)]
pub enum Job {
    Open {
        id: EntryId,
        path: PathBuf,
    },
    /// Open a library article from the cache on disk (processed now if stale).
    OpenStored {
        id: EntryId,
        home: crate::library::Home,
        article: crate::library::ArticleId,
    },
}

/// A job's result.
#[derive(Debug, Clone)]
pub enum JobOutput {
    Doc {
        id: EntryId,
        doc: Result<Box<Doc>, String>,
    },
}

/// A finished job, as `update` receives it.
#[derive(Debug, Clone)]
pub struct JobDone {
    pub kind: JobKind,
    pub generation: u64,
    pub output: JobOutput,
}

impl Job {
    pub fn kind(&self) -> JobKind {
        match self {
            Job::Open { .. } | Job::OpenStored { .. } => JobKind::Open,
        }
    }

    /// Do the work on this thread (a worker's, or the caller's in headless runs). A long job
    /// checks `cancel` now and then and gives up when it is set.
    pub fn run(self, _cancel: &Cancel) -> JobOutput {
        match self {
            Job::Open { id, path } => JobOutput::Doc {
                id,
                doc: super::loader::load_caught(&path).map(Box::new),
            },
            Job::OpenStored { id, home, article } => JobOutput::Doc {
                id,
                doc: super::store::load_doc(&home, article).map(Box::new),
            },
        }
    }
}

/// Set when the job's owner no longer wants its result.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
    fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

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
                if let Err(payload) = catch_unwind(AssertUnwindSafe(|| work(&c, &tx))) {
                    let _ = tx.send(Action::WorkerFailed(format!(
                        "{label}: internal error: {}",
                        panic_message(payload.as_ref())
                    )));
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

/// The text of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into())
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
