//! English features, per word: the word, its shape and affixes, its neighbours, capitalisation
//! at a sentence start, gazetteer and title cues.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{H, Sentence};
use crate::entity::gazetteer::{self, en_key};
use crate::entity::perceptron::{Features, tag_begin, tag_inside};

/// A word of English text: its character range.
pub fn english_tokens(chars: &[char]) -> Vec<(usize, usize)> {
    let n = chars.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            while i < n {
                let d = chars[i];
                // A possessive `'s` is a word of its own.
                let possessive = matches!(d, '\'' | '’')
                    && chars.get(i + 1) == Some(&'s')
                    && chars.get(i + 2).is_none_or(|c| !c.is_alphanumeric());
                let joins = matches!(d, '-' | '\'' | '’' | '.' | '&')
                    && i + 1 < n
                    && chars[i + 1].is_alphanumeric()
                    && i > s
                    && !possessive;
                if d.is_alphanumeric() || joins {
                    i += 1;
                } else {
                    break;
                }
            }
            // `U.S.`: keep a final period after single capitals.
            if i < n && chars[i] == '.' && i - s >= 3 && chars[i - 2] == '.' {
                i += 1;
            }
            out.push((s, i));
        } else {
            out.push((i, i + 1));
            i += 1;
        }
    }
    out
}

fn shape(w: &[char]) -> String {
    let mut s = String::new();
    for c in w {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            *c
        };
        if !s.ends_with(k) || s.chars().rev().take_while(|x| *x == k).count() < 2 {
            s.push(k);
        }
    }
    s
}

const EN_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "secretary",
    "senator",
    "king",
    "queen",
    "prince",
    "general",
    "gen",
    "chairman",
    "professor",
    "prof",
    "sir",
    "lord",
    "pope",
    "saint",
    "st",
    "chancellor",
    "governor",
    "mayor",
    "spokesman",
    "spokeswoman",
    "adviser",
    "advisor",
    "leader",
    "premier",
    "ambassador",
    "director",
    "judge",
    "captain",
    "colonel",
    "lt",
];

const EN_ORG: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "company",
    "co",
    "ltd",
    "llc",
    "group",
    "university",
    "college",
    "institute",
    "ministry",
    "department",
    "agency",
    "council",
    "committee",
    "commission",
    "association",
    "party",
    "bank",
    "army",
    "navy",
    "force",
    "command",
    "union",
    "organization",
    "organisation",
    "foundation",
    "times",
    "post",
    "news",
    "school",
    "church",
    "club",
    "team",
    "society",
    "office",
    "court",
    "assembly",
    "congress",
    "parliament",
    "senate",
];

const EN_LOWER: &str = include_str!("../../../assets/entities/en_lower.txt");

/// Set by the trainer before it trains (the vocabulary it computed), else the shipped file.
pub static EN_LOWER_OVERRIDE: OnceLock<HashSet<String>> = OnceLock::new();

/// Words the English training text writes in lower case (`assets/entities/en_lower.txt`): a
/// capitalised word that is one of them is more likely a sentence start than a name.
pub fn is_lower_word(w: &str) -> bool {
    static SHIPPED: OnceLock<HashSet<String>> = OnceLock::new();
    let set = EN_LOWER_OVERRIDE.get().unwrap_or_else(|| {
        SHIPPED.get_or_init(|| {
            EN_LOWER
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_string)
                .collect()
        })
    });
    set.contains(w)
}

/// The lower-case words of training sentences outside entity spans.
pub fn lower_vocabulary(sentences: &[Sentence]) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    for s in sentences {
        let chars: Vec<char> = s.text.chars().collect();
        for (a, b) in english_tokens(&chars) {
            let w: String = chars[a..b].iter().collect();
            let inside = s.entities.iter().any(|e| e.start < b && a < e.end);
            if !inside && w.chars().all(|c| c.is_lowercase()) {
                out.insert(w);
            }
        }
    }
    out.into_iter().collect()
}

