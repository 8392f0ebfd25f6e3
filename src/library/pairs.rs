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
use crate::pairing::{self, Bars, Evidence, Keyed, Pairing, Side, StoredEvidence, Verdict};

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
    /// The articles whose candidates were gathered this time (every article on a library paired
    /// for the first time; the changed ones and those near them after a few changes).
    pub queried: usize,
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

/// How much of the library a pairing asks again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Only what changed: the articles not settled (new, changed, or a partner of theirs
    /// removed or changed) and the articles whose candidates the new ones can be.
    Changes,
    /// Every article, as after a change of the pipeline (the verdicts remembered still count).
    Full,
}

/// Pair the library (see the module's documentation), asking only what changed
/// ([`Pass::Changes`]). Takes its own connection (the article texts a verification needs are
/// read through it from worker threads). `cancelled` is asked between rounds; a cancelled run
/// returns what it has. With `remember`, the verdicts computed and the articles settled are
/// kept for the next run when the library can be written.
pub fn find(
    lib: Library,
    threads: usize,
    remember: bool,
    cancelled: impl Fn() -> bool,
) -> Result<Found> {
    find_as(lib, threads, remember, Pass::Changes, cancelled)
}

/// [`find`], asking every article again with [`Pass::Full`] (and never taking the pairs last
/// found as they were).
pub fn find_as(
    lib: Library,
    threads: usize,
    remember: bool,
    pass: Pass,
    cancelled: impl Fn() -> bool,
) -> Result<Found> {
    let choices = lib.choices()?;
    // Read a slice at a time straight into the index: neither the stored evidence nor its keys
    // ever sit in memory whole. Each article's keys come hashed as the index takes them
    // (`pairing_keys`); those that have none yet (or a damaged one) are hashed from their
    // evidence, and kept for the next run.
    let mut ids: Vec<ArticleId> = Vec::new();
    let mut sides: HashMap<ArticleId, Side> = HashMap::new();
    let mut p = Pairing::new();
    let mut to_keep: Vec<(ArticleId, String, Option<Vec<u8>>)> = Vec::new();
    let (fingerprint, articles, without) = lib.each_evidence_row_slice(true, 1024, |slice| {
        let keyed = pairing::parallel(slice, threads, |chunk| {
            chunk.iter().map(EvidenceRow::keyed).collect()
        });
        for (row, ev) in slice.iter().zip(keyed) {
            let ev = match ev {
                Some(ev) => Some(ev),
                // Kept keys that do not read back: from the evidence itself.
                None if row.evidence.is_none() => (lib.evidence_blob(&row.hash).ok().flatten())
                    .flatten()
                    .and_then(|blob| keyed_of_evidence(&blob)),
                None => None,
            };
            let Some((ev, hashed)) = ev else { continue };
            if hashed {
                to_keep.push((row.id, row.hash.clone(), Some(ev.to_bytes(&row.hash))));
            }
            p.add_keyed(ids.len(), &ev);
            ids.push(row.id);
            sides.insert(row.id, ev.side);
        }
    })?;
    to_keep.extend(without.into_iter().map(|(id, hash)| (id, hash, None)));
    p.refresh();
    if remember && !to_keep.is_empty() && lib.writable().is_ok() {
        // Only a cache: without it the next run hashes the evidence again.
        let _ = lib.put_keyed(&to_keep);
    }
    drop(to_keep);
    // The library as it was when its pairs were last found: take them as they were.
    if pass == Pass::Changes
        && let Some(auto) = lib.stored_pairs(&fingerprint)?
    {
        return Ok(Found {
            pairing: p,
            articles,
            ids,
            sides,
            auto,
            choices,
            verified: 0,
            remembered: 0,
            queried: 0,
        });
    }
    let known = lib.known_verdicts()?;
    // How many remembered verdicts of each article still hold.
    let mut held: HashMap<ArticleId, usize> = HashMap::new();
    for &(k, e) in known.keys() {
        *held.entry(k).or_default() += 1;
        *held.entry(e).or_default() += 1;
    }
    let state = lib.settle_state();
    let settled = match pass {
        Pass::Changes => lib.settled(&state)?,
        Pass::Full => HashMap::new(),
    };
    let (open, also, taken) = to_ask(&mut p, &ids, &settled, &held, &known, threads);
    let remembered = std::sync::atomic::AtomicUsize::new(taken);
    // A cancelled run's pairs are partial: not worth keeping.
    let stopped = std::sync::atomic::AtomicBool::new(false);
    let unreadable: Mutex<HashSet<usize>> = Mutex::new(HashSet::new());
    let reader = Mutex::new(lib);
    let computed = pairing::settle_known(
        &mut p,
        open.iter().copied(),
        &also,
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
    let stopped = stopped.into_inner();
    if remember && lib.writable().is_ok() {
        // Only a cache: a failure to remember costs time next start, nothing else.
        if !keep.is_empty() {
            let _ = lib.put_verdicts(&keep);
        }
        if !stopped {
            // The articles asked, and those a new verdict names, with the verdicts of them
            // the library now holds and their bars now.
            let mut now = held;
            for &(k, e, _) in &keep {
                *now.entry(k).or_default() += 1;
                *now.entry(e).or_default() += 1;
            }
            let mut items: Vec<usize> = (open.iter().copied())
                .chain(computed.iter().flat_map(|&(k, e, _)| [k, e]))
                .filter(|i| !unreadable.contains(i))
                .collect();
            items.sort_unstable();
            items.dedup();
            p.prepare(items.iter().copied(), threads);
            let rows: Vec<(ArticleId, usize, Bars)> = items
                .iter()
                .filter_map(|&i| {
                    let id = *ids.get(i)?;
                    Some((id, now.get(&id).copied().unwrap_or(0), p.bars(i)?))
                })
                .collect();
            let _ = lib.put_settled(&state, &rows, pass == Pass::Full);
        }
    }
    let auto: Vec<(ArticleId, ArticleId, f64)> = p
        .matches()
        .into_iter()
        .filter_map(|m| Some((*ids.get(m.ko)?, *ids.get(m.en)?, m.score)))
        .collect();
    if remember && !stopped && unreadable.is_empty() && lib.writable().is_ok() {
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
        queried: open.len(),
    })
}

