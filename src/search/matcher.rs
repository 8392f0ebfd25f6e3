//! Matching one term against one word, and a query against one field, with a score.
//!
//! Sentences are matched by words: every term must match inside one word of the field (a word is
//! a run of letters and digits), exactly (the term's pattern, anywhere in the word), with a typo
//! (Damerau–Levenshtein against the whole word, or the word less its particle or inflection, on
//! jamo for Hangul), or, for a Latin term, through romanization ([`roman::reads_as`]). A typo is
//! forgiven only against a whole word: `bush` is not `bus` + `iness`. Fuzzy subsequence matching
//! over whole sentences finds everything; it is kept for short fields only (titles, names), where
//! [`fuzzy_field`] uses fuzzy-matcher, and only as initials: every word it enters, it enters at
//! its first letter (`zyx` is Zhang Youxia; `laura` is not scattered over "Military Talks,
//! Nuclear").
//!
//! Scores: an exact match 10 000 (a tier above every inexact match: exact and prefix matches come
//! before typos and romanizations for queries of up to a dozen words), a typo 600 − 100 per edit,
//! a romanization 500 (− 10 per consonant doubled on one side only); +300 at the start of a
//! word, +100 when it is the whole word, +50 in the field's first word. Fields lose a point per
//! 10 characters (at most 60): short fields first.

use std::ops::Range;

use super::query::{self, Elem, Query, Term, is_word_char};
use super::roman::{self, Slot};
use crate::text::hangul::Syllable;

pub const EXACT: i32 = 10_000;
pub const TYPO: i32 = 600;
pub const ROMAN: i32 = 500;
pub const FUZZY: i32 = 200;
pub const WORD_START: i32 = 300;
pub const WHOLE_WORD: i32 = 100;
pub const FIRST_WORD: i32 = 50;
/// Taken off when a growing last syllable was read as two (립 as 리번).
pub const MOVED: i32 = 100;

/// How one term matched one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordMatch {
    pub score: i32,
    /// Byte range inside the word.
    pub start: usize,
    pub end: usize,
}

/// What a term needs besides its pattern, computed once per query.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub term: Term,
    /// Edits allowed for a typo match (0: none).
    pub typos: usize,
    /// Jamo (Hangul) or letters of the term, for the typo distance.
    pub units: Vec<u32>,
    /// Romanization slots of a Latin term (empty: no romanization).
    pub slots: Vec<Slot>,
}

impl Prepared {
    pub fn new(term: Term) -> Prepared {
        let units = units(&term.text);
        // Typos only for words typed out (no bare consonants, no punctuation).
        let complete = term.is_word() && !term.elems.iter().any(|e| matches!(e, Elem::Initial(_)));
        let typos = if !complete {
            0
        } else if term.is_latin() {
            match term.text.len() {
                0..=3 => 0,
                4..=9 => 1,
                _ => 2,
            }
        } else if term.text.chars().all(|c| Syllable::of(c).is_some())
            && term.text.chars().count() >= 3
        {
            1
        } else {
            0
        };
        let slots = if term.is_latin()
            && term.text.len() >= 3
            && !term.text.bytes().any(|b| b.is_ascii_digit())
        {
            roman::latin_slots(&term.text)
        } else {
            Vec::new()
        };
        Prepared {
            term,
            typos,
            units,
            slots: if slots.len() >= 2 { slots } else { Vec::new() },
        }
    }

    /// Do these two ask the same kinds of question (so one's matches can narrow the other's)?
    pub fn same_kinds(&self, other: &Prepared) -> bool {
        self.typos == other.typos && self.slots.is_empty() == other.slots.is_empty()
    }
}

pub fn prepare(query: &Query) -> Vec<Prepared> {
    query.terms.iter().cloned().map(Prepared::new).collect()
}

/// Letters as units for the typo distance: Hangul syllables as their jamo, the rest as chars.
fn units(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if let Some(s) = Syllable::of(c) {
            out.extend(s.conjoining());
        } else {
            out.push(query::lower(c) as u32);
        }
    }
    out
}

/// The best match of a term in one word (a run of letters and digits, original case), if any.
pub fn match_word(p: &Prepared, word: &str) -> Option<WordMatch> {
    if let Some(m) = exact_in_word(&p.term.elems, word) {
        return Some(m);
    }
    inexact_word(p, word)
}

