//! The pipeline's output (cleaned article and alignment), cached by content hash and pipeline
//! version. A changed file has a new hash; a new pipeline version makes every entry stale, and
//! stale entries are processed again lazily (when opened, or in the background), never before
//! the first frame.

use std::path::Path;

use rusqlite::{OptionalExtension, params};

use crate::model::{Article, Bitext, json_name};

use super::entities::{self, ArticleEntities, NameRow};
use super::error::{LibraryError, Result};
use super::{ArticleId, Library, unpack, work};

/// The version of the pipeline (ingest, clean, align) whose output the cache holds. Bump the
/// number after a change that alters `parse --json` or `align --json` output: every cached
/// entry is then re-processed lazily.
/// (3: the cache also holds each article's entity index and its translation-pairing evidence.)
/// (5: datelines above front matter and markup pasted into text are read, not shown.)
/// (6: the pairing evidence, and the verdicts, leave out outlet-and-date lines.)
/// (7: the entity index: a title-case headline's names need evidence from the rest of the
/// article, particles come off Korean names, listed short forms and acronyms join their names.)
/// (8: pages whose story is only in embedded JSON are read from it.)
/// (9: the entity index: an adjective of direction before a noun, `Western diplomats`, is no name.)
/// (10: the entity index: a listed name that is first a noun taking 하다, `저지`, needs the model.)
/// (11: the entity index: an English name ends at a sentence end; short forms join in mention order.)
pub const PIPELINE: &str = concat!(env!("CARGO_PKG_VERSION"), "/11");

/// A processed article: what the reader needs to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    pub article: Article,
    pub bitext: Bitext,
}

/// The list's metadata of a processed article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub language: String,
    pub pairs: i64,
}

/// Blobs ready to write.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub article: Vec<u8>,
    pub bitext: Vec<u8>,
    /// The article's entity index (`None` if finding them failed: the article still opens).
    pub entities: Option<Vec<u8>>,
    /// Its rows of the library's entity-name index.
    pub names: Vec<NameRow>,
    /// The article's translation-pairing evidence (`pairing::Evidence::to_bytes`, LZ4), or
    /// `None` when it cannot be half of a pair (bilingual already, another language).
    pub evidence: Option<Vec<u8>>,
    pub meta: Meta,
}

impl Processed {
    /// Decode, clean and align the bytes of one file; `name` gives the extension and the path
    /// the article records.
    pub fn run(name: &Path, bytes: &[u8]) -> crate::Result<Processed> {
        let doc = crate::ingest::from_bytes(name, bytes)?;
        let article = crate::clean::clean(doc);
        let bitext = crate::align::align_article(&article);
        Ok(Processed { article, bitext })
    }

    pub fn meta(&self) -> Meta {
        let a = &self.article;
        Meta {
            title: a.title.clone(),
            title_en: a.title_en.clone(),
            published: a.published.clone(),
            outlet: a.outlet.clone(),
            language: json_name(&a.language),
            pairs: self.bitext.pairs.len() as i64,
        }
    }

    /// JSON, LZ4-compressed, with the article's entities found and linked (the bitext repeats the article's text three or four times; LZ4
    /// takes it to about a quarter at a few hundred MB/s, so the database stays near the size of
    /// the articles themselves).
    pub fn encode(&self) -> Encoded {
        // Serialising plain data types to a Vec cannot fail; an empty blob would read back as
        // a miss and be re-processed.
        let pack = |json: Vec<u8>| lz4_flex::compress_prepend_size(&json);
        // A bug in the entity finder must not lose the article: it is kept without entities.
        let found = std::panic::catch_unwind(|| ArticleEntities::find(&self.bitext)).ok();
        Encoded {
            article: pack(serde_json::to_vec(&self.article).unwrap_or_default()),
            bitext: pack(serde_json::to_vec(&self.bitext).unwrap_or_default()),
            entities: found.as_ref().map(|f| entities::encode(&f.index)),
            names: found.map(|f| f.rows).unwrap_or_default(),
            evidence: crate::pairing::evidence::of_article(&self.article)
                .map(|ev| lz4_flex::compress_prepend_size(&ev.to_bytes())),
            meta: self.meta(),
        }
    }

