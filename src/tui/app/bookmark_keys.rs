//! The bookmark keys: `b` (mark the pair, then type an optional note), `B` (the library's
//! bookmarks; Enter opens the article at the bookmarked pair and sentence).

use std::collections::HashSet;
use std::path::Path;

use super::App;
use super::lists::{Handled, Then, list_key};
use crate::error::shown;
use crate::library::ArticleId;
use crate::library::bookmarks::Mark;
use crate::library::bookmarks::{Bookmark, FileBookmark};
use crate::tui::action::Action;
use crate::tui::state::bookmarks::{MAX_NOTE, Marked, Note};
use crate::tui::state::disk::Save;
use crate::tui::state::library_list::EntryId;
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::state::overlay::Overlay;
use crate::tui::state::reading::Position;
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::{Job, JobKind};

/// `b`: start a bookmark on the reader's pair.
pub(super) fn start_note(app: &mut App) -> Effects {
    let Some(r) = app.reader.as_ref() else {
        app.status = Some("open an article to bookmark a pair".into());
        return Effects::redraw();
    };
    let marked = if app.disk.is_library() {
        match app.disk.article(r.entry()) {
            Some(article) => Marked::Article(article),
            None => {
                app.status = Some("this article is not in the library".into());
                return Effects::redraw();
            }
        }
    } else {
        // Read from a file: saving the bookmark imports it (bookmarks live in the library).
        match app.library.by_id(r.entry()) {
            _ if app.disk.files_library.is_none() => {
                app.status = Some(crate::library::LibraryError::NoHome.to_string());
                return Effects::redraw();
            }
            Some(e) if !e.is_stdin() => Marked::File(r.entry(), e.path().to_path_buf()),
            _ => {
                app.status = Some("standard input cannot be bookmarked: save it to a file".into());
                return Effects::redraw();
            }
        }
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
        marked,
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
            let mark = Mark {
                pair: note.at.passage,
                sentence: note.at.sentence,
                ko: std::mem::take(&mut note.ko),
                en: std::mem::take(&mut note.en),
                note: Some(std::mem::take(&mut note.text)).filter(|t| !t.trim().is_empty()),
            };
            return (save_mark(app, &note.marked, mark), Then::Close);
        }
        Action::Back => {
            app.status = Some("no bookmark made".into());
            return (Effects::redraw(), Then::Close);
        }
        _ => return (Effects::none(), Then::Stay),
    }
    (Effects::redraw(), Then::Stay)
}

/// Write the bookmark: to the library through the saver, or for a file, by a job that imports
/// the file first (its answer, in `job_done.rs`, says so).
fn save_mark(app: &mut App, marked: &Marked, mark: Mark) -> Effects {
    let pair = mark.pair + 1;
    match (marked, app.disk.files_library.clone()) {
        (Marked::Article(article), _) => {
            app.status = Some(format!("bookmarked pair {pair}"));
            Effects::redraw().with(Command::Save(Save::Bookmark(*article, mark)))
        }
        (Marked::File(id, path), Some(home)) => {
            app.status = Some(format!("bookmarking pair {pair}…"));
            let generation = app.next_generation(JobKind::Bookmark);
            let job = Job::BookmarkFile {
                id: *id,
                path: path.clone(),
                home,
                mark,
            };
            Effects::redraw().with(Command::Start { generation, job })
        }
        (Marked::File(..), None) => Effects::redraw(),
    }
}

/// A file's pair was bookmarked: the article is the library's now (`B` lists its bookmarks);
/// the first bookmark says the file was imported, and where to.
pub(super) fn file_bookmarked(
    app: &mut App,
    id: EntryId,
    made: FileBookmark,
    pair: usize,
    all: Vec<Bookmark>,
) {
    app.disk.articles.insert(id, made.article);
    // The bookmarks of the articles opened here (the others' articles are not in this list).
    let here: HashSet<ArticleId> = app.disk.articles.values().copied().collect();
    app.disk.bookmarks = all
        .into_iter()
        .filter(|b| here.contains(&b.article))
        .collect();
    let bookmarked = format!("bookmarked pair {}", pair + 1);
    let file = app.library.by_id(id).map(|e| e.path());
    app.status = Some(match (file, &app.disk.files_library) {
        (Some(file), Some(home)) if made.imported => format!(
            "{bookmarked}; imported {} into the library, where bookmarks live ({})",
            shown(file.file_name().map_or(file, Path::new)),
            shown(&home.root),
        ),
        _ => bookmarked,
    });
}

/// `B`: the bookmarks overlay.
pub(super) fn open_list(app: &mut App) -> Effects {
    if app.disk.bookmarks.is_empty() {
        app.status = Some(if app.disk.is_library() {
            "no bookmarks yet: b in the reader marks the pair you are on".into()
        } else {
            "no bookmarks yet: b in the reader marks the pair you are on (the article is kept in the library)".into()
        });
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
    let id = app.disk.entry_of(b.article);
    let Some(i) = id.and_then(|id| app.library.row_of(id)) else {
        app.status = Some("that article is hidden by the filter (u, O show all)".into());
        return Effects::redraw();
    };
    if let Some(id) = id {
        app.disk.positions.insert(id, at);
    }
    app.open(i)
}
