//! An inverted index of evidence keys: each article is narrowed to the few articles of the
//! other language that share its rarest keys, never compared with all of them.
//!
//! A key's weight is how rare it is on both sides (inverse document frequency), times how much
//! its kind says (a number or an acronym more than a lexicon concept). Two articles' similarity
//! is the weight of the keys they share over the geometric mean of the weight each could share
//! (a key no article of the other language has cannot be shared, so it does not count).

use rustc_hash::FxHashMap;

use super::evidence::{Evidence, Side};

/// Articles are numbered in the order they are added.
pub type DocId = usize;

#[derive(Debug, Clone)]
struct Doc {
    side: Side,
    length: f64,
    day: Option<String>,
    /// Interned keys, sorted.
    keys: Vec<u32>,
    /// The weight it could share (see [`Index::refresh`]).
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
    ids: FxHashMap<Box<str>, u32>,
    keys: Vec<KeyInfo>,
    docs: Vec<Doc>,
    counts: [usize; 2],
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
/// Candidates are gathered through an article's rarest keys, this many at most.
const QUERY_KEYS: usize = 40;

thread_local! {
    /// The candidate sums of [`Index::candidates`], reused from query to query.
    static ACC: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
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
    /// allowed); returns its id. A key is copied only the first time the index meets it.
    pub fn add_keys<'k>(
        &mut self,
        side: Side,
        length: f64,
        day: Option<&str>,
        keys: impl ExactSizeIterator<Item = &'k str>,
    ) -> DocId {
        self.weights = None;
        let id = self.docs.len();
        let s = slot(side);
        let mut interned: Vec<u32> = Vec::with_capacity(keys.len());
        for k in keys {
            let kid = match self.ids.get(k) {
                Some(&kid) => kid,
                None => {
                    let kid = self.keys.len() as u32;
                    self.ids.insert(k.into(), kid);
                    self.keys.push(KeyInfo {
                        kind: kind_weight(k),
                        ..KeyInfo::default()
                    });
                    kid
                }
            };
            interned.push(kid);
        }
        interned.sort_unstable();
        interned.dedup();
        for &k in &interned {
            self.keys[k as usize].postings[s].push(id as u32);
        }
        self.counts[s] += 1;
        self.docs.push(Doc {
            side,
            length,
            day: day.map(str::to_string),
            keys: interned,
            total: 0.0,
        });
        self.docs[id].total = self.compute_total(id);
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
        self.docs[d].total
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
        let norm = (self.total(a) * self.total(b)).sqrt();
        if norm > 0.0 { shared / norm } else { 0.0 }
    }

    /// The articles of the other language that share the most rare evidence with `d`, best
    /// first, at most `k`, with their similarity.
    pub fn candidates(&self, d: DocId, k: usize) -> Vec<(DocId, f64)> {
        let doc = &self.docs[d];
        let other = 1 - slot(doc.side);
        let n_other = self.counts[other];
        let cap = COMMON_FLOOR.max(((n_other as f64 * COMMON_SHARE) as usize).min(COMMON_CEILING));
        // The rarest keys only: a translation shares most of them, and the work per query
        // stays bounded however large the library grows.
        let mut query: Vec<(usize, u32)> = doc
            .keys
            .iter()
            .map(|&key| (self.keys[key as usize].postings[other].len(), key))
            .filter(|&(df, _)| df > 0 && df <= cap)
            .collect();
        query.sort_unstable();
        query.truncate(QUERY_KEYS);
        // Sums per touched article, in a buffer kept per thread and cleared by what was
        // touched: allocating and zeroing one the size of the library for every query would
        // make pairing a whole library quadratic.
        let acc = ACC.with(|buf| {
            let mut acc = buf.borrow_mut();
            if acc.len() < self.docs.len() {
                acc.resize(self.docs.len(), 0.0);
            }
            let mut touched: Vec<u32> = Vec::new();
            for &(_, key) in &query {
                let w = self.weight(key) as f32;
                for &e in &self.keys[key as usize].postings[other] {
                    let slot = &mut acc[e as usize];
                    if *slot == 0.0 {
                        touched.push(e);
                    }
                    *slot += w;
                }
            }
            touched
                .into_iter()
                .map(|e| {
                    let sum = std::mem::take(&mut acc[e as usize]);
                    (e, f64::from(sum))
                })
                .collect::<Vec<(u32, f64)>>()
        });
        // The raw sums favour long articles: keep a generous shortlist, then rank by the
        // normalised similarity.
        let mut raw = acc;
        let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let keep = k * 4 + 8;
        if raw.len() > keep {
            raw.select_nth_unstable_by(keep, order);
            raw.truncate(keep);
        }
        raw.sort_unstable_by(order);
        let mut out: Vec<(DocId, f64)> = raw
            .into_iter()
            .map(|(e, _)| (e as DocId, self.similarity(d, e as DocId)))
            .collect();
        out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(k);
        // (collected in place, `out` still holds the capacity of every article touched: lists
        // kept for later rounds must not keep it)
        out.shrink_to_fit();
        out
    }
}