/// The items to ask (gather and verify candidates for), the pairs of a settled article and a
/// new one to verify besides, and how many remembered verdicts were taken as they stand. An
/// article is settled when its row says so for its hash and it still holds as many remembered
/// verdicts as then. When every article is settled but a few, the verdicts remembered are
/// taken for all (the pairs are matched from every verdict), and a settled article is paired
/// with each new or changed one that now reaches its candidates (see [`Pairing::reached`]);
/// otherwise every article is asked, as a library paired for the first time is.
type ToAsk = (Vec<usize>, Vec<(usize, usize)>, usize);

fn to_ask(
    p: &mut Pairing,
    ids: &[ArticleId],
    settled: &HashMap<ArticleId, (usize, Bars)>,
    held: &HashMap<ArticleId, usize>,
    known: &HashMap<(ArticleId, ArticleId), Verdict>,
    threads: usize,
) -> ToAsk {
    let mut fresh = Vec::new();
    let mut open = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        match settled.get(id) {
            None => fresh.push(i),
            Some(&(n, _)) if n != held.get(id).copied().unwrap_or(0) => open.push(i),
            Some(_) => {}
        }
    }
    if fresh.len() + open.len() == ids.len() {
        return ((0..ids.len()).collect(), Vec::new(), 0);
    }
    let item: HashMap<ArticleId, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let mut taken = 0;
    for (&(k, e), v) in known {
        if let (Some(&k), Some(&e)) = (item.get(&k), item.get(&e)) {
            p.record(k, e, v);
            taken += 1;
        }
    }
    let bars = |i: usize| {
        let id = ids.get(i)?;
        settled.get(id).map(|&(_, bars)| bars)
    };
    let also = p.reached(fresh.iter().copied(), bars, threads);
    open.extend(fresh);
    open.sort_unstable();
    (open, also, taken)
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
        queried: 0,
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

/// One article with evidence as [`Library::each_evidence_row_slice`] reads it: its keys as
/// kept for the index, or else its evidence.
struct EvidenceRow {
    id: ArticleId,
    hash: String,
    keyed: Option<Vec<u8>>,
    evidence: Option<Vec<u8>>,
}

