//! A word index over many items (every sentence of a library): each distinct word once, with
//! the items it occurs in. A term is matched against the words (a few hundred thousand), not the
//! text (tens of megabytes). A term typed further only re-checks the words the shorter term
//! matched.
//!
//! The work of a keystroke is bounded by the results shown, not by the library: each word's
//! items are kept best first (first-word bonus less length penalty, then titles before text and
//! the newest first), so the best `limit` items of a one-term query are merged from the heads of
//! the matching words' lists ([`WordIndex::top`]), however many items match. With more terms,
//! the rarest term gives the candidates and the others are checked in them.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};

use super::matcher::{self, Prepared, WordMatch};
use super::query;

/// The words of a list of texts and where they occur.
#[derive(Debug, Default, Clone)]
pub struct WordIndex {
    /// Distinct words, lower case.
    words: Vec<Box<str>>,
    /// Items of word `w`: `postings[offsets[w]..offsets[w + 1]]`, no repeats, best first (see
    /// [`WordIndex::rank_key`]); the top bit ([`FIRST`]) marks the item's first word.
    offsets: Vec<usize>,
    postings: Vec<u32>,
    /// Each item's score penalty (its length's, and its own).
    penalty: Vec<u8>,
    /// Each item's tie-break among equal scores, smaller first.
    order: Vec<u32>,
}

/// One item to index.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub text: &'a str,
    /// A score penalty of its own (besides its length's).
    pub extra: u8,
    /// Whether its first word earns the first-word bonus (a title or a name does; in a sentence
    /// the place of a word says nothing about how well it matches).
    pub headed: bool,
    /// Its tie-break among equal scores, smaller first.
    pub order: u32,
}

/// The words one term matched, kept so the next keystroke can start from them.
#[derive(Debug, Clone)]
pub struct TermHits {
    pub term: Prepared,
    pub words: Vec<(u32, i32)>,
}

/// Why a search stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// The best items of a search, best first (score, then order, then item), and how many matched
/// (`more`: at least `total`; counting every match of a term in half the library is work
/// nobody waits for).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Top {
    pub best: Vec<(u32, i32)>,
    pub total: usize,
    pub more: bool,
}

impl Top {
    /// The best `limit` of `scored`, best first: score, then `order` of the item, then the item.
    pub(crate) fn of(mut scored: Vec<(u32, i32)>, limit: usize, order: impl Fn(u32) -> u32) -> Top {
        let total = scored.len();
        let key = |&(item, score): &(u32, i32)| (Reverse(score), order(item), item);
        if limit < scored.len() {
            scored.select_nth_unstable_by_key(limit, key);
            scored.truncate(limit);
        }
        scored.sort_unstable_by_key(key);
        Top {
            best: scored,
            total,
            more: false,
        }
    }
}

/// A posting is an item number, its top bit set when the word is the item's first.
const FIRST: u32 = 1 << 31;
const ITEM: u32 = FIRST - 1;
/// Postings counted exactly for a one-term query's total; past this the total is a lower bound.
const COUNT_BUDGET: usize = 1 << 20;
/// With more terms, a term whose postings outnumber the candidates this many times is checked
/// in the candidates' text instead of walked (a posting is a bit test, a candidate's words are
/// a microsecond or two).
const CHECK_FACTOR: usize = 1000;

/// A set of items, one bit each.
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    #[inline]
    fn has(&self, i: u32) -> bool {
        self.0[i as usize / 64] & (1 << (i % 64)) != 0
    }
    /// Set bit `i`; whether it was clear.
    #[inline]
    fn set(&mut self, i: u32) -> bool {
        let (word, bit) = (&mut self.0[i as usize / 64], 1u64 << (i % 64));
        let new = *word & bit == 0;
        *word |= bit;
        new
    }
}

/// The words of a text, lower case, as the index keeps them.
fn each_word(text: &str, lower: &mut String, mut f: impl FnMut(usize, &str)) {
    for (k, r) in matcher::words(text).enumerate() {
        lower.clear();
        lower.extend(text[r].chars().map(query::lower));
        f(k, lower);
    }
}

