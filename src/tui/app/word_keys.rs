//! The learner's words in the reader: the job that builds the open article's words, the word
//! popup (`w` or a click opens it on a word; it moves by word, crosses to the aligned words of
//! the other language, and sets the lemma's status), the marking of unknown words, and the
//! library's word model retrained once its articles are processed.

use std::sync::Arc;

use ratatui::layout::Position as Point;

use super::App;
use super::lists::{Handled, Then};
use crate::library::words::Status;
use crate::tui::action::{Action, MouseAction};
use crate::tui::state::disk::Save;
use crate::tui::state::layout::Side;
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::state::overlay::Overlay;
use crate::tui::state::words::{ArticleWords, WordPopup, offset_at, popup_rect, word_row};
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::{Job, JobKind};
use crate::tui::work::words::{Built, Trained};

impl App {
    /// The library the learner's words are read from and kept in.
    fn words_home(&self) -> Option<&crate::library::Home> {
        self.disk.home.as_ref().or(self.disk.files_library.as_ref())
    }

    /// After every update: start building the open article's words if they are not built.
    pub(super) fn request_words(&mut self) -> Effects {
        let Some(r) = self.reader.as_ref() else {
            return Effects::none();
        };
        if self.words.of(r.entry, &r.doc).is_some() || self.words.building == Some(r.entry) {
            return Effects::none();
        }
        let job = Job::Words {
            id: r.entry,
            doc: Arc::clone(&r.doc),
            model: self.words.model.clone(),
            home: self.words_home().cloned(),
        };
        self.words.building = Some(r.entry);
        let generation = self.next_generation(JobKind::Words);
        Effects::none().with(Command::Start { generation, job })
    }

    /// An article's words came back.
    pub(super) fn words_built(&mut self, built: Built) {
        let Built {
            id,
            doc,
            words,
            model,
            statuses,
        } = built;
        if self.words.model.is_none() {
            self.words.model = model;
        }
        if let Some(s) = statuses {
            self.words.statuses = Some(s);
        }
        self.words.insert(id, doc, words);
        if std::mem::take(&mut self.words.select_when_built) && self.overlay.is_none() {
            self.select_word();
        }
    }

    /// `w`: the popup on the first word of the sentence (sentence mode) or the pair under the
    /// cursor that is on screen, in the first language the layout shows.
    pub(super) fn select_word(&mut self) {
        let (Some(r), Some(words)) = (self.reader.as_ref(), self.article_words().cloned()) else {
            if self.reader.is_some() {
                self.words.select_when_built = true;
                self.status = Some("finding the article's words…".into());
            }
            return;
        };
        let at = r.position();
        let Some(pw) = words.passages.get(at.passage) else {
            return;
        };
        let bead = at
            .sentence
            .and_then(|b| r.doc().passages.get(at.passage)?.beads.get(b));
        let in_view =
            |side: Side, start: usize| word_row(r, &self.geom, at.passage, side, start).is_some();
        let pick = |side: Side| -> Option<usize> {
            let spots = pw.side(side);
            let in_bead = |start: usize| {
                bead.is_none_or(|(ko, en)| {
                    let ranges = if side == Side::Ko { ko } else { en };
                    ranges.iter().any(|x| x.contains(&start))
                })
            };
            spots
                .iter()
                .position(|w| in_bead(w.range.start) && in_view(side, w.range.start))
                .or_else(|| spots.iter().position(|w| in_bead(w.range.start)))
        };
        let found = self
            .shown_sides()
            .into_iter()
            .find_map(|side| Some((side, pick(side)?)));
        match found {
            Some((side, index)) => self.open_popup(WordPopup {
                passage: at.passage,
                side,
                index,
                from: None,
            }),
            None => self.status = Some("no words in this pair".into()),
        }
    }

    /// The sides the layout shows, the first one drawn first.
    fn shown_sides(&self) -> Vec<Side> {
        let Some(cols) = self.geom.columns(self.swapped) else {
            return Vec::new();
        };
        [cols.first, cols.first.other()]
            .into_iter()
            .filter(|&s| cols.width(s) > 0)
            .collect()
    }