/// A typo or romanization match of a term in one word.
fn inexact_word(p: &Prepared, word: &str) -> Option<WordMatch> {
    if p.typos > 0
        && let Some((edits, end)) = typo_prefix(&p.units, word, p.typos)
        && is_ending(&word[end..])
    {
        let whole = end == word.len();
        return Some(WordMatch {
            score: TYPO - 100 * edits as i32 + WORD_START + if whole { WHOLE_WORD } else { 0 },
            start: 0,
            end,
        });
    }
    // The first consonant decides at once for most words.
    let first = word.chars().next().and_then(Syllable::of)?;
    if p.slots
        .first()
        .is_some_and(|s| s.class == roman::initial_class(first))
    {
        return roman_word(&p.slots, &roman::hangul_slots(word), word);
    }
    None
}

/// A romanization match against a Korean word whose slots are known.
pub fn roman_word(query: &[Slot], word_slots: &[Slot], word: &str) -> Option<WordMatch> {
    let m = roman::reads_as(query, word_slots)?;
    let end = word
        .char_indices()
        .nth(m.chars)
        .map_or(word.len(), |(i, _)| i);
    let whole = end == word.len();
    Some(WordMatch {
        score: ROMAN - 10 * m.doubled as i32 + WORD_START + if whole { WHOLE_WORD } else { 0 },
        start: 0,
        end,
    })
}

/// What may follow a whole word inside a run of letters: nothing, a Korean particle
/// (`대통령은`), or an English inflection (`governments`, `nuclear's` is split at the `'`).
fn is_ending(rest: &str) -> bool {
    const INFLECTIONS: [&str; 6] = ["s", "es", "ed", "d", "ing", "ings"];
    rest.is_empty()
        || crate::text::particles::is_particle(rest)
        || INFLECTIONS.iter().any(|i| rest.eq_ignore_ascii_case(i))
}

/// The pattern anywhere in the word; the earliest match (so one at the start if there is one).
pub fn exact_in_word(elems: &[Elem], word: &str) -> Option<WordMatch> {
    let f = query::find(elems, word, 0)?;
    let mut score = EXACT;
    if f.start == 0 {
        score += WORD_START;
        if f.end == word.len() {
            score += WHOLE_WORD;
        }
    }
    if f.moved {
        score -= MOVED;
    }
    Some(WordMatch {
        score,
        start: f.start,
        end: f.end,
    })
}

/// The fewest edits (≤ `max`) turning the term into the start of `word`, and where that start
/// ends (bytes). Damerau–Levenshtein with adjacent swaps; the first unit must agree.
pub fn typo_prefix(term: &[u32], word: &str, max: usize) -> Option<(usize, usize)> {
    // Typos are rarely in the first letter, and checking it first skips most words at once.
    let first = word.chars().next().map(|c| match Syllable::of(c) {
        Some(s) => s.conjoining_initial(),
        None => query::lower(c) as u32,
    });
    if first != term.first().copied() {
        return None;
    }
    // The word's units, and the byte where each unit's character ends.
    let mut w: Vec<u32> = Vec::with_capacity(word.len());
    let mut ends: Vec<usize> = Vec::with_capacity(word.len());
    for (i, c) in word.char_indices() {
        let n = w.len();
        if let Some(s) = Syllable::of(c) {
            w.extend(s.conjoining());
        } else {
            w.push(query::lower(c) as u32);
        }
        for _ in n..w.len() {
            ends.push(i + c.len_utf8());
        }
        if w.len() > term.len() + max + 3 {
            break;
        }
    }
    let (n, m) = (term.len(), w.len());
    if m + max < n {
        return None;
    }
    // rows[i][j]: edits between term[..i] and w[..j].
    let width = m + 1;
    let mut d = vec![0usize; (n + 1) * width];
    for (j, cell) in d.iter_mut().take(m + 1).enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        d[i * width] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(term[i - 1] != w[j - 1]);
            let mut v = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && term[i - 1] == w[j - 2] && term[i - 2] == w[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    // The best prefix of the word; a prefix ending inside a syllable ends with that syllable.
    let last = &d[n * width..];
    // The fewest edits, then the longest prefix (`nucler` reads `nuclear`, not `nuclea`).
    let (j, &edits) = last
        .iter()
        .enumerate()
        .skip(1)
        .min_by_key(|&(j, &e)| (e, std::cmp::Reverse(j)))?;
    (edits <= max).then(|| (edits, ends[j - 1]))
}

/// The words of a text: maximal runs of letters and digits, as byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = iter.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = iter.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            iter.next();
        }
        Some(start..end)
    })
}

