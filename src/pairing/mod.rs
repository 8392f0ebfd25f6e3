//! Translation pairs across files: for each Korean article, the English article that is its
//! translation (or original), if there is one.
//!
//! - `evidence`: what each article offers (numbers, Latin words, names, concepts, length, day),
//!   computed once per article;
//! - `index`: an inverted index of that evidence, which narrows each article to a few
//!   candidates of the other language (never all against all);
//! - `verify`: the aligner's judgement of a candidate pair: do the two share their anchors bead
//!   by bead, in order, far better than off the diagonal?
//!
//! [`Pairing`] holds the index and the verdicts; candidates that pass are matched one to one,
//! best first. A wrong pair is worse than a missed one: an article with no candidate that
//! passes stays single.

pub mod evidence;
pub mod index;
pub mod verify;

use std::collections::{HashMap, HashSet};

use crate::model::Article;
pub use evidence::{Evidence, Side, StoredEvidence};
pub use index::{Bars, Keyed};
use index::{DocId, Index, Shortlist};
pub use verify::Verdict;

/// One pair found: indices of the Korean and the English article in the caller's list, and
/// the pair's score (0..1, higher is surer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub ko: usize,
    pub en: usize,
    pub score: f64,
}

/// How many candidates of the other language each article gathers from the index.
const CANDIDATES: usize = 4;
/// Of those, the ones verified with the aligner: at most this many …
const VERIFY_MAX: usize = 3;
/// … whose index similarity is at least this share of the best one's …
const VERIFY_RELATIVE: f64 = 0.6;
/// … and at least this much.
const VERIFY_FLOOR: f64 = 0.08;

/// The verdict a translation must reach. Measured on the Korean-English dev stories (true pairs
/// against the best wrong candidates): contrast 0.38 and more for translations, 0.14 at most
/// for other stories, related ones included; anchor similarity 0.44 against 0.34.
const MIN_CONTRAST: f64 = 0.25;
const MIN_ON: f64 = 0.3;
/// What chance alone gives the contrast of `n` beads is about this over `n`: the aligner picks,
/// for every bead, the best-matching sentences near the diagonal, while the off-diagonal pairing
/// it is compared with is not chosen; with few beads that choice is most of the contrast. Two
/// unrelated articles of 3–5 beads reach 0.28–0.40 among thousands of unpaired articles (the
/// crowd check, `tools/pairs_crowd.py`), translations of 9 beads or more 0.38 and more. So a
/// pair must show a contrast this much over chance. And a translation tells all of its
/// original: what is left is weighed by the share of both texts in two-sided beads (dev
/// translations 0.93 and more; unrelated articles the aligner matched in places 0.5–0.87).
/// The score depends on the two articles alone, never on how many others the library holds.
const CHANCE_BEADS: f64 = 0.6;
/// A translation's length in English characters is within a factor of e^0.7 ≈ 2 of the
/// original's (dev: within e^0.21).
const MAX_LOG_LENGTH_RATIO: f64 = 0.7;
/// Two dated articles more than this many days apart are not one story's two editions.
const MAX_DAYS_APART: i64 = 7;
/// The version of the decision below: stored automatic pairs found under another are found
/// again (the verdicts they came from still hold and are judged anew).
pub const DECISION: &str = "2";

/// Does a verdict (with the pair's log length ratio and days apart) say "translation"?
/// Returns the pair's score if so.
pub fn accept(v: &Verdict, log_length_ratio: f64, days_apart: Option<i64>) -> Option<f64> {
    if log_length_ratio.abs() > MAX_LOG_LENGTH_RATIO {
        return None;
    }
    if days_apart.is_some_and(|d| d > MAX_DAYS_APART) {
        return None;
    }
    let s = score(v);
    (v.beads > 0 && v.on >= MIN_ON && s >= MIN_CONTRAST).then_some(s)
}

