//! Features for the perceptron: per character for Korean (the character, its neighbours, its
//! place in the word, what follows it in the word — particles —, the next word — titles —,
//! gazetteer and surname cues), per word for English (the word, its shape, affixes, its
//! neighbours, capitalisation at a sentence start, gazetteer and title cues). Features are
//! 64-bit hashes of a template number and its characters.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::gazetteer::{self, en_key};
use super::perceptron::{tag_begin, tag_inside};
use super::{EntityKind, Span};

/// One annotated training sentence (the `train/*.jsonl` format): offsets in characters.
#[derive(Debug, Clone, Deserialize)]
pub struct Sentence {
    pub text: String,
    pub entities: Vec<GoldSpan>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
}

/// FNV-1a over the template number and the characters, then a final mix.
struct H(u64);

impl H {
    fn new(template: u8) -> H {
        let mut h = H(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    fn char(&mut self, c: char) -> &mut H {
        for b in (c as u32).to_le_bytes() {
            self.byte(b);
        }
        self
    }
    fn str(&mut self, s: &str) -> &mut H {
        for c in s.chars() {
            self.char(c);
        }
        self.char('\u{1}')
    }
    fn done(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }
}

fn f(template: u8, cs: &[char]) -> u64 {
    let mut h = H::new(template);
    for c in cs {
        h.char(*c);
    }
    h.done()
}

/// A coarse class of a character.
fn class(c: char) -> char {
    match c {
        '\u{ac00}'..='\u{d7a3}' => 'H',
        'A'..='Z' => 'A',
        'a'..='z' => 'a',
        '0'..='9' => '9',
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' => 'C',
        c if c.is_whitespace() => '_',
        c if c.is_alphabetic() => 'L',
        '(' | ')' | '[' | ']' => '(',
        '\'' | '"' | '‘' | '’' | '“' | '”' => 'q',
        _ => '.',
    }
}

/// Particles and endings that follow a noun inside a word, longest first.
pub const PARTICLES: &[&str] = &[
    "에서부터",
    "으로부터",
    "에게서는",
    "으로서는",
    "이라는",
    "에서는",
    "에서도",
    "에서의",
    "에게는",
    "에게도",
    "으로는",
    "으로의",
    "와의",
    "과의",
    "에서",
    "에게",
    "께서",
    "으로",
    "보다",
    "처럼",
    "까지",
    "부터",
    "마저",
    "조차",
    "이나",
    "이며",
    "이고",
    "이다",
    "이라",
    "에는",
    "에도",
    "에의",
    "와는",
    "과는",
    "만의",
    "측은",
    "측이",
    "측의",
    "측",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
    "도",
    "로",
    "만",
    "나",
    "측",
];

/// Common Korean surnames (one syllable).
pub const SURNAMES: &str = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용";

/// Words that follow a person's name: titles, roles, honorifics.
pub const TITLES: &[&str] = &[
    "대통령",
    "부통령",
    "총리",
    "부총리",
    "장관",
    "차관",
    "대변인",
    "보좌관",
    "위원장",
    "부위원장",
    "주석",
    "부주석",
    "국가주석",
    "총서기",
    "서기",
    "교수",
    "특파원",
    "기자",
    "씨",
    "대표",
    "의원",
    "회장",
    "부회장",
    "사장",
    "부사장",
    "감독",
    "선수",
    "대사",
    "총장",
    "원장",
    "소장",
    "국장",
    "실장",
    "본부장",
    "청장",
    "시장",
    "지사",
    "도지사",
    "군수",
    "구청장",
    "비서실장",
    "수석",
    "차장",
    "부장",
    "과장",
    "팀장",
    "연구원",
    "연구위원",
    "박사",
    "변호사",
    "판사",
    "검사",
    "전문가",
    "총재",
    "의장",
    "국방장관",
    "외무장관",
    "외교부장",
    "국무장관",
    "여사",
    "후보",
    "당선인",
    "전 대통령",
    "사령관",
    "장군",
    "대장",
    "중장",
    "작가",
    "배우",
    "가수",
    "외상",
    "외무상",
    "보도관",
    "국무위원장",
    "위원",
    "상무",
];

/// Word endings that make an organisation.
pub const ORG_SUFFIXES: &[&str] = &[
    "위원회",
    "외교부",
    "국방부",
    "연구소",
    "연구원",
    "통신",
    "사령부",
    "대학교",
    "대학",
    "협회",
    "재단",
    "공사",
    "그룹",
    "은행",
    "정부",
    "부처",
    "당",
    "청",
    "처",
    "원",
    "회",
    "포럼",
    "센터",
    "일보",
    "신문",
    "방송",
    "타임즈",
    "타임스",
    "뉴스",
    "전자",
    "증권",
    "기구",
    "연맹",
    "연합",
];

/// `char::is_alphanumeric`, quick for Hangul syllables and ASCII.
fn alnum(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c) || c.is_ascii_alphanumeric() || c.is_alphanumeric()
}

/// [`TITLES`] as characters.
fn title_chars() -> &'static [(&'static str, Vec<char>)] {
    static T: OnceLock<Vec<(&'static str, Vec<char>)>> = OnceLock::new();
    T.get_or_init(|| TITLES.iter().map(|t| (*t, t.chars().collect())).collect())
}

/// [`ORG_SUFFIXES`] as characters.
fn org_chars() -> &'static [(&'static str, Vec<char>)] {
    static T: OnceLock<Vec<(&'static str, Vec<char>)>> = OnceLock::new();
    T.get_or_init(|| {
        ORG_SUFFIXES
            .iter()
            .map(|t| (*t, t.chars().collect()))
            .collect()
    })
}

/// Korean words with a marker at each character: inside a gazetteer name (and of which kind),
/// and the cue flags.
pub fn korean_features(chars: &[char]) -> Vec<Vec<u64>> {
    let n = chars.len();
    let g = gazetteer::shipped();
    // Word bounds (space-separated eojeol) of each position.
    let mut word_of = vec![(0usize, 0usize); n];
    let mut widx = vec![usize::MAX; n];
    let mut i = 0;
    let mut words: Vec<(usize, usize)> = Vec::new();
    while i < n {
        if chars[i].is_whitespace() {
            word_of[i] = (i, i + 1);
            i += 1;
            continue;
        }
        let s = i;
        while i < n && !chars[i].is_whitespace() {
            i += 1;
        }
        for k in s..i {
            word_of[k] = (s, i);
            widx[k] = words.len();
        }
        words.push((s, i));
    }
    // Gazetteer marks: the longest listed name starting at each position of a word.
    let mut gaz = vec![0u8; n]; // 0 none, else tag (begin/inside of kind)
    let text: String = chars.iter().collect();
    let mut byte_at = Vec::with_capacity(n + 1);
    let mut b = 0;
    for c in chars {
        byte_at.push(b);
        b += c.len_utf8();
    }
    byte_at.push(b);
    let mut p = 0;
    while p < n {
        let word_start = p == 0 || !alnum(chars[p - 1]);
        if !word_start || chars[p].is_whitespace() {
            p += 1;
            continue;
        }
        let mut best = 0;
        let mut best_kind = None;
        let max = if p + 1 < n && g.starts_name(chars[p], chars[p + 1]) {
            g.max_ko.min(n - p)
        } else {
            0
        };
        for len in (2..=max).rev() {
            if chars[p + len - 1].is_whitespace() {
                continue;
            }
            let cand = &text[byte_at[p]..byte_at[p + len]];
            if let Some(k) = g.ko_kind(cand) {
                best = len;
                best_kind = Some(k);
                break;
            }
        }
        match best_kind {
            Some(k) => {
                gaz[p] = tag_begin(k);
                for x in gaz.iter_mut().skip(p + 1).take(best - 1) {
                    *x = tag_inside(k);
                }
                p += best;
            }
            _ => p += 1,
        }
    }
    // The longest mecab-ko-dic proper noun at each word start: (position code, kinds, rest).
    let mut dict = vec![(0u8, 0u8, 0u8); n];
    for &(ws, we) in &words {
        if let Some((len, bits)) = super::kodic::longest(chars, ws, we) {
            let rest: String = chars[ws + len..we].iter().collect();
            let rest_kind = if rest.is_empty() {
                1
            } else if PARTICLES.contains(&rest.as_str()) {
                2
            } else {
                3
            };
            for (k, d) in dict.iter_mut().enumerate().skip(ws).take(len) {
                let pos = if k == ws {
                    1
                } else if k + 1 == ws + len {
                    3
                } else {
                    2
                };
                *d = (pos, bits, rest_kind);
            }
        }
    }
    let titles = title_chars();
    let title_start = |s: usize, e: usize| -> Option<&'static str> {
        let w = &chars[s..e];
        let first = *w.first()?;
        titles
            .iter()
            .filter(|(_, t)| t[0] == first && w.starts_with(t))
            .max_by_key(|(name, _)| name.len())
            .map(|(name, _)| *name)
    };
    let at = |k: isize| -> char {
        if k < 0 || k as usize >= n {
            '\u{2}'
        } else {
            chars[k as usize]
        }
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let ii = i as isize;
        let c = chars[i];
        let mut v = Vec::with_capacity(40);
        v.push(f(0, &[]));
        v.push(f(1, &[c]));
        v.push(f(2, &[at(ii - 1)]));
        v.push(f(3, &[at(ii + 1)]));
        v.push(f(4, &[at(ii - 2)]));
        v.push(f(5, &[at(ii + 2)]));
        v.push(f(6, &[at(ii - 1), c]));
        v.push(f(7, &[c, at(ii + 1)]));
        v.push(f(8, &[at(ii - 1), c, at(ii + 1)]));
        v.push(f(9, &[at(ii - 2), at(ii - 1), c]));
        v.push(f(10, &[c, at(ii + 1), at(ii + 2)]));
        v.push(f(11, &[class(at(ii - 1)), class(c), class(at(ii + 1))]));
        let (ws, we) = word_of[i];
        let from_start = (i - ws).min(4) as u8;
        let to_end = (we - 1 - i).min(4) as u8;
        let mut h = H::new(12);
        h.byte(from_start);
        h.byte(to_end);
        v.push(h.done());
        if !c.is_whitespace() {
            // What follows this character in its word (particles, endings), what precedes it.
            let rest = &chars[i + 1..we];
            if rest.len() <= 4 {
                v.push(f(13, rest));
            }
            let before = &chars[ws..i];
            if before.len() <= 3 {
                v.push(f(14, before));
            }
            // The word itself, as far as here, and whole.
            if we - ws <= 8 {
                v.push(f(15, &chars[ws..we]));
            }
            v.push(f(16, &chars[ws..=i]));
            // The next and previous words.
            let next = words.get(widx[i] + 1);
            let prev = widx[i].checked_sub(1).and_then(|k| words.get(k));
            if let Some(&(s, e)) = next {
                let k = (e - s).min(2);
                let mut h = H::new(17);
                for ch in &chars[s..s + k] {
                    h.char(*ch);
                }
                h.byte(to_end);
                v.push(h.done());
                if let Some(t) = title_start(s, e) {
                    let mut h = H::new(18);
                    h.byte(to_end);
                    v.push(h.done());
                    let mut h = H::new(19);
                    h.str(t);
                    h.byte(to_end);
                    v.push(h.done());
                }
            }
            if let Some(&(s, e)) = prev {
                let k = (e - s).min(2);
                let mut h = H::new(20);
                for ch in &chars[e - k..e] {
                    h.char(*ch);
                }
                h.byte(from_start);
                v.push(h.done());
            }
            // A title that starts right after this character inside the word (`장관은`).
            if let Some(t) = title_start(i + 1, we) {
                let mut h = H::new(21);
                h.str(t);
                v.push(h.done());
            }
            // Organisation suffixes ending here.
            for (s, sc) in org_chars() {
                let k = sc.len();
                if sc.last() == Some(&c)
                    && i + 1 >= k
                    && i + 1 - k >= ws
                    && chars[i + 1 - k..=i] == sc[..]
                {
                    let mut h = H::new(22);
                    h.str(s);
                    h.byte(to_end);
                    v.push(h.done());
                }
            }
        }
        // Surname at a word start.
        if i == ws && SURNAMES.contains(c) {
            let mut h = H::new(23);
            h.byte((we - ws).min(6) as u8);
            v.push(h.done());
        }
        if gaz[i] != 0 {
            let mut h = H::new(24);
            h.byte(gaz[i]);
            v.push(h.done());
            let mut h = H::new(25);
            h.byte(gaz[i]);
            h.char(c);
            v.push(h.done());
        }
        let (dp, db, dr) = dict[i];
        if dp != 0 {
            let mut h = H::new(27);
            h.byte(dp);
            h.byte(db);
            h.byte(dr);
            v.push(h.done());
            let mut h = H::new(28);
            h.byte(db);
            h.byte(dr);
            v.push(h.done());
        }
        if i + 1 < n && chars[i + 1] == '(' && class(at(ii + 2)) == 'C' {
            v.push(f(26, &[]));
        }
        out.push(v);
    }
    out
}

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

