//! Loading articles: find the files, parse, clean and align one; or list the library on disk and
//! load one of its articles from the cache. Plain functions, run on worker threads by
//! [`worker::spawn_loader`](crate::tui::work::worker::spawn_loader) and by jobs, and on the
//! caller's thread headless.

use std::path::{Path, PathBuf};

use crate::library::{Access, ArticleId, Home, Library, LibraryError};
use crate::tui::state::disk::Listing;
use crate::tui::state::doc::Doc;
use crate::tui::state::library_list::ListSource;
use crate::tui::work::error::{JobError, catching};

/// Parse, clean and align one file.
pub fn load_doc(path: &Path) -> Result<Doc, JobError> {
    let article = crate::parse_file(path)?;
    let bitext = crate::align::align_article(&article);
    let evidence = crate::pairing::evidence::of_article(&article);
    let mut doc = Doc::build(article, &bitext);
    doc.evidence = evidence;
    Ok(doc)
}

/// [`load_doc`], with a panic in the pipeline turned into an error for that one file (the
/// loader's threads parse file after file).
pub fn load_caught(path: &Path) -> Result<Doc, JobError> {
    catching(path.display(), || load_doc(path))
}

/// Expand the paths given: folders become the article files inside them, recursively.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for r in crate::ingest::discover(paths) {
        match r {
            Ok(p) => found.push(p),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (found, errors)
}

/// Open the list (a connection of its own for its queries: the rows are read as they come
/// into view), the bookmarks and where the reader was; no article is parsed. The reader and
/// `duet render` both start here.
pub fn listing(lib: &Library, notices: &[LibraryError]) -> Result<Listing, LibraryError> {
    Ok(Listing {
        home: lib.home().clone(),
        source: ListSource::new(lib.reopen()?),
        bookmarks: lib.bookmarks(None)?,
        read_only: match lib.access() {
            Access::ReadWrite => None,
            Access::ReadOnly(why) => Some(why.clone()),
        },
        notice: notices.first().map(ToString::to_string),
        resume: lib.last_read()?,
    })
}

/// An article's document from the library (its cache, or processed now when stale).
pub fn load_stored(home: &Home, article: ArticleId) -> Result<Doc, JobError> {
    let (lib, _) = Library::open(home.clone())?;
    let p = lib.load(article)?;
    Ok(Doc::build(p.article, &p.bitext))
}
