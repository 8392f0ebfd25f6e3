//! An inverted index of evidence keys: each article is narrowed to the few articles of the
//! other language that share its rarest keys, never compared with all of them.
//!
//! A key's weight is how rare it is on both sides (inverse document frequency), times how much
//! its kind says (a number or an acronym more than a lexicon concept). Two articles' similarity
//! is the weight of the keys they share over the geometric mean of the weight each could share
//! (a key no article of the other language has cannot be shared, so it does not count).

use rustc_hash::FxHashMap;

use super::evidence::{Evidence, Side, StoredEvidence};

/// Articles are numbered in the order they are added.
pub type DocId = usize;

#[derive(Debug, Clone)]
struct Doc {
    side: Side,
    length: f64,
    day: Option<String>,
    /// Interned keys, sorted.
    keys: Vec<u32>,
    /// The weight it could share (see [`Index::refresh`]); NaN until computed.
    total: f64,
}

#[derive(Debug, Clone, Default)]
struct KeyInfo {
    /// Kind multiplier, from the key's prefix.
    kind: f64,
    /// Articles holding the key: Korean, English.
    postings: [Vec<u32>; 2],
}

/// The index over all articles added so far.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every key's weight as of the last [`Index::refresh`], while no article was added since
    /// (`None` then: weights are computed as asked, from the current frequencies).
    weights: Option<Vec<f64>>,
    /// Each key's id, by the hash of its text (see [`Keyed`]).
    ids: FxHashMap<u64, u32>,
    keys: Vec<KeyInfo>,
    docs: Vec<Doc>,
    counts: [usize; 2],
}

/// An article's evidence as the index takes it: each key as a 64-bit hash of its text, with
/// the weight of its kind. Made on any thread (hashing millions of keys is most of the work of
/// adding a large library), added in order with [`Index::add_keyed`]. Two keys of one hash
/// would count as one: among the keys of a library (tens of thousands distinct in 100,000
/// generated articles, a few million at most) that happens about never.
#[derive(Debug, Clone)]
pub struct Keyed {
    pub side: Side,
    pub length: f64,
    pub day: Option<String>,
    keys: Vec<(u64, f64)>,
}

impl Keyed {
    /// The evidence as the library stores it, its keys hashed.
    pub fn of(ev: &StoredEvidence) -> Keyed {
        Keyed::new(ev.side, ev.length, ev.day.clone(), ev.keys.iter().copied())
    }

    pub fn new<'k>(
        side: Side,
        length: f64,
        day: Option<String>,
        keys: impl Iterator<Item = &'k str>,
    ) -> Keyed {
        let keys = keys
            .map(|k| {
                let mut h = rustc_hash::FxHasher::default();
                std::hash::Hasher::write(&mut h, k.as_bytes());
                (std::hash::Hasher::finish(&h), kind_weight(k))
            })
            .collect();
        Keyed {
            side,
            length,
            day,
            keys,
        }
    }
}

fn slot(side: Side) -> usize {
    match side {
        Side::Ko => 0,
        Side::En => 1,
    }
}

fn kind_weight(key: &str) -> f64 {
    match key.as_bytes().first() {
        Some(b'n') => 1.5,
        Some(b'm') => 0.5,
        Some(b'w') => 1.5,
        Some(b's') => 1.0,
        Some(b'c') => 0.5,
        _ => 1.0,
    }
}

/// Keys held by more than this share of the other side's articles are not followed when
/// gathering candidates (they still count in the similarity).
const COMMON_SHARE: f64 = 0.05;
/// … but a key held by this many articles or fewer always is …
const COMMON_FLOOR: usize = 30;
/// … and one held by more than this many never is, however large the library: the share alone
/// lets each query walk a fixed fraction of the library (40 keys × 5 % of it), which makes
/// pairing all of it quadratic. 5 % of 20,000 articles of the other language: libraries up to
/// about 40,000 articles are paired as without a ceiling (a ceiling of 250 cost recall there:
/// 0.88 against 0.96 on a generated 40,000-article library); past that each query's work is
/// bounded.
const COMMON_CEILING: usize = 1000;
/// Candidates are gathered through an article's rarest keys, this many at most …
const QUERY_KEYS: usize = 40;
/// … and through no more postings than this in all (rarest key first; the first key is always
/// followed): what a query costs is the postings it walks, and the rarest keys are what a
/// translation shares. Up to about 5,000 articles (keys of 125 articles at most are followed:
/// 40 of them walk 5,000 postings at most) this never cuts; at 100,000 articles a query costs a
/// tenth of the 40 × 1,000 postings it may walk otherwise.
const QUERY_POSTINGS: usize = 4000;

