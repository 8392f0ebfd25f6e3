//! The library on disk, as the reader sees it. At start the list comes from the library's
//! metadata (no article is parsed: ten thousand entries list at once); an article's document
//! is loaded from the cache when it is opened (a job, [`load_doc`]), processed then if its cache
//! entry is stale. The reading position (passage, sentence), the read mark and bookmarks go
//! back to disk through [`Command::Save`], carried out by the runner's [`Saver`] thread, so
//! `update` never touches the database and a slow disk never stalls a keypress.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::library::bookmarks::{Bookmark, Mark};
use crate::library::{self, Access, ArticleId, Home, Library, LibraryError};
use crate::text::sanitize;

use super::action::Action;
use super::app::App;
use super::doc::Doc;
use super::effects::{Command, Effects};
use super::entries::{EntryId, EntryMeta, EntryState};
use super::job::Job;
use super::reading::Position;
use super::worker::WORKER_PREFIX;

/// A write for the saver thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Save {
    Position(ArticleId, Position),
    Read(ArticleId, bool),
    Bookmark(ArticleId, Mark),
}

/// What the library tells the app.
#[derive(Debug, Clone)]
pub enum StoreEvent {
    /// The library's list (metadata only), read at start.
    Listed(Box<Listing>),
    /// Every bookmark, after one was added.
    Bookmarks(Vec<Bookmark>),
    /// A write failed: one line for the status bar.
    Failed(String),
    /// The rest of the list, after the first page.
    More(Vec<library::Entry>),
    /// Background processing of new, changed or stale articles: done of total.
    Progress(usize, usize),
    /// These articles were processed again: their new metadata.
    Updated(Vec<library::Entry>),
}

/// The library's list as read at start.
#[derive(Debug, Clone)]
pub struct Listing {
    pub home: Home,
    pub entries: Vec<library::Entry>,
    pub bookmarks: Vec<Bookmark>,
    /// Why nothing will be saved (a read-only folder, a full disk), if so.
    pub read_only: Option<String>,
    /// A problem met while opening (a damaged database moved aside …): one line.
    pub notice: Option<String>,
}

/// The entries the first frame lists: more than any screen shows; the rest follow from the
/// background worker ([`StoreEvent::More`]).
pub const FIRST_PAGE: usize = 400;

/// Read the list (metadata, reading state, bookmarks), all of it or its first `limit` entries;
/// no article is parsed.
pub fn listing(
    lib: &Library,
    notices: &[LibraryError],
    limit: Option<usize>,
) -> Result<Listing, LibraryError> {
    Ok(Listing {
        home: lib.home().clone(),
        entries: match limit {
            Some(n) => lib.entries_page(0, n)?,
            None => lib.entries()?,
        },
        bookmarks: lib.bookmarks(None)?,
        read_only: match lib.access() {
            Access::ReadWrite => None,
            Access::ReadOnly(why) => Some(why.clone()),
        },
        notice: notices.first().map(ToString::to_string),
    })
}

/// The library's part of the app state.
#[derive(Debug, Default)]
pub struct StoreState {
    pub(super) home: Option<Home>,
    pub(super) read_only: Option<String>,
    pub(super) articles: HashMap<EntryId, ArticleId>,
    /// Where each article was left (restored when it opens): the last position saved.
    pub(super) positions: HashMap<EntryId, Position>,
    /// The read marks as saved.
    pub(super) read: HashMap<EntryId, bool>,
    pub(super) bookmarks: Vec<Bookmark>,
    /// The list's order and filters.
    pub(super) shelf: super::shelf::Shelf,
    /// Background processing under way: done of total.
    pub(super) processing: Option<(usize, usize)>,
}

impl StoreState {
    pub fn article(&self, id: EntryId) -> Option<ArticleId> {
        self.articles.get(&id).copied()
    }
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }
    pub fn is_library(&self) -> bool {
        self.home.is_some()
    }
    pub fn processing(&self) -> Option<(usize, usize)> {
        self.processing
    }
}

fn to_library(p: Position) -> library::Position {
    library::Position {
        pair: p.passage,
        sentence: p.sentence,
    }
}

fn from_library(p: library::Position) -> Position {
    Position {
        passage: p.pair,
        sentence: p.sentence,
    }
}

fn clean(s: &str) -> String {
    sanitize::fold_whitespace(&sanitize(s))
}

