//! The rules of Korean entity spans: hanja in parentheses, Latin acronyms, organisation
//! suffix words, names before titles and roles, state-syllable compounds (`남북`, `한미`), lone
//! surnames before a title, gazetteer names as whole words.

use std::sync::OnceLock;

use super::{COMMON, hanja_after, stem};
use crate::entity::features::{ORG_SUFFIXES, SURNAMES, TITLES, is_particle};
use crate::entity::{EntityKind, Span, gazetteer, kodic};
use crate::text::hangul::{Syllable, is_syllable};

/// Latin acronyms that are words, not names.
const NOT_ACRONYMS: &[&str] = &[
    "TV", "PC", "CEO", "CFO", "SNS", "IT", "AI", "OK", "DNA", "GDP", "CCTV", "PD", "MC", "OST",
    "CG", "VR", "AR", "ICT", "LED", "LCD", "USB", "PPT", "APP", "OS", "ID", "PR", "Q", "A", "B",
    "C", "D", "VS", "NO", "MVP", "CD", "DVD", "SF", "HD", "UHD", "GPS", "IoT", "QR", "VIP", "DM",
    "KM", "CM", "MM", "KG", "AM", "PM", "ETF", "IPO", "MOU", "FTA", "ESG", "R", "S", "M", "X",
];
fn overlaps(spans: &[Span], s: usize, e: usize) -> bool {
    spans.iter().any(|x| x.start < e && s < x.end)
}

fn add(spans: &mut Vec<Span>, chars: &[char], s: usize, e: usize, kind: EntityKind, replace: bool) {
    if overlaps(spans, s, e) {
        if !replace {
            return;
        }
        spans.retain(|x| !(x.start < e && s < x.end));
    }
    spans.push(Span {
        start: s,
        end: e,
        kind,
        text: chars[s..e].iter().collect(),
    });
}

/// A word that can be part of a person's name: Hangul, listed as a person or spelled like a
/// foreign name (`ㅡ` syllables: `러브로프`, `가우제` has `제`…), no verb or particle ending,
/// not a listed place or organisation, not a common word or title.
fn name_like(word: &str) -> bool {
    let k = word.chars().count();
    let last = word.chars().last().unwrap_or(' ');
    if !(1..=5).contains(&k)
        || !word.chars().all(is_syllable)
        || COMMON.contains(&word)
        || TITLES.contains(&word)
        || gazetteer::shipped().ko_kind(word).is_some()
        || ORG_SUFFIXES
            .iter()
            .any(|x| word.ends_with(x) && x.chars().count() >= 2)
        || (k >= 2 && "다고는은을를의에데진된한될던며서도만로과와이가면써요게지해".contains(last))
    {
        return false;
    }
    let bits = kodic::kinds(word);
    let foreign = word.chars().any(foreign_syllable);
    if bits & (kodic::PLACE | kodic::ORG) != 0 {
        return false;
    }
    bits & kodic::PERSON != 0 || k == 1 || foreign
}

/// Syllables that Korean writes mostly in foreign names: the added vowel `ㅡ` after a
/// consonant (`스`, `르`, `프`), and `ㅔ`, `ㅐ`, `ㅖ`, `ㅒ`, `ㅟ`, `ㅑ`, `ㅕ`-less loan spellings such as `제`, `베`, `셰`.
pub(super) fn foreign_syllable(c: char) -> bool {
    let Some(s) = Syllable::of(c) else {
        return false;
    };
    let (initial, vowel) = (s.initial_jamo(), s.medial_jamo());
    // ㅡ or ㅔ after any consonant but ㅇ; ㅐ after ㅋ ㅌ ㅍ.
    (matches!(vowel, 'ㅡ' | 'ㅔ') && initial != 'ㅇ')
        || (vowel == 'ㅐ' && matches!(initial, 'ㅋ' | 'ㅌ' | 'ㅍ'))
}

/// Roles written before a name (`전문가 켄 가우제`).
const ROLES_BEFORE: &[&str] = &[
    "전문가",
    "대변인",
    "특파원",
    "애널리스트",
    "연구원",
    "교수",
    "감독",
];

/// The title a word starts with (`대변인은` → `대변인`), if any.
pub(super) fn title_of(word: &str) -> Option<&'static str> {
    // One-word titles of two syllables or more, by first character.
    static BY_FIRST: OnceLock<std::collections::HashMap<char, Vec<&'static str>>> = OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut m: std::collections::HashMap<char, Vec<&'static str>> = Default::default();
        for t in TITLES
            .iter()
            .filter(|t| t.chars().count() >= 2 && !t.contains(' '))
        {
            if let Some(c) = t.chars().next() {
                m.entry(c).or_default().push(t);
            }
        }
        m
    });
    by_first
        .get(&word.chars().next()?)?
        .iter()
        .filter(|t| {
            word.starts_with(**t) && {
                let rest = &word[t.len()..];
                rest.is_empty() || is_particle(rest)
            }
        })
        .max_by_key(|t| t.len())
        .copied()
}

