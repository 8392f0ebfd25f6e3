//! The pairing jobs (run off the loop): files opened by path, once loaded, are paired by
//! [`run`] (with `crate::pairing`): each entry's evidence was computed by the loader, and only
//! candidate files are read again, to be verified by the aligner. The library on disk: once its
//! list is complete and its background processing done, [`run_library`] pairs it from the
//! evidence stored at import (`crate::library::pairs`): nothing is read or parsed but the texts
//! of candidate pairs never verified before. And a pair's two-file document.

use std::path::Path;

use crate::library::{self, ArticleId, Home, Library};
use crate::model::{Article, Language};
use crate::pairing::{self, Pairing};
use crate::tui::state::doc::Doc;
use crate::tui::state::library_list::EntryId;
use crate::tui::state::pairs::{Choices, Found, Item};
use crate::tui::work::cancel::Cancel;
use crate::tui::work::error::JobError;

/// Pair the loaded entries (a job: runs off the loop).
pub fn run(items: Vec<Item>, cancel: &Cancel) -> Found {
    let mut p = Pairing::new();
    for (i, (_, _, ev)) in items.iter().enumerate() {
        p.add(i, ev);
    }
    p.refresh();
    let paths: Vec<&Path> = items.iter().map(|(_, path, _)| path.as_path()).collect();
    let threads = pairing::default_threads().clamp(1, 4);
    pairing::settle_with(
        &mut p,
        0..items.len(),
        threads,
        |i| paths.get(i).and_then(|path| crate::parse_file(path).ok()),
        || cancel.is_cancelled(),
    );
    let ids: Vec<EntryId> = items.iter().map(|(id, _, _)| *id).collect();
    let pairs = p
        .matches()
        .into_iter()
        .filter_map(|m| Some((*ids.get(m.ko)?, *ids.get(m.en)?, m.score)))
        .collect();
    Found {
        pairing: p,
        items: ids.iter().copied().map(Some).collect(),
        sides: items.iter().map(|(id, _, ev)| (*id, ev.side)).collect(),
        pairs,
        stored: Choices::default(),
    }
}

/// Pair the library on disk (a job: runs off the loop). `remember`: keep the verdicts computed
/// for the next start (a headless run only looks). Returns the library's answer, in article
/// ids: the loop maps them to its entries.
pub fn run_library(
    home: &Home,
    remember: bool,
    cancel: &Cancel,
) -> Result<library::pairs::Found, JobError> {
    let (lib, _) = Library::open(home.clone())?;
    Ok(library::intake::pair(lib, remember, || {
        cancel.is_cancelled()
    })?)
}

/// Read, clean and align two files as one bilingual document: the Korean file's metadata, the
/// English file's title beside it.
pub fn load_pair_doc(ko: &Path, en: &Path) -> Result<Doc, JobError> {
    let a = crate::parse_file(ko)?;
    let b = crate::parse_file(en)?;
    Ok(pair_doc(a, &b))
}

/// Two library articles as one bilingual document, both from the cache (processed now if
/// stale), as [`load_pair_doc`] makes it from files.
pub fn load_stored_pair_doc(home: &Home, ko: ArticleId, en: ArticleId) -> Result<Doc, JobError> {
    let (lib, _) = Library::open(home.clone())?;
    let a = lib.load(ko)?;
    let b = lib.load(en)?;
    Ok(pair_doc(a.article, &b.article))
}

fn pair_doc(ko: Article, en: &Article) -> Doc {
    let bitext = crate::align::align_two(&ko, en);
    let mut merged = ko;
    merged.title_en = en.title.clone().or(en.title_en.clone());
    merged.language = Language::KoEn;
    Doc::build(merged, &bitext)
}