/// The list's metadata of a library entry, cleaned for the screen as a document's would be.
fn meta(e: &library::Entry) -> EntryMeta {
    let opt = |s: &Option<String>| s.as_deref().map(clean).filter(|t| !t.is_empty());
    let title_en = opt(&e.title_en);
    let title = opt(&e.title)
        .or_else(|| title_en.clone())
        .or_else(|| {
            e.source
                .as_deref()
                .and_then(|s| std::path::Path::new(s).file_name())
                .map(|f| clean(&f.to_string_lossy()))
        })
        .unwrap_or_default();
    let title_en = title_en.filter(|t| *t != title);
    EntryMeta {
        title,
        title_en,
        published: opt(&e.published),
        outlet: opt(&e.outlet),
        badge: match e.language.as_deref() {
            Some("ko") => "KO",
            Some("en") => "EN",
            Some("ko+en") => "KO+EN",
            _ => "OTHER",
        },
    }
}

/// Add library entries to the list.
fn push_entries(app: &mut App, entries: &[library::Entry]) {
    for e in entries {
        let state = match &e.error {
            Some(err) => EntryState::Failed(format!("{}: {}", e.file.display(), clean(err))),
            None => EntryState::Ready(meta(e)),
        };
        let id = app.entries.push_with(e.file.clone(), state, e.read);
        app.store.articles.insert(id, e.id);
        app.store.read.insert(id, e.read);
        if let Some(p) = e.position {
            app.store.positions.insert(id, from_library(p));
        }
    }
}

/// Apply a library event.
pub(super) fn handle(app: &mut App, event: StoreEvent) -> Effects {
    match event {
        StoreEvent::More(entries) => {
            push_entries(app, &entries);
            app.done = app.entries.len();
        }
        StoreEvent::Listed(listing) => {
            let Listing {
                home,
                entries,
                bookmarks,
                read_only,
                notice,
            } = *listing;
            for e in &entries {
                let state = match &e.error {
                    Some(err) => {
                        EntryState::Failed(format!("{}: {}", e.file.display(), clean(err)))
                    }
                    None => EntryState::Ready(meta(e)),
                };
                let id = app.entries.push_with(e.file.clone(), state, e.read);
                app.store.articles.insert(id, e.id);
                app.store.read.insert(id, e.read);
                if let Some(p) = e.position {
                    app.store.positions.insert(id, from_library(p));
                }
            }
            app.done = app.entries.len();
            app.store.home = Some(home);
            app.store.bookmarks = bookmarks;
            app.status = notice.or_else(|| {
                read_only
                    .as_ref()
                    .map(|why| format!("library read-only ({why}): positions are not saved"))
            });
            app.store.read_only = read_only;
            if app.entries.is_empty() {
                app.status = Some("the library is empty: `duet import PATH…` adds articles".into());
            }
        }
        StoreEvent::Bookmarks(b) => app.store.bookmarks = b,
        StoreEvent::Progress(done, total) => {
            app.store.processing = (done < total).then_some((done, total));
        }
        StoreEvent::Updated(entries) => {
            app.store.processing = None;
            for e in entries {
                let id = EntryId::for_path(&e.file);
                let state = match &e.error {
                    Some(err) => {
                        EntryState::Failed(format!("{}: {}", e.file.display(), clean(err)))
                    }
                    None => EntryState::Ready(meta(&e)),
                };
                let hidden = app.store.shelf.hidden.iter_mut().find(|h| h.id() == id);
                if let Some(entry) = hidden {
                    entry.state = state;
                } else if let Some(entry) = app.entries.by_id_mut(id) {
                    entry.state = state;
                }
            }
        }
        StoreEvent::Failed(msg) => app.status = Some(msg),
    }
    Effects::redraw()
}

