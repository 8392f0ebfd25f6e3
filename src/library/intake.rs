//! New articles into the library, then its pairs brought up to date: the one way in for the
//! CLI's `duet import`, the reader's background processing and the feeds.
//!
//! - [`prepare`]: one article's bytes through the whole pipeline (decode, clean, align,
//!   entities, pairing evidence) into what a batch write stores; a bug in any stage fails that
//!   article, never the batch. [`prepare_all`] runs it on every core, results in order.
//! - [`Library::import_then_pair`]: files and folders in (see [`super::import`]), then the
//!   pairs.
//! - [`pair`]: after articles were added, changed or removed (by whatever means), the library's
//!   Korean–English pairs found again from the stored evidence, and kept.

use std::path::{Path, PathBuf};

use super::cache::{self, Encoded, Processed};
use super::error::{LibraryError, Result};
use super::pairs::{self, Found};
use super::{ImportReport, Library, work};

/// One article ready to store: its bytes, their hash, the pipeline's output encoded.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub hash: String,
    pub bytes: Vec<u8>,
    pub enc: Box<Encoded>,
    /// What parsing noticed (a budget cut, nesting ignored), as warning lines naming `name`.
    pub warnings: Vec<String>,
}

/// Decode, clean and align one article's bytes (`name` gives the extension and the path the
/// article records). A panic in the pipeline is this article's error, not the caller's.
pub fn process(name: &Path, bytes: &[u8]) -> std::result::Result<Processed, String> {
    match std::panic::catch_unwind(|| Processed::run(name, bytes)) {
        Ok(Ok(p)) => Ok(p),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!(
            "{}: internal error while reading it",
            name.display()
        )),
    }
}

/// [`process`], then `adjust` (what the caller knows better than the page: a feed's outlet or
/// date), then encode for the cache: entities, pairing evidence, the list's metadata.
pub fn prepare(
    name: &Path,
    bytes: Vec<u8>,
    adjust: impl FnOnce(&mut Processed),
) -> std::result::Result<Prepared, String> {
    let hash = cache::hash(&bytes);
    prepare_hashed(name, hash, bytes, adjust)
}

/// [`prepare`] for bytes already hashed (an import hashes first, to skip what it holds).
pub(crate) fn prepare_hashed(
    name: &Path,
    hash: String,
    bytes: Vec<u8>,
    adjust: impl FnOnce(&mut Processed),
) -> std::result::Result<Prepared, String> {
    let mut processed = process(name, &bytes)?;
    let warnings = (processed.article.notes.iter())
        .map(|note| crate::error::warning(name, note))
        .collect();
    adjust(&mut processed);
    let enc = std::panic::catch_unwind(|| processed.encode())
        .map_err(|_| format!("{}: internal error while indexing it", name.display()))?;
    Ok(Prepared {
        hash,
        bytes,
        enc: Box::new(enc),
        warnings,
    })
}

/// Run `f` (typically [`prepare`]) on every item on all cores; `sink` gets the results in
/// the items' order on this thread and returns `false` to stop. Only a few results wait for
/// the sink at a time, so memory is bounded by the sink's batch, not by the items.
pub fn prepare_all<T: Send, R: Send>(
    items: Vec<T>,
    f: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) -> bool,
) {
    work::par_map(items, work::workers(), f, sink);
}

/// What [`Library::import_then_pair`] did.
#[derive(Debug, Default)]
pub struct Imported {
    pub report: ImportReport,
    /// The library's Korean–English pairs after the import (0 when nothing was added).
    pub pairs: usize,
    /// How long pairing took after the import's processing (none when nothing was added), and
    /// how many articles it asked (the new ones and those whose candidates they can be).
    pub pairing: Option<(std::time::Duration, usize)>,
    /// Why pairing failed, when it did (the articles imported are kept all the same).
    pub pairing_failed: Option<LibraryError>,
}

impl Library {
    /// Import files and folders, then pair the library, so it opens with its pairs shown.
    /// `progress(done, total)` as files are finished (see [`Library::import`]).
    pub fn import_then_pair(
        &self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Imported> {
        let report = self.import(paths, progress)?;
        let mut out = Imported::default();
        if !report.added.is_empty() && report.stopped.is_none() {
            let started = std::time::Instant::now();
            match self.reopen().and_then(|lib| pair(lib, true, || false)) {
                Ok(found) => {
                    out.pairs = found.pairs().len();
                    out.pairing = Some((started.elapsed(), found.queried));
                }
                Err(e) => out.pairing_failed = Some(e),
            }
        }
        out.report = report;
        Ok(out)
    }
}

/// The library's pairs, as they stand after whatever changed it. With `keep`, pairs are found
/// with the index built (for the pairs to make by hand) and the verdicts and pairs computed
/// are kept for next time; without, the library is only looked at: an unchanged one gives its
/// kept pairs as they are (no index), a changed one is paired without writing. `cancelled` is
/// asked between rounds.
pub fn pair(lib: Library, keep: bool, cancelled: impl Fn() -> bool) -> Result<Found> {
    if !keep && let Some(found) = pairs::stored(&lib)? {
        return Ok(found);
    }
    pairs::find(lib, threads(), keep, cancelled)
}

/// The threads pairing runs on.
pub fn threads() -> usize {
    work::workers()
}
