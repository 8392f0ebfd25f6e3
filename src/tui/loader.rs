//! Background work: find the files, then parse and align them on worker threads, each result
//! reported back to the loop as an [`Action`]. The first screen never waits for the library.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::thread;

use super::action::Action;
use super::doc::Doc;

/// Threads named with this prefix are background workers: a panic there becomes a failed entry,
/// never a torn-down terminal (the panic hook leaves them alone).
pub const WORKER_PREFIX: &str = "duet-worker";

/// Parse, clean and align one file.
pub fn load_doc(path: &Path) -> Result<Doc, String> {
    let article = crate::parse_file(path).map_err(|e| e.to_string())?;
    let bitext = crate::align::align_article(&article);
    Ok(Doc::build(article, &bitext))
}

/// [`load_doc`], with a panic in the pipeline turned into an error for that one file.
pub fn load_caught(path: &Path) -> Result<Doc, String> {
    catch_unwind(AssertUnwindSafe(|| load_doc(path))).unwrap_or_else(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        Err(format!("{}: internal error: {msg}", path.display()))
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

/// Start the loader: discovery, then `workers` threads parsing in library order.
pub fn spawn(paths: Vec<PathBuf>, tx: Sender<Action>) {
    let spawned = thread::Builder::new()
        .name(format!("{WORKER_PREFIX}-discover"))
        .spawn(move || {
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
            // A pipe or device given by name may never deliver (a FIFO with no writer): each
            // gets a thread of its own, so it never holds up a worker and the other files.
            let special: Arc<Vec<bool>> = Arc::new(
                found
                    .iter()
                    .map(|p| std::fs::metadata(p).is_ok_and(|m| !m.is_file()))
                    .collect(),
            );
            for (i, _) in special.iter().enumerate().filter(|(_, s)| **s) {
                let (found, tx) = (Arc::clone(&found), tx.clone());
                let _ = thread::Builder::new()
                    .name(format!("{WORKER_PREFIX}-pipe-{i}"))
                    .spawn(move || {
                        let result = load_caught(&found[i]);
                        let _ = tx.send(Action::Loaded(i, Box::new(result)));
                    });
            }
            let next = Arc::new(AtomicUsize::new(0));
            let workers = thread::available_parallelism()
                .map_or(2, |n| n.get())
                .clamp(1, 4);
            for w in 0..workers {
                let (found, next, tx) = (Arc::clone(&found), Arc::clone(&next), tx.clone());
                let special = Arc::clone(&special);
                let _ = thread::Builder::new()
                    .name(format!("{WORKER_PREFIX}-{w}"))
                    .spawn(move || {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(path) = found.get(i) else { break };
                            if special.get(i).copied().unwrap_or(false) {
                                continue;
                            }
                            let result = load_caught(path);
                            if tx.send(Action::Loaded(i, Box::new(result))).is_err() {
                                break;
                            }
                        }
                    });
            }
        });
    if let Err(e) = spawned {
        // No thread, no library: say so rather than hang.
        let _ =
            std::io::Write::write_all(&mut std::io::stderr(), format!("duet: {e}\n").as_bytes());
    }
}
