//! Translation pairs in the library on disk: pairing starts once the background work is done
//! (after the first frame; a job on a worker), its answer in article ids becomes the list's
//! pairs, a pair opens from the cache, and the choices made by hand go to the library.

use std::path::PathBuf;

use super::App;
use super::lists::{Handled, Then, list_key};
use crate::tui::action::Action;
use crate::tui::state::disk::Save;
use crate::tui::state::library_list::EntryId;
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::state::overlay::{Overlay, Picker};
use crate::tui::state::pairs;
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::{Job, JobKind};

/// The library's background work is done: pair it.
pub(super) fn settled(app: &mut App, remember: bool) -> Effects {
    let Some(home) = app.disk.home.clone() else {
        return Effects::none();
    };
    let generation = app.next_generation(JobKind::Pairs);
    Effects::none().with(Command::Start {
        generation,
        job: Job::LibraryPairs { home, remember },
    })
}

/// The library's pairs have come: show them (with the choices stored and made since).
pub(super) fn found(app: &mut App, found: crate::library::pairs::Found) {
    let found = pairs::from_library(found, |a| app.disk.entry_of(a));
    app.pairs.set_found(found);
    app.apply_pairs();
}

/// The job that opens a pair: both articles from the library's cache when they are library
/// articles, else the two files.
pub(super) fn open_job(
    app: &App,
    (ko, ko_path): (EntryId, PathBuf),
    (en, en_path): (EntryId, PathBuf),
) -> Job {
    match (&app.disk.home, app.disk.article(ko), app.disk.article(en)) {
        (Some(home), Some(ko_article), Some(en_article)) => Job::OpenStoredPair {
            ko,
            en,
            home: home.clone(),
            ko_article,
            en_article,
        },
        _ => Job::OpenPair {
            ko,
            en,
            ko_path,
            en_path,
        },
    }
}

/// Save a choice made by hand, (Korean, English), when both are library articles and the
/// library can be written.
pub(super) fn save(app: &App, (ko, en): (EntryId, EntryId), paired: bool) -> Effects {
    let (Some(k), Some(e)) = (app.disk.article(ko), app.disk.article(en)) else {
        return Effects::none();
    };
    if app.disk.read_only.is_some() {
        return Effects::none();
    }
    Effects::none().with(Command::Save(if paired {
        Save::Pair(k, e)
    } else {
        Save::Split(k, e)
    }))
}

impl App {
    /// Show the current pairs in the library, keeping the selected entry selected.
    pub(super) fn apply_pairs(&mut self) {
        let keep = self
            .library
            .row(self.library_cursor.selected)
            .map(|e| e.id());
        self.library.set_pairs(&self.pairs.effective());
        if self.library.is_window() {
            self.requery(None, keep);
            return;
        }
        if let Some(r) = keep.and_then(|id| self.library.row_of(id)) {
            self.library_cursor.selected = r;
        }
        let rows = self.library.rows();
        self.library_cursor.selected = self.library_cursor.selected.min(rows.saturating_sub(1));
        self.library_cursor.top = self.library_cursor.top.min(self.library_cursor.selected);
    }

    /// `p`: open the picker of entries to pair the selected one with.
    pub(super) fn pick_partner(&mut self) {
        let Some(e) = self.library.row(self.library_cursor.selected) else {
            return;
        };
        let id = e.id();
        if self.pairs.side(id).is_none() {
            self.status = Some("only a Korean or an English article can be paired".into());
            return;
        }
        if !self.pairs.ready() {
            self.status = Some(if self.loading() {
                "still loading the library…".into()
            } else {
                "no article in the other language to pair with".into()
            });
            return;
        }
        let current = self.library.partner(id).map(|(p, _)| p.id());
        let items: Vec<(EntryId, String)> = self
            .pairs
            .candidates(id, 9)
            .into_iter()
            .filter(|(c, _)| Some(*c) != current)
            .map(|(c, s)| (c, format!("{s:.2}")))
            .collect();
        if items.is_empty() {
            self.status = Some("no candidates to pair with".into());
            return;
        }
        let ids: Vec<EntryId> = items.iter().map(|(c, _)| *c).collect();
        self.pin_entries(&ids);
        self.overlay = Some(Overlay::Picker(Picker {
            id,
            items,
            list: ListCursor::default(),
        }));
    }

    /// Pair two entries by hand (from the picker).
    pub(super) fn pair_entries(&mut self, a: EntryId, b: EntryId) -> Effects {
        match self.pairs.pair(a, b) {
            Some(pair) => {
                self.apply_pairs();
                self.status = Some("paired".into());
                save(self, pair, true)
            }
            None => {
                self.status = Some("a pair is one Korean and one English article".into());
                Effects::none()
            }
        }
    }

    /// `P`: split the selected pair.
    pub(super) fn split_selected(&mut self) -> Effects {
        let Some(e) = self.library.row(self.library_cursor.selected) else {
            return Effects::none();
        };
        let id = e.id();
        let bilingual = e.meta().is_some_and(|m| m.badge == "KO+EN");
        match self.library.partner(id).map(|(p, _)| p.id()) {
            Some(en) => {
                self.pairs.unpair(id, en);
                self.apply_pairs();
                self.status = Some("pair split".into());
                save(self, (id, en), false)
            }
            None => {
                // A KO+EN badge is one file in both languages; a pair is two files (its
                // partner's title under it).
                self.status = Some(if bilingual {
                    "one bilingual article, not a pair of files: nothing to split".into()
                } else {
                    "not a pair of files: nothing to split (p pairs it with its translation)".into()
                });
                Effects::none()
            }
        }
    }
}

/// Keys in the picker: Enter pairs the selected entry with the one it was opened for.
pub(super) fn picker_key(app: &mut App, picker: &mut Picker, action: Action) -> Handled {
    if list_key(app, &mut picker.list, &action, picker.items.len()) {
        return (Effects::redraw(), Then::Stay);
    }
    match action {
        Action::Open => {
            let mut fx = Effects::redraw();
            if let Some(&(other, _)) = picker.items.get(picker.list.selected) {
                fx.merge(app.pair_entries(picker.id, other));
            }
            (fx, Then::Close)
        }
        Action::Back => (Effects::redraw(), Then::Close),
        _ => (Effects::none(), Then::Stay),
    }
}