/// The work space of [`Index::candidates`], kept per thread and reused from query to query:
/// allocating and zeroing sums the size of the library for every query would make pairing a
/// whole library quadratic.
#[derive(Default)]
struct Scratch {
    /// The raw sum of each article, non-zero only while a query runs.
    sums: Vec<f32>,
    /// The articles whose sum the query made non-zero, in the order it touched them.
    touched: Vec<u32>,
    /// The weight of each key the query's article holds, 0 for the others (while it runs).
    held: Vec<f64>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// A raw sum in the shortlist's heap: the greatest is the worst (smaller sum, then later id),
/// so the heap's top is the one to drop.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Raw {
    sum: f32,
    id: u32,
}

impl Eq for Raw {}

impl Ord for Raw {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.sum.total_cmp(&self.sum).then(self.id.cmp(&other.id))
    }
}

impl PartialOrd for Raw {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    /// Add one article's evidence; returns its id.
    pub fn add(&mut self, ev: &Evidence) -> DocId {
        let keys = ev.keys.iter().map(String::as_str);
        self.add_keys(ev.side, ev.length, ev.day.as_deref(), keys)
    }

    /// Add one article from the parts of its evidence (the keys in any order, repeats
    /// allowed); returns its id.
    pub fn add_keys<'k>(
        &mut self,
        side: Side,
        length: f64,
        day: Option<&str>,
        keys: impl ExactSizeIterator<Item = &'k str>,
    ) -> DocId {
        self.add_keyed(&Keyed::new(side, length, day.map(str::to_string), keys))
    }

    /// Add one article's [`Keyed`] evidence; returns its id.
    pub fn add_keyed(&mut self, ev: &Keyed) -> DocId {
        self.weights = None;
        let id = self.docs.len();
        let s = slot(ev.side);
        let mut interned: Vec<u32> = Vec::with_capacity(ev.keys.len());
        for &(hash, kind) in &ev.keys {
            let next = self.keys.len() as u32;
            let kid = *self.ids.entry(hash).or_insert(next);
            if kid == next {
                self.keys.push(KeyInfo {
                    kind,
                    ..KeyInfo::default()
                });
            }
            interned.push(kid);
        }
        interned.sort_unstable();
        interned.dedup();
        for &k in &interned {
            self.keys[k as usize].postings[s].push(id as u32);
        }
        self.counts[s] += 1;
        self.docs.push(Doc {
            side: ev.side,
            length: ev.length,
            day: ev.day.clone(),
            keys: interned,
            // (computed when asked, or by the refresh that ends a batch of adds: before it,
            // every key's weight is two logarithms)
            total: f64::NAN,
        });
        id
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn side(&self, d: DocId) -> Side {
        self.docs[d].side
    }

    pub fn length(&self, d: DocId) -> f64 {
        self.docs[d].length
    }

    pub fn day(&self, d: DocId) -> Option<&str> {
        self.docs[d].day.as_deref()
    }

    /// The weight of a key: its kind times its rarity on each side; 0 for a key one side
    /// never has.
    fn weight(&self, k: u32) -> f64 {
        match &self.weights {
            Some(w) => w[k as usize],
            None => self.compute_weight(k),
        }
    }

    fn compute_weight(&self, k: u32) -> f64 {
        let info = &self.keys[k as usize];
        let mut w = info.kind;
        for s in 0..2 {
            let df = info.postings[s].len();
            if df == 0 {
                return 0.0;
            }
            let n = self.counts[s] as f64;
            w *= (1.0 + n / df as f64).ln();
        }
        w.sqrt()
    }

    /// The weight an article could share: the sum over its keys, as of the last
    /// [`Index::refresh`] (or when the article was added, if later).
    fn total(&self, d: DocId) -> f64 {
        let total = self.docs[d].total;
        if total.is_nan() {
            self.compute_total(d)
        } else {
            total
        }
    }

    fn compute_total(&self, d: DocId) -> f64 {
        self.docs[d].keys.iter().map(|&k| self.weight(k)).sum()
    }

    /// Recompute every article's total weight from the current key frequencies. Adding an
    /// article changes the frequencies a little; a batch of adds should end with a refresh,
    /// a single add need not.
    pub fn refresh(&mut self) {
        // The weights of the current frequencies, computed once (similarity asks for them
        // again and again: two logarithms each).
        self.weights = None;
        let weights = (0..self.keys.len() as u32)
            .map(|k| self.compute_weight(k))
            .collect();
        self.weights = Some(weights);
        for d in 0..self.docs.len() {
            self.docs[d].total = self.compute_total(d);
        }
    }

    /// Similarity of two articles (0..1), from the keys they share.
    pub fn similarity(&self, a: DocId, b: DocId) -> f64 {
        let (ka, kb) = (&self.docs[a].keys, &self.docs[b].keys);
        let (mut i, mut j, mut shared) = (0, 0, 0.0);
        while i < ka.len() && j < kb.len() {
            match ka[i].cmp(&kb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weight(ka[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        self.normalised(a, b, shared)
    }

    /// The weight two articles share over the geometric mean of what each could share.
    fn normalised(&self, a: DocId, b: DocId, shared: f64) -> f64 {
        let norm = (self.total(a) * self.total(b)).sqrt();
        if norm > 0.0 { shared / norm } else { 0.0 }
    }

    /// The keys an article gathers its candidates through, (how many articles of the other
    /// language hold it, key), rarest first: its rarest keys only (a translation shares most
    /// of them), so the work per query stays bounded however large the library grows.
    fn query(&self, d: DocId) -> Vec<(usize, u32)> {
        let doc = &self.docs[d];
        let other = 1 - slot(doc.side);
        let cap = self.cap(other);
        let mut query: Vec<(usize, u32)> = doc
            .keys
            .iter()
            .map(|&key| (self.keys[key as usize].postings[other].len(), key))
            .filter(|&(df, _)| df > 0 && df <= cap)
            .collect();
        query.sort_unstable();
        query.truncate(QUERY_KEYS);
        let mut walked = 0;
        let within = query
            .iter()
            .position(|&(df, _)| {
                walked += df;
                walked > QUERY_POSTINGS
            })
            .map_or(query.len(), |i| i.max(1));
        query.truncate(within);
        query
    }

    /// Keys held by more articles of side `slot` than this are never followed.
    fn cap(&self, slot: usize) -> usize {
        let n = self.counts[slot];
        COMMON_FLOOR.max(((n as f64 * COMMON_SHARE) as usize).min(COMMON_CEILING))
    }

    /// The last key `d` queries through when its query was cut (by [`QUERY_KEYS`] or
    /// [`QUERY_POSTINGS`]): keys past it are not followed; `None` when every key that may be
    /// followed is.
    fn query_edge(&self, d: DocId) -> Option<(usize, u32)> {
        let q = self.query(d);
        let other = 1 - slot(self.docs[d].side);
        let cap = self.cap(other);
        let followable = (self.docs[d].keys.iter())
            .filter(|&&k| (1..=cap).contains(&self.keys[k as usize].postings[other].len()))
            .count();
        (q.len() < followable).then(|| q[q.len() - 1])
    }

    /// The articles of the other language whose candidates `d` can be one of: those that
    /// gather candidates through a key `d` holds (see [`Index::candidates`]). When `d` is new,
    /// these are the articles whose candidates it may change; the rest gather as before.
    pub fn gatherers(&self, d: DocId) -> Vec<DocId> {
        let own = slot(self.docs[d].side);
        let other = 1 - own;
        let cap = self.cap(own);
        let mut out = Vec::new();
        // Each gatherer's rarest query key, computed once.
        let mut last: FxHashMap<u32, Option<(usize, u32)>> = FxHashMap::default();
        for &key in &self.docs[d].keys {
            let info = &self.keys[key as usize];
            let df = info.postings[own].len();
            if df == 0 || df > cap {
                continue;
            }
            for &e in &info.postings[other] {
                // Does `key` rank among the keys `e` queries through?
                let edge = *last.entry(e).or_insert_with(|| self.query_edge(e as DocId));
                if edge.is_none_or(|edge| (df, key) <= edge) {
                    out.push(e as DocId);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The articles of the other language that share the most rare evidence with `d`, best
    /// first, at most `k`, with their similarity.
    pub fn candidates(&self, d: DocId, k: usize) -> Vec<(DocId, f64)> {
        let other = 1 - slot(self.docs[d].side);
        let query = self.query(d);
        // The raw sums of the articles touched, the best `keep` of them (the raw sums favour
        // long articles: a generous shortlist, ranked by the normalised similarity below).
        let keep = k * 4 + 8;
        let mut out = SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let Scratch {
                sums,
                touched,
                held,
            } = &mut *scratch;
            if sums.len() < self.docs.len() {
                sums.resize(self.docs.len(), 0.0);
            }
            // Every posting is written to `touched`, which counts only those that made a
            // sum non-zero: whether a posting is the first of its article is as good as
            // random, and a branch on it would cost more than the rest of the walk.
            let walk: usize = (query.iter()).map(|&(df, _)| df).sum();
            touched.resize(walk, 0);
            let mut n = 0;
            for &(_, key) in &query {
                let w = self.weight(key) as f32;
                for &e in &self.keys[key as usize].postings[other] {
                    let slot = &mut sums[e as usize];
                    touched[n] = e;
                    n += usize::from(*slot == 0.0);
                    *slot += w;
                }
            }
            touched.truncate(n);
            let mut best: std::collections::BinaryHeap<Raw> =
                std::collections::BinaryHeap::with_capacity(keep + 1);
            for &e in touched.iter() {
                let raw = Raw {
                    sum: std::mem::take(&mut sums[e as usize]),
                    id: e,
                };
                if best.len() < keep {
                    best.push(raw);
                } else if best.peek().is_some_and(|worst| raw < *worst) {
                    best.pop();
                    best.push(raw);
                }
            }
            // The similarity of each: the weights of the keys shared, read from `held`.
            if held.len() < self.keys.len() {
                held.resize(self.keys.len(), 0.0);
            }
            let own = &self.docs[d].keys;
            for &key in own {
                held[key as usize] = self.weight(key);
            }
            let out: Vec<(DocId, f64)> = best
                .into_iter()
                .map(|r| {
                    let e = r.id as DocId;
                    (
                        e,
                        self.normalised(d, e, shared_weight(&self.docs[e].keys, held)),
                    )
                })
                .collect();
            for &key in own {
                held[key as usize] = 0.0;
            }
            out
        });
        out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(k);
        out
    }
}

/// The weight of the keys of `keys` that `held` gives a weight: what [`Index::similarity`]'s
/// merge sums (to the last bits or so: not in the same order), read straight from an array,
/// with no branch on which list is ahead.
fn shared_weight(keys: &[u32], held: &[f64]) -> f64 {
    // Four sums, each over every fourth key: one chain of additions would wait on each.
    let mut sums = [0.0f64; 4];
    let mut chunks = keys.chunks_exact(4);
    for c in &mut chunks {
        for (sum, &k) in sums.iter_mut().zip(c) {
            *sum += held.get(k as usize).copied().unwrap_or(0.0);
        }
    }
    let rest: f64 = (chunks.remainder().iter())
        .map(|&k| held.get(k as usize).copied().unwrap_or(0.0))
        .sum();
    (sums[0] + sums[1]) + (sums[2] + sums[3]) + rest
}
