//! The finder's corpus of a library, read from its cache: each cleaned article (one not
//! processed by this version yet is processed now, as the reader would) and the entities found
//! when it was processed, joined across the library by their names ([`EntityIndex::join`]).
//! Nothing is aligned or tagged again. The articles are read on every core, a slice at a time,
//! handed to the index in the library's order and dropped once indexed; articles that arrive
//! later extend the corpus ([`Stored::with`]) instead of building it again.

use std::collections::BTreeMap;
use std::sync::{Arc, mpsc};

use rusqlite::OptionalExtension;

use super::corpus::Corpus;
use crate::entity::EntityIndex;
use crate::library::{ArticleId, Library, LibraryError};
use crate::model::Article;

/// A library's corpus, and what it was read from.
#[derive(Debug, Default)]
pub struct Stored {
    pub corpus: Arc<Corpus>,
    /// The library's id of each of the corpus's docs.
    pub ids: Vec<ArticleId>,
    /// Articles that could not be read, and why.
    pub failed: Vec<(ArticleId, LibraryError)>,
    /// The entities joined so far (kept to join the entities of articles added later).
    entities: Option<EntityIndex>,
}

/// Articles read by one worker at a time.
const SLICE: usize = 256;

/// One article as read: the article and its entities (an empty index when none are cached).
type Read = (ArticleId, Result<(Article, EntityIndex), LibraryError>);

impl Stored {
    /// The corpus of these articles of `lib` (`entities`: with the entities source), `None`
    /// when `cancelled` said so.
    pub fn load(
        lib: &Library,
        ids: &[ArticleId],
        entities: bool,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<Stored>, LibraryError> {
        Stored::default().with(lib, ids, entities, cancelled)
    }

    /// This corpus with more articles of `lib` (the text index extended, the entities joined
    /// again with theirs), `None` when cancelled.
    pub fn with(
        &self,
        lib: &Library,
        ids: &[ArticleId],
        entities: bool,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<Stored>, LibraryError> {
        let mut out = Stored {
            ids: self.ids.clone(),
            ..Stored::default()
        };
        let mut parts: Vec<EntityIndex> = Vec::new();
        let mut stopped = false;
        let corpus = read_all(
            lib,
            ids,
            cancelled,
            |read| {
                let mut articles = Vec::new();
                for (id, r) in read {
                    match r {
                        Ok((article, index)) => {
                            out.ids.push(id);
                            if entities {
                                parts.push(EntityIndex {
                                    articles: vec![String::new()],
                                    ..index
                                });
                            }
                            articles.push(article);
                        }
                        Err(e) => out.failed.push((id, e)),
                    }
                }
                articles
            },
            &mut stopped,
            |articles| {
                if self.ids.is_empty() {
                    Corpus::from_articles(articles)
                } else {
                    self.corpus.with_articles(articles)
                }
            },
        )?;
        if stopped {
            return Ok(None);
        }
        out.corpus = Arc::new(corpus);
        if entities {
            let before = self.entities.clone().unwrap_or_else(|| EntityIndex {
                articles: vec![String::new(); self.ids.len()],
                entities: Vec::new(),
            });
            let joined = EntityIndex::join(std::iter::once(before).chain(parts));
            if let Some(c) = Arc::get_mut(&mut out.corpus) {
                c.set_entities(&joined);
            }
            out.entities = Some(joined);
        }
        Ok(Some(out))
    }
}

/// Read the articles `ids` on every core, slice by slice; `take` turns each slice (in order)
/// into articles, `build` indexes them as they come. `stopped` is set when `cancelled` said so.
fn read_all<T>(
    lib: &Library,
    ids: &[ArticleId],
    cancelled: &(dyn Fn() -> bool + Sync),
    mut take: impl FnMut(Vec<Read>) -> Vec<Article>,
    stopped: &mut bool,
    build: impl FnOnce(&mut dyn Iterator<Item = Article>) -> T,
) -> Result<T, LibraryError> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let slices: Vec<&[ArticleId]> = ids.chunks(SLICE).collect();
    let libs: Vec<Library> = (0..threads)
        .map(|_| lib.reopen())
        .collect::<Result<_, _>>()?;
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<(usize, Vec<Read>)>(threads * 2);
        for (t, worker) in libs.into_iter().enumerate() {
            let (send, slices) = (send.clone(), &slices);
            scope.spawn(move || {
                for (k, slice) in slices.iter().enumerate().skip(t).step_by(threads) {
                    if cancelled() {
                        return;
                    }
                    let read = slice
                        .iter()
                        .map(|&id| (id, read_one(&worker, id)))
                        .collect();
                    if send.send((k, read)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        // Slices arrive in any order; they are indexed in the library's.
        let mut waiting: BTreeMap<usize, Vec<Read>> = BTreeMap::new();
        let mut next = 0;
        let mut current = Vec::new().into_iter();
        let mut articles = std::iter::from_fn(|| {
            loop {
                if let Some(a) = current.next() {
                    return Some(a);
                }
                if next == slices.len() || cancelled() {
                    return None;
                }
                while !waiting.contains_key(&next) {
                    let (k, read) = receive.recv().ok()?;
                    waiting.insert(k, read);
                }
                let read = waiting.remove(&next).unwrap_or_default();
                next += 1;
                current = take(read).into_iter();
            }
        });
        let built = build(&mut articles);
        *stopped = next < slices.len() || cancelled();
        Ok(built)
    })
}

/// An article and its entities as its cache entry holds them, from this pipeline version or an
/// earlier one (searching needs only the text, and the background processing brings the new
/// version: the reader's `DiskEvent::Updated`); an article with no cache entry is processed now,
/// as the reader would. The alignment is not decoded: the corpus does not need it.
fn read_one(lib: &Library, id: ArticleId) -> Result<(Article, EntityIndex), LibraryError> {
    type Row = (Vec<u8>, Option<Vec<u8>>, Option<String>, String);
    let row: Option<Row> = lib
        .connection()
        .prepare_cached(
            "SELECT c.article, c.entities, a.source, a.file
             FROM articles a JOIN cache c ON c.hash = a.hash
             WHERE a.id = ?1 ORDER BY c.pipeline = ?2 DESC LIMIT 1",
        )
        .and_then(|mut s| {
            s.query_row(rusqlite::params![id, lib.pipeline()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()
        })
        .map_err(|error| LibraryError::Sqlite {
            path: lib.db_path(),
            error,
        })?;
    if let Some((article, entities, source, file)) = row
        && let Ok(mut article) = crate::library::cache::decode_article(&article)
    {
        // As `Library::load` names it: where it came from, else its stored copy.
        article.path = source.unwrap_or_else(|| {
            let file = lib.home().resolve(std::path::Path::new(&file));
            file.to_string_lossy().into_owned()
        });
        let index = entities.and_then(|b| crate::library::entities::decode(&b));
        return Ok((article, index.unwrap_or_default()));
    }
    let article = lib.load(id)?.article;
    let index = lib.entities(id)?.unwrap_or_default();
    Ok((article, index))
}