/// A match of a whole query in one field: its score and the byte ranges to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    pub score: i32,
    pub ranges: Vec<Range<usize>>,
}

/// The length part of a field's score: short fields first.
pub fn length_penalty(text: &str) -> i32 {
    (text.chars().count() / 10).min(60) as i32
}

/// Match every term of the query in `text`; `None` if one does not match.
pub fn match_field(terms: &[Prepared], text: &str) -> Option<FieldMatch> {
    let mut score = 0;
    let mut ranges = Vec::with_capacity(terms.len());
    for p in terms {
        let (s, r) = best_in_field(p, text)?;
        score += s;
        ranges.push(r);
    }
    ranges.sort_by_key(|r| r.start);
    Some(FieldMatch {
        score: score - length_penalty(text),
        ranges,
    })
}

/// The best match of one term in a field: the pattern anywhere (a word-like term can only match
/// inside one word); failing that, for a word-like term, a typo or romanization in one word.
pub fn best_in_field(p: &Prepared, text: &str) -> Option<(i32, Range<usize>)> {
    let mut best: Option<(i32, Range<usize>)> = None;
    let mut from = 0;
    while let Some(f) = query::find(&p.term.elems, text, from) {
        let alnum = is_word_char;
        let before = &text[..f.start];
        let at_start = before.chars().next_back().is_none_or(|c| !alnum(c));
        let at_end = text[f.end..].chars().next().is_none_or(|c| !alnum(c));
        let first_word = !before.trim_end_matches(alnum).contains(alnum);
        let s = EXACT
            + if at_start { WORD_START } else { 0 }
            + if at_start && at_end { WHOLE_WORD } else { 0 }
            + if first_word { FIRST_WORD } else { 0 }
            - if f.moved { MOVED } else { 0 };
        if best.as_ref().is_none_or(|b| s > b.0) {
            best = Some((s, f.start..f.end));
            if s >= EXACT + WORD_START + WHOLE_WORD {
                break;
            }
        }
        from = f.start + text[f.start..].chars().next().map_or(1, char::len_utf8);
    }
    if best.is_some() || !p.term.is_word() || (p.typos == 0 && p.slots.is_empty()) {
        return best;
    }
    for (k, w) in words(text).enumerate() {
        if let Some(m) = inexact_word(p, &text[w.clone()]) {
            let s = m.score + if k == 0 { FIRST_WORD } else { 0 };
            if best.as_ref().is_none_or(|b| s > b.0) {
                best = Some((s, w.start + m.start..w.start + m.end));
            }
        }
    }
    best
}

/// Fuzzy subsequence over a short field (fuzzy-matcher's Skim V2), for a Latin query that
/// matched nothing word by word: `zyx` finds `Zhang Youxia`. Char positions become byte ranges.
pub fn fuzzy_field(query: &str, text: &str) -> Option<FieldMatch> {
    use fuzzy_matcher::FuzzyMatcher;
    thread_local! {
        static SKIM: fuzzy_matcher::skim::SkimMatcherV2 =
            fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
    }
    let q: String = query.split_whitespace().collect();
    if q.len() < 2 || !q.is_ascii() {
        return None;
    }
    let (score, indices) = SKIM.with(|m| m.fuzzy_indices(text, &q))?;
    let offsets: Vec<(usize, char)> = text.char_indices().collect();
    if !enters_words_at_start(&offsets, &indices) {
        return None;
    }
    let ranges = indices
        .iter()
        .filter_map(|&i| offsets.get(i).map(|&(b, c)| b..b + c.len_utf8()))
        .collect();
    Some(FieldMatch {
        score: FUZZY + (score as i32).min(200) - length_penalty(text),
        ranges,
    })
}