/// The organisation suffix words that take the words before them as a name (`랜드 연구소`),
/// in [`ORG_SUFFIXES`] order, treaties after: two syllables or more, and not the generic
/// ones that end ordinary nouns too.
fn name_suffixes() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        ORG_SUFFIXES
            .iter()
            .chain(&["협정", "조약"])
            .filter(|x| {
                x.chars().count() >= 2
                    && !matches!(
                        **x,
                        "정부"
                            | "그룹"
                            | "은행"
                            | "대학"
                            | "뉴스"
                            | "전자"
                            | "연합"
                            | "증권"
                            | "방송"
                            | "신문"
                    )
            })
            .copied()
            .collect()
    })
}

/// Names before titles and roles (`숀 사벳 백악관 대변인은`, `세르게이 러브로프 외상은`),
/// affiliations between them skipped; a name followed by its role in parentheses
/// (`양젠리(중국 공민역량 총재)`).
fn titles(chars: &[char], words: &[(usize, usize)], spans: &mut Vec<Span>) {
    let text = |w: (usize, usize)| -> String { chars[w.0..w.1].iter().collect() };
    let g = gazetteer::shipped();
    for (wi, &w) in words.iter().enumerate() {
        let wt = text(w);
        if ROLES_BEFORE.contains(&wt.as_str()) {
            // `전문가 켄 가우제에 따르면`: the name after a role, its particle stripped.
            if let (Some(&a), Some(&b)) = (words.get(wi + 1), words.get(wi + 2)) {
                let (ta, tb) = (text(a), text(b));
                let tb_stem = stem(&tb);
                if name_like(&ta) && name_like(tb_stem) && tb_stem.chars().any(foreign_syllable) {
                    let e = b.0 + tb_stem.chars().count();
                    add(spans, chars, a.0, e, EntityKind::Person, true);
                }
            }
            continue;
        }
        if title_of(&wt).is_none() {
            continue;
        }
        // A name the model found right before the title but typed otherwise is a person when
        // the dictionary lists it as one only (`푸틴 대통령과`).
        if let Some(&pw) = wi.checked_sub(1).and_then(|k| words.get(k))
            && let Some(x) = spans
                .iter_mut()
                .find(|x| x.start == pw.0 && x.end == pw.1 && x.kind != EntityKind::Person)
            && kodic::kinds(&x.text) == kodic::PERSON
        {
            x.kind = EntityKind::Person;
        }
        // Affiliations between name and title: listed names, found spans, `주북`-style posts.
        let mut k = wi;
        let mut skipped = 0;
        while k > 0 && skipped < 2 {
            let pw = words[k - 1];
            let t = text(pw);
            let affiliation = g.ko_kind(&t).is_some()
                || spans
                    .iter()
                    .any(|s| s.start == pw.0 && s.end == pw.1 && s.kind != EntityKind::Person)
                || (t.chars().count() == 2 && t.starts_with('주'));
            if !affiliation {
                break;
            }
            k -= 1;
            skipped += 1;
        }
        // One or two name-like words, the first may be a one-syllable given name (`숀`).
        let mut start = None;
        let mut j = k;
        while j > 0 && k - j < 2 {
            let pw = words[j - 1];
            let t = text(pw);
            if !name_like(&t) || (t.chars().count() == 1 && j == k) {
                break;
            }
            start = Some(pw.0);
            j -= 1;
        }
        let Some(s) = start else { continue };
        let e = words[k - 1].1;
        // Only a foreign or full name: two words, or one of three syllables or more.
        let one = j + 1 == k;
        if one && chars[s..e].len() < 3 {
            continue;
        }
        // A person found already wider than this stays.
        if spans
            .iter()
            .any(|x| x.start <= s && e <= x.end && x.kind == EntityKind::Person)
        {
            continue;
        }
        add(spans, chars, s, e, EntityKind::Person, true);
    }
    // `이름(소속 직함)`: a name with its role in parentheses.
    for k in 1..chars.len() {
        if chars[k] != '(' || !is_syllable(chars[k - 1]) {
            continue;
        }
        let Some(close) = chars[k..].iter().position(|c| *c == ')') else {
            continue;
        };
        let inner: String = chars[k + 1..k + close].iter().collect();
        let role = inner
            .split_whitespace()
            .last()
            .is_some_and(|w| title_of(w).is_some());
        let mut s = k;
        while s > 0 && is_syllable(chars[s - 1]) {
            s -= 1;
        }
        let name: String = chars[s..k].iter().collect();
        if role && (2..=5).contains(&(k - s)) && name_like(&name) {
            add(spans, chars, s, k, EntityKind::Person, true);
        }
    }
}