    /// Open (or move) the popup to a word: its pair in focus, the word on screen.
    fn open_popup(&mut self, popup: WordPopup) {
        let page = self.geom.page();
        let words = self.article_words().cloned();
        if let Some(r) = self.reader.as_mut() {
            r.focus_passage(popup.passage);
            let start = words
                .as_ref()
                .and_then(|w| w.spot(popup.passage, popup.side, popup.index))
                .map(|w| w.range.start);
            if let Some(row) =
                start.and_then(|s| r.wrapped.as_ref()?.row_of(popup.passage, popup.side, s))
            {
                if row < r.scroll {
                    r.scroll = row;
                } else if row >= r.scroll + page {
                    r.scroll = row + 1 - page;
                }
            }
        }
        self.overlay = Some(Overlay::Word(popup));
    }

    /// A click in the reader's text: on a word, the popup opens on it (`focused_only`: only on
    /// a word of the pair in focus, as a first click on another pair focuses it). Returns
    /// whether it did.
    pub(super) fn click_word(&mut self, column: u16, row: u16, focused_only: bool) -> bool {
        let (Some(r), Some(words)) = (self.reader.as_ref(), self.article_words()) else {
            return false;
        };
        let Some((passage, side, offset)) =
            offset_at(r, &self.geom, self.config.ambiguous, column, row)
        else {
            return false;
        };
        if focused_only && passage != r.position().passage {
            return false;
        }
        let Some(index) = words.spot_at(passage, side, offset) else {
            return false;
        };
        self.open_popup(WordPopup {
            passage,
            side,
            index,
            from: None,
        });
        true
    }

    /// The retrained word model and the known shares came back.
    pub(super) fn word_model_trained(&mut self, trained: Result<Trained, String>) {
        self.words.training = false;
        match trained {
            Ok(t) => {
                self.words.shares = t.shares;
                let newer =
                    t.model.as_ref().map(|m| m.pairs) != self.words.model.as_ref().map(|m| m.pairs);
                if let Some(m) = t.model {
                    self.words.model = Some(m);
                }
                // The open article was aligned without what the library learnt: again, with
                // it (unless the popup is on one of its words).
                if newer && !matches!(self.overlay, Some(Overlay::Word(_))) {
                    self.words.built.clear();
                }
            }
            Err(e) => self.status = Some(e),
        }
    }
}

/// The library's background work is done: once it is paired (the word model learns from its
/// KO+EN pairs too, [`pairs_done`]), retrain the word model.
pub(super) fn settled(app: &mut App, remember: bool) {
    if app.disk.home.is_some() {
        app.words.train_after_pairs = Some(remember);
    }
}

/// The library's pairs are found (or pairing failed): retrain its word model (only read it in a
/// run that must not write), count its lemmas and read the known shares, on a worker.
pub(super) fn pairs_done(app: &mut App) -> Effects {
    let Some(remember) = app.words.train_after_pairs.take() else {
        return Effects::none();
    };
    let Some(home) = app.disk.home.clone() else {
        return Effects::none();
    };
    let write = remember && app.disk.read_only.is_none();
    app.words.training = true;
    let generation = app.next_generation(JobKind::WordModel);
    Effects::none().with(Command::Start {
        generation,
        job: Job::WordModel { home, write },
    })
}

/// `u`: mark the Korean column's unknown words, or stop.
pub(super) fn toggle_marking(app: &mut App) {
    app.words.mark_unknown = !app.words.mark_unknown;
    app.status = Some(
        if app.words.mark_unknown {
            "marking unknown words (underlined: new, coloured: learning)"
        } else {
            "unknown words not marked"
        }
        .into(),
    );
}