impl EvidenceRow {
    /// The article's keys as the index takes them, and whether they were hashed from the
    /// evidence now (none kept; `None` too when the kept ones do not read back and the row
    /// holds no evidence).
    fn keyed(&self) -> Option<(Keyed, bool)> {
        match (self.keyed.as_deref()).and_then(|k| Keyed::from_bytes(k, &self.hash)) {
            Some(k) => Some((k, false)),
            None => keyed_of_evidence(self.evidence.as_deref()?),
        }
    }
}

/// An evidence blob (LZ4 of `Evidence::to_bytes`) with its keys hashed: (keys, true).
fn keyed_of_evidence(blob: &[u8]) -> Option<(Keyed, bool)> {
    let raw = unpack(blob).ok()?;
    StoredEvidence::parse(&raw).map(|ev| (Keyed::of(&ev), true))
}

/// What [`Library::each_evidence_row_slice`] read: the fingerprint, how many articles have
/// evidence, and the articles found without (id, hash) not yet kept as such.
type Read = (String, usize, Vec<(ArticleId, String)>);

/// What the automatic pairs are found from, hashed: the pipeline, the pairing decision's
/// version, and each article with evidence by id and hash, in id order.
struct Fingerprint(blake3::Hasher, usize);

impl Fingerprint {
    fn new(pipeline: &str) -> Fingerprint {
        let mut hasher = blake3::Hasher::new();
        hasher.update(pipeline.as_bytes());
        hasher.update(crate::pairing::DECISION.as_bytes());
        Fingerprint(hasher, 0)
    }

    fn add(&mut self, id: ArticleId, hash: &str) {
        self.0.update(format!("\n{id} {hash}").as_bytes());
        self.1 += 1;
    }

    /// The hash, and how many articles.
    fn finish(self) -> (String, usize) {
        (self.0.finalize().to_hex().to_string(), self.1)
    }
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

    /// What the automatic pairs are found from (see [`Fingerprint`]), and how many articles
    /// have evidence.
    fn pairing_fingerprint(&self) -> Result<(String, usize)> {
        let (fingerprint, articles, _) = self.each_evidence_row_slice(false, 1024, |_| {})?;
        Ok((fingerprint, articles))
    }

    /// Every article with evidence handed over `size` at a time, in id order, with `blobs` its
    /// keys as kept for the pairing index (`pairing_keys`) or, when it has none kept for its
    /// hash, its evidence; returns what [`Fingerprint`] makes of them, and the articles found
    /// without evidence whose `pairing_keys` row does not say so yet. An article processed by
    /// this pipeline has an `evidence` row (NULL when it cannot be half of a pair); one not
    /// processed yet has none and is left out.
    fn each_evidence_row_slice(
        &self,
        blobs: bool,
        size: usize,
        mut each: impl FnMut(&[EvidenceRow]),
    ) -> Result<Read> {
        let mut stmt = self
            .conn
            .prepare_cached(if blobs {
                "SELECT a.id, a.hash, k.hash = a.hash AND k.pipeline = ?1,
                    CASE WHEN k.hash = a.hash AND k.pipeline = ?1 THEN k.keyed END
                 FROM articles a LEFT JOIN pairing_keys k ON k.article = a.id ORDER BY a.id"
            } else {
                "SELECT a.id, a.hash, k.hash = a.hash AND k.pipeline = ?1,
                    CASE WHEN k.hash = a.hash AND k.pipeline = ?1 THEN k.keyed IS NOT NULL END
                 FROM articles a LEFT JOIN pairing_keys k ON k.article = a.id ORDER BY a.id"
            })
            .map_err(|e| self.sql_err(e))?;
        let mut fingerprint = Fingerprint::new(&self.pipeline);
        let mut without = Vec::new();
        let mut rows = stmt.query([&self.pipeline]).map_err(|e| self.sql_err(e))?;
        let mut slice = Vec::with_capacity(size);
        while let Some(row) = rows.next().map_err(|e| self.sql_err(e))? {
            let get = |e| self.sql_err(e);
            let id: ArticleId = row.get(0).map_err(get)?;
            let hash: String = row.get(1).map_err(get)?;
            let kept = row.get::<_, Option<bool>>(2).map_err(get)? == Some(true);
            use rusqlite::types::ValueRef;
            let (keyed, evidence) = match row.get_ref(3).map_err(get)? {
                // Kept: no evidence.
                ValueRef::Null | ValueRef::Integer(0) if kept => continue,
                ValueRef::Blob(b) if kept => (Some(b.to_vec()), None),
                ValueRef::Integer(_) if kept => (None, None),
                // None kept (or damage: anything but a blob): the evidence says.
                _ => match self.evidence_blob(&hash)? {
                    None => continue,
                    Some(None) => {
                        without.push((id, hash));
                        continue;
                    }
                    Some(Some(blob)) => (None, blobs.then_some(blob)),
                },
            };
            fingerprint.add(id, &hash);
            slice.push(EvidenceRow {
                id,
                hash,
                keyed,
                evidence,
            });
            if slice.len() == size {
                each(&slice);
                slice.clear();
            }
        }
        if !slice.is_empty() {
            each(&slice);
        }
        let (fingerprint, articles) = fingerprint.finish();
        Ok((fingerprint, articles, without))
    }

