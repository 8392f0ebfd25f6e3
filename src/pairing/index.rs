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
    /// The weight it could share (see [`Index::refresh`]); NaN until computed.
    total: f64,
}

/// The articles holding each key, by side (Korean, English), as flat arrays: those of the
/// articles indexed by the last [`Index::refresh`] one key after another, those added since
/// in a list per key. One array per side and no list per key keeps a large library's
/// postings in about the memory their ids take.
#[derive(Debug, Clone, Default)]
struct Postings {
    /// Whether a refresh indexed the articles (until then nothing is indexed: a library's
    /// articles are added in bulk and indexed at once).
    ready: bool,
    /// Key `k`'s articles of side `s` are `docs[s][starts[s][k]..starts[s][k + 1]]`.
    starts: [Vec<u32>; 2],
    docs: [Vec<u32>; 2],
    /// The articles added since the refresh, by key and side.
    later: FxHashMap<u32, [Vec<u32>; 2]>,
}

impl Postings {
    /// The articles of side `s` holding key `k`: the indexed ones, then those added since.
    fn of(&self, k: u32, s: usize) -> [&[u32]; 2] {
        let k = k as usize;
        let flat = match (self.starts[s].get(k), self.starts[s].get(k + 1)) {
            (Some(&a), Some(&b)) => &self.docs[s][a as usize..b as usize],
            _ => &[],
        };
        let later = self.later.get(&(k as u32)).map_or(&[][..], |l| &l[s][..]);
        [flat, later]
    }
}

/// The index over all articles added so far.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every key's weight as of the last [`Index::refresh`], while no article was added since
    /// (`None` then: weights are computed as asked, from the current frequencies).
    weights: Option<Vec<f64>>,
    /// Each key's id, by the hash of its text (see [`Keyed`]).
    ids: FxHashMap<u64, u32>,
    /// Each key's kind multiplier, from its kind.
    kinds: Vec<f64>,
    /// How many articles of each side hold each key.
    df: [Vec<u32>; 2],
    docs: Vec<Doc>,
    /// Every article's keys (interned, sorted) one after another: article `d`'s are
    /// `keys[starts[d]..starts[d + 1]]`.
    keys: Vec<u32>,
    starts: Vec<usize>,
    postings: Postings,
    counts: [usize; 2],
}

/// An article's evidence as the index takes it: each key as a 64-bit hash of its text, its
/// kind in the top bits (see [`key_of`]). Made on any thread (hashing millions of keys is most
/// of the work of adding a large library), added in order with [`Index::add_keyed`]; kept by a
/// library beside the evidence ([`Keyed::to_bytes`]) so that no run parses or hashes a key
/// twice. Two keys of one hash would count as one: among the keys of a library (tens of
/// thousands distinct in 100,000 generated articles, a few million at most) that happens about
/// never.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed {
    pub side: Side,
    pub length: f64,
    pub day: Option<String>,
    keys: Vec<u64>,
}