    pub fn decode(article: &[u8], bitext: &[u8]) -> std::result::Result<Processed, String> {
        Ok(Processed {
            article: decode_article(article)?,
            bitext: serde_json::from_slice(&unpack(bitext)?).map_err(|e| e.to_string())?,
        })
    }
}

/// Read back an evidence blob of [`Encoded::evidence`]; `None` for a damaged one.
pub fn decode_evidence(blob: &[u8]) -> Option<crate::pairing::Evidence> {
    crate::pairing::Evidence::from_bytes(&unpack(blob).ok()?)
}

/// Read back an article blob of [`Encoded::article`].
pub fn decode_article(blob: &[u8]) -> std::result::Result<Article, String> {
    serde_json::from_slice(&unpack(blob)?).map_err(|e| e.to_string())
}

/// The blake3 hash of some bytes, as hex.
pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// What [`Library::refresh`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refresh {
    pub checked: usize,
    /// Stored copies whose bytes changed: their cache entry no longer applies.
    pub changed: Vec<ArticleId>,
    /// Stored copies that are gone.
    pub missing: Vec<ArticleId>,
}

impl Library {
    /// The cached output for this content hash under the current pipeline, if any (a row that
    /// does not decode counts as none).
    pub fn cached(&self, hash: &str) -> Result<Option<Processed>> {
        let row: Option<(Vec<u8>, Vec<u8>)> = self
            .conn
            .prepare_cached("SELECT article, bitext FROM cache WHERE hash = ?1 AND pipeline = ?2")
            .and_then(|mut s| {
                s.query_row(params![hash, self.pipeline], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.sql_err(e))?;
        Ok(row.and_then(|(a, b)| Processed::decode(&a, &b).ok()))
    }

    /// Write one cache entry and the metadata of the articles with that hash, in one
    /// transaction; entries of other pipeline versions for the hash go.
    pub fn put_cache(&self, hash: &str, enc: &Encoded) -> Result<()> {
        self.writable()?;
        self.put_many(std::slice::from_ref(&(hash.to_string(), enc.clone())))
    }

    fn put_many(&self, items: &[(String, Encoded)]) -> Result<()> {
        let what = "the processed article";
        let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
        for (hash, enc) in items {
            write_cache(&tx, &self.pipeline, hash, enc).map_err(|e| self.write_err(what, e))?;
        }
        tx.commit().map_err(|e| self.write_err(what, e))
    }

    /// Record that processing this article failed (it stays in the library, marked).
    fn put_error(&self, id: ArticleId, error: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE articles SET error = ?2, pipeline = ?3 WHERE id = ?1",
                params![id, error, self.pipeline],
            )
            .map(|_| ())
            .map_err(|e| self.write_err("the processing error", e))
    }

    /// The article ready to show: from the cache, or processed now (and cached when the
    /// library can be written; a read-only library still shows it).
    pub fn load(&self, id: ArticleId) -> Result<Processed> {
        let entry = self.entry(id)?;
        if !entry.stale
            && let Some(mut p) = self.cached(&entry.hash)?
        {
            restore_path(&mut p, &entry);
            return Ok(p);
        }
        let bytes = std::fs::read(&entry.file).map_err(|e| LibraryError::Io {
            path: entry.file.clone(),
            error: e,
        })?;
        let name = display_name(&entry);
        let processed = match Processed::run(Path::new(&name), &bytes) {
            Ok(p) => p,
            Err(e) => {
                if self.writable().is_ok() {
                    let _ = self.put_error(id, &e.problem());
                }
                return Err(LibraryError::Io {
                    path: name.into(),
                    error: std::io::Error::other(e.problem()),
                });
            }
        };
        if self.writable().is_ok() {
            let h = hash(&bytes);
            if h != entry.hash {
                self.rehash(id, &h, &entry.file)?;
            }
            self.put_cache(&h, &processed.encode())?;
        }
        Ok(processed)
    }

    /// Articles whose cache entry is missing or from another pipeline version.
    pub fn stale(&self) -> Result<Vec<ArticleId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE pipeline IS NOT ?1 ORDER BY id")
            .map_err(|e| self.sql_err(e))?;
        let ids = stmt
            .query_map([&self.pipeline], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<ArticleId>>>())
            .map_err(|e| self.sql_err(e))?;
        Ok(ids)
    }

