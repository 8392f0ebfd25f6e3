//! Searching off the UI thread. A [`Worker`] owns one thread; each [`Worker::submit`] cancels the
//! search still running (its flag is set, and the thread skips to the newest query waiting) and
//! the answer goes to a sink (the app's event channel). The thread keeps what each source's last
//! search found, so a query typed further narrows instead of starting over. Dropping the worker
//! stops the thread.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::library::{Library, Memory, Results, Source};

/// The answer to one submitted query.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The number [`Worker::submit`] returned for it.
    pub id: u64,
    pub source: Source,
    pub query: String,
    pub results: Results,
}

struct Job {
    id: u64,
    source: Source,
    query: String,
    limit: usize,
    cancel: Arc<AtomicBool>,
}

/// A search thread over one library.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    current: Arc<AtomicBool>,
    next_id: u64,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Start the thread; every answer is handed to `sink` (on the worker thread).
    pub fn new(library: Arc<Library>, sink: impl Fn(Answer) + Send + 'static) -> Worker {
        let (tx, rx) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("duet-finder".into())
            .spawn(move || run(&library, &rx, &sink))
            .ok();
        Worker {
            jobs: Some(tx),
            current: Arc::new(AtomicBool::new(false)),
            next_id: 0,
            thread,
        }
    }

    /// Search `source` for `query`; the search before it, if still running, is cancelled.
    pub fn submit(&mut self, source: Source, query: &str, limit: usize) -> u64 {
        self.current.store(true, Ordering::Relaxed);
        self.current = Arc::new(AtomicBool::new(false));
        self.next_id += 1;
        if let Some(tx) = &self.jobs {
            // A closed channel means the thread is gone; there is nothing to answer then.
            let _ = tx.send(Job {
                id: self.next_id,
                source,
                query: query.to_string(),
                limit,
                cancel: Arc::clone(&self.current),
            });
        }
        self.next_id
    }

    /// A worker whose answers come back on a channel (for the command line and benches).
    pub fn with_channel(library: Arc<Library>) -> (Worker, Receiver<Answer>) {
        let (tx, rx) = mpsc::channel();
        let worker = Worker::new(library, move |a| {
            let _ = tx.send(a);
        });
        (worker, rx)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.current.store(true, Ordering::Relaxed);
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(library: &Library, jobs: &Receiver<Job>, sink: &dyn Fn(Answer)) {
    let mut memory: HashMap<Source, Memory> = HashMap::new();
    while let Ok(mut job) = jobs.recv() {
        // Only the newest query matters.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        if job.cancel.load(Ordering::Relaxed) {
            continue;
        }
        let mem = memory.entry(job.source).or_default();
        if let Ok(results) = library.search(job.source, &job.query, job.limit, mem, &job.cancel) {
            if job.cancel.load(Ordering::Relaxed) {
                continue;
            }
            sink(Answer {
                id: job.id,
                source: job.source,
                query: job.query,
                results,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Block, BlockKind, Lang};

    #[test]
    fn newest_query_answers() {
        let article = Article {
            path: "a.txt".into(),
            title: Some("설리번 안보보좌관".into()),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                lang: Lang::En,
                text: "Sullivan met Zhang Youxia. Then he left.".into(),
            }],
            ..Article::default()
        };
        let lib = Arc::new(Library::from_articles(&[article]));
        let (mut worker, answers) = Worker::with_channel(lib);
        worker.submit(Source::Text, "s", 10);
        worker.submit(Source::Text, "su", 10);
        let last = worker.submit(Source::Text, "sul", 10);
        let answer = loop {
            let a = answers.recv().expect("an answer");
            if a.id == last {
                break a;
            }
        };
        assert_eq!(answer.query, "sul");
        // The sentence, and the Korean title read through romanization (설 = sul).
        assert_eq!(answer.results.total, 2);
        assert_eq!(answer.results.hits[0].text, "Sullivan met Zhang Youxia.");
    }
}