/// The score of a pair, 0..1: its contrast beyond what chance gives that many beads, times the
/// share of the two texts the beads cover.
fn score(v: &Verdict) -> f64 {
    if v.beads == 0 {
        return 0.0;
    }
    let s = (v.contrast() - CHANCE_BEADS / v.beads as f64) * v.coverage.clamp(0.0, 1.0);
    (s.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// The pairing state of a set of articles: their evidence in an index, and the aligner's
/// verdicts on the candidates checked so far. Articles are known by the caller's index.
#[derive(Debug, Clone, Default)]
pub struct Pairing {
    index: Index,
    /// Caller's index of each document.
    item: Vec<usize>,
    doc: HashMap<usize, DocId>,
    /// (Korean doc, English doc) → the score if the aligner accepted the pair.
    verdicts: HashMap<(DocId, DocId), Option<f64>>,
    /// Documents with at least one accepted verdict.
    accepted: HashSet<DocId>,
    /// Each document's candidates, kept from one verification round to the next while the
    /// index does not change (see [`Pairing::prepare`]).
    shortlists: HashMap<DocId, Shortlist>,
}

impl Pairing {
    pub fn new() -> Pairing {
        Pairing::default()
    }

    /// Add an article's evidence under the caller's index `item`. An item already added is
    /// left as it is.
    pub fn add(&mut self, item: usize, ev: &Evidence) {
        if self.doc.contains_key(&item) {
            return;
        }
        let d = self.index.add(ev);
        self.added(item, d);
    }

    /// [`Pairing::add`] from evidence as the library stores it.
    pub fn add_stored(&mut self, item: usize, ev: &StoredEvidence) {
        self.add_keyed(item, &Keyed::of(ev));
    }

    /// [`Pairing::add`] from evidence with its keys hashed (see [`Keyed`]: made on any thread).
    pub fn add_keyed(&mut self, item: usize, ev: &Keyed) {
        if self.doc.contains_key(&item) {
            return;
        }
        let d = self.index.add_keyed(ev);
        self.added(item, d);
    }

    fn added(&mut self, item: usize, d: DocId) {
        self.item.push(item);
        self.doc.insert(item, d);
        self.shortlists.clear();
    }

    /// Bring the index's weights up to date after a batch of adds.
    pub fn refresh(&mut self) {
        self.index.refresh();
        self.shortlists.clear();
    }

    /// Gather the candidates of `items` once, for every round of verification to come (each
    /// round asks again for those still open; the index does not change in between).
    pub fn prepare(&mut self, items: impl IntoIterator<Item = usize>, threads: usize) {
        if !self.index.indexed() {
            self.refresh();
        }
        let docs: Vec<DocId> = items
            .into_iter()
            .filter_map(|item| self.doc.get(&item).copied())
            .filter(|d| !self.shortlists.contains_key(d))
            .collect();
        let lists = parallel(&docs, threads, |chunk| {
            chunk
                .iter()
                .map(|&d| self.index.shortlist(d, CANDIDATES))
                .collect()
        });
        self.shortlists.extend(docs.into_iter().zip(lists));
    }

    /// What an article added later must reach to change what `item`'s candidates verify
    /// (see [`index::Bars`]): the raw sum of its shortlist's cut, and the similarity of the
    /// deepest candidate it verifies — its first accepted one, else the last it may verify —
    /// or the verification thresholds, whichever is higher. `None` until [`Pairing::prepare`]
    /// gathered its candidates.
    pub fn bars(&self, item: usize) -> Option<Bars> {
        let d = *self.doc.get(&item)?;
        let list = self.shortlists.get(&d)?;
        let best = list.best.first().map_or(0.0, |c| c.1);
        let mut deepest = 0.0;
        for (rank, &(e, s)) in list.best.iter().take(VERIFY_MAX).enumerate() {
            if s < VERIFY_FLOOR || s < best * VERIFY_RELATIVE {
                break;
            }
            let accepted = matches!(self.verdicts.get(&self.oriented(d, e)), Some(Some(_)));
            if accepted || rank == VERIFY_MAX - 1 {
                deepest = s;
                break;
            }
        }
        Some(Bars {
            raw: list.raw_cut,
            similarity: deepest.max(VERIFY_FLOOR).max(best * VERIFY_RELATIVE),
        })
    }

    /// The pairs of an old article and one of `items` (added since the old one settled) that
    /// the old one's candidates would verify now, given each old item's bars (`None`: not
    /// settled, asked anyway): (Korean item, English item), none verified yet.
    pub fn reached(
        &self,
        items: impl IntoIterator<Item = usize>,
        bars: impl Fn(usize) -> Option<Bars> + Sync,
        threads: usize,
    ) -> Vec<(usize, usize)> {
        let docs: Vec<DocId> = (items.into_iter())
            .filter_map(|item| self.doc.get(&item).copied())
            .collect();
        let reached = parallel(&docs, threads, |chunk| {
            (chunk.iter())
                .map(|&d| self.index.reached_by(d, |e| bars(self.item[e])))
                .collect()
        });
        let mut out = Vec::new();
        for (&d, reached) in docs.iter().zip(reached) {
            for e in reached {
                let key = self.oriented(d, e);
                if !self.verdicts.contains_key(&key) && self.plausible(key.0, key.1) {
                    out.push((self.item[key.0], self.item[key.1]));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The candidate pairs verified so far: (Korean item, English item, score if accepted).
    pub fn verdicts(&self) -> impl Iterator<Item = (usize, usize, Option<f64>)> + '_ {
        self.verdicts
            .iter()
            .map(|(&(k, e), &s)| (self.item[k], self.item[e], s))
    }

    /// The index similarity of two items (0..1); 0 if either is unknown.
    pub fn similarity(&self, a: usize, b: usize) -> f64 {
        match (self.doc.get(&a), self.doc.get(&b)) {
            (Some(&x), Some(&y)) => self.index.similarity(x, y),
            _ => 0.0,
        }
    }

    /// Items added.
    pub fn len(&self) -> usize {
        self.item.len()
    }

    pub fn is_empty(&self) -> bool {
        self.item.is_empty()
    }

    /// Candidates of the other language for `item`, best first: (item, index similarity).
    pub fn candidates(&self, item: usize, k: usize) -> Vec<(usize, f64)> {
        let Some(&d) = self.doc.get(&item) else {
            return Vec::new();
        };
        self.index
            .candidates(d, k)
            .into_iter()
            .map(|(e, s)| (self.item[e], s))
            .collect()
    }

    /// The next (Korean item, English item) pair to verify for each of `items` that has no
    /// accepted candidate yet: its best candidate without a verdict, among the first
    /// `VERIFY_MAX` that come close to its best. Call, verify, record, and call again until
    /// nothing is left: most articles are settled by their first candidate.
    pub fn to_verify(
        &self,
        items: impl IntoIterator<Item = usize>,
        threads: usize,
    ) -> Vec<(usize, usize)> {
        let open: Vec<DocId> = items
            .into_iter()
            .filter_map(|item| self.doc.get(&item).copied())
            .filter(|d| !self.accepted.contains(d))
            .collect();
        let lists = parallel(&open, threads, |chunk| {
            chunk
                .iter()
                .map(|&d| match self.shortlists.get(&d) {
                    Some(list) => list.best.clone(),
                    None => self.index.candidates(d, CANDIDATES),
                })
                .collect()
        });
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (&d, cands) in open.iter().zip(&lists) {
            let best = cands.first().map_or(0.0, |c| c.1);
            for &(e, s) in cands.iter().take(VERIFY_MAX) {
                if s < VERIFY_FLOOR || s < best * VERIFY_RELATIVE {
                    break;
                }
                let key = self.oriented(d, e);
                if self.verdicts.contains_key(&key) || !self.plausible(key.0, key.1) {
                    continue;
                }
                if seen.insert(key) {
                    out.push((self.item[key.0], self.item[key.1]));
                }
                break;
            }
        }
        out
    }

    fn oriented(&self, a: DocId, b: DocId) -> (DocId, DocId) {
        if self.index.side(a) == Side::Ko {
            (a, b)
        } else {
            (b, a)
        }
    }

    /// Length ratio and days apart allow (Korean doc, English doc) to be a translation: the
    /// test that needs no aligner, made before it.
    fn plausible(&self, k: DocId, e: DocId) -> bool {
        let (ratio, days) = self.shape(k, e);
        ratio.abs() <= MAX_LOG_LENGTH_RATIO && days.is_none_or(|d| d <= MAX_DAYS_APART)
    }

    /// The log length ratio and the days apart (when both are dated) of two docs.
    fn shape(&self, k: DocId, e: DocId) -> (f64, Option<i64>) {
        let ratio = (self.index.length(e) / self.index.length(k)).ln();
        let days = match (self.index.day(k), self.index.day(e)) {
            (Some(a), Some(b)) => evidence::days_apart(a, b),
            _ => None,
        };
        (ratio, days)
    }

    /// Record the aligner's verdict on (Korean item, English item).
    pub fn record(&mut self, ko: usize, en: usize, v: &Verdict) {
        let (Some(&k), Some(&e)) = (self.doc.get(&ko), self.doc.get(&en)) else {
            return;
        };
        let (ratio, days) = self.shape(k, e);
        let verdict = accept(v, ratio, days);
        if verdict.is_some() {
            self.accepted.insert(k);
            self.accepted.insert(e);
        }
        self.verdicts.insert((k, e), verdict);
    }

    /// The accepted pairs matched one to one, best score first (ties by item order).
    pub fn matches(&self) -> Vec<Match> {
        let mut edges: Vec<Match> = self
            .verdicts
            .iter()
            .filter_map(|(&(k, e), s)| {
                s.map(|score| Match {
                    ko: self.item[k],
                    en: self.item[e],
                    score,
                })
            })
            .collect();
        edges.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.ko.cmp(&b.ko))
                .then(a.en.cmp(&b.en))
        });
        let mut used = HashSet::new();
        let mut out = Vec::new();
        for m in edges {
            if used.contains(&(Side::Ko, m.ko)) || used.contains(&(Side::En, m.en)) {
                continue;
            }
            used.insert((Side::Ko, m.ko));
            used.insert((Side::En, m.en));
            out.push(m);
        }
        out.sort_by_key(|m| (m.ko, m.en));
        out
    }
}

/// Verify pairs of articles with the aligner, on up to `threads` threads.
pub fn verify_all(articles: &[Article], pairs: &[(usize, usize)], threads: usize) -> Vec<Verdict> {
    let run = |chunk: &[(usize, usize)]| -> Vec<Verdict> {
        chunk
            .iter()
            .map(|&(k, e)| verify::verify(&articles[k], &articles[e]))
            .collect()
    };
    parallel(pairs, threads, run)
}

/// Map `f` over chunks of `items` on up to `threads` scoped threads, in order.
pub fn parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, 16);
    if threads == 1 || items.len() < 8 {
        return f(items);
    }
    // Small interleaved chunks keep both threads busy when some items are slow.
    let chunk = items.len().div_ceil(threads * 8).max(1);
    let chunks: Vec<&[T]> = items.chunks(chunk).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Vec<R>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(c) = chunks.get(i) else { break };
                        mine.push((i, f(c)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|r| r.0);
    results.into_iter().flat_map(|r| r.1).collect()
}

/// The number of threads to use: what the machine offers.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Compute the evidence of many articles on up to `threads` threads.
pub fn evidence_all(articles: &[Article], threads: usize) -> Vec<Option<Evidence>> {
    parallel(articles, threads, |chunk| {
        chunk.iter().map(evidence::of_article).collect()
    })
}

/// Find the translation pairs among `articles`.
pub fn find_pairs(articles: &[Article], threads: usize) -> Vec<Match> {
    let mut p = Pairing::new();
    for (i, ev) in evidence_all(articles, threads).iter().enumerate() {
        if let Some(ev) = ev {
            p.add(i, ev);
        }
    }
    p.refresh();
    settle(&mut p, articles, 0..articles.len(), threads);
    p.matches()
}

/// Add one article (`articles[item]`, the others already in `p`) and verify its candidates.
pub fn add_one(p: &mut Pairing, articles: &[Article], item: usize) {
    let Some(article) = articles.get(item) else {
        return;
    };
    let Some(ev) = evidence::of_article(article) else {
        return;
    };
    p.add(item, &ev);
    settle(p, articles, [item], 1);
}

/// Verify candidates of `items` round by round until each has an accepted candidate or none
/// left to try.
pub fn settle(
    p: &mut Pairing,
    articles: &[Article],
    items: impl IntoIterator<Item = usize> + Clone,
    threads: usize,
) {
    p.prepare(items.clone(), threads);
    for _ in 0..VERIFY_MAX {
        let todo = p.to_verify(items.clone(), threads);
        if todo.is_empty() {
            break;
        }
        let verdicts = verify_all(articles, &todo, threads);
        for (&(k, e), v) in todo.iter().zip(&verdicts) {
            p.record(k, e, v);
        }
    }
}

/// [`settle`] for articles not held in memory: `load(item)` reads one when a verification needs
/// it (an article that cannot be read is never paired). Stops early when `cancelled` says so.
pub fn settle_with(
    p: &mut Pairing,
    items: impl IntoIterator<Item = usize> + Clone,
    threads: usize,
    load: impl Fn(usize) -> Option<Article> + Sync,
    cancelled: impl Fn() -> bool,
) {
    settle_known(p, items, &[], threads, |_, _| None, load, cancelled);
}

/// [`settle_with`], taking the verdicts already known (from an earlier run: `known(ko, en)`)
/// instead of verifying those pairs again, and verifying the pairs `also` in the first round
/// (an old article's pair with a new one that entered its candidates: see
/// [`Pairing::reached`]). Returns the verdicts it had to compute, for the caller to keep. An
/// article is loaded only when a pair of it is verified.
pub fn settle_known(
    p: &mut Pairing,
    items: impl IntoIterator<Item = usize> + Clone,
    also: &[(usize, usize)],
    threads: usize,
    known: impl Fn(usize, usize) -> Option<Verdict>,
    load: impl Fn(usize) -> Option<Article> + Sync,
    cancelled: impl Fn() -> bool,
) -> Vec<(usize, usize, Verdict)> {
    let mut computed = Vec::new();
    let mut cache: HashMap<usize, Option<Article>> = HashMap::new();
    p.prepare(items.clone(), threads);
    // The same rounds as a run that knows nothing (known verdicts are recorded where it would
    // have computed them), so the pairs found never depend on what was remembered.
    for round in 0..VERIFY_MAX {
        if cancelled() {
            break;
        }
        let mut todo = p.to_verify(items.clone(), threads);
        if round == 0 {
            let asked: HashSet<(usize, usize)> = todo.iter().copied().collect();
            todo.extend(also.iter().filter(|pair| !asked.contains(pair)));
        }
        if todo.is_empty() {
            break;
        }
        let mut unknown = Vec::new();
        for &(k, e) in &todo {
            match known(k, e) {
                Some(v) => p.record(k, e, &v),
                None => unknown.push((k, e)),
            }
        }
        if unknown.is_empty() {
            continue;
        }
        // Keep the texts this round needs again; free the rest (a whole library's articles
        // never sit in memory at once).
        let wanted: HashSet<usize> = unknown.iter().flat_map(|&(k, e)| [k, e]).collect();
        cache.retain(|i, _| wanted.contains(i));
        let mut need: Vec<usize> = unknown
            .iter()
            .flat_map(|&(k, e)| [k, e])
            .filter(|i| !cache.contains_key(i))
            .collect();
        need.sort_unstable();
        need.dedup();
        let loaded = parallel(&need, threads, |chunk| {
            chunk.iter().map(|&i| load(i)).collect()
        });
        cache.extend(need.into_iter().zip(loaded));
        let verdicts = parallel(&unknown, threads, |chunk| {
            chunk
                .iter()
                .map(|&(k, e)| match (cache.get(&k), cache.get(&e)) {
                    (Some(Some(a)), Some(Some(b))) => verify::verify(a, b),
                    _ => Verdict::default(),
                })
                .collect()
        });
        for (&(k, e), v) in unknown.iter().zip(&verdicts) {
            p.record(k, e, v);
            computed.push((k, e, *v));
        }
    }
    computed
}

/// The pairs to show, given the user's choices: the pairs made by hand first, then the
/// automatic ones that the user neither split nor overrode (an article paired by hand keeps
/// that partner, whatever the pairing finds). `manual` and `split` are (Korean, English).
pub fn with_choices<T: Copy + Eq + std::hash::Hash>(
    auto: &[(T, T, f64)],
    manual: &[(T, T)],
    split: &HashSet<(T, T)>,
) -> Vec<(T, T, f64)> {
    let mut out: Vec<(T, T, f64)> = manual.iter().map(|&(k, e)| (k, e, 1.0)).collect();
    let taken: HashSet<T> = manual.iter().flat_map(|&(k, e)| [k, e]).collect();
    for &(k, e, s) in auto {
        if !split.contains(&(k, e)) && !taken.contains(&k) && !taken.contains(&e) {
            out.push((k, e, s));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(on: f64, off: f64, beads: usize) -> Verdict {
        Verdict {
            on,
            off,
            coverage: 1.0,
            length: 0.5,
            beads,
        }
    }

    fn ev(side: Side, keys: &[&str]) -> Evidence {
        let mut keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        keys.sort();
        Evidence {
            side,
            length: 1000.0,
            day: None,
            keys,
        }
    }

    #[test]
    fn a_translation_passes_and_a_related_story_does_not() {
        assert!(accept(&verdict(0.6, 0.05, 12), 0.0, None).is_some());
        // Shares its anchors as much off the diagonal as on it: the same story, retold.
        assert!(accept(&verdict(0.33, 0.19, 12), 0.0, None).is_none());
        // Twice too long or too short, or published weeks apart.
        assert!(accept(&verdict(0.6, 0.05, 12), 0.9, None).is_none());
        assert!(accept(&verdict(0.6, 0.05, 12), 0.0, Some(30)).is_none());
        assert!(accept(&verdict(0.6, 0.05, 12), 0.0, Some(1)).is_some());
        // Too short to contrast: only a high similarity will do.
        assert!(accept(&verdict(0.4, 0.0, 1), 0.0, None).is_none());
        assert!(accept(&verdict(0.9, 0.0, 1), 0.0, None).is_some());
        assert!(accept(&Verdict::default(), 0.0, None).is_none());
    }

    #[test]
    fn few_beads_need_more_contrast_than_many() {
        // Two unrelated articles among thousands: 3 and 5 beads, contrast 0.31 (crowd check).
        assert!(accept(&verdict(0.345, 0.034, 3), 0.0, None).is_none());
        assert!(accept(&verdict(0.323, 0.011, 5), 0.0, None).is_none());
        // The same contrast over 13 beads is a translation, and the score is what chance
        // leaves of it.
        let s = accept(&verdict(0.442, 0.065, 13), 0.0, None);
        assert!(
            s.is_some_and(|s| (s - (0.377 - 0.6 / 13.0)).abs() < 1e-3),
            "{s:?}"
        );
        // A short translation still passes when its beads agree far beyond chance.
        assert!(accept(&verdict(0.7, 0.1, 4), 0.0, None).is_some());
    }

    #[test]
    fn a_translation_covers_both_texts() {
        let mut v = verdict(0.55, 0.1, 8);
        assert!(accept(&v, 0.0, None).is_some());
        // Matched in places only: most of one article has no counterpart in the other.
        v.coverage = 0.6;
        assert!(accept(&v, 0.0, None).is_none());
        // A shortened translation (a fifth of the original left out) still passes.
        v.coverage = 0.8;
        assert!(accept(&v, 0.0, None).is_some());
    }

    #[test]
    fn candidates_come_from_shared_rare_evidence() {
        let mut p = Pairing::new();
        p.add(0, &ev(Side::Ko, &["n:1987", "w:nato", "s:KPN", "c:said"]));
        p.add(1, &ev(Side::En, &["n:2001", "w:un", "c:said"]));
        p.add(2, &ev(Side::En, &["n:1987", "w:nato", "s:KPN", "c:said"]));
        p.add(3, &ev(Side::Ko, &["n:2001", "w:un", "c:said"]));
        p.refresh();
        let c = p.candidates(0, 4);
        assert_eq!(c.first().map(|x| x.0), Some(2), "{c:?}");
        assert!(c.iter().all(|x| x.0 == 1 || x.0 == 2));
        assert_eq!(p.candidates(1, 4).first().map(|x| x.0), Some(3));
    }

    #[test]
    fn matching_is_one_to_one_best_first() {
        let mut p = Pairing::new();
        for (i, side) in [Side::Ko, Side::Ko, Side::En, Side::En]
            .into_iter()
            .enumerate()
        {
            p.add(i, &ev(side, &["n:5"]));
        }
        // Scores: the contrast less 0.06 of chance for ten beads.
        p.record(0, 2, &verdict(0.7, 0.1, 10)); // 0.54
        p.record(0, 3, &verdict(0.6, 0.1, 10)); // 0.44
        p.record(1, 2, &verdict(0.65, 0.1, 10)); // 0.49
        p.record(1, 3, &verdict(0.2, 0.1, 10)); // rejected
        let m = p.matches();
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!((m[0].ko, m[0].en), (0, 2));
        assert!((m[0].score - 0.54).abs() < 1e-9, "{m:?}");
    }

    #[test]
    fn a_new_article_reaches_the_settled_ones_whose_candidates_it_enters() {
        let mut p = Pairing::new();
        p.add(0, &ev(Side::Ko, &["n:5", "w:alpha", "w:beta", "c:said"]));
        p.add(1, &ev(Side::En, &["n:7", "w:gamma", "c:said"]));
        p.add(2, &ev(Side::Ko, &["n:9", "w:delta", "c:said"]));
        p.refresh();
        p.prepare(0..3, 1);
        let bars: Vec<Option<Bars>> = (0..3).map(|i| p.bars(i)).collect();
        assert!(bars.iter().all(Option::is_some));
        // An English edition of 0 reaches 0 (nothing of its own beats it), not 2.
        p.add(3, &ev(Side::En, &["n:5", "w:alpha", "w:beta", "c:said"]));
        p.add(4, &ev(Side::En, &["w:unrelated"]));
        p.refresh();
        let settled = |i: usize| bars.get(i).copied().flatten();
        assert_eq!(p.reached([3, 4], settled, 2), vec![(0, 3)]);
        // Once 0 accepted 3, a weaker look-alike no longer reaches it.
        p.record(0, 3, &verdict(0.7, 0.1, 10));
        p.prepare([0], 1);
        let accepted = p.bars(0);
        p.add(5, &ev(Side::En, &["n:5", "w:alpha", "c:said"]));
        p.refresh();
        assert_eq!(
            p.reached([5], |i| if i == 0 { accepted } else { None }, 2),
            vec![]
        );
        // Without the accepted pair the same look-alike would be verified.
        assert_eq!(p.reached([5], settled, 2), vec![(0, 5)]);
    }
}