    /// Process every stale article on worker threads, writing results in batches.
    /// `progress(done, total)` is called after each. Returns how many were processed.
    pub fn process_stale(&self, progress: &mut dyn FnMut(usize, usize)) -> Result<usize> {
        self.writable()?;
        let ids: std::collections::HashSet<ArticleId> = self.stale()?.into_iter().collect();
        let jobs: Vec<_> = self
            .entries()?
            .into_iter()
            .filter(|e| ids.contains(&e.id))
            .map(|e| (e.id, e.hash.clone(), e.file.clone(), display_name(&e)))
            .collect();
        let total = jobs.len();
        let mut done = 0;
        let mut batch: Vec<(String, Encoded)> = Vec::new();
        let mut failed: Vec<(ArticleId, String)> = Vec::new();
        let mut rehashed: Vec<(ArticleId, String, std::path::PathBuf)> = Vec::new();
        let mut result = Ok(());
        work::par_map(
            jobs,
            work::workers(),
            |(id, old, file, name)| {
                // The row names its file: the error says only what went wrong.
                let bytes = std::fs::read(&file).map_err(|e| (id, e.to_string()))?;
                let h = hash(&bytes);
                let p = Processed::run(Path::new(&name), &bytes).map_err(|e| (id, e.problem()))?;
                Ok::<_, (ArticleId, String)>((id, old, file, h, p.encode()))
            },
            |r| {
                done += 1;
                match r {
                    Ok((id, old, file, h, enc)) => {
                        if h != old {
                            rehashed.push((id, h.clone(), file));
                        }
                        batch.push((h, enc));
                    }
                    Err(f) => failed.push(f),
                }
                if batch.len() >= 64 || done == total {
                    result = self.flush(&mut batch, &mut failed, &mut rehashed);
                }
                progress(done, total);
                result.is_ok()
            },
        );
        result?;
        self.flush(&mut batch, &mut failed, &mut rehashed)?;
        Ok(done)
    }

    fn flush(
        &self,
        batch: &mut Vec<(String, Encoded)>,
        failed: &mut Vec<(ArticleId, String)>,
        rehashed: &mut Vec<(ArticleId, String, std::path::PathBuf)>,
    ) -> Result<()> {
        for (id, h, file) in rehashed.drain(..) {
            self.rehash(id, &h, &file)?;
        }
        for (id, e) in failed.drain(..) {
            self.put_error(id, &e)?;
        }
        if !batch.is_empty() {
            self.put_many(batch)?;
            batch.clear();
        }
        Ok(())
    }

