//! The bookmark keys: `b` (mark the pair, then type an optional note), `B` (the library's
//! bookmarks; Enter opens the article at the bookmarked pair and sentence).

use super::App;
use super::lists::{Handled, Then, list_key};
use crate::library::bookmarks::Mark;
use crate::tui::action::Action;
use crate::tui::state::bookmarks::{MAX_NOTE, Note};
use crate::tui::state::disk::Save;
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::state::overlay::Overlay;
use crate::tui::state::reading::Position;
use crate::tui::work::effects::{Command, Effects};

/// `b`: start a bookmark on the reader's pair.
pub(super) fn start_note(app: &mut App) -> Effects {
    let Some(r) = app.reader.as_ref() else {
        app.status = Some("open an article to bookmark a pair".into());
        return Effects::redraw();
    };
    let Some(article) = app.disk.article(r.entry()) else {
        app.status = Some("bookmarks live in the library: `duet import` the article first".into());
        return Effects::redraw();
    };
    if let Some(why) = &app.disk.read_only {
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
pub(super) fn note_key(app: &mut App, note: &mut Note, action: Action) -> Handled {
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
            app.status = Some(format!("bookmarked pair {}", note.at.passage + 1));
            let mark = Mark {
                pair: note.at.passage,
                sentence: note.at.sentence,
                ko: std::mem::take(&mut note.ko),
                en: std::mem::take(&mut note.en),
                note: Some(std::mem::take(&mut note.text)).filter(|t| !t.trim().is_empty()),
            };
            let save = Save::Bookmark(note.article, mark);
            return (Effects::redraw().with(Command::Save(save)), Then::Close);
        }
        Action::Back => {
            app.status = Some("no bookmark made".into());
            return (Effects::redraw(), Then::Close);
        }
        _ => return (Effects::none(), Then::Stay),
    }
    (Effects::redraw(), Then::Stay)
}

/// `B`: the bookmarks overlay.
pub(super) fn open_list(app: &mut App) -> Effects {
    if !app.disk.is_library() {
        app.status = Some("bookmarks live in the library: run duet with no arguments".into());
    } else if app.disk.bookmarks.is_empty() {
        app.status = Some("no bookmarks yet: b in the reader marks a pair".into());
    } else {
        app.overlay = Some(Overlay::Bookmarks(ListCursor::default()));
    }
    Effects::redraw()
}

/// Keys in the bookmarks overlay.
pub(super) fn bookmarks_key(app: &mut App, list: &mut ListCursor, action: Action) -> Handled {
    if list_key(app, list, &action, app.disk.bookmarks.len()) {
        return (Effects::redraw(), Then::Stay);
    }
    match action {
        Action::Back | Action::Bookmarks => (Effects::redraw(), Then::Close),
        Action::Open => (open_bookmark(app, list.selected), Then::Close),
        _ => (Effects::none(), Then::Stay),
    }
}

/// Enter on a bookmark: open its article at the bookmarked pair and sentence.
fn open_bookmark(app: &mut App, selected: usize) -> Effects {
    let Some(b) = app.disk.bookmarks.get(selected) else {
        return Effects::redraw();
    };
    let at = Position {
        passage: b.pair,
        sentence: b.sentence,
    };
    let id = app
        .disk
        .articles
        .iter()
        .find(|(_, a)| **a == b.article)
        .map(|(id, _)| *id);
    let Some(i) = id.and_then(|id| app.library.row_of(id)) else {
        app.status = Some("that article is hidden by the filter (u, O show all)".into());
        return Effects::redraw();
    };
    if let Some(id) = id {
        app.disk.positions.insert(id, at);
    }
    app.open(i)
}
