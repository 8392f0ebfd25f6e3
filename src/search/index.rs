//! A word index over many items (every sentence of a library): each distinct word once, with
//! the items it occurs in. A term is matched against the words (a few hundred thousand), not the
//! text (tens of megabytes); the items of the matching words are then summed up. A term typed
//! further only re-checks the words the shorter term matched.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use super::matcher::{self, Prepared, WordMatch};
use super::query;

/// The words of a list of texts and where they occur.
#[derive(Debug, Default)]
pub struct WordIndex {
    /// Distinct words, lower case.
    words: Vec<Box<str>>,
    /// Items of word `w`: `postings[offsets[w]..offsets[w + 1]]`, ascending, no repeats; the
    /// top bit ([`FIRST`]) marks the item's first word (for the first-word bonus).
    offsets: Vec<u32>,
    postings: Vec<u32>,
    items: usize,
    /// Each item's length penalty.
    penalty: Vec<u8>,
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

const NONE: u32 = u32::MAX;
/// A posting is an item number, its top bit set when the word is the item's first.
const FIRST: u32 = 1 << 31;
const ITEM: u32 = FIRST - 1;

impl WordIndex {
    /// Index these texts; each comes with a score penalty of its own (besides its length's) and
    /// whether its first word earns the first-word bonus (a title or a name does; in a sentence
    /// the place of a word says nothing about how well it matches).
    pub fn build<'a>(texts: impl IntoIterator<Item = (&'a str, u8, bool)>) -> WordIndex {
        let mut ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut words: Vec<Box<str>> = Vec::new();
        // (word, item) pairs, grouped afterwards.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut penalty = Vec::new();
        let mut lower = String::new();
        for (item, (text, extra, headed)) in texts.into_iter().enumerate() {
            let mut first = NONE;
            for r in matcher::words(text) {
                lower.clear();
                lower.extend(text[r].chars().map(query::lower));
                let id = match ids.get(lower.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        words.push(lower.as_str().into());
                        ids.insert(lower.as_str().into(), id);
                        id
                    }
                };
                let flag = if first == NONE && headed { FIRST } else { 0 };
                if first == NONE {
                    first = id;
                }
                pairs.push((id, item as u32 | flag));
            }
            penalty.push((matcher::length_penalty(text) as u8).saturating_add(extra));
        }
        // One posting per word and item; the first-word one wins.
        pairs.sort_unstable_by_key(|&(w, entry)| (w, entry & ITEM, entry & FIRST == 0));
        pairs.dedup_by_key(|&mut (w, entry)| (w, entry & ITEM));
        let mut offsets = vec![0u32; words.len() + 1];
        for &(w, _) in &pairs {
            offsets[w as usize + 1] += 1;
        }
        for w in 0..words.len() {
            offsets[w + 1] += offsets[w];
        }
        let postings = pairs.into_iter().map(|(_, item)| item).collect();
        WordIndex {
            words,
            offsets,
            postings,
            items: penalty.len(),
            penalty,
        }
    }

    pub fn items(&self) -> usize {
        self.items
    }

    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    fn postings(&self, w: u32) -> &[u32] {
        &self.postings[self.offsets[w as usize] as usize..self.offsets[w as usize + 1] as usize]
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

    /// Items matching every term, with their scores (before tie-breaks), in no order.
    pub fn items_matching(
        &self,
        terms: &[TermHits],
        cancel: &AtomicBool,
    ) -> Result<Vec<(u32, i32)>, Cancelled> {
        let n = self.items();
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        // The most selective term first: it bounds the candidates.
        let mut order: Vec<usize> = (0..terms.len()).collect();
        let volume =
            |t: &TermHits| -> usize { t.words.iter().map(|&(w, _)| self.postings(w).len()).sum() };
        let volumes: Vec<usize> = terms.iter().map(volume).collect();
        order.sort_by_key(|&i| volumes[i]);
        // Score so far, and how many terms an item has matched (items out of the running keep
        // a stale count).
        let mut total = vec![0i32; n];
        let mut best = vec![i32::MIN; n];
        let mut seen = vec![0u16; n];
        let mut candidates: Vec<u32> = Vec::new();
        for (round, &t) in order.iter().enumerate() {
            let round = round as u16;
            let mut touched: Vec<u32> = Vec::new();
            for (k, &(w, score)) in terms[t].words.iter().enumerate() {
                if k % 256 == 0 && cancel.load(Ordering::Relaxed) {
                    return Err(Cancelled);
                }
                for &entry in self.postings(w) {
                    let i = (entry & ITEM) as usize;
                    if round > 0 && seen[i] != round {
                        continue;
                    }
                    let s = score
                        + if entry & FIRST != 0 {
                            matcher::FIRST_WORD
                        } else {
                            0
                        };
                    let b = &mut best[i];
                    if *b == i32::MIN {
                        touched.push(i as u32);
                    }
                    if s > *b {
                        *b = s;
                    }
                }
            }
            for &item in &touched {
                let i = item as usize;
                total[i] += best[i];
                best[i] = i32::MIN;
                seen[i] = round + 1;
            }
            candidates = touched;
        }
        Ok(candidates
            .into_iter()
            .map(|item| {
                let i = item as usize;
                (item, total[i] - self.penalty[i] as i32)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::prepare;
    use crate::search::query::Query;

    #[test]
    fn terms_meet_in_items() {
        let texts = [
            "The Prime Minister said",
            "a prime number",
            "설리번 보좌관",
            "Minister of defence",
        ];
        let index = WordIndex::build(texts.iter().map(|t| (*t, 0, true)));
        assert_eq!(index.items(), 4);
        let cancel = AtomicBool::new(false);
        let find = |q: &str| {
            let terms: Vec<TermHits> = prepare(&Query::parse(q))
                .iter()
                .map(|p| index.match_words(p, None, &cancel).unwrap())
                .collect();
            let mut items: Vec<u32> = index
                .items_matching(&terms, &cancel)
                .unwrap()
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
}
