//! The open article: its document, the reader's content-anchored position — (passage,
//! sentence), never a scroll row — and the movements. The scroll row is derived: after every
//! re-wrap (resize, layout, ratio) it is recomputed so the position stays in view.

use std::sync::Arc;

use crate::tui::state::doc::{Doc, Wrapped};
use crate::tui::state::layout::Side;
use crate::tui::state::library_list::EntryId;

/// Where the reader is: a passage (pair or unpaired block) and, in sentence mode, a sentence
/// bead inside it. Survives resizes and layout changes (and, with the library, restarts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub passage: usize,
    /// Sentence mode: the bead under the cursor inside the passage.
    pub sentence: Option<usize>,
}

/// The open article.
#[derive(Debug, Clone)]
pub struct Reader {
    pub(in crate::tui) entry: EntryId,
    pub(in crate::tui) doc: Arc<Doc>,
    pub(in crate::tui) at: Position,
    /// First visible row (derived from `at`).
    pub(in crate::tui) scroll: usize,
    pub(in crate::tui) wrapped: Option<Wrapped>,
}

impl Reader {
    pub fn new(entry: EntryId, doc: Arc<Doc>) -> Reader {
        Reader {
            entry,
            doc,
            at: Position::default(),
            scroll: 0,
            wrapped: None,
        }
    }
    pub fn entry(&self) -> EntryId {
        self.entry
    }
    pub fn doc(&self) -> &Doc {
        &self.doc
    }
    pub fn position(&self) -> Position {
        self.at
    }
    pub fn scroll(&self) -> usize {
        self.scroll
    }
    pub fn wrapped(&self) -> Option<&Wrapped> {
        self.wrapped.as_ref()
    }

    fn beads(&self, passage: usize) -> usize {
        self.doc.passages.get(passage).map_or(0, |p| p.beads.len())
    }

    /// Next sentence (in sentence mode) or passage.
    pub(in crate::tui) fn down(&mut self, page: usize) {
        if let Some(b) = self.at.sentence
            && b + 1 < self.beads(self.at.passage)
        {
            self.at.sentence = Some(b + 1);
        } else if let Some(n) = self.step(1) {
            self.at.passage = n;
            self.at.sentence = self.at.sentence.map(|_| 0);
        }
        self.ensure_visible(page);
        self.ensure_sentence_visible(page);
    }

    pub(in crate::tui) fn up(&mut self, page: usize) {
        if let Some(b) = self.at.sentence
            && b > 0
        {
            self.at.sentence = Some(b - 1);
        } else if let Some(n) = self.step(-1) {
            self.at.passage = n;
            let last = self.beads(n).saturating_sub(1);
            self.at.sentence = self.at.sentence.map(|_| last);
        }
        self.ensure_visible(page);
        self.ensure_sentence_visible(page);
    }

    pub(in crate::tui) fn top(&mut self) {
        self.scroll = 0;
        self.at.passage = self.first_shown();
        self.at.sentence = self.at.sentence.map(|_| 0);
    }

    pub(in crate::tui) fn bottom(&mut self, page: usize) {
        if let Some(w) = &self.wrapped {
            self.scroll = w.total.saturating_sub(page);
            self.at.passage = (0..w.passages.len())
                .rev()
                .find(|&i| w.shown(i))
                .unwrap_or(0);
        }
        self.at.sentence = self.at.sentence.map(|_| 0);
    }

    pub(in crate::tui) fn toggle_sentences(&mut self) {
        self.at.sentence = match self.at.sentence {
            Some(_) => None,
            None => Some(0),
        };
    }

    /// Focus passage `i` (a click); a new passage starts at its first sentence.
    pub(in crate::tui) fn focus_passage(&mut self, i: usize) {
        if i != self.at.passage {
            self.at.sentence = self.at.sentence.map(|_| 0);
        }
        self.at.passage = i;
    }

    /// The next passage in `dir` that the layout shows.
    fn step(&self, dir: isize) -> Option<usize> {
        let w = self.wrapped.as_ref()?;
        let mut i = self.at.passage as isize + dir;
        while i >= 0 && (i as usize) < w.passages.len() {
            if w.shown(i as usize) {
                return Some(i as usize);
            }
            i += dir;
        }
        None
    }

