//! What a sentence offers as evidence of its translation: its length, and anchors both
//! languages share — numbers and dates across scripts (`2019년 10월` ⟷ `October 2019`,
//! `29일` ⟷ `the 29th`, `3만` ⟷ `30,000`), Latin words and acronyms inside Korean, quotations,
//! names by their consonant skeleton (`설리번` ⟷ `Sullivan`), and lexicon concepts.
//!
//! Every anchor is an interned key; a sentence is a sorted multiset of keys, so the evidence two
//! sentences share is the size of a multiset intersection.

use std::collections::HashMap;

use super::lexicon::Lexicon;
use super::names;
use super::names::{hangul_skeleton, latin_skeleton, skeleton_key};
use super::shape::{self, Shape};
use crate::text::furniture;
use crate::text::lang::is_hangul;

/// Keys are interned per alignment so sentences compare as sorted `u32` lists.
#[derive(Default)]
pub struct Interner(HashMap<String, u32>);

impl Interner {
    fn key(&mut self, s: String) -> u32 {
        let n = self.0.len() as u32;
        *self.0.entry(s).or_insert(n)
    }
}

/// One sentence as the cost function sees it.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Length in characters, spaces included; for Korean, the length its English translation
    /// would have in Korean characters (see [`korean_length`]).
    pub chars: f64,
    /// Anchor keys, sorted, with repeats.
    pub items: Vec<u32>,
    /// How many of the items are expected to find a counterpart (the similarity's denominator).
    pub weight: f64,
    /// 0..1: how much the sentence looks like one-sided boilerplate (byline, related link, credit).
    pub one_sided: f64,
    /// The role of its block: 0 body, 1 title, 2 reference, 3 keywords/byline/caption.
    pub tag: u8,
    /// Question, quotations, joints: how it sits in a split or merge.
    pub shape: Shape,
}

struct Builder<'a> {
    interner: &'a mut Interner,
    items: Vec<u32>,
    weight: f64,
}

impl<'a> Builder<'a> {
    fn new(interner: &'a mut Interner) -> Self {
        Builder {
            interner,
            items: Vec::new(),
            weight: 0.0,
        }
    }

    fn add(&mut self, key: String, counted: bool) {
        let k = self.interner.key(key);
        self.items.push(k);
        if counted {
            self.weight += 1.0;
        }
    }

    fn number(&mut self, n: f64) {
        self.add(format!("n:{}", fmt_num(n)), true);
    }

    fn finish(mut self, text: &str, chars: f64, shape: Shape) -> Features {
        self.items.sort_unstable();
        Features {
            chars,
            items: self.items,
            weight: self.weight,
            one_sided: if furniture::one_sided(text) { 1.0 } else { 0.0 },
            tag: 0,
            shape,
        }
    }
}

/// English month names, for dates as anchors (and `pairing`'s evidence).
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

/// The features of a Korean sentence.
pub fn korean(text: &str, lex: &Lexicon, interner: &mut Interner) -> Features {
    let mut b = Builder::new(interner);
    quotes(text, &mut b);
    for word in text.split_whitespace() {
        let runs = runs(word);
        for (idx, (class, run)) in runs.iter().enumerate() {
            match class {
                Class::Digit => {
                    let Some(n) = parse_number(run) else { continue };
                    let next = runs.get(idx + 1).map_or("", |(_, r)| r);
                    if next.starts_with('월') && (1.0..=12.0).contains(&n) {
                        b.add(format!("m:{}", fmt_num(n)), true);
                    } else if next.starts_with('만') {
                        b.number(n);
                        b.number(n * 1e4);
                    } else if next.starts_with('억') {
                        b.number(n);
                        b.number(n * 1e8);
                    } else if next.starts_with("천만") {
                        b.number(n * 1e7);
                    } else {
                        b.number(n);
                    }
                }
                Class::Latin => {
                    if run.chars().count() >= 2 || run.chars().all(char::is_uppercase) {
                        b.add(format!("w:{}", run.to_lowercase()), true);
                    }
                }
                Class::Hangul => {
                    let mut concepts = Vec::new();
                    lex.korean_concepts(run, &mut concepts);
                    if concepts.is_empty() {
                        if let Some(s) = skeleton_key(&hangul_skeleton(run)) {
                            b.add(s, false);
                        }
                    } else {
                        for entry in concepts {
                            for (n, c) in entry.iter().enumerate() {
                                b.add(format!("c:{c}"), n == 0);
                            }
                        }
                    }
                }
                Class::Han => {
                    let keys = names::hanja_keys(run);
                    if keys.len() >= 2 {
                        b.weight += 1.0;
                    }
                    for k in keys {
                        b.add(k, false);
                    }
                }
                Class::Other => {}
            }
        }
    }
    b.finish(text, korean_length(text), shape::korean(text))
}

/// The length of Korean text as the length model sees it. A Latin letter in Korean text stays
/// one letter in the English translation, so it counts as half a character (English runs about
/// two characters per Korean one); Latin inside brackets (`숀 콤스(Sean Combs)`) repeats what the
/// Hangul before it already says, so it doesn't count at all.
pub fn korean_length(text: &str) -> f64 {
    let mut depth = 0usize;
    let mut n = 0.0;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        n += if c.is_ascii_alphabetic() {
            if depth > 0 { 0.0 } else { 0.5 }
        } else {
            1.0
        };
    }
    n
}

