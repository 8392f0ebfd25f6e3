//! The library on disk's side of the app: its events (the library list, more of it, processing progress,
//! bookmarks, failed writes) applied to the state, the job that opens a library article, and
//! after every update the position and read mark to save.

use std::path::PathBuf;

use super::App;
use crate::library;
use crate::library::list::ListQuery;
use crate::tui::state::disk::{DiskEvent, Listing, Save, entry_state, from_library};
use crate::tui::state::library_list::{Entry, EntryId};
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::Job;

/// A library entry as the list holds it, with the read mark and position of this session
/// (the saver may not have written them yet when the row is read again).
fn list_entry(app: &mut App, e: &library::Entry) -> Entry {
    let id = EntryId::of_article(e.id);
    let read = *app.disk.read.entry(id).or_insert(e.read);
    if let Some(p) = e.position {
        app.disk.positions.entry(id).or_insert(from_library(p));
    }
    Entry {
        id,
        path: e.file.clone(),
        state: entry_state(e),
        read,
    }
}

impl App {
    /// The library on disk: read the rows `from..to` (and their pairs' English entries) unless
    /// they are in memory. A failure is one status line; the rows stay blank.
    pub(super) fn read_rows(&mut self, from: usize, to: usize) {
        let Some((offset, limit)) = self.library.wants(from, to) else {
            return;
        };
        let Some(source) = self.library.source().cloned() else {
            return;
        };
        let Some(query) = self.library.query().cloned() else {
            return;
        };
        let read = source.with(|lib| {
            let rows = lib.list_page(&query, offset, limit)?;
            let kos: Vec<_> = rows.iter().map(|e| e.id).collect();
            Ok((rows, lib.list_partners(&query, &kos)?))
        });
        match read {
            Ok((rows, partners)) => {
                let rows = rows.iter().map(|e| list_entry(self, e)).collect();
                let partners = partners.iter().map(|e| list_entry(self, e)).collect();
                self.library.set_window(offset, rows, partners);
            }
            Err(e) => self.status = Some(e),
        }
    }

    /// The library on disk: read these articles' entries and keep them beside the rows (an
    /// overlay lists them).
    pub(super) fn pin_entries(&mut self, ids: &[EntryId]) {
        let Some(source) = self.library.source().cloned() else {
            return;
        };
        let articles: Vec<_> = ids.iter().filter_map(|id| id.article()).collect();
        match source.with(|lib| lib.entries_of(&articles)) {
            Ok(entries) => {
                let entries = entries.iter().map(|e| list_entry(self, e)).collect();
                self.library.pin(entries);
            }
            Err(e) => self.status = Some(e),
        }
    }

    /// The library on disk: count the rows under the list's order and filters again (`query`:
    /// new ones), keeping the cursor on entry `keep` if it is still listed, else on the first
    /// row.
    pub(super) fn requery(&mut self, query: Option<ListQuery>, keep: Option<EntryId>) {
        if let Err(e) = self.library.requery(query) {
            self.status = Some(e);
        }
        self.done = self.library.len();
        let rows = self.library.rows();
        let row = keep.and_then(|id| self.library.row_of(id));
        self.library_cursor.selected = row.unwrap_or(0).min(rows.saturating_sub(1));
        self.library_cursor.top = self.library_cursor.top.min(self.library_cursor.selected);
        self.ensure_selected_visible();
    }
}

/// Apply a library event.
pub(super) fn handle(app: &mut App, event: DiskEvent) -> Effects {
    match event {
        // New articles: the list is counted again, the cursor stays on its article.
        DiskEvent::More(ref entries) | DiskEvent::Updated(ref entries) => {
            let changed = matches!(event, DiskEvent::Updated(_));
            if changed {
                app.disk.processing = None;
            }
            let keep = app.library.row(app.library_cursor.selected).map(Entry::id);
            app.requery(None, keep);
            let ids: Vec<_> = entries.iter().map(|e| e.id).collect();
            let mut fx = Effects::redraw();
            fx.merge(app.finder_library_arrived(&ids, changed));
            return fx;
        }
        DiskEvent::Listed(listing) => {
            let Listing {
                home,
                source,
                bookmarks,
                read_only,
                notice,
                resume,
            } = *listing;
            app.disk.home = Some(home);
            app.library.attach(source);
            // The list reopens on the article the reader was in last.
            let keep = resume.map(EntryId::of_article);
            app.requery(None, keep);
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
        }
        DiskEvent::Bookmarks(b) => app.disk.bookmarks = b,
        DiskEvent::FilesLibrary(home) => app.disk.files_library = Some(home),
        DiskEvent::Progress(done, total) => {
            app.disk.processing = (done < total).then_some((done, total));
        }
        DiskEvent::Failed(msg) => app.status = Some(msg),
        DiskEvent::Settled { remember } => {
            let mut fx = Effects::redraw();
            fx.merge(super::pairs::settled(app, remember));
            super::word_keys::settled(app, remember);
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
    // Not in memory (the list scrolled away from it): its mark has not changed since.
    let Some(read) = app.library.by_id(id).map(|e| e.is_read()) else {
        return fx;
    };
    if app.disk.read.get(&id) != Some(&read) {
        app.disk.read.insert(id, read);
        fx = fx.with(Command::Save(Save::Read(article, read)));
    }
    fx
}
