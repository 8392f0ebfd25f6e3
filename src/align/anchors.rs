//! What a sentence offers as evidence of its translation: its length, and anchors both
//! languages share — numbers and dates across scripts (`2019년 10월` ⟷ `October 2019`,
//! `29일` ⟷ `the 29th`, `3만` ⟷ `30,000`), Latin words and acronyms inside Korean, quotations,
//! names by their consonant skeleton (`설리번` ⟷ `Sullivan`), and lexicon concepts.
//!
//! Every anchor is an interned key; a sentence is a sorted multiset of keys, so the evidence two
//! sentences share is the size of a multiset intersection.

use std::collections::HashMap;

use super::lexicon::Lexicon;
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
    /// Length in characters, spaces included.
    pub chars: f64,
    /// Anchor keys, sorted, with repeats.
    pub items: Vec<u32>,
    /// How many of the items are expected to find a counterpart (the similarity's denominator).
    pub weight: f64,
    /// 0..1: how much the sentence looks like one-sided boilerplate (byline, related link, credit).
    pub one_sided: f64,
    /// The role of its block: 0 body, 1 title, 2 reference, 3 keywords/byline/caption.
    pub tag: u8,
}

struct Builder<'a> {
    interner: &'a mut Interner,
    items: Vec<u32>,
    weight: f64,
}

impl Builder<'_> {
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

    fn finish(mut self, text: &str) -> Features {
        self.items.sort_unstable();
        Features {
            chars: text.chars().count() as f64,
            items: self.items,
            weight: self.weight,
            one_sided: one_sided(text),
            tag: 0,
        }
    }
}

const MONTHS: &[&str] = &[
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
    let mut b = Builder {
        interner,
        items: Vec::new(),
        weight: 0.0,
    };
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
                Class::Han => hanja(run, &mut b),
                Class::Other => {}
            }
        }
    }
    b.finish(text)
}

/// Chinese names in hanja (`林建`, `張又俠`) by their pinyin, as English writes them: each
/// syllable, and the given name's syllables joined (`Lin Jian`, `Zhang Youxia`).
fn hanja(run: &str, b: &mut Builder) {
    use pinyin::ToPinyin;
    let syllables: Vec<&str> = run
        .to_pinyin()
        .map(|p| p.map_or("", |p| p.plain()))
        .collect();
    if syllables.iter().any(|s| s.is_empty()) || syllables.is_empty() {
        return;
    }
    for s in &syllables {
        b.add(format!("w:{s}"), false);
    }
    if syllables.len() >= 3 {
        b.add(format!("w:{}", syllables[1..].concat()), false);
    }
    if syllables.len() >= 2 {
        b.weight += 1.0;
    }
}

/// The features of an English sentence.
pub fn english(text: &str, lex: &Lexicon, interner: &mut Interner) -> Features {
    let mut b = Builder {
        interner,
        items: Vec::new(),
        weight: 0.0,
    };
    quotes(text, &mut b);
    korean_name_runs(text, &mut b);
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
        let next = words.get(idx + 1).map(|w| w.to_lowercase());
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            let digits: String = word
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                .collect();
            if let Some(n) = parse_number(&digits) {
                b.number(n);
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
        } else if word.starts_with(char::is_uppercase) && idx > 0 {
            if let Some(s) = skeleton_key(&latin_skeleton(&lower)) {
                b.add(s, true);
            }
        }
    }
    b.finish(text)
}

