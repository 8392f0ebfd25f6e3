//! Korean features, per character: the character and its neighbours, its place in the word
//! (eojeol), the particle that ends the word, the next word (titles), gazetteer, dictionary and
//! surname cues; and the word lists they read.

use std::sync::OnceLock;

use super::{H, alnum, class, f};
use crate::entity::perceptron::{Features, tag_begin, tag_inside};
use crate::entity::{gazetteer, kodic};
use crate::text::particles;

/// Particles and endings that follow a noun inside a word, longest first: the model's rows of
/// [`particles::PARTICLES`] (the shipped model was trained with them).
pub fn particles() -> impl Iterator<Item = &'static str> + Clone {
    particles::model_forms()
}

/// Is `s` one of [`particles`]?
pub fn is_particle(s: &str) -> bool {
    particles().any(|p| p == s)
}

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
pub fn korean_features(chars: &[char]) -> Features {
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
        if let Some((len, bits)) = kodic::longest(chars, ws, we) {
            let rest: String = chars[ws + len..we].iter().collect();
            let rest_kind = if rest.is_empty() {
                1
            } else if is_particle(&rest) {
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
    // Each word's core (punctuation around it dropped), the end of its stem (a final particle
    // stripped) and that particle: the eojeol structure the model sees at every character.
    let parts: Vec<WordParts> = words
        .iter()
        .map(|&(ws, we)| word_parts(chars, ws, we))
        .collect();
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
    let mut out = Features::with_capacity(n, 40);
    for i in 0..n {
        let ii = i as isize;
        let c = chars[i];
        let v = out.current();
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
        if widx[i] != usize::MAX {
            word_features(v, &parts, widx[i], i, c);
        }
        if i + 1 < n && chars[i + 1] == '(' && class(at(ii + 2)) == 'C' {
            v.push(f(26, &[]));
        }
        out.end_position();
    }
    out
}

/// A word's core (the characters between its leading and trailing punctuation), the end of its
/// stem (a final particle stripped when at least two characters stay) and the stem's features.
struct WordParts {
    core: (usize, usize),
    stem_end: usize,
    /// Hash of the stem's text (at most 8 characters), 0 if longer.
    stem: u64,
    /// Hash of the particle, 0 if none.
    particle: u64,
    /// mecab-ko-dic kinds of the stem.
    dict: u8,
    /// Gazetteer kind of the stem (`tag_begin`), 0 if not listed.
    gaz: u8,
}

/// [`particles`] as characters, longest first (a word's end is compared with each).
fn particle_chars() -> &'static [Vec<char>] {
    static LIST: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    LIST.get_or_init(|| particles().map(|p| p.chars().collect()).collect())
}

fn word_parts(chars: &[char], ws: usize, we: usize) -> WordParts {
    let mut cs = ws;
    while cs < we && !alnum(chars[cs]) {
        cs += 1;
    }
    let mut ce = we;
    while ce > cs && !alnum(chars[ce - 1]) {
        ce -= 1;
    }
    // `국무부(외교부)는`: the core ends at an inner parenthesis.
    if let Some(p) = chars[cs..ce].iter().position(|c| *c == '(') {
        ce = cs + p;
    }
    let mut stem_end = ce;
    let mut particle = 0;
    for p in particle_chars() {
        let k = p.len();
        if ce >= cs + k + 2 && chars[ce - k..ce] == p[..] {
            stem_end = ce - k;
            particle = f(30, &chars[stem_end..ce]);
            break;
        }
    }
    let stem_chars = &chars[cs..stem_end];
    let stem_text: String = stem_chars.iter().collect();
    let (dict, gaz) = if stem_chars.len() >= 2 {
        (
            kodic::kinds(&stem_text),
            gazetteer::shipped()
                .ko_kind(&stem_text)
                .map_or(0, tag_begin),
        )
    } else {
        (0, 0)
    };
    WordParts {
        core: (cs, ce),
        stem_end,
        stem: if stem_chars.len() <= 8 {
            f(29, stem_chars)
        } else {
            0
        },
        particle,
        dict,
        gaz,
    }
}

/// Eojeol features of character `i` (character `c`) of word `w`: where it sits in the stem,
/// the stem and its particle, the stem's dictionary kinds, and the neighbouring stems.
fn word_features(v: &mut Vec<u64>, parts: &[WordParts], w: usize, i: usize, c: char) {
    let p = &parts[w];
    let (cs, ce) = p.core;
    // Region: before the core, in the stem (begin/inside/end/single), in the particle, after.
    let region: u8 = if i < cs {
        0
    } else if i < p.stem_end {
        let first = i == cs;
        let last = i + 1 == p.stem_end;
        match (first, last) {
            (true, true) => 1,
            (true, false) => 2,
            (false, false) => 3,
            (false, true) => 4,
        }
    } else if i < ce {
        5
    } else {
        6
    };
    let mix = |t: u8, a: u64, b: u8| -> u64 {
        let mut h = H::new(t);
        for x in a.to_le_bytes() {
            h.byte(x);
        }
        h.byte(b);
        h.done()
    };
    if p.stem != 0 {
        v.push(mix(31, p.stem, region));
    }
    v.push(mix(32, p.particle, region));
    if p.dict != 0 {
        v.push(mix(33, u64::from(p.dict), region));
    }
    if p.gaz != 0 {
        v.push(mix(34, u64::from(p.gaz), region));
    }
    let mut h = H::new(35);
    h.char(c);
    h.byte(region);
    v.push(h.done());
    if let Some(q) = w.checked_sub(1).and_then(|k| parts.get(k)) {
        if q.stem != 0 {
            v.push(mix(36, q.stem, region));
        }
        v.push(mix(37, u64::from(q.dict) << 8 | u64::from(q.gaz), region));
    }
    if let Some(q) = parts.get(w + 1) {
        if q.stem != 0 {
            v.push(mix(38, q.stem, region));
        }
        v.push(mix(39, u64::from(q.dict) << 8 | u64::from(q.gaz), region));
    }
}