/// Does every word a fuzzy match touches have its first letter matched (initials, or each word
/// typed from its start)? `indices` are char positions into `offsets`, ascending.
fn enters_words_at_start(offsets: &[(usize, char)], indices: &[usize]) -> bool {
    let mut matched = indices.iter().peekable();
    let mut word_start = true;
    let mut entered = false;
    for (i, &(_, c)) in offsets.iter().enumerate() {
        if !is_word_char(c) {
            word_start = true;
            entered = false;
            continue;
        }
        if matched.peek() == Some(&&i) {
            matched.next();
            if word_start {
                entered = true;
            } else if !entered {
                return false;
            }
        }
        word_start = false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(q: &str, text: &str) -> Option<(i32, Vec<String>)> {
        let terms = prepare(&Query::parse(q));
        match_field(&terms, text).map(|m| {
            let hl = m
                .ranges
                .iter()
                .map(|r| text[r.clone()].to_string())
                .collect();
            (m.score, hl)
        })
    }

    #[test]
    fn words_split_on_punctuation() {
        let t = "장유샤(張眞夏) 부주석, U.S.";
        let ws: Vec<&str> = words(t).map(|r| &t[r]).collect();
        assert_eq!(ws, ["장유샤", "張眞夏", "부주석", "U", "S"]);
    }

    #[test]
    fn exact_typo_and_romanized() {
        assert_eq!(
            field("ㅅㄹㅂ", "미 백악관 설리번 안보보좌관이").unwrap().1,
            ["설리번"]
        );
        assert_eq!(
            field("goverment", "The government said").unwrap().1,
            ["government"]
        );
        assert_eq!(field("nucler", "nuclear talks").unwrap().1, ["nuclear"]);
        assert_eq!(field("대퉁령", "윤 대통령은 말했다").unwrap().1, ["대통령"]);
        assert_eq!(
            field("lavrov", "러시아 러브로프 외무장관").unwrap().1,
            ["러브로프"]
        );
        assert_eq!(
            field("pyongyang", "북한 평양에서 열린").unwrap().1,
            ["평양"]
        );
        assert_eq!(
            field("prime minister", "the Prime Minister said")
                .unwrap()
                .1,
            ["Prime", "Minister"]
        );
        assert_eq!(field("u.s.", "the U.S. said").unwrap().1, ["U.S."]);
        assert_eq!(field("president", "a precedent"), None);
        assert_eq!(field("ㅅㄹㅂ ai", "설리번"), None);
    }

    #[test]
    fn better_matches_score_higher() {
        let s = |q: &str, t: &str| field(q, t).map(|m| m.0).unwrap_or(-1);
        assert!(s("sul", "Sullivan") > s("sul", "consul"));
        assert!(s("nuclear", "nuclear") > s("nucler", "nuclear"));
        assert!(s("설리번", "설리번") > s("lavrov", "러브로프"));
        assert!(
            s("talks", "talks")
                > s(
                    "talks",
                    "talks and more talks over a long sentence of words"
                )
        );
    }

    #[test]
    fn typo_distance_on_jamo_and_letters() {
        let u = units("goverment");
        assert_eq!(typo_prefix(&u, "government", 1), Some((1, 10)));
        assert_eq!(
            typo_prefix(&units("대퉁령"), "대통령은", 1),
            Some((1, "대통령".len()))
        );
        assert_eq!(typo_prefix(&u, "movement", 1), None);
    }

    #[test]
    fn fuzzy_on_short_fields() {
        let m = fuzzy_field("zyx", "Zhang Youxia").unwrap();
        assert_eq!(m.ranges.len(), 3);
        assert!(fuzzy_field("zhangyouxia", "Zhang Youxia").is_some());
        // Letters picked out of the middles of words are not a name typed.
        assert_eq!(
            fuzzy_field("laura", "Military Talks, Nuclear Disarmament Approach"),
            None
        );
    }

    #[test]
    fn typos_are_forgiven_against_whole_words() {
        assert_eq!(
            field("goverment", "governments said").unwrap().1,
            ["government"]
        );
        assert_eq!(field("대퉁령", "대통령은").unwrap().1, ["대통령"]);
        // `nucler` is one edit from `nuclear`, not from the start of `nuclearization`.
        assert_eq!(field("nucler", "denuclearization"), None);
        assert_eq!(field("nucler", "nuclearization"), None);
        assert_eq!(field("대퉁령", "대통령실"), None);
    }

    #[test]
    fn exact_and_prefix_above_typos_and_romanizations() {
        let s = |q: &str, t: &str| field(q, t).map(|m| m.0).unwrap_or(i32::MIN);
        let long = format!("{} denuclearization", "a long field ".repeat(60));
        // Inside a word, late in a long field, still above a typo of the whole first word.
        assert!(s("nuclear", &long) > s("nuclear", "Nucleas"));
        assert!(s("nuclear", &long) > s("nucler", "Nuclear"));
        assert!(s("sul", &format!("{long} consul")) > s("sullivan", "설리번"));
    }
}