/// Features of each English word (`tokens` from [`english_tokens`]).
pub fn english_features(chars: &[char], tokens: &[(usize, usize)]) -> Features {
    let g = gazetteer::shipped();
    let words: Vec<&[char]> = tokens.iter().map(|(s, e)| &chars[*s..*e]).collect();
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.iter().collect::<String>().to_lowercase())
        .collect();
    let shapes: Vec<String> = words.iter().map(|w| shape(w)).collect();
    let n = words.len();
    // Sentence starts: the first word, and words after . ! ? : or an opening quote.
    let starts: Vec<bool> = (0..n)
        .map(|i| {
            i == 0
                || matches!(
                    lower[i - 1].as_str(),
                    "." | "!" | "?" | ":" | "\"" | "“" | "'" | "‘" | "(" | "-" | "–" | "—"
                )
        })
        .collect();
    // Gazetteer marks over up to four words.
    let mut gaz = vec![0u8; n];
    let mut i = 0;
    while i < n {
        let mut hit = None;
        for len in (1..=g.max_en_words.min(4).min(n - i)).rev() {
            if !words[i][0].is_uppercase() {
                break;
            }
            let cand = lower[i..i + len].join(" ");
            if let Some(k) = g.en_kind(&cand) {
                hit = Some((len, k));
                break;
            }
        }
        if let Some((len, k)) = hit {
            gaz[i] = tag_begin(k);
            for x in gaz.iter_mut().skip(i + 1).take(len - 1) {
                *x = tag_inside(k);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    let get = |k: isize| -> (&str, &str) {
        if k < 0 || k as usize >= n {
            ("<s>", "<s>")
        } else {
            (lower[k as usize].as_str(), shapes[k as usize].as_str())
        }
    };
    let mut out = Features::with_capacity(n, 32);
    for i in 0..n {
        let ii = i as isize;
        let w = words[i];
        let lw = lower[i].as_str();
        let v = out.current();
        let mut push = |t: u8, parts: &[&str]| {
            let mut h = H::new(t);
            for p in parts {
                h.str(p);
            }
            v.push(h.done());
        };
        let cap = if w[0].is_uppercase() { "C" } else { "c" };
        let st = if starts[i] { "S" } else { "s" };
        push(0, &[]);
        push(1, &[lw]);
        push(2, &[&shapes[i]]);
        push(3, &[&shapes[i], st]);
        let lc: Vec<char> = lw.chars().collect();
        for k in 1..=3usize {
            if lc.len() > k {
                let pre: String = lc[..k].iter().collect();
                let suf: String = lc[lc.len() - k..].iter().collect();
                push(4, &[&pre]);
                push(5, &[&suf]);
            }
        }
        let (p1, ps1) = get(ii - 1);
        let (n1, ns1) = get(ii + 1);
        let (p2, ps2) = get(ii - 2);
        let (n2, ns2) = get(ii + 2);
        push(6, &[p1]);
        push(7, &[n1]);
        push(8, &[p2]);
        push(9, &[n2]);
        push(10, &[ps1, &shapes[i], ns1]);
        push(11, &[ps2, ps1]);
        push(12, &[ns1, ns2]);
        push(13, &[p1, cap]);
        push(14, &[n1, cap]);
        push(15, &[cap, st, lw]);
        if EN_TITLES.contains(&p1.trim_end_matches('.')) {
            push(16, &[cap]);
        }
        if EN_ORG.contains(&lw) {
            push(17, &[cap]);
        }
        if EN_ORG.contains(&n1) || EN_ORG.contains(&n2) {
            push(18, &[cap]);
        }
        if gaz[i] != 0 {
            let t = gaz[i].to_string();
            push(19, &[&t]);
            push(20, &[&t, st]);
        }
        if lw.ends_with("'s") || lw.ends_with("’s") {
            push(21, &[cap]);
        }
        // Lower case nearby words: a capitalised word in a title-case line says less.
        let caps_around = (i.saturating_sub(3)..(i + 4).min(n))
            .filter(|k| *k != i && words[*k][0].is_uppercase())
            .count();
        push(22, &[&caps_around.min(4).to_string(), cap]);
        push(23, &[&en_key(lw)]);
        if w[0].is_uppercase() {
            let known = if is_lower_word(lw) { "k" } else { "u" };
            push(24, &[known, st]);
            push(25, &[known, ps1]);
        }
        out.end_position();
    }
    out
}