/// One-syllable names of states that Korean joins into compounds (`남북`, `한미`, `북-중`).
const STATE_SYLLABLES: &str = "한미중일북남러";

/// The compounds of [`STATE_SYLLABLES`] that news writes: each syllable is the state itself
/// (`남북 관계` is the relations of South and North), an organisation as KLUE-NER marks them.
const STATE_COMPOUNDS: &[&str] = &[
    "남북",
    "한미",
    "미한",
    "북미",
    "미북",
    "한일",
    "일한",
    "한중",
    "중한",
    "중일",
    "미중",
    "중미",
    "북중",
    "중북",
    "한러",
    "미러",
    "북러",
    "북일",
    "미일",
    "한미일",
    "한중일",
    "한미중",
    "남북미",
    "북미중",
];

/// State-syllable compounds split into their states: a word that is one of
/// [`STATE_COMPOUNDS`] (or two state syllables joined by `-`/`·`), followed by nothing, a
/// particle or `간` (between).
fn abbreviations(chars: &[char], words: &[(usize, usize)], spans: &mut Vec<Span>) {
    for &(ws, we) in words {
        let mut s = ws;
        while s < we && !chars[s].is_alphanumeric() {
            s += 1;
        }
        let mut e = s;
        let mut parts = Vec::new();
        while e < we && STATE_SYLLABLES.contains(chars[e]) {
            parts.push(e);
            e += 1;
            if e + 1 < we && matches!(chars[e], '-' | '·') && STATE_SYLLABLES.contains(chars[e + 1])
            {
                e += 1;
            }
        }
        if parts.len() < 2 {
            continue;
        }
        let joined: String = parts.iter().map(|&k| chars[k]).collect();
        let hyphened = e - s > parts.len();
        if !(STATE_COMPOUNDS.contains(&joined.as_str()) || hyphened && parts.len() == 2) {
            continue;
        }
        let mut rest: String = chars[e..we]
            .iter()
            .collect::<String>()
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        if let Some(r) = rest.strip_prefix('간') {
            rest = r.to_string();
        }
        if !rest.is_empty() && !is_particle(&rest) {
            continue;
        }
        spans.retain(|x| !(x.start < e && s < x.end));
        for k in parts {
            add(spans, chars, k, k + 1, EntityKind::Org, true);
        }
    }
}
/// Titles after which a lone surname is a person (`김 의원은`, `윤모 씨`): not `대통령` or
/// `선수`, which follow `전` (former) and `이` (this) as often as a surname.
const SHORT_FORM_TITLES: &[&str] = &[
    "씨",
    "의원",
    "후보",
    "대표",
    "위원장",
    "회장",
    "교수",
    "장관",
    "감독",
    "본부장",
    "기자",
    "부주석",
    "주석",
    "총리",
    "부총리",
    "대변인",
    "보좌관",
    "특파원",
    "사장",
    "원장",
    "여사",
];

/// A surname written alone (or as `김모`) before a title: the person's short form.
fn short_forms(chars: &[char], words: &[(usize, usize)], spans: &mut Vec<Span>) {
    for pair in words.windows(2) {
        let ((s, e), (ns, ne)) = (pair[0], pair[1]);
        let w = &chars[s..e];
        let name_len = match w {
            [c] => SURNAMES.contains(*c).then_some(1),
            [c, '모'] => SURNAMES.contains(*c).then_some(1),
            _ => None,
        };
        let Some(len) = name_len else { continue };
        if "전그각한두새".contains(w[0]) {
            continue;
        }
        let next: String = chars[ns..ne].iter().collect();
        let Some(t) = title_of(&next) else {
            if !(next.starts_with('씨') && is_particle(next.trim_start_matches('씨'))
                || next == "씨")
            {
                continue;
            }
            add(spans, chars, s, s + len, EntityKind::Person, true);
            continue;
        };
        if SHORT_FORM_TITLES.contains(&t) {
            add(spans, chars, s, s + len, EntityKind::Person, true);
        }
    }
}