/// The features of an English sentence.
pub fn english(text: &str, lex: &Lexicon, interner: &mut Interner) -> Features {
    let mut b = Builder::new(interner);
    quotes(text, &mut b);
    for k in names::korean_name_keys(text) {
        b.add(k, false);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '—' | '–'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
                .trim_end_matches("'s")
                .trim_end_matches("’s")
        })
        .filter(|w| !w.is_empty())
        .collect();
    for (idx, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            let digits: String = word
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                .collect();
            if let Some(n) = parse_number(&digits) {
                b.number(n);
                let next = words.get(idx + 1).map(|w| w.to_lowercase());
                match next.as_deref() {
                    Some("million") => b.number(n * 1e6),
                    Some("billion") => b.number(n * 1e9),
                    Some("thousand") => b.number(n * 1e3),
                    _ => {}
                }
            }
            continue;
        }
        if let Some(m) = MONTHS.iter().position(|m| *m == lower) {
            // `May` the month, not `may` the verb.
            if lower != "may" || word.starts_with('M') {
                b.add(format!("m:{}", m + 1), true);
                continue;
            }
        }
        if let Some(n) = NUMBER_WORDS.iter().position(|w| *w == lower) {
            b.number(n as f64);
            continue;
        }
        b.add(format!("w:{lower}"), false);
        if let Some(c) = lex.english_concept(&lower) {
            b.add(format!("c:{c}"), true);
        } else if word.starts_with(char::is_uppercase)
            && idx > 0
            && let Some(s) = skeleton_key(&latin_skeleton(&lower))
        {
            b.add(s, true);
        }
    }
    b.finish(text, text.chars().count() as f64, shape::english(text))
}

/// Quotations: one item per pair of double quotes.
fn quotes(text: &str, b: &mut Builder) {
    let n = text
        .chars()
        .filter(|c| matches!(c, '“' | '”' | '"' | '「' | '」' | '『' | '』'))
        .count();
    for _ in 0..n / 2 {
        b.add("q".to_string(), true);
    }
}

/// The script of a character, as anchors (and `pairing`'s evidence) cut words by it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Hangul,
    Han,
    Latin,
    Digit,
    Other,
}

pub(crate) fn class(c: char) -> Class {
    if is_hangul(c) {
        Class::Hangul
    } else if ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c) {
        Class::Han
    } else if c.is_ascii_alphabetic() {
        Class::Latin
    } else if c.is_ascii_digit() {
        Class::Digit
    } else {
        Class::Other
    }
}

/// Split a word into runs of one script; digits keep their `.` and `,` (`2.5`, `1,000`).
pub(crate) fn runs(word: &str) -> Vec<(Class, &str)> {
    let mut out: Vec<(Class, &str)> = Vec::new();
    let mut start = 0;
    let mut cur = Class::Other;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let mut k = class(c);
        if matches!(c, '.' | ',')
            && cur == Class::Digit
            && chars.get(n + 1).is_some_and(|&(_, d)| d.is_ascii_digit())
        {
            k = Class::Digit;
        }
        if n == 0 {
            cur = k;
            continue;
        }
        if k != cur {
            out.push((cur, &word[start..i]));
            start = i;
            cur = k;
        }
    }
    if !word.is_empty() {
        out.push((cur, &word[start..]));
    }
    out
}

fn parse_number(s: &str) -> Option<f64> {
    let t: String = s.chars().filter(|c| *c != ',').collect();
    let t = t.trim_end_matches('.');
    t.parse::<f64>().ok()
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::lexicon::shipped;

    fn shared(ko: &str, en: &str) -> usize {
        let mut int = Interner::default();
        let k = korean(ko, shipped(), &mut int);
        let e = english(en, shipped(), &mut int);
        super::super::cost::intersect(&k.items, &e.items)
    }

    #[test]
    fn dates_and_numbers_cross_scripts() {
        assert!(
            shared(
                "2019년 10월에 절정에 달했다.",
                "a climax in October 2019, when"
            ) >= 2
        );
        assert_eq!(
            shared("로이터가 29일 보도했다.", "Reuters reported on the 29th"),
            2
        );
        assert!(shared("3만 명이 모였다.", "30,000 people gathered.") >= 1);
    }

    #[test]
    fn names_by_skeleton() {
        assert_eq!(hangul_skeleton("설리번"), b"SLPN".to_vec());
        assert_eq!(latin_skeleton("sullivan"), b"SLPN".to_vec());
        assert_eq!(
            hangul_skeleton("트럼프는")[..3],
            latin_skeleton("trump")[..3]
        );
        assert!(shared("설리번 보좌관은", "Advisor Sullivan said") >= 2);
    }

    #[test]
    fn korean_names_written_in_english() {
        assert!(shared("윤석열 대통령은 말했다.", "President Yoon Suk-yeol said.") >= 2);
    }

    #[test]
    fn latin_inside_korean() {
        assert!(
            shared(
                "신전략무기감축협정(New START)과 같은",
                "like the New START Treaty"
            ) >= 2
        );
    }

    #[test]
    fn hanja_names_by_pinyin() {
        assert!(
            shared(
                "린젠(林建) 중국 외교부 대변인은",
                "Lin Jian, a spokesperson"
            ) >= 2
        );
        assert!(shared("장유샤(張又俠) 부주석", "Vice Chairman Zhang Youxia") >= 2);
    }

    #[test]
    fn korean_length_discounts_latin() {
        assert_eq!(korean_length("숀 콤스(Sean Combs)는"), 8.0);
        assert_eq!(korean_length("FBI 수사"), 4.5);
    }
}