/// The first bytes of [`Keyed::to_bytes`]: the format and its version.
const KEYED_MAGIC: &[u8; 4] = b"dk1\0";

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
        Keyed {
            side,
            length,
            day,
            keys: keys.map(key_of).collect(),
        }
    }

    /// A compact form to keep under the name `owner` (a library: the article's hash): the
    /// magic, the side, the day, the length, the keys, and a checksum of all of it and of
    /// `owner` (a damaged blob, or one read back under another owner, is `None`, never other
    /// keys).
    pub fn to_bytes(&self, owner: &str) -> Vec<u8> {
        let day = self.day.as_deref().unwrap_or("").as_bytes();
        let day = &day[..day.len().min(255)];
        let mut out = Vec::with_capacity(26 + day.len() + self.keys.len() * 8);
        out.extend_from_slice(KEYED_MAGIC);
        out.push(match self.side {
            Side::Ko => 0,
            Side::En => 1,
        });
        out.push(day.len() as u8);
        out.extend_from_slice(day);
        out.extend_from_slice(&self.length.to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        let sum = checksum(&out, owner);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Read [`Keyed::to_bytes`] of `owner` back; `None` for anything else (damaged, cut, of
    /// another owner or foreign).
    pub fn from_bytes(bytes: &[u8], owner: &str) -> Option<Keyed> {
        let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
        if checksum(body, owner) != u64::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        let rest = body.strip_prefix(KEYED_MAGIC)?;
        let (&side, rest) = rest.split_first()?;
        let side = match side {
            0 => Side::Ko,
            1 => Side::En,
            _ => return None,
        };
        let (&day_len, rest) = rest.split_first()?;
        let (day, rest) = rest.split_at_checked(day_len as usize)?;
        let day = match std::str::from_utf8(day).ok()? {
            "" => None,
            d => Some(d.to_string()),
        };
        let (length, rest) = rest.split_at_checked(8)?;
        let length = f64::from_le_bytes(length.try_into().ok()?);
        if !length.is_finite() || length <= 0.0 {
            return None;
        }
        let (n, rest) = rest.split_at_checked(4)?;
        let n = u32::from_le_bytes(n.try_into().ok()?) as usize;
        if rest.len() != n.checked_mul(8)? {
            return None;
        }
        let keys = rest
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect();
        Some(Keyed {
            side,
            length,
            day,
            keys,
        })
    }
}

/// A sum of bytes and their owner's name that a flipped bit or a cut changes (against damage
/// and mix-ups, not tampering).
fn checksum(bytes: &[u8], owner: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut h, owner.as_bytes());
    std::hash::Hasher::write(&mut h, bytes);
    std::hash::Hasher::write_usize(&mut h, bytes.len());
    std::hash::Hasher::finish(&h)
}

/// The bits of a key that say its kind (see [`kind_weight`]).
const KIND_SHIFT: u32 = 61;

/// A key as the index holds it: the hash of its text, with its kind in the top bits.
fn key_of(key: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut h, key.as_bytes());
    let kind: u64 = match key.as_bytes().first() {
        Some(b'n') => 1,
        Some(b'm') => 2,
        Some(b'w') => 3,
        Some(b's') => 4,
        Some(b'c') => 5,
        _ => 0,
    };
    (std::hash::Hasher::finish(&h) & ((1 << KIND_SHIFT) - 1)) | (kind << KIND_SHIFT)
}

/// How much a key's kind says (a number or an acronym more than a lexicon concept).
fn kind_weight(key: u64) -> f64 {
    match key >> KIND_SHIFT {
        1 => 1.5,
        2 => 0.5,
        3 => 1.5,
        4 => 1.0,
        5 => 0.5,
        _ => 1.0,
    }
}

fn slot(side: Side) -> usize {
    match side {
        Side::Ko => 0,
        Side::En => 1,
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

/// Weights move a little as articles are added: a bar is met at this share of it (a few
/// articles asked more than needed, none missed for a rounding).
const DRIFT: f64 = 0.97;

/// An article's candidates (see [`Index::candidates`]) and the raw sum another article must
/// reach to be ranked among them (0 when fewer were found than are kept).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shortlist {
    pub best: Vec<(DocId, f64)>,
    pub raw_cut: f32,
}

/// What an article added later must reach to change what an article's candidates verify:
/// the raw sum its query keeps, and the similarity of the deepest candidate it verified.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bars {
    pub raw: f32,
    pub similarity: f64,
}

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

impl Scratch {
    /// Room for a query over `docs` articles and `kinds` keys (both only ever grow, zeroed).
    fn fit(sums: &mut Vec<f32>, held: &mut Vec<f64>, docs: usize, kinds: usize) {
        if sums.len() < docs {
            sums.resize(docs, 0.0);
        }
        if held.len() < kinds {
            held.resize(kinds, 0.0);
        }
    }
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