pub(super) fn rules(chars: &[char], spans: &mut Vec<Span>) {
    let n = chars.len();
    // Words: (start, end) of each space-separated run.
    let mut words = Vec::new();
    let mut i = 0;
    while i < n {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        while i < n && !chars[i].is_whitespace() {
            i += 1;
        }
        words.push((s, i));
    }
    titles(chars, &words, spans);
    abbreviations(chars, &words, spans);
    short_forms(chars, &words, spans);
    // A Hangul name right before hanja in parentheses is a person (Chinese names).
    for k in 0..n {
        if chars[k] == '(' && hanja_after(chars, k).is_some() {
            let mut s = k;
            while s > 0 && is_syllable(chars[s - 1]) {
                s -= 1;
            }
            let len = k - s;
            let text: String = chars[s..k].iter().collect();
            if (2..=4).contains(&len) && gazetteer::shipped().ko_kind(&text).is_none() {
                add(spans, chars, s, k, EntityKind::Person, true);
            }
        }
    }
    // Latin acronyms inside Korean text: organisations.
    let mut k = 0;
    while k < n {
        if chars[k].is_ascii_uppercase() && (k == 0 || !chars[k - 1].is_ascii_alphanumeric()) {
            let s = k;
            while k < n && (chars[k].is_ascii_uppercase() || chars[k] == '&') {
                k += 1;
            }
            let word: String = chars[s..k].iter().collect();
            let clean_end = k >= n || !chars[k].is_ascii_alphanumeric();
            if clean_end && (2..=6).contains(&(k - s)) && !NOT_ACRONYMS.contains(&word.as_str()) {
                let kind = gazetteer::shipped()
                    .ko_kind(&word)
                    .unwrap_or(EntityKind::Org);
                add(spans, chars, s, k, kind, false);
            }
        } else {
            k += 1;
        }
    }
    // Gazetteer names as whole words (particles stripped).
    let g = gazetteer::shipped();
    for (wi, &(s, e)) in words.iter().enumerate() {
        // `동방경제포럼(EEF)에서`: the name is what precedes the parenthesis.
        let e = chars[s..e]
            .iter()
            .position(|c| *c == '(')
            .map_or(e, |p| s + p);
        if e == s {
            continue;
        }
        let word: String = chars[s..e]
            .iter()
            .collect::<String>()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        let lead = chars[s..e]
            .iter()
            .take_while(|c| !c.is_alphanumeric())
            .count();
        let s = s + lead;
        let st = stem(&word);
        let kind = g
            .ko_kind(&word)
            .map(|k| (k, word.as_str()))
            .or_else(|| g.ko_kind(st).map(|k| (k, st)));
        if let Some((kind, name)) = kind {
            let len = name.chars().count();
            // `단독 저지’`: a listed name that is first a noun taking 하다 needs the model's word.
            if len >= 2 && !kodic::predicative(name) {
                add(spans, chars, s, s + len, kind, false);
            }
            continue;
        }
        // Korean full names listed in mecab-ko-dic as persons only (`윤석열`).
        let st_len = st.chars().count();
        if st_len == 3
            && st.chars().all(is_syllable)
            && st.chars().next().is_some_and(|c| SURNAMES.contains(c))
            && kodic::kinds(st) == kodic::PERSON
            && !COMMON.contains(&st)
            && !st.ends_with(|c: char| "다지요고게가".contains(c))
        {
            add(spans, chars, s, s + st_len, EntityKind::Person, false);
            continue;
        }
        // Organisation suffix words: `랜드 연구소`, `중국 외교부`, `동방경제포럼`.
        let Some(suffix) = name_suffixes().iter().find(|x| st.ends_with(**x)) else {
            continue;
        };
        let len = st.chars().count();
        if !st.chars().all(is_syllable) || COMMON.contains(&st) && len > suffix.chars().count() {
            continue;
        }
        let mut start = s;
        if len == suffix.chars().count() {
            // A bare suffix takes up to two bare nouns before it.
            let mut w = wi;
            let mut took = 0;
            while w > 0 && took < 2 {
                let (ps, pe) = words[w - 1];
                let prev: String = chars[ps..pe].iter().collect();
                let bare = prev.chars().all(is_syllable)
                    && (1..=5).contains(&prev.chars().count())
                    && stem(&prev) == prev
                    && !COMMON.contains(&prev.as_str())
                    && !matches!(
                        prev.as_str(),
                        "이" | "그"
                            | "각"
                            | "한"
                            | "두"
                            | "새"
                            | "전"
                            | "현"
                            | "및"
                            | "등"
                            | "또"
                            | "더"
                            | "이번"
                            | "해당"
                            | "모든"
                            | "여러"
                    );
                if !bare {
                    break;
                }
                start = ps;
                took += 1;
                w -= 1;
            }
            if took == 0 {
                continue;
            }
        } else if len < suffix.chars().count() + 2 {
            continue;
        }
        add(spans, chars, start, s + len, EntityKind::Org, true);
    }
}
