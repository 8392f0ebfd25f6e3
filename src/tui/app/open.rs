//! Opening an entry (from the document cache, or by starting a job; a pair opens as the
//! alignment of its two files) and showing a document in the reader, at the position it was
//! left at or at the finder hit it was opened for.

use std::sync::Arc;

use super::{App, Pane, disk, pairs};
use crate::tui::state::doc::Doc;
use crate::tui::state::library_list::{EntryId, EntryState};
use crate::tui::state::reading::{Position, Reader};
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::JobKind;

impl App {
    pub(super) fn open(&mut self, i: usize) -> Effects {
        self.read_rows(i, i + 1);
        let Some(entry) = self.library.row(i) else {
            return Effects::none();
        };
        let id = entry.id();
        let ko_path = entry.path().to_path_buf();
        if let Some((partner, _)) = self.library.partner(id) {
            let (en, en_path) = (partner.id(), partner.path().to_path_buf());
            let key = crate::tui::state::pairs::pair_key(id, en);
            if let Some(doc) = self.docs.get(key) {
                self.show(id, doc);
                return Effects::redraw();
            }
            let generation = self.next_generation(JobKind::Open);
            self.opening = Some(id);
            self.library_cursor.selected = i;
            self.status = Some("opening the pair…".into());
            let job = pairs::open_job(self, (id, ko_path), (en, en_path));
            return Effects::redraw().with(Command::Start { generation, job });
        }
        let path = entry.path().to_path_buf();
        match entry.state().clone() {
            EntryState::Ready(_) => match self.docs.get(id) {
                Some(doc) => self.show(id, doc),
                None => {
                    let generation = self.next_generation(JobKind::Open);
                    self.opening = Some(id);
                    self.library_cursor.selected = i;
                    self.status = Some("opening…".into());
                    let job = disk::open_job(self, id, path);
                    return Effects::redraw().with(Command::Start { generation, job });
                }
            },
            EntryState::Pending => self.status = Some("still loading this one…".into()),
            EntryState::Failed(e) => self.status = Some(e),
        }
        Effects::redraw()
    }

    /// Show a document in the reader.
    pub(super) fn show(&mut self, id: EntryId, doc: Arc<Doc>) {
        let Some(i) = self.library.row_of(id) else {
            return;
        };
        if let Some(e) = self.library.by_id_mut(id) {
            e.read = true;
        }
        let partner = self.library.partner(id).map(|(p, _)| p.id());
        if let Some(e) = partner.and_then(|p| self.library.by_id_mut(p)) {
            e.read = true;
        }
        if self.opening.take().is_some() {
            // "opening…" is done.
            self.status = None;
        }
        self.reader = Some(Reader::new(id, doc));
        self.pane = Pane::Reader;
        self.library_cursor.selected = i;
        self.relayout();
        if let Some(r) = self.reader.as_mut() {
            r.at.passage = r.first_shown();
        }
        disk::restore(self, id);
        // A finder hit in either article of a pair opens the pair at it.
        if let Some((want, text, nth)) = self.finder.pending.take()
            && (want == id || Some(want) == partner)
            && let Some(r) = self.reader.as_mut()
            && let Some(at) = r
                .doc
                .sentence_position(&text, nth)
                .map(|(passage, sentence)| Position { passage, sentence })
                .or_else(|| locate(&r.doc, &text))
        {
            r.go_to(at, self.geom.page());
        }
        self.select_pending_entity();
    }
}

/// For what the aligner has no sentence of (an entity's name, an unpaired block): the passage
/// and sentence bead of a document that hold this text, if any: the first bead whose sentence on either side contains it or is contained in it.
fn locate(doc: &Doc, text: &str) -> Option<Position> {
    use crate::tui::state::layout::Side;
    for (k, p) in doc.passages.iter().enumerate() {
        for (side, ranges) in [(Side::Ko, 0), (Side::En, 1)] {
            let Some(body) = p.text(side) else { continue };
            let Some(at) = body.find(text) else { continue };
            let bead = p.beads.iter().position(|b| {
                let rs = if ranges == 0 { &b.0 } else { &b.1 };
                rs.iter()
                    .any(|r| r.start <= at && at < r.end.max(r.start + 1))
            });
            return Some(Position {
                passage: k,
                sentence: bead.or(if p.beads.is_empty() { None } else { Some(0) }),
            });
        }
    }
    None
}