    pub(in crate::tui) fn first_shown(&self) -> usize {
        self.wrapped
            .as_ref()
            .and_then(|w| (0..w.passages.len()).find(|&i| w.shown(i)))
            .unwrap_or(0)
    }

    /// Go to a saved position (clamped to this document), in view.
    pub(in crate::tui) fn restore(&mut self, at: Position, page: usize) {
        let passages = self.doc.passages.len();
        if passages == 0 {
            return;
        }
        self.at.passage = at.passage.min(passages - 1);
        let beads = self.beads(self.at.passage);
        self.at.sentence = at.sentence.map(|s| s.min(beads.saturating_sub(1)));
        self.ensure_visible(page);
        self.ensure_sentence_visible(page);
    }

    /// A new wrap (first open, resize, layout, ratio): keep the position, in view.
    pub(in crate::tui) fn rewrapped(&mut self, w: Wrapped, page: usize) {
        self.wrapped = Some(w);
        self.ensure_visible(page);
        self.ensure_sentence_visible(page);
    }

    /// Go to a position (a finder hit) and scroll it into view.
    pub(in crate::tui) fn go_to(&mut self, at: Position, page: usize) {
        self.at = at;
        self.ensure_visible(page);
        self.ensure_sentence_visible(page);
    }

    /// Scroll so the focused passage is on screen: its top, and as much of it as fits.
    pub(in crate::tui) fn ensure_visible(&mut self, page: usize) {
        let Some(w) = &self.wrapped else { return };
        let Some(s) = w.passages.get(self.at.passage) else {
            return;
        };
        if s.top < self.scroll {
            self.scroll = s.top;
        } else if s.top + s.height > self.scroll + page {
            self.scroll = (s.top + s.height).saturating_sub(page).min(s.top);
        }
    }

    /// The first screen row of the focused sentence (either side, whichever the layout shows
    /// first), through [`Wrapped::row_of`].
    pub fn sentence_row(&self) -> Option<usize> {
        let b = self.at.sentence?;
        let w = self.wrapped.as_ref()?;
        let (ko, en) = self.doc.passages.get(self.at.passage)?.beads.get(b)?;
        let row = |side: Side, ranges: &[std::ops::Range<usize>]| {
            ranges
                .first()
                .and_then(|r| w.row_of(self.at.passage, side, r.start))
        };
        row(Side::Ko, ko).into_iter().chain(row(Side::En, en)).min()
    }

    /// In sentence mode, a pair can be taller than the page: scroll to the sentence's first row.
    fn ensure_sentence_visible(&mut self, page: usize) {
        let Some(row) = self.sentence_row() else {
            return;
        };
        if row < self.scroll {
            self.scroll = row;
        } else if row + 2 > self.scroll + page {
            self.scroll = (row + 2).saturating_sub(page);
        }
    }

    pub(in crate::tui) fn clamp(&mut self, page: usize) {
        if let Some(w) = &self.wrapped {
            self.scroll = self.scroll.min(w.total.saturating_sub(page));
            if self.at.passage >= w.passages.len() {
                self.at.passage = w.passages.len().saturating_sub(1);
            }
        }
    }

    /// Scroll by rows; the focus follows to the first passage that starts on screen.
    pub(in crate::tui) fn scroll_by(&mut self, rows: isize, page: usize) {
        let Some(w) = &self.wrapped else { return };
        let max = w.total.saturating_sub(page) as isize;
        self.scroll = (self.scroll as isize + rows).clamp(0, max.max(0)) as usize;
        let view = self.scroll..self.scroll + page;
        let focus_shown = w.passages.get(self.at.passage).is_some_and(|s| {
            s.top < view.end && s.top + s.height > view.start && s.top >= view.start
        });
        if !focus_shown || rows.unsigned_abs() >= page / 2 {
            let starts_on_screen = (0..w.passages.len()).find(|&i| {
                w.shown(i) && w.passages[i].top >= self.scroll && w.passages[i].top < view.end
            });
            if let Some(i) = starts_on_screen.or_else(|| w.passage_at(self.scroll)) {
                self.focus_passage(i);
            }
        }
    }
}
