//! Translation pairs across the library's files: the Korean article and its English edition,
//! imported as two files, become one pair (see `crate::pairing`).
//!
//! Nothing is read or parsed to pair the library: each article's pairing evidence was computed
//! when it was processed and sits in the `evidence` table beside its cache entry (same hash,
//! same pipeline). [`find`] builds the pairing index from it, and verifies candidates with the
//! aligner only where no verdict is remembered: the `verdicts` table keeps every verdict,
//! valid while both articles' hashes and the pipeline are unchanged, so a restart verifies
//! nothing twice (an article's text comes from its cache entry when a pair of it must be
//! verified). The user's own choices — a pair made by hand, a pair split — are kept in
//! `pairings` and win over the automatic pairing ([`Found::pairs`]).
//!
//! Bump `cache::PIPELINE` after a change to `pairing::evidence` or `pairing::verify`, or the
//! remembered evidence and verdicts stay those of the old code.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use rusqlite::{OptionalExtension, params};

use crate::model::Article;
use crate::pairing::{self, Evidence, Pairing, Side, StoredEvidence, Verdict};

use super::cache::{decode_article, decode_evidence};
use super::error::Result;
use super::{ArticleId, Library, time, unpack};

/// The user's pairing choices, each (Korean, English).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Pairs made by hand, oldest first.
    pub manual: Vec<(ArticleId, ArticleId)>,
    /// Pairs split by hand: never paired automatically again.
    pub split: HashSet<(ArticleId, ArticleId)>,
}

impl Choices {
    /// Pair two articles by hand: they leave any pair they were in, and a split of these two
    /// is forgotten.
    pub fn pair(&mut self, ko: ArticleId, en: ArticleId) {
        self.manual
            .retain(|&(k, e)| k != ko && e != en && k != en && e != ko);
        self.split.remove(&(ko, en));
        self.manual.push((ko, en));
    }

    /// Split the pair (Korean, English): shown apart from now on.
    pub fn split(&mut self, ko: ArticleId, en: ArticleId) {
        self.manual.retain(|&p| p != (ko, en));
        self.split.insert((ko, en));
    }
}

/// The library paired.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The pairing state (for candidates to pair by hand); its items index [`Found::ids`].
    pub pairing: Pairing,
    /// The articles with evidence, in the pairing's item order.
    pub ids: Vec<ArticleId>,
    /// Each article's side.
    pub sides: HashMap<ArticleId, Side>,
    /// How many articles can be half of a pair (those with evidence).
    pub articles: usize,
    /// The automatic pairs, (Korean, English, score), one to one.
    pub auto: Vec<(ArticleId, ArticleId, f64)>,
    /// The user's choices as stored.
    pub choices: Choices,
    /// Candidate pairs verified by the aligner this time …
    pub verified: usize,
    /// … and taken from the remembered verdicts (none of either when the library was unchanged
    /// since its pairs were last found: they are taken as they were).
    pub remembered: usize,
}

impl Found {
    /// The pairs to show: the user's first, then the automatic ones not split or overridden.
    pub fn pairs(&self) -> Vec<(ArticleId, ArticleId, f64)> {
        pairing::with_choices(&self.auto, &self.choices.manual, &self.choices.split)
    }

    /// Articles of the other language to pair `id` with by hand, best first, with the index's
    /// similarity (0..1).
    pub fn candidates(&self, id: ArticleId, k: usize) -> Vec<(ArticleId, f64)> {
        let Some(item) = self.ids.iter().position(|&i| i == id) else {
            return Vec::new();
        };
        self.pairing
            .candidates(item, k)
            .into_iter()
            .filter_map(|(other, s)| Some((*self.ids.get(other)?, s)))
            .collect()
    }
}

