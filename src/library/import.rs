//! `duet import`: copy article files into the library. Each file is read once: hashed (a file
//! whose bytes are already in the library is skipped and reported), decoded, cleaned and
//! aligned on worker threads; the copy and its cache entry are written in batches, one
//! transaction each, so an interrupted import keeps every batch it finished.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::params;

use crate::ingest::MAX_FILE_BYTES;

use super::cache::{self, mtime_ns};
use super::error::{LibraryError, Result};
use super::home::Home;
use super::intake::{self, Prepared};
use super::{ArticleId, Library, stored_ext, time, work};

/// Files written and committed together.
const BATCH: usize = 256;

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// New articles: id and the file they came from.
    pub added: Vec<(ArticleId, PathBuf)>,
    /// Files skipped because the library already holds the same bytes: the file, and the id
    /// of the article it duplicates.
    pub duplicates: Vec<(PathBuf, ArticleId)>,
    /// Files that are not articles or could not be read: one line each, naming the file.
    pub failed: Vec<String>,
    /// What reading the files met and dealt with (a budget that cut one short, a binary file
    /// passed over in a folder): one line each, worded as `duet parse` words them.
    pub warnings: Vec<String>,
    /// Files found.
    pub found: usize,
    pub elapsed: Duration,
    /// Why the import stopped early (a full disk …); what was committed before stays.
    pub stopped: Option<LibraryError>,
}

/// One file's outcome on a worker.
enum Outcome {
    New(PathBuf, Prepared),
    Duplicate(PathBuf, ArticleId),
    Failed(String),
}

/// What became of a file written in a batch.
enum Written {
    Added(ArticleId, String, PathBuf),
    Duplicate(PathBuf, ArticleId),
}

/// A file ready to write.
struct Ready {
    path: PathBuf,
    prepared: Prepared,
}

impl Library {
    /// Import files and folders (recursively). `progress(done, total)` is called as files are
    /// finished. Never modifies the files read.
    pub fn import(
        &self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        self.writable()?;
        let start = Instant::now();
        let mut report = ImportReport::default();
        let mut files = Vec::new();
        let found = crate::ingest::discover_all(paths);
        report.warnings.extend(found.warnings());
        for r in found.files {
            match r {
                Ok(p) => files.push(p),
                Err(e) => report.failed.push(e.to_string()),
            }
        }
        report.found = files.len();
        let known = self.hashes()?;
        let total = files.len();
        let mut done = 0;
        let mut batch: Vec<Ready> = Vec::new();
        // Hashes added by this import, for duplicates among the files given.
        let mut fresh: HashMap<String, ArticleId> = HashMap::new();
        let mut stopped = None;
        // A batch's worth of results may wait while the one before is written: the workers
        // do not stop for the database.
        work::par_map_ahead(
            files,
            work::workers(),
            BATCH,
            |path| examine(&path, &known),
            |outcome| {
                done += 1;
                match outcome {
                    Outcome::New(path, mut prepared) => {
                        report.warnings.append(&mut prepared.warnings);
                        if let Some(&id) = fresh.get(&prepared.hash) {
                            report.duplicates.push((path, id));
                        } else {
                            // Provisional: the real id comes from the insert.
                            fresh.insert(prepared.hash.clone(), 0);
                            batch.push(Ready { path, prepared });
                        }
                    }
                    Outcome::Duplicate(p, id) => report.duplicates.push((p, id)),
                    Outcome::Failed(line) => report.failed.push(line),
                }
                if batch.len() >= BATCH || done == total {
                    match self.write_batch(&mut batch) {
                        Ok(written) => {
                            for w in written {
                                match w {
                                    Written::Added(id, hash, path) => {
                                        fresh.insert(hash, id);
                                        report.added.push((id, path));
                                    }
                                    Written::Duplicate(path, id) => {
                                        report.duplicates.push((path, id))
                                    }
                                }
                            }
                        }
                        Err(e) => stopped = Some(e),
                    }
                }
                progress(done, total);
                stopped.is_none()
            },
        );
        if stopped.is_none() && !batch.is_empty() {
            match self.write_batch(&mut batch) {
                Ok(written) => {
                    for w in written {
                        match w {
                            Written::Added(id, _, path) => report.added.push((id, path)),
                            Written::Duplicate(path, id) => report.duplicates.push((path, id)),
                        }
                    }
                }
                Err(e) => stopped = Some(e),
            }
        }
        // Duplicates of files added in this same import now know their article's id.
        for (p, id) in &mut report.duplicates {
            if *id == 0
                && let Some(&real) = file_hash(p).and_then(|h| fresh.get(&h))
            {
                *id = real;
            }
        }
        report.stopped = stopped;
        report.elapsed = start.elapsed();
        Ok(report)
    }