    /// Check every stored copy against the size and time recorded; re-hash the ones that
    /// differ. A changed copy gets its new hash, so its cache entry (and only its) no longer
    /// applies and it is processed again. Cheap: one `stat` per article when nothing changed.
    pub fn refresh(&self) -> Result<Refresh> {
        let mut out = Refresh::default();
        let rows: Vec<(ArticleId, String, String, i64, i64)> = self
            .conn
            .prepare_cached("SELECT id, hash, file, size, mtime FROM articles ORDER BY id")
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?
                .collect()
            })
            .map_err(|e| self.sql_err(e))?;
        for (id, old, rel, size, mtime) in rows {
            out.checked += 1;
            let file = self.home.resolve(Path::new(&rel));
            let Ok(meta) = std::fs::metadata(&file) else {
                out.missing.push(id);
                continue;
            };
            if meta.len() as i64 == size && mtime_ns(&meta) == mtime {
                continue;
            }
            let bytes = std::fs::read(&file).map_err(|e| LibraryError::Io {
                path: file.clone(),
                error: e,
            })?;
            let h = hash(&bytes);
            if h == old {
                // Touched, not changed: remember the new time so it is not read again.
                if self.writable().is_ok() {
                    self.conn
                        .execute(
                            "UPDATE articles SET size = ?2, mtime = ?3 WHERE id = ?1",
                            params![id, meta.len() as i64, mtime_ns(&meta)],
                        )
                        .map_err(|e| self.write_err("the file's time", e))?;
                }
                continue;
            }
            out.changed.push(id);
            if self.writable().is_ok() {
                self.rehash(id, &h, &file)?;
            }
        }
        Ok(out)
    }

    /// A stored copy's bytes changed: record the new hash, size and time, and mark it for
    /// processing. The old cache entry goes unless another article shares it.
    fn rehash(&self, id: ArticleId, new_hash: &str, file: &Path) -> Result<()> {
        let (size, mtime) =
            std::fs::metadata(file).map_or((0, 0), |m| (m.len() as i64, mtime_ns(&m)));
        let what = "the changed file's new hash";
        let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
        let old: Option<String> = tx
            .query_row("SELECT hash FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.write_err(what, e))?;
        let updated = tx.execute(
            "UPDATE articles SET hash = ?2, size = ?3, mtime = ?4, pipeline = NULL, error = NULL
             WHERE id = ?1",
            params![id, new_hash, size, mtime],
        );
        match updated {
            Ok(_) => {}
            // Its new bytes are another article's: keep the old hash, mark the problem.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                tx.execute(
                    "UPDATE articles SET size = ?2, mtime = ?3, error = ?4 WHERE id = ?1",
                    params![
                        id,
                        size,
                        mtime,
                        "its file now holds the same text as another article"
                    ],
                )
                .map_err(|e| self.write_err(what, e))?;
            }
            Err(e) => return Err(self.write_err(what, e)),
        }
        tx.execute("DELETE FROM entity_names WHERE article = ?1", [id])
            .map_err(|e| self.write_err(what, e))?;
        if let Some(old) = old {
            for sql in [
                "DELETE FROM cache WHERE hash = ?1 AND NOT EXISTS
                 (SELECT 1 FROM articles WHERE hash = ?1)",
                "DELETE FROM evidence WHERE hash = ?1 AND NOT EXISTS
                 (SELECT 1 FROM articles WHERE hash = ?1)",
            ] {
                tx.execute(sql, [&old])
                    .map_err(|e| self.write_err(what, e))?;
            }
        }
        tx.commit().map_err(|e| self.write_err(what, e))
    }
}

/// Write one cache row and the metadata of the articles with that hash (inside a transaction).
pub(crate) fn write_cache(
    tx: &rusqlite::Transaction,
    pipeline: &str,
    hash: &str,
    enc: &Encoded,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO cache (hash, pipeline, article, bitext, entities)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![hash, pipeline, enc.article, enc.bitext, enc.entities],
    )?;
    tx.execute(
        "DELETE FROM cache WHERE hash = ?1 AND pipeline <> ?2",
        params![hash, pipeline],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO evidence (hash, pipeline, evidence) VALUES (?1, ?2, ?3)",
        params![hash, pipeline, enc.evidence],
    )?;
    tx.execute(
        "DELETE FROM evidence WHERE hash = ?1 AND pipeline <> ?2",
        params![hash, pipeline],
    )?;
    let m = &enc.meta;
    tx.execute(
        "UPDATE articles SET title = ?2, title_en = ?3, published = ?4, outlet = ?5,
            language = ?6, pairs = ?7, pipeline = ?8, error = NULL WHERE hash = ?1",
        params![
            hash,
            m.title,
            m.title_en,
            m.published,
            m.outlet,
            m.language,
            m.pairs,
            pipeline
        ],
    )?;
    super::feeds::apply_feed_meta(tx, hash)?;
    let ids: Vec<ArticleId> = tx
        .prepare_cached("SELECT id FROM articles WHERE hash = ?1")?
        .query_map([hash], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        entities::write_rows(tx, id, &enc.names)?;
    }
    Ok(())
}

/// The name an imported article is processed under: its original path (for the extension and
/// the title of last resort), else the stored copy.
fn display_name(e: &super::Entry) -> String {
    e.source
        .clone()
        .unwrap_or_else(|| e.file.to_string_lossy().into_owned())
}

fn restore_path(p: &mut Processed, e: &super::Entry) {
    p.article.path = display_name(e);
}

/// Modification time in nanoseconds since the epoch (0 when the platform has none).
pub fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64)
}
