//! The library on disk's side of the app: its events (the library list, more of it, processing progress,
//! bookmarks, failed writes) applied to the state, the job that opens a library article, and
//! after every update the position and read mark to save.

use std::path::PathBuf;

use super::App;
use crate::library;
use crate::tui::state::disk::{DiskEvent, Listing, Save, entry_state, from_library};
use crate::tui::state::library_list::EntryId;
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::Job;

/// Add library entries to the list.
fn push_entries(app: &mut App, entries: &[library::Entry]) {
    for e in entries {
        let id = app
            .library
            .push_with(e.file.clone(), entry_state(e), e.read);
        app.disk.articles.insert(id, e.id);
        app.disk.read.insert(id, e.read);
        if let Some(p) = e.position {
            app.disk.positions.insert(id, from_library(p));
        }
    }
}

/// Put the list's cursor on the article the reader was in last, once its entry is listed (and
/// unless the user has moved since the list came).
fn reopen_where_left(app: &mut App) {
    let Some(article) = app.disk.resume else {
        return;
    };
    let id = (app.disk.articles.iter())
        .find(|(_, a)| **a == article)
        .map(|(id, _)| *id);
    let Some(row) = id.and_then(|id| app.library.row_of(id)) else {
        return;
    };
    app.disk.resume = None;
    if app.library_cursor.selected == 0 && app.reader.is_none() {
        app.library_cursor.selected = row;
    }
}

/// Apply a library event.
pub(super) fn handle(app: &mut App, event: DiskEvent) -> Effects {
    match event {
        DiskEvent::More(entries) => {
            push_entries(app, &entries);
            app.done = app.library.len();
            reopen_where_left(app);
        }
        DiskEvent::Listed(listing) => {
            let Listing {
                home,
                entries,
                bookmarks,
                read_only,
                notice,
                resume,
            } = *listing;
            app.disk.resume = resume;
            push_entries(app, &entries);
            app.done = app.library.len();
            app.disk.home = Some(home);
            app.disk.bookmarks = bookmarks;
            app.status = notice.or_else(|| {
                read_only
                    .as_ref()
                    .map(|why| format!("library read-only ({why}): positions are not saved"))
            });
            app.disk.read_only = read_only;
            if app.library.is_empty() {
                app.status = Some("the library is empty: `duet import PATH…` adds articles".into());
            }
            reopen_where_left(app);
        }
        DiskEvent::Bookmarks(b) => app.disk.bookmarks = b,
        DiskEvent::FilesLibrary(home) => app.disk.files_library = Some(home),
        DiskEvent::Progress(done, total) => {
            app.disk.processing = (done < total).then_some((done, total));
        }
        DiskEvent::Updated(entries) => {
            app.disk.processing = None;
            for e in entries {
                let id = EntryId::for_path(&e.file);
                let state = entry_state(&e);
                let hidden = app.filter.hidden.iter_mut().find(|h| h.id() == id);
                if let Some(entry) = hidden {
                    entry.state = state;
                } else if let Some(entry) = app.library.by_id_mut(id) {
                    entry.state = state;
                }
            }
        }
        DiskEvent::Failed(msg) => app.status = Some(msg),
        DiskEvent::Settled { remember } => {
            let mut fx = Effects::redraw();
            fx.merge(super::pairs::settled(app, remember));
            super::word_keys::settled(app, remember);
            // The finder's corpus: built once the background work of a session is done (a
            // headless run builds it when the finder opens), then extended with what came.
            if remember || app.finder.stored.is_some() {
                fx.merge(app.finder_build());
            }
            return fx;
        }
        DiskEvent::KnownShares(shares) => app.words.shares.extend(shares),
    }
    Effects::redraw()
}

/// The job that opens an entry: from the library's cache when it is a library entry.
pub(super) fn open_job(app: &App, id: EntryId, path: PathBuf) -> Job {
    match (&app.disk.home, app.disk.article(id)) {
        (Some(home), Some(article)) => Job::OpenStored {
            id,
            home: home.clone(),
            article,
        },
        _ => Job::Open { id, path },
    }
}

/// After the reader opened entry `id`: go to where the user left it.
pub(super) fn restore(app: &mut App, id: EntryId) {
    let page = app.geom.page();
    if let (Some(at), Some(r)) = (app.disk.positions.get(&id).copied(), app.reader.as_mut()) {
        r.restore(at, page);
    }
}

/// After every update: save what changed (the open article's position, its read mark).
pub(super) fn track(app: &mut App) -> Effects {
    let mut fx = Effects::none();
    let Some(r) = app.reader.as_ref() else {
        return fx;
    };
    let id = r.entry();
    let Some(article) = app.disk.article(id) else {
        return fx;
    };
    // A file bookmarked (so imported) keeps its place beside the file, not in the library.
    if app.disk.read_only.is_some() || !app.disk.is_library() {
        return fx;
    }
    let at = r.position();
    if app.disk.positions.get(&id) != Some(&at) {
        app.disk.positions.insert(id, at);
        fx = fx.with(Command::Save(Save::Position(article, at)));
    }
    let read = app.library.by_id(id).is_some_and(|e| e.is_read());
    if app.disk.read.get(&id) != Some(&read) {
        app.disk.read.insert(id, read);
        fx = fx.with(Command::Save(Save::Read(article, read)));
    }
    fx
}