    /// Every content hash in the library, with its article.
    fn hashes(&self) -> Result<HashMap<String, ArticleId>> {
        self.conn
            .prepare("SELECT hash, id FROM articles")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<HashMap<_, _>>>()
            })
            .map_err(|e| self.sql_err(e))
    }

    /// Write the copies, then insert their rows and cache entries in one transaction. On
    /// failure the copies written are removed again and nothing is committed.
    fn write_batch(&self, batch: &mut Vec<Ready>) -> Result<Vec<Written>> {
        let mut written: Vec<PathBuf> = Vec::new();
        let result = self.write_batch_inner(batch, &mut written);
        if result.is_err() {
            for f in &written {
                let _ = std::fs::remove_file(f);
            }
        }
        batch.clear();
        result
    }

    fn write_batch_inner(
        &self,
        batch: &[Ready],
        written: &mut Vec<PathBuf>,
    ) -> Result<Vec<Written>> {
        let mut rows = Vec::with_capacity(batch.len());
        for r in batch {
            let rel = Home::stored_rel(&r.prepared.hash, &stored_ext(&r.path));
            let abs = self.home.resolve(&rel);
            let existed = abs.exists();
            let meta = store_copy(&abs, &r.prepared.bytes)?;
            if !existed {
                written.push(abs);
            }
            rows.push((rel, meta));
        }
        let what = "the imported articles";
        let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
        let now = time::now();
        let mut added = Vec::with_capacity(batch.len());
        for (r, (rel, (size, mtime))) in batch.iter().zip(&rows) {
            let source = std::path::absolute(&r.path)
                .unwrap_or_else(|_| r.path.clone())
                .to_string_lossy()
                .into_owned();
            // Another duet may have imported the same bytes since this import began.
            let inserted = tx
                .execute(
                    "INSERT INTO articles (hash, file, source, size, mtime, added)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (hash) DO NOTHING",
                    params![
                        r.prepared.hash,
                        rel.to_string_lossy(),
                        source,
                        size,
                        mtime,
                        now
                    ],
                )
                .map_err(|e| self.write_err(what, e))?;
            if inserted == 0 {
                let id: ArticleId = tx
                    .query_row(
                        "SELECT id FROM articles WHERE hash = ?1",
                        [&r.prepared.hash],
                        |row| row.get(0),
                    )
                    .map_err(|e| self.write_err(what, e))?;
                added.push(Written::Duplicate(r.path.clone(), id));
                continue;
            }
            let id = tx.last_insert_rowid();
            cache::write_cache(&tx, &self.pipeline, &r.prepared.hash, &r.prepared.enc)
                .map_err(|e| self.write_err(what, e))?;
            added.push(Written::Added(id, r.prepared.hash.clone(), r.path.clone()));
        }
        tx.commit().map_err(|e| self.write_err(what, e))?;
        Ok(added)
    }
}

/// Read, hash and (when new) process one file.
fn examine(path: &Path, known: &HashMap<String, ArticleId>) -> Outcome {
    let bytes = match read_limited(path) {
        Ok(b) => b,
        Err(line) => return Outcome::Failed(line),
    };
    let hash = cache::hash(&bytes);
    if let Some(&id) = known.get(&hash) {
        return Outcome::Duplicate(path.to_path_buf(), id);
    }
    match intake::prepare_hashed(path, hash, bytes, |_| {}) {
        Ok(ready) => Outcome::New(path.to_path_buf(), ready),
        Err(line) => Outcome::Failed(line),
    }
}

fn read_limited(path: &Path) -> std::result::Result<Vec<u8>, String> {
    let fail = |error| {
        crate::Error::Io {
            path: path.to_path_buf(),
            error,
        }
        .to_string()
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(crate::ingest::too_large(path, None).to_string());
    }
    Ok(bytes)
}

fn file_hash(path: &Path) -> Option<String> {
    read_limited(path).ok().map(|b| cache::hash(&b))
}

/// Write a stored copy (to a temporary name, then renamed into place, so a kill never leaves
/// half a file under the real name). Returns its size and modification time.
pub(crate) fn store_copy(abs: &Path, bytes: &[u8]) -> Result<(i64, i64)> {
    let what = "the imported copy";
    if let Some(dir) = abs.parent() {
        std::fs::create_dir_all(dir).map_err(|e| LibraryError::from_io(dir, what, e))?;
    }
    if !abs.exists() {
        let tmp = abs.with_extension("part");
        if let Err(e) = std::fs::write(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            return Err(LibraryError::from_io(abs, what, e));
        }
        std::fs::rename(&tmp, abs).map_err(|e| LibraryError::from_io(abs, what, e))?;
    }
    let meta = std::fs::metadata(abs).map_err(|e| LibraryError::from_io(abs, what, e))?;
    Ok((meta.len() as i64, mtime_ns(&meta)))
}