    /// The evidence of the articles of `hash` by this pipeline: `None` when they were not
    /// processed by it, `Some(None)` when they cannot be half of a pair.
    fn evidence_blob(&self, hash: &str) -> Result<Option<Option<Vec<u8>>>> {
        self.conn
            .prepare_cached("SELECT evidence FROM evidence WHERE hash = ?1 AND pipeline = ?2")
            .and_then(|mut s| {
                s.query_row(params![hash, self.pipeline], |r| r.get(0))
                    .optional()
            })
            .map_err(|e| self.sql_err(e))
    }

    /// Keep articles' keys hashed for the pairing index ([`Keyed::to_bytes`]; `None`: the
    /// article has no evidence), each with the hash it has now.
    fn put_keyed(&self, rows: &[(ArticleId, String, Option<Vec<u8>>)]) -> Result<()> {
        self.writable()?;
        let what = "the pairing keys";
        let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
        {
            let mut put = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO pairing_keys (article, hash, pipeline, keyed)
                     SELECT id, hash, ?3, ?4 FROM articles WHERE id = ?1 AND hash = ?2",
                )
                .map_err(|e| self.write_err(what, e))?;
            for (id, hash, keyed) in rows {
                put.execute(params![id, hash, self.pipeline, keyed])
                    .map_err(|e| self.write_err(what, e))?;
            }
        }
        tx.commit().map_err(|e| self.write_err(what, e))
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

    /// What settles an article: this pipeline and the pairing decision.
    fn settle_state(&self) -> String {
        format!("{} {}", self.pipeline, crate::pairing::DECISION)
    }

    /// The articles settled in `state` with their current hash: the verdicts of each then, and
    /// its bars.
    fn settled(&self, state: &str) -> Result<HashMap<ArticleId, (usize, Bars)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.article, s.verdicts, s.raw_bar, s.similarity_bar FROM pairing_settled s
                 JOIN articles a ON a.id = s.article AND a.hash = s.hash
                 WHERE s.state = ?1 AND s.raw_bar IS NOT NULL AND s.similarity_bar IS NOT NULL",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([state], |r| {
                let bars = Bars {
                    raw: r.get::<_, f64>(2)? as f32,
                    similarity: r.get(3)?,
                };
                Ok((r.get(0)?, (r.get::<_, i64>(1)?.max(0) as usize, bars)))
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        Ok(rows)
    }

    /// Keep articles settled in `state` (with their hash now), each with the verdicts of it the
    /// library holds and its bars. `all`: these are all the settled articles.
    fn put_settled(&self, state: &str, rows: &[(ArticleId, usize, Bars)], all: bool) -> Result<()> {
        self.writable()?;
        let what = "the pairing state";
        let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
        let cleared = if all {
            tx.execute("DELETE FROM pairing_settled", [])
        } else {
            tx.execute("DELETE FROM pairing_settled WHERE state <> ?1", [state])
        };
        cleared.map_err(|e| self.write_err(what, e))?;
        {
            let mut put = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO pairing_settled
                        (article, hash, state, verdicts, raw_bar, similarity_bar)
                     SELECT id, hash, ?2, ?3, ?4, ?5 FROM articles WHERE id = ?1",
                )
                .map_err(|e| self.write_err(what, e))?;
            for &(id, verdicts, bars) in rows {
                put.execute(params![
                    id,
                    state,
                    verdicts as i64,
                    f64::from(bars.raw),
                    bars.similarity
                ])
                .map_err(|e| self.write_err(what, e))?;
            }
        }
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