const EN_LOWER: &str = include_str!("../../assets/entities/en_lower.txt");

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
pub fn english_features(chars: &[char], tokens: &[(usize, usize)]) -> Vec<Vec<u64>> {
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
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let ii = i as isize;
        let w = words[i];
        let lw = lower[i].as_str();
        let mut v = Vec::with_capacity(32);
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
        out.push(v);
    }
    out
}

/// Gold tags of a sentence for the given positions (characters or tokens).
pub fn gold_tags(sentence: &Sentence, positions: &[(usize, usize)]) -> Vec<u8> {
    let mut tags = vec![0u8; positions.len()];
    for e in &sentence.entities {
        let Some(kind) = EntityKind::from_name(&e.kind) else {
            continue;
        };
        let mut first = true;
        for (k, (s, t)) in positions.iter().enumerate() {
            if *s >= e.start && *t <= e.end {
                tags[k] = if first {
                    tag_begin(kind)
                } else {
                    tag_inside(kind)
                };
                first = false;
            }
        }
    }
    tags
}

/// Spans from tags over positions (characters or tokens).
pub fn spans_from_tags(chars: &[char], positions: &[(usize, usize)], tags: &[u8]) -> Vec<Span> {
    use super::perceptron::tag_kind;
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize, EntityKind)> = None;
    let close = |cur: &mut Option<(usize, usize, EntityKind)>, out: &mut Vec<Span>| {
        if let Some((s, e, kind)) = cur.take() {
            // Never end or start on a space.
            let mut s2 = s;
            let mut e2 = e;
            while s2 < e2 && chars[s2].is_whitespace() {
                s2 += 1;
            }
            while e2 > s2 && chars[e2 - 1].is_whitespace() {
                e2 -= 1;
            }
            if e2 > s2 {
                out.push(Span {
                    start: s2,
                    end: e2,
                    kind,
                    text: chars[s2..e2].iter().collect(),
                });
            }
        }
    };
    for (k, (s, e)) in positions.iter().enumerate() {
        let t = tags[k];
        match tag_kind(t) {
            None => close(&mut cur, &mut out),
            Some(kind) => {
                let begins = t % 2 == 1;
                match &mut cur {
                    Some((_, end, ck)) if !begins && *ck == kind => *end = *e,
                    _ => {
                        close(&mut cur, &mut out);
                        cur = Some((*s, *e, kind));
                    }
                }
            }
        }
    }
    close(&mut cur, &mut out);
    out
}