impl WordIndex {
    /// Index `n` items, item `i` given by `entry(i)` (read twice: once to count, once to fill,
    /// so nothing but the index itself is held).
    pub fn build<'a>(n: usize, entry: impl Fn(usize) -> Entry<'a>) -> WordIndex {
        let mut ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut words: Vec<Box<str>> = Vec::new();
        let mut counts: Vec<usize> = Vec::new();
        let mut penalty = Vec::with_capacity(n);
        let mut order = Vec::with_capacity(n);
        let mut lower = String::new();
        let mut mine: Vec<u32> = Vec::new();
        for i in 0..n {
            let e = entry(i);
            mine.clear();
            each_word(e.text, &mut lower, |_, w| {
                let id = match ids.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        words.push(w.into());
                        ids.insert(w.into(), id);
                        counts.push(0);
                        id
                    }
                };
                mine.push(id);
            });
            mine.sort_unstable();
            mine.dedup();
            for &id in &mine {
                counts[id as usize] += 1;
            }
            penalty.push((matcher::length_penalty(e.text) as u8).saturating_add(e.extra));
            order.push(e.order);
        }
        let mut offsets = Vec::with_capacity(words.len() + 1);
        offsets.push(0);
        for c in &counts {
            offsets.push(offsets[offsets.len() - 1] + c);
        }
        drop(counts);
        let mut fill: Vec<usize> = offsets[..words.len()].to_vec();
        let mut postings = vec![0u32; offsets[words.len()]];
        let mut flagged: Vec<u32> = Vec::new();
        for i in 0..n {
            let e = entry(i);
            flagged.clear();
            each_word(e.text, &mut lower, |k, w| {
                if let Some(&id) = ids.get(w) {
                    // The first-word posting sorts first and wins the dedup below.
                    let first = k == 0 && e.headed;
                    flagged.push(id << 1 | u32::from(!first));
                }
            });
            flagged.sort_unstable();
            flagged.dedup_by_key(|x| *x >> 1);
            for &x in &flagged {
                let w = (x >> 1) as usize;
                postings[fill[w]] = i as u32 | if x & 1 == 0 { FIRST } else { 0 };
                fill[w] += 1;
            }
        }
        drop(ids);
        let mut index = WordIndex {
            words,
            offsets,
            postings,
            penalty,
            order,
        };
        index.sort_postings();
        index
    }

    /// This index with items added: `entry(i)` for `i` in `0..n` (the first [`Self::items`]
    /// are this index's; their order may have changed, but not among themselves, as when
    /// articles are added and the newest-first places move). Only the new items are read; each
    /// word's list is the old one merged with the new postings, nothing is built again.
    pub fn extended<'a>(&self, n: usize, entry: impl Fn(usize) -> Entry<'a>) -> WordIndex {
        let old = self.items();
        let known: FxHashMap<&str, u32> = (self.words.iter().enumerate())
            .map(|(i, w)| (&**w, i as u32))
            .collect();
        let mut fresh: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut words = self.words.clone();
        let order: Vec<u32> = (0..n).map(|i| entry(i).order).collect();
        let mut penalty = self.penalty.clone();
        let mut added: Vec<(u32, u32)> = Vec::new();
        let mut lower = String::new();
        let mut flagged: Vec<u32> = Vec::new();
        for i in old..n {
            let e = entry(i);
            flagged.clear();
            each_word(e.text, &mut lower, |k, w| {
                let id = match known.get(w).or_else(|| fresh.get(w)) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        words.push(w.into());
                        fresh.insert(w.into(), id);
                        id
                    }
                };
                flagged.push(id << 1 | u32::from(!(k == 0 && e.headed)));
            });
            flagged.sort_unstable();
            flagged.dedup_by_key(|x| *x >> 1);
            added.extend(
                flagged
                    .iter()
                    .map(|&x| (x >> 1, i as u32 | if x & 1 == 0 { FIRST } else { 0 })),
            );
            penalty.push((matcher::length_penalty(e.text) as u8).saturating_add(e.extra));
        }
        drop(known);
        let mut next = WordIndex {
            offsets: Vec::with_capacity(words.len() + 1),
            postings: Vec::with_capacity(self.postings.len() + added.len()),
            words,
            penalty,
            order,
        };
        added.sort_unstable_by_key(|&(w, p)| (w, next.rank_key(p)));
        let mut new = added.as_slice();
        next.offsets.push(0);
        for w in 0..next.words.len() {
            let mine = new.iter().take_while(|&&(x, _)| x as usize == w).count();
            let (these, rest) = new.split_at(mine);
            new = rest;
            let was: &[u32] = if w < self.words.len() {
                self.postings(w as u32)
            } else {
                &[]
            };
            let (mut a, mut b) = (
                was.iter().peekable(),
                these.iter().map(|&(_, p)| p).peekable(),
            );
            loop {
                let p = match (a.peek(), b.peek()) {
                    (Some(&&x), Some(&y)) if next.rank_key(x) <= next.rank_key(y) => {
                        a.next();
                        x
                    }
                    (_, Some(&y)) => {
                        b.next();
                        y
                    }
                    (Some(&&x), None) => {
                        a.next();
                        x
                    }
                    (None, None) => break,
                };
                next.postings.push(p);
            }
            next.offsets.push(next.postings.len());
        }
        next
    }

    /// Each word's items best first.
    fn sort_postings(&mut self) {
        let mut postings = std::mem::take(&mut self.postings);
        for w in 0..self.words.len() {
            let (a, b) = (self.offsets[w], self.offsets[w + 1]);
            postings[a..b].sort_unstable_by_key(|&p| self.rank_key(p));
        }
        self.postings = postings;
    }

    /// How a posting ranks among its word's: bonus less penalty (higher first), then the
    /// item's order, then the item. The same for every word, so a word's score added to it
    /// keeps the order.
    #[inline]
    fn rank_key(&self, posting: u32) -> (Reverse<i32>, u32, u32) {
        let item = posting & ITEM;
        (
            Reverse(self.bonus(posting)),
            self.order[item as usize],
            item,
        )
    }

    /// What a posting adds to its word's score: the first-word bonus less the item's penalty.
    #[inline]
    fn bonus(&self, posting: u32) -> i32 {
        let first = if posting & FIRST != 0 {
            matcher::FIRST_WORD
        } else {
            0
        };
        first - i32::from(self.penalty[(posting & ITEM) as usize])
    }

    pub fn items(&self) -> usize {
        self.penalty.len()
    }

    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.words.iter().map(|w| w.len() + 16).sum::<usize>()
            + self.offsets.capacity() * 8
            + self.postings.capacity() * 4
            + self.penalty.capacity()
            + self.order.capacity() * 4
    }

    fn postings(&self, w: u32) -> &[u32] {
        &self.postings[self.offsets[w as usize]..self.offsets[w as usize + 1]]
    }

    fn volume(&self, t: &TermHits) -> usize {
        t.words.iter().map(|&(w, _)| self.postings(w).len()).sum()
    }

    /// The words a term matches, and how well; from `prev` (the same term typed shorter) when
    /// given.
    pub fn match_words(
        &self,
        term: &Prepared,
        prev: Option<&TermHits>,
        cancel: &AtomicBool,
    ) -> Result<TermHits, Cancelled> {
        let mut out = Vec::new();
        let mut check = |w: u32| {
            let word = &self.words[w as usize];
            if let Some(WordMatch { score, .. }) = matcher::match_word(term, word) {
                out.push((w, score));
            }
        };
        match prev {
            Some(prev) => {
                for (k, &(w, _)) in prev.words.iter().enumerate() {
                    if k % 4096 == 0 && cancel.load(Ordering::Relaxed) {
                        return Err(Cancelled);
                    }
                    check(w);
                }
            }
            None => {
                for w in 0..self.words.len() as u32 {
                    if w % 4096 == 0 && cancel.load(Ordering::Relaxed) {
                        return Err(Cancelled);
                    }
                    check(w);
                }
            }
        }
        Ok(TermHits {
            term: term.clone(),
            words: out,
        })
    }

    /// The best `limit` items matching every term, best first; `text(i)` is item `i`'s text
    /// and whether it is headed (as indexed), for checking a common term in few candidates.
    pub fn top<'a>(
        &self,
        terms: &[TermHits],
        limit: usize,
        text: impl Fn(u32) -> (&'a str, bool),
        cancel: &AtomicBool,
    ) -> Result<Top, Cancelled> {
        match terms {
            [] => Ok(Top::default()),
            [one] => self.top_one(one, limit, cancel),
            _ => {
                let scored = self.items_matching(terms, text, cancel)?;
                Ok(Top::of(scored, limit, |item| self.order[item as usize]))
            }
        }
    }

    /// One term: its words' item lists merged best first until `limit` items are found. An
    /// item met again (through another word) was already met at its best.
    fn top_one(
        &self,
        term: &TermHits,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Result<Top, Cancelled> {
        // (score, then order and item smaller first), word and its score, place in its list.
        type Head = ((i32, Reverse<u32>, Reverse<u32>), (u32, i32), usize);
        let head = |(w, score): (u32, i32), at: usize| -> Option<Head> {
            let &p = self.postings(w).get(at)?;
            let item = p & ITEM;
            let key = (
                score + self.bonus(p),
                Reverse(self.order[item as usize]),
                Reverse(item),
            );
            Some((key, (w, score), at))
        };
        let mut heads = Vec::with_capacity(term.words.len());
        for (k, &word) in term.words.iter().enumerate() {
            if k % 4096 == 0 && cancel.load(Ordering::Relaxed) {
                return Err(Cancelled);
            }
            heads.extend(head(word, 0));
        }
        let mut heap = BinaryHeap::from(heads);
        let mut best = Vec::with_capacity(limit.min(1024));
        let mut met = FxHashSet::default();
        let mut pops = 0usize;
        while best.len() < limit {
            let Some(((s, _, Reverse(item)), word, at)) = heap.pop() else {
                break;
            };
            pops += 1;
            if pops.is_multiple_of(4096) && cancel.load(Ordering::Relaxed) {
                return Err(Cancelled);
            }
            if met.insert(item) {
                best.push((item, s));
            }
            heap.extend(head(word, at + 1));
        }
        let (total, more) = self.count(term, best.len(), cancel)?;
        Ok(Top { best, total, more })
    }

    /// How many items a term's words occur in: exactly when their lists are not too long, else
    /// at least `found` and the longest list.
    fn count(
        &self,
        term: &TermHits,
        found: usize,
        cancel: &AtomicBool,
    ) -> Result<(usize, bool), Cancelled> {
        let volume = self.volume(term);
        if volume > COUNT_BUDGET {
            let longest = term
                .words
                .iter()
                .map(|&(w, _)| self.postings(w).len())
                .max();
            return Ok((longest.unwrap_or(0).max(found), true));
        }
        let mut seen = Bits::new(self.items());
        let mut total = 0;
        for (k, &(w, _)) in term.words.iter().enumerate() {
            if k % 1024 == 0 && cancel.load(Ordering::Relaxed) {
                return Err(Cancelled);
            }
            for &p in self.postings(w) {
                total += usize::from(seen.set(p & ITEM));
            }
        }
        Ok((total, false))
    }

    /// Items matching every term, with their scores, in no order. The rarest term's items are
    /// the candidates; each other term is walked through its lists, or, when those are much
    /// longer than the candidates, matched in the candidates' words.
    pub fn items_matching<'a>(
        &self,
        terms: &[TermHits],
        text: impl Fn(u32) -> (&'a str, bool),
        cancel: &AtomicBool,
    ) -> Result<Vec<(u32, i32)>, Cancelled> {
        let mut order: Vec<(usize, usize)> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (self.volume(t), i))
            .collect();
        order.sort_unstable();
        let Some(&(_, rarest)) = order.first() else {
            return Ok(Vec::new());
        };
        let mut found: FxHashMap<u32, i32> = FxHashMap::default();
        self.walk(&terms[rarest], None, &mut found, cancel)?;
        let mut lower = String::new();
        for &(volume, t) in &order[1..] {
            if found.is_empty() {
                break;
            }
            if volume <= CHECK_FACTOR * found.len() {
                let mut within = Bits::new(self.items());
                for &item in found.keys() {
                    within.set(item);
                }
                let mut next = FxHashMap::default();
                self.walk(&terms[t], Some(&within), &mut next, cancel)?;
                for (item, s) in next.iter_mut() {
                    *s += found[item];
                }
                found = next;
                continue;
            }
            let term = &terms[t].term;
            let mut k = 0usize;
            let mut keep = |item: &u32, total: &mut i32| -> bool {
                let (text, headed) = text(*item);
                let mut best: Option<i32> = None;
                each_word(text, &mut lower, |k, w| {
                    if let Some(m) = matcher::match_word(term, w) {
                        let s = m.score
                            + if k == 0 && headed {
                                matcher::FIRST_WORD
                            } else {
                                0
                            };
                        best = best.max(Some(s));
                    }
                });
                match best {
                    Some(s) => {
                        *total += s;
                        true
                    }
                    None => false,
                }
            };
            let mut stopped = false;
            found.retain(|item, total| {
                k += 1;
                if stopped || (k.is_multiple_of(1024) && cancel.load(Ordering::Relaxed)) {
                    stopped = true;
                    return false;
                }
                keep(item, total)
            });
            if stopped {
                return Err(Cancelled);
            }
        }
        Ok(found
            .into_iter()
            .map(|(item, s)| (item, s - i32::from(self.penalty[item as usize])))
            .collect())
    }

    /// Each item of a term's words (among `within`, when given) with its best score (the
    /// first-word bonus included, the penalty not).
    fn walk(
        &self,
        term: &TermHits,
        within: Option<&Bits>,
        out: &mut FxHashMap<u32, i32>,
        cancel: &AtomicBool,
    ) -> Result<(), Cancelled> {
        for (k, &(w, score)) in term.words.iter().enumerate() {
            if k % 256 == 0 && cancel.load(Ordering::Relaxed) {
                return Err(Cancelled);
            }
            for &p in self.postings(w) {
                let item = p & ITEM;
                if within.is_some_and(|c| !c.has(item)) {
                    continue;
                }
                let s = score
                    + if p & FIRST != 0 {
                        matcher::FIRST_WORD
                    } else {
                        0
                    };
                let e = out.entry(item).or_insert(i32::MIN);
                *e = (*e).max(s);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::prepare;
    use crate::search::query::Query;

    fn index_of(texts: &[&str]) -> WordIndex {
        WordIndex::build(texts.len(), |i| Entry {
            text: texts[i],
            extra: 0,
            headed: i.is_multiple_of(3),
            order: (i as u32 * 7) % 5,
        })
    }

    fn terms(index: &WordIndex, q: &str) -> Vec<TermHits> {
        let never = AtomicBool::new(false);
        prepare(&Query::parse(q))
            .iter()
            .map(|p| index.match_words(p, None, &never).unwrap())
            .collect()
    }

    #[test]
    fn terms_meet_in_items() {
        let texts = [
            "The Prime Minister said",
            "a prime number",
            "설리번 보좌관",
            "Minister of defence",
        ];
        let index = index_of(&texts);
        assert_eq!(index.items(), 4);
        let never = AtomicBool::new(false);
        let find = |q: &str| {
            let hits = terms(&index, q);
            let mut items: Vec<u32> = index
                .top(&hits, 10, |i| (texts[i as usize], i % 3 == 0), &never)
                .unwrap()
                .best
                .into_iter()
                .map(|x| x.0)
                .collect();
            items.sort();
            items
        };
        assert_eq!(find("prime minister"), [0]);
        assert_eq!(find("prime"), [0, 1]);
        assert_eq!(find("ㅅㄹㅂ"), [2]);
        assert_eq!(find("minister"), [0, 3]);
        assert!(find("zebra").is_empty());
    }

    /// The bounded search gives exactly the best items a full scan of every item would.
    #[test]
    fn top_is_the_full_ranking_cut() {
        let words = [
            "the",
            "prime",
            "minister",
            "said",
            "설리번",
            "보좌관은",
            "presidents",
            "e",
            "영",
            "press",
            "president",
            "Pretoria",
            "대통령",
            "대통령은",
            "eel",
            "어선",
            "설립",
        ];
        // Texts of every length, made of the words above in a fixed pseudo-random order.
        let mut seed = 7u64;
        let texts: Vec<String> = (0..600)
            .map(|i| {
                let n = 1 + i % 9 + (i % 50) / 10 * 8;
                (0..n)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        words[(seed >> 33) as usize % words.len()]
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let index = index_of(&refs);
        let never = AtomicBool::new(false);
        for q in [
            "e",
            "p",
            "pre",
            "ㅅ",
            "대통",
            "prime m",
            "e 설",
            "the president",
            "설립",
            "zzz",
        ] {
            let hits = terms(&index, q);
            let headed = |i: usize| i.is_multiple_of(3);
            // Every item scored the slow way.
            let mut all: Vec<(u32, i32)> = Vec::new();
            for (i, t) in refs.iter().enumerate() {
                let mut total = 0;
                let mut every = true;
                for h in &hits {
                    let mut best = None;
                    let mut lower = String::new();
                    each_word(t, &mut lower, |k, w| {
                        if let Some(m) = matcher::match_word(&h.term, w) {
                            let first = if k == 0 && headed(i) {
                                matcher::FIRST_WORD
                            } else {
                                0
                            };
                            best = best.max(Some(m.score + first));
                        }
                    });
                    match best {
                        Some(s) => total += s,
                        None => every = false,
                    }
                }
                if every {
                    all.push((i as u32, total - i32::from(index.penalty[i])));
                }
            }
            let key =
                |&(item, score): &(u32, i32)| (Reverse(score), index.order[item as usize], item);
            all.sort_by_key(key);
            for limit in [1, 5, 40, 1000] {
                let top = index
                    .top(
                        &hits,
                        limit,
                        |i| (refs[i as usize], headed(i as usize)),
                        &never,
                    )
                    .unwrap();
                let want: Vec<(u32, i32)> = all.iter().copied().take(limit).collect();
                assert_eq!(top.best, want, "{q} {limit}");
                assert!(top.total == all.len() && !top.more, "{q}");
            }
        }
    }

    /// Items added to an index give the index built from all of them, even when the old items'
    /// order numbers moved (keeping their order among themselves).
    #[test]
    fn extended_is_built_again() {
        let texts = [
            "The Prime Minister said",
            "a prime number",
            "설리번 보좌관",
            "Minister of defence",
            "prime time",
            "설리번이 말했다",
            "the minister",
            "새 단어",
            "Prime suspects",
        ];
        let entry = |shift: u32| {
            move |i: usize| Entry {
                text: texts[i],
                extra: (i % 2) as u8 * 100,
                headed: i.is_multiple_of(3),
                // Old items' orders spread out when new ones come in between.
                order: if i < 5 {
                    i as u32 * shift
                } else {
                    3 + (i as u32 % 3) * 4
                },
            }
        };
        let old = WordIndex::build(5, entry(2));
        let grown = old.extended(texts.len(), entry(4));
        let whole = WordIndex::build(texts.len(), entry(4));
        assert_eq!(grown.words, whole.words);
        assert_eq!(grown.offsets, whole.offsets);
        assert_eq!(grown.postings, whole.postings);
        assert_eq!((grown.penalty, grown.order), (whole.penalty, whole.order));
    }
}