/// In the background: check the stored copies for changes, then process every article whose
/// cache entry is missing, changed or from another pipeline version, reporting progress; the
/// list never waits for it (opening one of them processes it at once).
/// `rest_from`: the list's entries from there on are read first and sent as
/// [`StoreEvent::More`].
pub fn spawn_background(
    home: Home,
    rest_from: Option<usize>,
    tx: Sender<Action>,
) -> super::worker::Worker {
    super::worker::Worker::spawn("library", tx, move |cancel, tx| {
        let Ok((lib, _)) = Library::open(home) else {
            return;
        };
        if let Some(from) = rest_from {
            match lib.entries_from(from) {
                Ok(rest) if !rest.is_empty() => {
                    let _ = tx.send(Action::Store(StoreEvent::More(rest)));
                }
                Ok(_) => {}
                Err(e) => {
                    let _ = tx.send(Action::Store(StoreEvent::Failed(e.to_string())));
                }
            }
        }
        if lib.access() != &Access::ReadWrite {
            return;
        }
        let changed = lib.refresh().map(|r| r.changed).unwrap_or_default();
        let stale = lib.stale().unwrap_or_default();
        if stale.is_empty() || cancel.is_cancelled() {
            return;
        }
        let mut last = std::time::Instant::now();
        let result = lib.process_stale(&mut |done, total| {
            if done == total || last.elapsed() >= std::time::Duration::from_millis(100) {
                last = std::time::Instant::now();
                let _ = tx.send(Action::Store(StoreEvent::Progress(done, total)));
            }
        });
        if let Err(e) = result {
            let _ = tx.send(Action::Store(StoreEvent::Failed(e.to_string())));
        }
        let ids: std::collections::HashSet<ArticleId> = stale.into_iter().chain(changed).collect();
        if let Ok(entries) = lib.entries() {
            let updated = entries
                .into_iter()
                .filter(|e| ids.contains(&e.id))
                .collect();
            let _ = tx.send(Action::Store(StoreEvent::Updated(updated)));
        }
    })
}

/// The job that opens an entry: from the library's cache when it is a library entry.
pub(super) fn open_job(app: &App, id: EntryId, path: PathBuf) -> Job {
    match (&app.store.home, app.store.article(id)) {
        (Some(home), Some(article)) => Job::OpenStored {
            id,
            home: home.clone(),
            article,
        },
        _ => Job::Open { id, path },
    }
}

/// An article's document from the library (its cache, or processed now when stale).
pub fn load_doc(home: &Home, article: ArticleId) -> Result<Doc, String> {
    let (lib, _) = Library::open(home.clone()).map_err(|e| e.to_string())?;
    let p = lib.load(article).map_err(|e| e.to_string())?;
    Ok(Doc::build(p.article, &p.bitext))
}

/// After the reader opened entry `id`: go to where the user left it.
pub(super) fn restore(app: &mut App, id: EntryId) {
    let page = app.geom.page();
    if let (Some(at), Some(r)) = (app.store.positions.get(&id).copied(), app.reader.as_mut()) {
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
    let Some(article) = app.store.article(id) else {
        return fx;
    };
    if app.store.read_only.is_some() {
        return fx;
    }
    let at = r.position();
    if app.store.positions.get(&id) != Some(&at) {
        app.store.positions.insert(id, at);
        fx = fx.with(Command::Save(Save::Position(article, at)));
    }
    let read = app.entries.by_id(id).is_some_and(|e| e.is_read());
    if app.store.read.get(&id) != Some(&read) {
        app.store.read.insert(id, read);
        fx = fx.with(Command::Save(Save::Read(article, read)));
    }
    fx
}

/// The runner's writer: owns a connection to the library and carries out [`Save`]s in order,
/// on its own thread. Dropping it writes what is pending, then returns (the last position is
/// on disk when duet exits).
pub struct Saver {
    tx: Option<Sender<Save>>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Saver {
    pub fn spawn(lib: Library, events: Sender<Action>) -> Saver {
        let (tx, rx) = mpsc::channel();
        let handle = thread::Builder::new()
            .name(format!("{WORKER_PREFIX}-saver"))
            .spawn(move || save_loop(&lib, &rx, &events))
            .ok();
        Saver {
            tx: Some(tx),
            handle,
        }
    }

    pub fn send(&self, save: Save) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(save);
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn save_loop(lib: &Library, rx: &Receiver<Save>, events: &Sender<Action>) {
    while let Ok(first) = rx.recv() {
        // Positions come in bursts (a held `j`): write only the newest of a burst per article.
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        let mut latest: HashMap<ArticleId, usize> = HashMap::new();
        for (i, s) in batch.iter().enumerate() {
            if let Save::Position(a, _) = s {
                latest.insert(*a, i);
            }
        }
        for (i, s) in batch.into_iter().enumerate() {
            let result = match s {
                Save::Position(a, p) if latest.get(&a) == Some(&i) => {
                    lib.set_position(a, to_library(p))
                }
                Save::Position(..) => Ok(()),
                Save::Read(a, read) => lib.set_read(a, read),
                Save::Bookmark(a, mark) => lib.add_bookmark(a, &mark).and_then(|_| {
                    let all = lib.bookmarks(None)?;
                    let _ = events.send(Action::Store(StoreEvent::Bookmarks(all)));
                    Ok(())
                }),
            };
            if let Err(e) = result {
                let _ = events.send(Action::Store(StoreEvent::Failed(e.to_string())));
            }
        }
    }
}
