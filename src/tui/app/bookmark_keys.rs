//! The bookmark keys: `b` (mark the pair, then type an optional note), `B` (the library's
//! bookmarks; Enter opens the article at the bookmarked pair and sentence).

use super::App;
use crate::library::bookmarks::Mark;
use crate::tui::action::Action;
use crate::tui::state::bookmarks::{MAX_NOTE, Note};
use crate::tui::state::overlay::Overlay;
use crate::tui::state::reading::Position;
use crate::tui::state::store::Save;
use crate::tui::work::effects::{Command, Effects};

/// `b`: start a bookmark on the reader's pair.
pub(super) fn start_note(app: &mut App) -> Effects {
    let Some(r) = app.reader.as_ref() else {
        app.status = Some("open an article to bookmark a pair".into());
        return Effects::redraw();
    };
    let Some(article) = app.store.article(r.entry()) else {
        app.status = Some("bookmarks live in the library: `duet import` the article first".into());
        return Effects::redraw();
    };
    if let Some(why) = &app.store.read_only {
        app.status = Some(format!(
            "library read-only ({why}): bookmarks are not saved"
        ));
        return Effects::redraw();
    }
    let at = r.position();
    let passage = r.doc.passages.get(at.passage);
    let text = |s: Option<&String>| s.cloned().unwrap_or_default();
    app.overlay = Some(Overlay::Note(Note {
        article,
        at,
        ko: text(passage.and_then(|p| p.ko.as_ref())),
        en: text(passage.and_then(|p| p.en.as_ref())),
        text: String::new(),
    }));
    Effects::redraw()
}

/// Keys while the note is typed.
pub(super) fn handle_note(app: &mut App, note: &Note, action: Action) -> Effects {
    let mut note = note.clone();
    match action {
        Action::Insert(c) => {
            if note.text.chars().count() < MAX_NOTE && !c.is_control() {
                note.text.push(c);
            }
        }
        Action::DeleteChar => {
            note.text.pop();
        }
        Action::Open => {
            app.overlay = None;
            app.status = Some(format!("bookmarked pair {}", note.at.passage + 1));
            let mark = Mark {
                pair: note.at.passage,
                sentence: note.at.sentence,
                ko: note.ko,
                en: note.en,
                note: Some(note.text).filter(|t| !t.trim().is_empty()),
            };
            return Effects::redraw().with(Command::Save(Save::Bookmark(note.article, mark)));
        }
        Action::Back => {
            app.overlay = None;
            app.status = Some("no bookmark made".into());
            return Effects::redraw();
        }
        _ => return Effects::none(),
    }
    app.overlay = Some(Overlay::Note(note));
    Effects::redraw()
}

/// `B`: the bookmarks overlay.
pub(super) fn open_list(app: &mut App) -> Effects {
    if !app.store.is_library() {
        app.status = Some("bookmarks live in the library: run duet with no arguments".into());
    } else if app.store.bookmarks.is_empty() {
        app.status = Some("no bookmarks yet: b in the reader marks a pair".into());
    } else {
        app.overlay = Some(Overlay::Bookmarks(0));
    }
    Effects::redraw()
}

/// Keys in the bookmarks overlay.
pub(super) fn handle_list(app: &mut App, selected: usize, action: Action) -> Effects {
    let n = app.store.bookmarks.len();
    let last = n.saturating_sub(1);
    let sel = match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        Action::Back | Action::Bookmarks => {
            app.overlay = None;
            return Effects::redraw();
        }
        Action::Open => {
            app.overlay = None;
            let Some(b) = app.store.bookmarks.get(selected).cloned() else {
                return Effects::redraw();
            };
            let id = app
                .store
                .articles
                .iter()
                .find(|(_, a)| **a == b.article)
                .map(|(id, _)| *id);
            let Some(i) = id.and_then(|id| app.entries.row_of(id)) else {
                app.status = Some("that article is hidden by the filter (u, O show all)".into());
                return Effects::redraw();
            };
            if let Some(id) = id {
                app.store.positions.insert(
                    id,
                    Position {
                        passage: b.pair,
                        sentence: b.sentence,
                    },
                );
            }
            return app.open(i);
        }
        _ => return Effects::none(),
    };
    app.overlay = Some(Overlay::Bookmarks(sel));
    Effects::redraw()
}
