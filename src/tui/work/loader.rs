//! Loading articles: find the files, parse, clean and align one; or list the library on disk and
//! load one of its articles from the cache. Plain functions,
//! run on worker threads by [`worker::spawn_loader`](crate::tui::work::worker::spawn_loader) and by jobs,
//! and on the caller's thread headless.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use crate::library::{Access, ArticleId, Home, Library, LibraryError};
use crate::tui::state::doc::Doc;
use crate::tui::state::store::Listing;

/// Parse, clean and align one file.
pub fn load_doc(path: &Path) -> Result<Doc, String> {
    let article = crate::parse_file(path).map_err(|e| e.to_string())?;
    let bitext = crate::align::align_article(&article);
    let evidence = crate::pairing::evidence::of_article(&article);
    let mut doc = Doc::build(article, &bitext);
    doc.evidence = evidence;
    Ok(doc)
}

/// [`load_doc`], with a panic in the pipeline turned into an error for that one file.
pub fn load_caught(path: &Path) -> Result<Doc, String> {
    catch_unwind(AssertUnwindSafe(|| load_doc(path))).unwrap_or_else(|payload| {
        Err(format!(
            "{}: internal error: {}",
            path.display(),
            panic_message(payload.as_ref())
        ))
    })
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

/// The text of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into())
}

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

/// An article's document from the library (its cache, or processed now when stale).
pub fn load_stored(home: &Home, article: ArticleId) -> Result<Doc, String> {
    let (lib, _) = Library::open(home.clone()).map_err(|e| e.to_string())?;
    let p = lib.load(article).map_err(|e| e.to_string())?;
    Ok(Doc::build(p.article, &p.bitext))
}
