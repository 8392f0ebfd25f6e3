//! Translation pairs in the reader: a Korean file and its English edition become one library
//! row (`KO+EN`, both titles) that opens as the two-file alignment, side by side.
//!
//! When the library has loaded, a job pairs it ([`run`], with `crate::pairing`): each entry's
//! evidence was computed by the loader, and only candidate files are read again, to be
//! verified by the aligner. The user's own choices come first: `p` pairs two entries by hand
//! (from candidates ranked by the index), `P` splits a pair, and a split pair is never paired
//! again automatically. Choices are kept in memory for the session (the library store does not
//! exist yet).

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use crate::model::Language;
use crate::pairing::{self, Evidence, Pairing, Side};

use super::cancel::Cancel;
use super::doc::Doc;
use super::entries::EntryId;
use super::loader::panic_message;

/// One loaded entry the pairing knows: its id, file and evidence.
pub type Item = (EntryId, PathBuf, Evidence);

/// The pairing's result: the state (for the picker's candidates), the item order, the pairs.
#[derive(Debug, Clone)]
pub struct Found {
    pub pairing: Pairing,
    pub items: Vec<EntryId>,
    pub pairs: Vec<(EntryId, EntryId, f64)>,
}

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
        items: ids,
        pairs,
    }
}

/// The cache key of a pair's document.
pub fn pair_key(ko: EntryId, en: EntryId) -> EntryId {
    EntryId(ko.0 ^ en.0.rotate_left(17) ^ 0x5041_4952)
}

/// Read, clean and align two files as one bilingual document: the Korean file's metadata, the
/// English file's title beside it.
pub fn load_pair_doc(ko: &Path, en: &Path) -> Result<Doc, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let a = crate::parse_file(ko).map_err(|e| e.to_string())?;
        let b = crate::parse_file(en).map_err(|e| e.to_string())?;
        let bitext = crate::align::align_two(&a, &b);
        let mut merged = a;
        merged.title_en = b.title.clone().or(b.title_en.clone());
        merged.language = Language::KoEn;
        Ok(Doc::build(merged, &bitext))
    }))
    .unwrap_or_else(|payload| {
        Err(format!(
            "{} + {}: internal error: {}",
            ko.display(),
            en.display(),
            panic_message(payload.as_ref())
        ))
    })
}

/// The pairing state of the session.
#[derive(Debug, Default)]
pub struct Pairs {
    /// Entries loaded with evidence (Korean or English articles).
    items: Vec<Item>,
    found: Option<Found>,
    /// Pairs the user made, (Korean, English).
    manual: Vec<(EntryId, EntryId)>,
    /// Pairs the user split: never paired automatically again.
    split: HashSet<(EntryId, EntryId)>,
}

impl Pairs {
    /// Remember a loaded entry's evidence (none for a bilingual or other-language article).
    pub fn add(&mut self, id: EntryId, path: &Path, ev: Option<Evidence>) {
        if let Some(ev) = ev
            && path != Path::new("-")
            && !self.items.iter().any(|(i, _, _)| *i == id)
        {
            self.items.push((id, path.to_path_buf(), ev));
        }
    }

    /// The items for a pairing job, when there is something to pair (both languages).
    pub fn job_items(&self) -> Option<Vec<Item>> {
        let has = |s: Side| self.items.iter().any(|(_, _, e)| e.side == s);
        (has(Side::Ko) && has(Side::En)).then(|| self.items.clone())
    }

    pub fn set_found(&mut self, found: Found) {
        self.found = Some(found);
    }

    /// The language side of an entry, if it can be half of a pair.
    pub fn side(&self, id: EntryId) -> Option<Side> {
        self.items
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, _, e)| e.side)
    }

    /// The pairs to show: the user's, then the automatic ones that neither were split nor
    /// involve an entry the user paired.
    pub fn effective(&self) -> Vec<(EntryId, EntryId, f64)> {
        let mut out: Vec<(EntryId, EntryId, f64)> =
            self.manual.iter().map(|&(k, e)| (k, e, 1.0)).collect();
        let taken: HashSet<EntryId> = self.manual.iter().flat_map(|&(k, e)| [k, e]).collect();
        if let Some(f) = &self.found {
            for &(k, e, s) in &f.pairs {
                if !self.split.contains(&(k, e)) && !taken.contains(&k) && !taken.contains(&e) {
                    out.push((k, e, s));
                }
            }
        }
        out
    }

    /// Pair two entries by hand (either order); they leave any pair they were in.
    pub fn pair(&mut self, a: EntryId, b: EntryId) -> bool {
        let (ko, en) = match (self.side(a), self.side(b)) {
            (Some(Side::Ko), Some(Side::En)) => (a, b),
            (Some(Side::En), Some(Side::Ko)) => (b, a),
            _ => return false,
        };
        self.manual
            .retain(|&(k, e)| k != ko && e != en && k != en && e != ko);
        self.split.remove(&(ko, en));
        self.manual.push((ko, en));
        true
    }

    /// Split the pair (Korean, English): shown apart from now on.
    pub fn unpair(&mut self, ko: EntryId, en: EntryId) {
        self.manual.retain(|&p| p != (ko, en));
        self.split.insert((ko, en));
    }

    /// Entries of the other language to pair `id` with, best first, with a score (0..1): the
    /// pairing's verified pairs first, then the index's candidates by similarity.
    pub fn candidates(&self, id: EntryId, k: usize) -> Vec<(EntryId, f64)> {
        let Some(f) = &self.found else {
            return Vec::new();
        };
        let Some(item) = f.items.iter().position(|i| *i == id) else {
            return Vec::new();
        };
        f.pairing
            .candidates(item, k)
            .into_iter()
            .filter_map(|(other, s)| Some((*f.items.get(other)?, (s * 1000.0).round() / 1000.0)))
            .collect()
    }

    /// Has a pairing job reported?
    pub fn ready(&self) -> bool {
        self.found.is_some()
    }
}