/// A key (or click) while the word popup is open (taken out of the app while it runs: moving
/// puts a new popup in its place).
pub(super) fn popup_key(app: &mut App, popup: WordPopup, action: Action) -> Handled {
    let Some(words) = app.article_words().cloned() else {
        return (Effects::redraw(), Then::Close);
    };
    let len = words
        .passages
        .get(popup.passage)
        .map_or(0, |p| p.side(popup.side).len());
    if let Some(status) = action.word_status() {
        return (set_status(app, &words, popup, status), Then::Stay);
    }
    match action {
        Action::Back | Action::SelectWord => return (Effects::redraw(), Then::Close),
        Action::NextWord | Action::PrevWord => {
            let index = if matches!(action, Action::NextWord) {
                (popup.index + 1).min(len.saturating_sub(1))
            } else {
                popup.index.saturating_sub(1)
            };
            app.open_popup(WordPopup {
                index,
                from: None,
                ..popup
            });
        }
        Action::OtherSide => other_side(app, &words, popup),
        Action::MarkUnknown => toggle_marking(app),
        Action::Help => app.overlay = Some(Overlay::Help(ListCursor::default())),
        Action::Mouse(MouseAction::Click { column, row }) => {
            let on_popup = popup_rect(&app.geom, popup_word_row(app, &words, popup))
                .contains(Point::new(column, row));
            if on_popup {
                return (Effects::none(), Then::Stay);
            }
            // A click on another word moves the popup there; anywhere else closes it.
            if !app.click_word(column, row, false) {
                return (Effects::redraw(), Then::Close);
            }
        }
        _ => return (Effects::none(), Then::Stay),
    }
    (Effects::redraw(), Then::Stay)
}

/// The screen row of the popup's word (where the popup must not cover it).
pub(crate) fn popup_word_row(app: &App, words: &ArticleWords, popup: WordPopup) -> Option<u16> {
    let r = app.reader.as_ref()?;
    let w = words.spot(popup.passage, popup.side, popup.index)?;
    word_row(r, &app.geom, popup.passage, popup.side, w.range.start)
}

/// Tab: back to the word Tab came from, else to the first word the selected one is aligned
/// with, else the first word of its sentence pair on the other side, else that side's first
/// word. The word crossed from is remembered, so Tab twice returns to it.
fn other_side(app: &mut App, words: &ArticleWords, popup: WordPopup) {
    let other = popup.side.other();
    if !app.shown_sides().contains(&other) {
        app.status = Some(format!(
            "the {} side is not shown in this layout",
            if other == Side::Ko {
                "Korean"
            } else {
                "English"
            }
        ));
        return;
    }
    let Some(pw) = words.passages.get(popup.passage) else {
        return;
    };
    let Some(w) = pw.side(popup.side).get(popup.index) else {
        return;
    };
    let spots = pw.side(other);
    let index = popup
        .from
        .filter(|&i| i < spots.len())
        .or_else(|| w.links.first().copied())
        .or_else(|| {
            spots
                .iter()
                .position(|s| s.bead.is_some() && s.bead == w.bead)
        })
        .or_else(|| (!spots.is_empty()).then_some(0));
    match index {
        Some(index) => app.open_popup(WordPopup {
            passage: popup.passage,
            side: other,
            index,
            from: Some(popup.index),
        }),
        None => app.status = Some("no words on the other side of this pair".into()),
    }
}

/// 0–5, K, I: the status of the selected word's Korean lemma, kept for the session and saved
/// to the library (with where the word was seen, for its Anki card).
fn set_status(app: &mut App, words: &ArticleWords, popup: WordPopup, status: Status) -> Effects {
    let Some(lemma) = words.korean_lemma(popup).map(str::to_string) else {
        app.status = Some("no Korean word here to give a status".into());
        return Effects::redraw();
    };
    let ko_index = words.korean_index(popup);
    let Some(r) = app.reader.as_ref() else {
        return Effects::none();
    };
    let article = app.disk.article(r.entry);
    let seen = ko_index.and_then(|i| words.seen(r.doc(), article, popup.passage, i));
    app.words.changed.insert(lemma.clone(), status);
    let mut msg = format!("{}: {}", crate::text::sanitize(&lemma), status.label());
    let saved_in_library = app.disk.home.is_some();
    let fx = if saved_in_library && app.disk.read_only.is_some() {
        msg.push_str(" (not saved: the library is read-only)");
        Effects::redraw()
    } else if saved_in_library || app.disk.files_library.is_some() {
        Effects::redraw().with(Command::Save(Save::WordStatus {
            lemma,
            status,
            seen,
        }))
    } else {
        msg.push_str(" (for this session: no library to keep it in)");
        Effects::redraw()
    };
    app.status = Some(msg);
    fx
}