/// Korean names are written in English as two or three capitalised words (`Yoon Suk-yeol`,
/// `Oh Se-hoon`); their joined skeleton meets the skeleton of the Hangul name (`윤석열`).
fn korean_name_runs(text: &str, b: &mut Builder) {
    let tokens: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .replace('-', "")
        })
        .collect();
    let capital = |t: &String| t.starts_with(|c: char| c.is_ascii_uppercase()) && t.len() <= 12;
    let mut i = 0;
    while i < tokens.len() {
        if !capital(&tokens[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < tokens.len() && capital(&tokens[j]) {
            j += 1;
        }
        // Every window of two or three words in a run of capitalised words.
        for start in i..j {
            for len in 2..=3 {
                if start + len <= j {
                    let joined = tokens[start..start + len].concat().to_lowercase();
                    if let Some(k) = skeleton_key(&latin_skeleton(&joined)) {
                        b.add(k, false);
                    }
                }
            }
        }
        i = j;
    }
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Hangul,
    Han,
    Latin,
    Digit,
    Other,
}

fn class(c: char) -> Class {
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
fn runs(word: &str) -> Vec<(Class, &str)> {
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

/// Consonant classes of Hangul syllables, as a loanword or name would be spelled in Latin.
pub fn hangul_skeleton(s: &str) -> Vec<u8> {
    const INITIAL: &[u8; 19] = b"KKNTTLMPPSS-SSSKTPH";
    const FINAL: &[u8; 28] = b"-KKKNNNTLLLLLLLLMPPTTNTTKTP-";
    let mut out = Vec::new();
    for c in s.chars() {
        let code = c as u32;
        if !(0xAC00..=0xD7A3).contains(&code) {
            continue;
        }
        let idx = code - 0xAC00;
        let l = INITIAL[(idx / 588) as usize];
        let t = FINAL[(idx % 28) as usize];
        for x in [l, t] {
            if x != b'-' && out.last() != Some(&x) {
                out.push(x);
            }
        }
    }
    out
}

/// Consonant classes of a Latin word (lower case), in the same alphabet as [`hangul_skeleton`].
pub fn latin_skeleton(s: &str) -> Vec<u8> {
    let b: Vec<u8> = s.bytes().filter(u8::is_ascii_lowercase).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let (class, skip) = match (c, next) {
            (b'c' | b's', Some(b'h')) => (Some(b'S'), 2),
            (b't', Some(b'h')) => (Some(b'T'), 2),
            (b'p', Some(b'h')) => (Some(b'P'), 2),
            (b'g', Some(b'h')) => (None, 2),
            (b'c', Some(b'k')) => (Some(b'K'), 2),
            (b'n', Some(b'g')) => (Some(b'N'), 2),
            (b'q', Some(b'u')) => (Some(b'K'), 2),
            (b'c', Some(b'e' | b'i' | b'y')) => (Some(b'S'), 1),
            (b'x', _) => {
                push_class(&mut out, b'K');
                (Some(b'S'), 1)
            }
            (b'b' | b'p' | b'f' | b'v', _) => (Some(b'P'), 1),
            (b'c' | b'g' | b'k' | b'q', _) => (Some(b'K'), 1),
            (b'd' | b't', _) => (Some(b'T'), 1),
            (b'l' | b'r', _) => (Some(b'L'), 1),
            (b'm', _) => (Some(b'M'), 1),
            (b'n', _) => (Some(b'N'), 1),
            (b'h', _) => (Some(b'H'), 1),
            (b's' | b'z' | b'j', _) => (Some(b'S'), 1),
            _ => (None, 1),
        };
        if let Some(k) = class {
            push_class(&mut out, k);
        }
        i += skip;
    }
    out
}

fn push_class(out: &mut Vec<u8>, k: u8) {
    if out.last() != Some(&k) {
        out.push(k);
    }
}

/// The first three consonant classes, the key two spellings of one name share.
fn skeleton_key(sk: &[u8]) -> Option<String> {
    (sk.len() >= 3).then(|| format!("s:{}", String::from_utf8_lossy(&sk[..3])))
}

/// Boilerplate that one side carries alone: bylines and e-mails, related links, share buttons,
/// photo captions and credits, copyright lines.
fn one_sided(text: &str) -> f64 {
    let t = text.trim();
    let lower = t.to_lowercase();
    let email = t.split_whitespace().any(|w| {
        w.split_once('@')
            .is_some_and(|(a, d)| !a.is_empty() && d.contains('.'))
    });
    let starts = [
        "read ",
        "read more",
        "related",
        "share this",
        "관련기사",
        "관련 기사",
        "이 기사를",
        "▲",
        "△",
        "[사진",
        "사진=",
        "photo:",
        "photo credit",
        "copyright",
        "©",
        "저작권자",
        "ⓒ",
        "click ",
        "subscribe",
        "sign up",
        "advertisement",
        "역주=",
        "번역=",
    ];
    let marks = [
        "all rights reserved",
        "무단전재",
        "무단 전재",
        "재배포 금지",
        "getty images",
        "(ap photo",
        "(reuters)",
        "기자 =",
        "특파원 =",
    ];
    // `[서울=코리아뉴스] 박민수 기자`: a dateline or a short line ending in a reporter's title.
    let dateline = t.starts_with('[') && t.split(']').next().is_some_and(|h| h.contains('='));
    let reporter = t.chars().count() <= 40
        && [
            "기자",
            "특파원",
            "통신원",
            "기자=",
            "Reporter",
            "Correspondent",
        ]
        .iter()
        .any(|r| t.trim_end_matches(['.', ' ']).ends_with(r));
    if email
        || dateline
        || reporter
        || starts.iter().any(|s| lower.starts_with(s))
        || marks.iter().any(|m| lower.contains(m))
    {
        1.0
    } else {
        0.0
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
    fn boilerplate() {
        assert_eq!(one_sided("이서연 기자 lee.seoyeon@example.co.kr"), 1.0);
        assert_eq!(one_sided("READ LeBron to make Lakers debut"), 1.0);
        assert_eq!(one_sided("Rangers suffered another defeat."), 0.0);
    }
}
