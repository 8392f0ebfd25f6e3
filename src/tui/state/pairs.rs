//! Translation pairs in the reader: a Korean file and its English edition become one library
//! row (`KO+EN`, both titles) that opens as the two-file alignment, side by side. This is the
//! session's pairing state; the jobs that pair files and the library, and build a pair's
//! document, are in [`work::pairing`](crate::tui::work::pairing).
//!
//! The user's own choices come first: `p` pairs two entries by hand (from candidates ranked by
//! the index), `P` splits a pair, and a split pair is never paired again automatically; in the
//! library both are saved and applied on the next start.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::library::{self, ArticleId};
use crate::pairing::{self, Evidence, Pairing, Side};
use crate::tui::state::library_list::EntryId;

/// One loaded entry the pairing knows: its id, file and evidence.
pub type Item = (EntryId, PathBuf, Evidence);

/// The pairing's result: the state (for the picker's candidates), the item order, the pairs.
#[derive(Debug, Clone)]
pub struct Found {
    pub pairing: Pairing,
    /// The entry of each of the pairing's items (`None`: an article not listed).
    pub items: Vec<Option<EntryId>>,
    pub sides: HashMap<EntryId, Side>,
    pub pairs: Vec<(EntryId, EntryId, f64)>,
    /// The choices stored in the library (none for files opened by path).
    pub stored: Choices,
}

/// The user's choices, (Korean, English) entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    pub manual: Vec<(EntryId, EntryId)>,
    pub split: HashSet<(EntryId, EntryId)>,
}

/// The library's answer in entries (`entry_of` maps an article to its entry).
pub fn from_library(
    found: library::pairs::Found,
    entry_of: impl Fn(ArticleId) -> Option<EntryId>,
) -> Found {
    let pair = |&(k, e): &(ArticleId, ArticleId)| Some((entry_of(k)?, entry_of(e)?));
    let pairs = found
        .auto
        .iter()
        .filter_map(|&(k, e, s)| Some((entry_of(k)?, entry_of(e)?, s)))
        .collect();
    let stored = Choices {
        manual: found.choices.manual.iter().filter_map(pair).collect(),
        split: found.choices.split.iter().filter_map(pair).collect(),
    };
    Found {
        items: found.ids.iter().map(|&id| entry_of(id)).collect(),
        sides: found
            .sides
            .iter()
            .filter_map(|(&id, &side)| Some((entry_of(id)?, side)))
            .collect(),
        pairs,
        stored,
        pairing: found.pairing,
    }
}

/// The cache key of a pair's document.
pub fn pair_key(ko: EntryId, en: EntryId) -> EntryId {
    EntryId(ko.0 ^ en.0.rotate_left(17) ^ 0x5041_4952)
}

/// A choice made by hand in this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Pair(EntryId, EntryId),
    Split(EntryId, EntryId),
}

/// The pairing state of the session.
#[derive(Debug, Default)]
pub struct Pairs {
    /// LibraryList loaded with evidence (Korean or English articles).
    items: Vec<Item>,
    found: Option<Found>,
    /// The user's choices: those stored, then this session's.
    choices: Choices,
    /// This session's choices, in order (applied again over the stored ones when a pairing
    /// job reports: they were saved after it read them, or while it ran).
    session: Vec<Choice>,
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
        self.choices = found.stored.clone();
        for c in self.session.clone() {
            match c {
                Choice::Pair(k, e) => self.choose_pair(k, e),
                Choice::Split(k, e) => self.choose_split(k, e),
            }
        }
        self.found = Some(found);
    }

    /// The language side of an entry, if it can be half of a pair.
    pub fn side(&self, id: EntryId) -> Option<Side> {
        self.found
            .as_ref()
            .and_then(|f| f.sides.get(&id).copied())
            .or_else(|| {
                self.items
                    .iter()
                    .find(|(i, _, _)| *i == id)
                    .map(|(_, _, e)| e.side)
            })
    }

    /// The pairs to show: the user's, then the automatic ones that neither were split nor
    /// involve an entry the user paired.
    pub fn effective(&self) -> Vec<(EntryId, EntryId, f64)> {
        let auto = self.found.as_ref().map_or(&[][..], |f| f.pairs.as_slice());
        pairing::with_choices(auto, &self.choices.manual, &self.choices.split)
    }

    /// Pair two entries by hand (either order); they leave any pair they were in. Returns the
    /// pair as (Korean, English), or `None` when they are not one of each.
    pub fn pair(&mut self, a: EntryId, b: EntryId) -> Option<(EntryId, EntryId)> {
        let (ko, en) = match (self.side(a), self.side(b)) {
            (Some(Side::Ko), Some(Side::En)) => (a, b),
            (Some(Side::En), Some(Side::Ko)) => (b, a),
            _ => return None,
        };
        self.choose_pair(ko, en);
        self.session.push(Choice::Pair(ko, en));
        Some((ko, en))
    }

    fn choose_pair(&mut self, ko: EntryId, en: EntryId) {
        self.choices
            .manual
            .retain(|&(k, e)| k != ko && e != en && k != en && e != ko);
        self.choices.split.remove(&(ko, en));
        self.choices.manual.push((ko, en));
    }

    /// Split the pair (Korean, English): shown apart from now on.
    pub fn unpair(&mut self, ko: EntryId, en: EntryId) {
        self.choose_split(ko, en);
        self.session.push(Choice::Split(ko, en));
    }

    fn choose_split(&mut self, ko: EntryId, en: EntryId) {
        self.choices.manual.retain(|&p| p != (ko, en));
        self.choices.split.insert((ko, en));
    }

    /// LibraryList of the other language to pair `id` with, best first, with a score (0..1): the
    /// pairing's verified pairs first, then the index's candidates by similarity.
    pub fn candidates(&self, id: EntryId, k: usize) -> Vec<(EntryId, f64)> {
        let Some(f) = &self.found else {
            return Vec::new();
        };
        let Some(item) = f.items.iter().position(|i| *i == Some(id)) else {
            return Vec::new();
        };
        f.pairing
            .candidates(item, k)
            .into_iter()
            .filter_map(|(other, s)| Some(((*f.items.get(other)?)?, (s * 1000.0).round() / 1000.0)))
            .collect()
    }

    /// Has a pairing job reported?
    pub fn ready(&self) -> bool {
        self.found.is_some()
    }
}
