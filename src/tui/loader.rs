//! Background work for the library: find the files, then parse and align them on worker
//! threads, each result reported back to the loop as an [`Action`]. The first screen never waits
//! for the library. The threads are owned: dropping the returned [`Worker`] stops them between
//! files; a panic outside one file's pipeline, or a thread that cannot start, is reported as
//! [`Action::WorkerFailed`].

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::thread;

use super::action::Action;
use super::doc::Doc;
use super::entries::EntryId;
use super::jobs::{Worker, panic_message};

/// Parse, clean and align one file.
pub fn load_doc(path: &Path) -> Result<Doc, String> {
    let article = crate::parse_file(path).map_err(|e| e.to_string())?;
    let bitext = crate::align::align_article(&article);
    Ok(Doc::build(article, &bitext))
}

/// [`load_doc`], with a panic in the pipeline turned into an error for that one file.
pub fn load_caught(path: &Path) -> Result<Doc, String> {
    catch_unwind(AssertUnwindSafe(|| load_doc(path))).unwrap_or_else(|payload| {
        Err(format!(
            "{}: internal error: {}",
            path.display(),
            panic_message(payload.as_ref())
        ))
    })
}

/// Expand the paths given: folders become the article files inside them, recursively.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for r in crate::ingest::discover(paths) {
        match r {
            Ok(p) => found.push(p),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (found, errors)
}

/// Start the loader: discovery, then up to four threads parsing in library order.
pub fn spawn(paths: Vec<PathBuf>, tx: Sender<Action>) -> Worker {
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
        for w in 0..workers {
            let (found, next, cancel) = (Arc::clone(&found), Arc::clone(&next), cancel.clone());
            parsers.push(Worker::spawn(
                &format!("parse-{w}"),
                tx.clone(),
                move |_, tx| {
                    while !cancel.is_cancelled() {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = found.get(i) else { break };
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