/// Pair the library (see the module's documentation). Takes its own connection (the article
/// texts a verification needs are read through it from worker threads). `cancelled` is asked
/// between rounds; a cancelled run returns what it has. With `remember`, the verdicts computed
/// are kept for the next run when the library can be written.
pub fn find(
    lib: Library,
    threads: usize,
    remember: bool,
    cancelled: impl Fn() -> bool,
) -> Result<Found> {
    let choices = lib.choices()?;
    // Read a slice at a time straight into the index: neither the stored evidence nor its keys
    // as strings ever sit in memory whole.
    let mut ids: Vec<ArticleId> = Vec::new();
    let mut sides: HashMap<ArticleId, Side> = HashMap::new();
    let mut p = Pairing::new();
    lib.each_evidence_slice(1024, |slice| {
        let unpacked = pairing::parallel(slice, threads, |chunk| {
            chunk.iter().map(|(_, b)| unpack(b).ok()).collect()
        });
        for ((id, _), raw) in slice.iter().zip(&unpacked) {
            if let Some(ev) = raw.as_deref().and_then(StoredEvidence::parse) {
                p.add_stored(ids.len(), &ev);
                ids.push(*id);
                sides.insert(*id, ev.side);
            }
        }
    })?;
    p.refresh();
    // The library as it was when its pairs were last found: take them as they were.
    let (fingerprint, articles) = lib.pairing_fingerprint()?;
    if let Some(auto) = lib.stored_pairs(&fingerprint)? {
        return Ok(Found {
            pairing: p,
            articles,
            ids,
            sides,
            auto,
            choices,
            verified: 0,
            remembered: 0,
        });
    }
    let known = lib.known_verdicts()?;
    let remembered = std::sync::atomic::AtomicUsize::new(0);
    // A cancelled run's pairs are partial: not worth keeping.
    let stopped = std::sync::atomic::AtomicBool::new(false);
    let unreadable: Mutex<HashSet<usize>> = Mutex::new(HashSet::new());
    let reader = Mutex::new(lib);
    let computed = pairing::settle_known(
        &mut p,
        0..ids.len(),
        threads,
        |k, e| {
            let v = known.get(&(*ids.get(k)?, *ids.get(e)?)).copied();
            if v.is_some() {
                remembered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            v
        },
        |i| {
            let article = ids.get(i).and_then(|&id| load_article(&reader, id));
            if article.is_none()
                && let Ok(mut bad) = unreadable.lock()
            {
                bad.insert(i);
            }
            article
        },
        || {
            let stop = cancelled();
            stopped.fetch_or(stop, std::sync::atomic::Ordering::Relaxed);
            stop
        },
    );
    let lib = reader
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let unreadable = unreadable
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // A pair judged without one of its texts is not a verdict worth keeping.
    let keep: Vec<(ArticleId, ArticleId, Verdict)> = computed
        .iter()
        .filter(|(k, e, _)| !unreadable.contains(k) && !unreadable.contains(e))
        .filter_map(|&(k, e, v)| Some((*ids.get(k)?, *ids.get(e)?, v)))
        .collect();
    if remember && lib.writable().is_ok() && !keep.is_empty() {
        // Only a cache: a failure to remember costs time next start, nothing else.
        let _ = lib.put_verdicts(&keep);
    }
    let auto: Vec<(ArticleId, ArticleId, f64)> = p
        .matches()
        .into_iter()
        .filter_map(|m| Some((*ids.get(m.ko)?, *ids.get(m.en)?, m.score)))
        .collect();
    if remember && !stopped.into_inner() && unreadable.is_empty() && lib.writable().is_ok() {
        let _ = lib.put_stored_pairs(&fingerprint, &auto);
    }
    Ok(Found {
        pairing: p,
        articles: ids.len(),
        ids,
        sides,
        auto,
        choices,
        verified: computed.len(),
        remembered: remembered.into_inner(),
    })
}

/// The pairs last found, when the library is unchanged since: read, not computed (a few
/// milliseconds at ten thousand articles). The pairing index is not built: the [`Found`] has
/// no candidates to pair by hand; [`find`] gives those.
pub fn stored(lib: &Library) -> Result<Option<Found>> {
    let (fingerprint, articles) = lib.pairing_fingerprint()?;
    let Some(auto) = lib.stored_pairs(&fingerprint)? else {
        return Ok(None);
    };
    let mut sides = HashMap::new();
    for &(ko, en, _) in &auto {
        sides.insert(ko, Side::Ko);
        sides.insert(en, Side::En);
    }
    Ok(Some(Found {
        pairing: Pairing::new(),
        articles,
        ids: Vec::new(),
        sides,
        auto,
        choices: lib.choices()?,
        verified: 0,
        remembered: 0,
    }))
}

/// An article's cleaned text from the cache (current pipeline), for a verification: the row is
/// read under the lock, decoded outside it.
fn load_article(reader: &Mutex<Library>, id: ArticleId) -> Option<Article> {
    let blob = {
        let lib = reader.lock().ok()?;
        lib.article_blob(id).ok()??
    };
    decode_article(&blob).ok()
}

impl Library {
    /// Every processed article that can be half of a pair, with its evidence, by id. Articles
    /// not processed by this pipeline yet have none (they pair once processed).
    pub fn evidence(&self) -> Result<Vec<(ArticleId, Evidence)>> {
        let rows = self.evidence_blobs()?;
        let threads = pairing::default_threads().clamp(1, 4);
        let decoded = pairing::parallel(&rows, threads, |chunk| {
            chunk.iter().map(|(_, b)| decode_evidence(b)).collect()
        });
        Ok(rows
            .iter()
            .zip(decoded)
            .filter_map(|((id, _), ev)| Some((*id, ev?)))
            .collect())
    }

    /// The stored evidence of [`Library::evidence`], still encoded.
    fn evidence_blobs(&self) -> Result<Vec<(ArticleId, Vec<u8>)>> {
        let mut rows = Vec::new();
        self.each_evidence_slice(1024, |slice| rows.extend_from_slice(slice))?;
        Ok(rows)
    }

    /// [`Library::evidence_blobs`] handed over `size` rows at a time, in id order.
    fn each_evidence_slice(
        &self,
        size: usize,
        mut each: impl FnMut(&[(ArticleId, Vec<u8>)]),
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, e.evidence FROM articles a
                 JOIN evidence e ON e.hash = a.hash AND e.pipeline = ?1
                 WHERE e.evidence IS NOT NULL ORDER BY a.id",
            )
            .map_err(|e| self.sql_err(e))?;
        let mut rows = stmt.query([&self.pipeline]).map_err(|e| self.sql_err(e))?;
        let mut slice = Vec::with_capacity(size);
        while let Some(row) = rows.next().map_err(|e| self.sql_err(e))? {
            let id: ArticleId = row.get(0).map_err(|e| self.sql_err(e))?;
            let blob: Vec<u8> = row.get(1).map_err(|e| self.sql_err(e))?;
            slice.push((id, blob));
            if slice.len() == size {
                each(&slice);
                slice.clear();
            }
        }
        if !slice.is_empty() {
            each(&slice);
        }
        Ok(())
    }

    /// The user's pairing choices.
    pub fn choices(&self) -> Result<Choices> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT ko, en, paired FROM pairings ORDER BY created, rowid")
            .map_err(|e| self.sql_err(e))?;
        let rows: Vec<(ArticleId, ArticleId, bool)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        let mut out = Choices::default();
        for (ko, en, paired) in rows {
            if paired {
                out.manual.push((ko, en));
            } else {
                out.split.insert((ko, en));
            }
        }
        Ok(out)
    }

    /// Pair a Korean and an English article by hand (kept across restarts; they leave any
    /// pair they were in).
    pub fn pair_by_hand(&self, ko: ArticleId, en: ArticleId) -> Result<()> {
        self.choose(ko, en, true)
    }

    /// Split the pair of a Korean and an English article (kept across restarts: never paired
    /// automatically again, until paired by hand).
    pub fn split_pair(&self, ko: ArticleId, en: ArticleId) -> Result<()> {
        self.choose(ko, en, false)
    }

    fn choose(&self, ko: ArticleId, en: ArticleId, paired: bool) -> Result<()> {
        self.writable()?;
        let what = if paired { "the pair" } else { "the split" };
        let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
        for id in [ko, en] {
            let n: i64 = tx
                .query_row("SELECT count(*) FROM articles WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .map_err(|e| self.write_err(what, e))?;
            if n == 0 {
                return Err(super::LibraryError::NoSuchArticle(id));
            }
        }
        if paired {
            tx.execute(
                "DELETE FROM pairings WHERE paired = 1 AND (ko IN (?1, ?2) OR en IN (?1, ?2))",
                params![ko, en],
            )
            .map_err(|e| self.write_err(what, e))?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO pairings (ko, en, paired, created) VALUES (?1, ?2, ?3, ?4)",
            params![ko, en, paired, time::now()],
        )
        .map_err(|e| self.write_err(what, e))?;
        tx.commit().map_err(|e| self.write_err(what, e))
    }

    /// The verdicts remembered that still hold: both articles unchanged, this pipeline.
    pub fn known_verdicts(&self) -> Result<HashMap<(ArticleId, ArticleId), Verdict>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT v.ko, v.en, v.on_diagonal, v.off_diagonal, v.coverage, v.length_cost,
                        v.beads
                 FROM verdicts v
                 JOIN articles k ON k.id = v.ko AND k.hash = v.ko_hash
                 JOIN articles e ON e.id = v.en AND e.hash = v.en_hash
                 WHERE v.pipeline = ?1",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([&self.pipeline], |r| {
                Ok((
                    (r.get(0)?, r.get(1)?),
                    Verdict {
                        on: r.get(2)?,
                        off: r.get(3)?,
                        coverage: r.get(4)?,
                        length: r.get(5)?,
                        beads: r.get::<_, i64>(6)?.max(0) as usize,
                    },
                ))
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        Ok(rows)
    }

    /// What the automatic pairs are found from: the articles with evidence (id and hash),
    /// the pipeline and the pairing decision's version, hashed; and how many such articles.
    fn pairing_fingerprint(&self) -> Result<(String, usize)> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.hash FROM articles a
                 JOIN evidence e ON e.hash = a.hash AND e.pipeline = ?1
                 WHERE e.evidence IS NOT NULL ORDER BY a.id",
            )
            .map_err(|e| self.sql_err(e))?;
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.pipeline.as_bytes());
        hasher.update(crate::pairing::DECISION.as_bytes());
        let mut rows = stmt.query([&self.pipeline]).map_err(|e| self.sql_err(e))?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(|e| self.sql_err(e))? {
            let id: ArticleId = row.get(0).map_err(|e| self.sql_err(e))?;
            let hash: String = row.get(1).map_err(|e| self.sql_err(e))?;
            hasher.update(format!("\n{id} {hash}").as_bytes());
            count += 1;
        }
        Ok((hasher.finalize().to_hex().to_string(), count))
    }

    /// The automatic pairs last found, if the library is as it was then.
    fn stored_pairs(&self, fingerprint: &str) -> Result<Option<Vec<(ArticleId, ArticleId, f64)>>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT pairs FROM pairs_found WHERE id = 1 AND fingerprint = ?1",
                [fingerprint],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql_err(e))?;
        // A row that does not read back is a miss: the pairs are found again.
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// Keep the automatic pairs found from the library as `fingerprint` says it is.
    fn put_stored_pairs(
        &self,
        fingerprint: &str,
        pairs: &[(ArticleId, ArticleId, f64)],
    ) -> Result<()> {
        self.writable()?;
        let json = serde_json::to_string(pairs).unwrap_or_default();
        self.conn
            .execute(
                "INSERT OR REPLACE INTO pairs_found (id, fingerprint, pairs) VALUES (1, ?1, ?2)",
                params![fingerprint, json],
            )
            .map_err(|e| self.write_err("the library's pairs", e))?;
        Ok(())
    }

    /// Remember verdicts on (Korean, English) pairs, with the articles' current hashes.
    pub fn put_verdicts(&self, verdicts: &[(ArticleId, ArticleId, Verdict)]) -> Result<()> {
        self.writable()?;
        let what = "the pairing verdicts";
        let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
        {
            let mut put = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO verdicts (ko, en, ko_hash, en_hash, pipeline,
                        on_diagonal, off_diagonal, coverage, length_cost, beads)
                     SELECT k.id, e.id, k.hash, e.hash, ?3, ?4, ?5, ?6, ?7, ?8
                     FROM articles k, articles e WHERE k.id = ?1 AND e.id = ?2",
                )
                .map_err(|e| self.write_err(what, e))?;
            for (ko, en, v) in verdicts {
                put.execute(params![
                    ko,
                    en,
                    self.pipeline,
                    v.on,
                    v.off,
                    v.coverage,
                    v.length,
                    v.beads as i64
                ])
                .map_err(|e| self.write_err(what, e))?;
            }
        }
        tx.execute(
            "DELETE FROM verdicts WHERE pipeline <> ?1",
            [&self.pipeline],
        )
        .map_err(|e| self.write_err(what, e))?;
        tx.commit().map_err(|e| self.write_err(what, e))
    }

    /// The cached article blob of this pipeline, if any.
    fn article_blob(&self, id: ArticleId) -> Result<Option<Vec<u8>>> {
        use rusqlite::OptionalExtension;
        self.conn
            .prepare_cached(
                "SELECT c.article FROM articles a
                 JOIN cache c ON c.hash = a.hash AND c.pipeline = ?2 WHERE a.id = ?1",
            )
            .and_then(|mut s| {
                s.query_row(params![id, self.pipeline], |r| r.get(0))
                    .optional()
            })
            .map_err(|e| self.sql_err(e))
    }
}