    /// Add one article's [`Keyed`] evidence; returns its id. Nothing added before the first
    /// [`Index::refresh`] is found by a query until it ran.
    pub fn add_keyed(&mut self, ev: &Keyed) -> DocId {
        self.weights = None;
        let id = self.docs.len();
        let s = slot(ev.side);
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let start = self.keys.len();
        for &hash in &ev.keys {
            let next = self.kinds.len() as u32;
            let kid = *self.ids.entry(hash).or_insert(next);
            if kid == next {
                self.kinds.push(kind_weight(hash));
                self.df[0].push(0);
                self.df[1].push(0);
            }
            self.keys.push(kid);
        }
        let own = &mut self.keys[start..];
        own.sort_unstable();
        let mut n = 0;
        for i in 0..own.len() {
            if i == 0 || own[i] != own[n - 1] {
                own[n] = own[i];
                n += 1;
            }
        }
        self.keys.truncate(start + n);
        self.starts.push(self.keys.len());
        for &k in &self.keys[start..] {
            self.df[s][k as usize] += 1;
            if self.postings.ready {
                self.postings.later.entry(k).or_default()[s].push(id as u32);
            }
        }
        self.counts[s] += 1;
        self.docs.push(Doc {
            side: ev.side,
            length: ev.length,
            day: ev.day.clone(),
            // (computed when asked, or by the refresh that ends a batch of adds: before it,
            // every key's weight is two logarithms)
            total: f64::NAN,
        });
        id
    }

    /// Whether the articles are indexed (a refresh ran since the first was added).
    pub fn indexed(&self) -> bool {
        self.postings.ready || self.docs.is_empty()
    }

    /// Article `d`'s keys, interned and sorted.
    fn keys_of(&self, d: DocId) -> &[u32] {
        &self.keys[self.starts[d]..self.starts[d + 1]]
    }

    /// Index every article's keys in flat arrays (see [`Postings`]).
    fn index_postings(&mut self) {
        self.keys.shrink_to_fit();
        let mut postings = Postings {
            ready: true,
            ..Postings::default()
        };
        for s in 0..2 {
            let mut starts = Vec::with_capacity(self.kinds.len() + 1);
            let mut at = 0u32;
            starts.push(0);
            for &df in &self.df[s] {
                at += df;
                starts.push(at);
            }
            postings.docs[s] = vec![0; at as usize];
            postings.starts[s] = starts;
        }
        // Each key's next free place, per side; articles in id order, so each key's list is.
        let mut next: [Vec<u32>; 2] = postings.starts.clone();
        for d in 0..self.docs.len() {
            let s = slot(self.docs[d].side);
            for &k in &self.keys[self.starts[d]..self.starts[d + 1]] {
                let at = &mut next[s][k as usize];
                postings.docs[s][*at as usize] = d as u32;
                *at += 1;
            }
        }
        self.postings = postings;
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
        let mut w = self.kinds[k as usize];
        for s in 0..2 {
            let df = self.df[s][k as usize];
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
        self.keys_of(d).iter().map(|&k| self.weight(k)).sum()
    }

    /// Recompute every article's total weight from the current key frequencies. Adding an
    /// article changes the frequencies a little; a batch of adds should end with a refresh,
    /// a single add need not.
    pub fn refresh(&mut self) {
        self.index_postings();
        // The weights of the current frequencies, computed once (similarity asks for them
        // again and again: two logarithms each).
        self.weights = None;
        let weights = (0..self.kinds.len() as u32)
            .map(|k| self.compute_weight(k))
            .collect();
        self.weights = Some(weights);
        for d in 0..self.docs.len() {
            self.docs[d].total = self.compute_total(d);
        }
    }

    /// Similarity of two articles (0..1), from the keys they share.
    pub fn similarity(&self, a: DocId, b: DocId) -> f64 {
        let (ka, kb) = (self.keys_of(a), self.keys_of(b));
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
        let other = 1 - slot(self.docs[d].side);
        let cap = self.cap(other);
        let mut query: Vec<(usize, u32)> = (self.keys_of(d).iter())
            .map(|&key| (self.df[other][key as usize] as usize, key))
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

    /// The articles of the other language whose shortlist `d` (added since they gathered
    /// theirs) now enters, given each one's bars (`Pairing::bars`; `None`: not to check).
    /// `d` can only be gathered through a key an article of `d`'s language holds no more than
    /// the cap of times, so only those keys are walked; what they give is at least the raw
    /// sum a query of the other article gives `d` (its query follows some of them only), so
    /// an article whose bar that sum misses is passed over without computing more.
    pub fn reached_by(&self, d: DocId, bars: impl Fn(DocId) -> Option<Bars>) -> Vec<DocId> {
        let own = slot(self.docs[d].side);
        let other = 1 - own;
        let cap = self.cap(own);
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let Scratch {
                sums,
                touched,
                held,
            } = &mut *scratch;
            Scratch::fit(sums, held, self.docs.len(), self.kinds.len());
            touched.clear();
            for &key in self.keys_of(d) {
                if !(1..=cap).contains(&(self.df[own][key as usize] as usize)) {
                    continue;
                }
                let w = self.weight(key) as f32;
                for &e in self.postings.of(key, other).iter().copied().flatten() {
                    let slot = &mut sums[e as usize];
                    if *slot == 0.0 {
                        touched.push(e);
                    }
                    *slot += w;
                }
            }
            let own_keys = self.keys_of(d);
            for &key in own_keys {
                held[key as usize] = self.weight(key);
            }
            let mut out = Vec::new();
            for &e in touched.iter() {
                let raw = std::mem::take(&mut sums[e as usize]);
                let Some(bar) = bars(e as DocId) else {
                    continue;
                };
                if raw < bar.raw * DRIFT as f32 {
                    continue;
                }
                let e = e as DocId;
                let sim = self.normalised(d, e, shared_weight(self.keys_of(e), held));
                if sim >= bar.similarity * DRIFT {
                    out.push(e);
                }
            }
            for &key in own_keys {
                held[key as usize] = 0.0;
            }
            out.sort_unstable();
            out
        })
    }

