//! The Korean-English lexicon the aligner ships: common news vocabulary written for duet
//! (`assets/lexicon/ko-en.tsv`, see the README beside it for source and licence).
//!
//! Korean words are matched by longest prefix inside each 어절, compounds split greedily
//! (`국방장관` → 국방 + 장관); English words by a light stem (`talks`, `talked` → `talk`).
//! A match on both sides yields the same concept: the stem of an English word of the entry.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::text::particles;

const DATA: &str = include_str!("../../assets/lexicon/ko-en.tsv");

/// English words too common to be evidence of a translation.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "and", "or", "with", "from", "as",
    "is", "are", "be", "was", "were", "it", "its", "that", "this", "de",
];

pub struct Lexicon {
    /// Korean entry → English concept stems.
    ko: HashMap<String, Vec<String>>,
    /// English stems that some entry yields.
    en: HashSet<String>,
    /// Longest Korean entry, in chars.
    max_chars: usize,
}

/// The shipped lexicon, parsed once.
pub fn shipped() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::parse(DATA))
}

impl Lexicon {
    /// Parse `korean<TAB>english[;english…]` lines; `#` starts a comment.
    pub fn parse(data: &str) -> Lexicon {
        let mut ko: HashMap<String, Vec<String>> = HashMap::new();
        let mut en = HashSet::new();
        let mut max_chars = 1;
        for line in data.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((k, e)) = line.split_once('\t') else {
                continue;
            };
            let k = k.trim();
            if k.is_empty() {
                continue;
            }
            let stems: Vec<String> = e
                .split(';')
                .map(|phrase| phrase.replace('.', "").to_lowercase())
                .flat_map(|phrase| {
                    phrase
                        .split(|c: char| !c.is_alphanumeric())
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .filter(|w| !w.is_empty() && !STOPWORDS.contains(&w.as_str()))
                .map(|w| stem(&w))
                .collect();
            if stems.is_empty() {
                continue;
            }
            max_chars = max_chars.max(k.chars().count());
            en.extend(stems.iter().cloned());
            let entry = ko.entry(k.to_string()).or_default();
            for s in stems {
                if !entry.contains(&s) {
                    entry.push(s);
                }
            }
        }
        Lexicon { ko, en, max_chars }
    }

    /// Concepts of one Korean 어절 (Hangul only; other characters already removed): one list of
    /// English stems per entry matched.
    pub fn korean_concepts<'a>(&'a self, word: &str, out: &mut Vec<&'a [String]>) {
        let chars: Vec<char> = word.chars().collect();
        let mut pos = 0;
        while pos < chars.len() {
            let mut found = None;
            for len in (1..=self.max_chars.min(chars.len() - pos)).rev() {
                let cand: String = chars[pos..pos + len].iter().collect();
                if let Some((key, concepts)) = self.ko.get_key_value(&cand) {
                    if len == 1 && !self.single_allowed(&chars[pos + 1..]) {
                        continue;
                    }
                    found = Some((key.chars().count(), concepts));
                    break;
                }
            }
            match found {
                Some((len, concepts)) => {
                    out.push(concepts.as_slice());
                    pos += len;
                }
                None => break,
            }
        }
    }

    /// A one-syllable entry counts only before a particle or another entry (`미 정부`, `핵군축`).
    fn single_allowed(&self, rest: &[char]) -> bool {
        let rest_s: String = rest.iter().collect();
        if rest_s.is_empty() || particles::vouches_for_short_word(&rest_s) {
            return true;
        }
        (2..=self.max_chars.min(rest.len())).any(|len| {
            let cand: String = rest[..len].iter().collect();
            self.ko.contains_key(&cand)
        })
    }

    /// The concept of an English word (already lower-cased), if the lexicon knows it.
    pub fn english_concept(&self, lower: &str) -> Option<String> {
        let s = stem(&lower.replace('.', ""));
        self.en.contains(&s).then_some(s)
    }

    /// The English concept stems of one Korean entry, if listed.
    pub fn entry(&self, ko: &str) -> Option<&[String]> {
        self.ko.get(ko).map(Vec::as_slice)
    }

    /// The longest Korean entry, in characters.
    pub fn max_chars(&self) -> usize {
        self.max_chars
    }

    pub fn len(&self) -> usize {
        self.ko.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ko.is_empty()
    }
}

/// A light English stem: possessive, plural, past and gerund endings off.
pub fn stem(w: &str) -> String {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    let n = w.len();
    if !w.is_ascii() || n <= 3 {
        return w.to_string();
    }
    if let Some(b) = w.strip_suffix("ies") {
        return format!("{b}y");
    }
    for suf in ["sses", "shes", "ches", "xes"] {
        if w.ends_with(suf) {
            return w[..n - 2].to_string();
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..n - 1].to_string();
    }
    if n > 5 && w.ends_with("ing") {
        return w[..n - 3].to_string();
    }
    if n > 4 && w.ends_with("ied") {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 4 && w.ends_with("ed") {
        return w[..n - 2].to_string();
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("talks"), "talk");
        assert_eq!(stem("talked"), "talk");
        assert_eq!(stem("countries"), "country");
        assert_eq!(stem("china's"), "china");
        assert_eq!(stem("us"), "us");
    }

    #[test]
    fn compounds_and_single_syllables() {
        let lex =
            Lexicon::parse("국방\tdefense\n장관\tminister\n미\tUS;American\n미사일\tmissile\n");
        let flat = |w: &str| {
            let mut out = vec![];
            lex.korean_concepts(w, &mut out);
            out.concat()
        };
        assert_eq!(flat("국방장관은"), vec!["defense", "minister"]);
        assert_eq!(flat("미사일"), vec!["missile"]);
        assert!(flat("미래").is_empty());
        assert_eq!(flat("미"), vec!["us", "american"]);
        assert!(shipped().len() > 300);
    }
}