    /// The articles of the other language that share the most rare evidence with `d`, best
    /// first, at most `k`, with their similarity.
    pub fn candidates(&self, d: DocId, k: usize) -> Vec<(DocId, f64)> {
        self.shortlist(d, k).best
    }

    /// [`Index::candidates`] with the raw sum an article must beat to be among them.
    pub fn shortlist(&self, d: DocId, k: usize) -> Shortlist {
        let other = 1 - slot(self.docs[d].side);
        let query = self.query(d);
        // The raw sums of the articles touched, the best `keep` of them (the raw sums favour
        // long articles: a generous shortlist, ranked by the normalised similarity below).
        let keep = k * 4 + 8;
        let out = SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let Scratch {
                sums,
                touched,
                held,
            } = &mut *scratch;
            Scratch::fit(sums, held, self.docs.len(), self.kinds.len());
            // Every posting is written to `touched`, which counts only those that made a
            // sum non-zero: whether a posting is the first of its article is as good as
            // random, and a branch on it would cost more than the rest of the walk.
            let walk: usize = (query.iter()).map(|&(df, _)| df).sum();
            touched.resize(walk, 0);
            let mut n = 0;
            for &(_, key) in &query {
                let w = self.weight(key) as f32;
                for part in self.postings.of(key, other) {
                    for &e in part {
                        let slot = &mut sums[e as usize];
                        touched[n] = e;
                        n += usize::from(*slot == 0.0);
                        *slot += w;
                    }
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
            let own = self.keys_of(d);
            for &key in own {
                held[key as usize] = self.weight(key);
            }
            // Full: an article must beat the worst raw sum kept to be ranked at all.
            let raw_cut = if best.len() == keep {
                best.peek().map_or(0.0, |worst| worst.sum)
            } else {
                0.0
            };
            let out: Vec<(DocId, f64)> = best
                .into_iter()
                .map(|r| {
                    let e = r.id as DocId;
                    (
                        e,
                        self.normalised(d, e, shared_weight(self.keys_of(e), held)),
                    )
                })
                .collect();
            for &key in own {
                held[key as usize] = 0.0;
            }
            (out, raw_cut)
        });
        let (mut best, raw_cut) = out;
        best.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(k);
        Shortlist { best, raw_cut }
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
