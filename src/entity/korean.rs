//! Korean entity spans: the character perceptron (`assets/entities/ko.model`), then rules for
//! the cues a small model learns poorly: hanja in parentheses after a name, Latin acronyms,
//! organisation suffix words that take the words before them (`인도 태평양 사령부`), gazetteer
//! names with their particles stripped, and no common words.

use std::sync::OnceLock;

use super::features::{
    ORG_SUFFIXES, PARTICLES, SURNAMES, TITLES, korean_features, spans_from_tags,
};
use super::perceptron::Model;
use super::{EntityKind, Span};
use super::{gazetteer, kodic};

/// A model set by the trainer to measure itself (see `train::set_override`).
pub static OVERRIDE: OnceLock<Model> = OnceLock::new();

const MODEL: &[u8] = include_bytes!("../../assets/entities/ko.model");

/// The shipped Korean model (empty if the file is not a model: rules alone then).
pub fn model() -> &'static Model {
    if let Some(m) = OVERRIDE.get() {
        return m;
    }
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::from_bytes(MODEL).unwrap_or_default())
}

/// Words that are never entities, though a model or a rule may think so.
pub const COMMON: &[&str] = &[
    "이날",
    "당시",
    "양국",
    "정부",
    "한편",
    "이번",
    "지난",
    "올해",
    "현재",
    "오늘",
    "내일",
    "어제",
    "우리",
    "국내",
    "해외",
    "전국",
    "세계",
    "국제",
    "관계자",
    "대통령",
    "장관",
    "주석",
    "위원장",
    "총리",
    "의원",
    "기자",
    "교수",
    "씨",
    "측",
    "당국",
    "관계",
    "양측",
    "군",
    "경찰",
    "검찰",
    "법원",
    "시민",
    "국민",
    "주민",
    "회의",
    "정상",
    "정상회담",
    "회담",
    "위원회",
    "연구소",
    "통신",
    "외교부",
    "사령부",
    "대학교",
    "센터",
    "그룹",
    "은행",
    "본사",
    "지역",
    "도시",
    "나라",
    "국가",
    "사회",
];

/// Latin acronyms that are words, not names.
const NOT_ACRONYMS: &[&str] = &[
    "TV", "PC", "CEO", "CFO", "SNS", "IT", "AI", "OK", "DNA", "GDP", "CCTV", "PD", "MC", "OST",
    "CG", "VR", "AR", "ICT", "LED", "LCD", "USB", "PPT", "APP", "OS", "ID", "PR", "Q", "A", "B",
    "C", "D", "VS", "NO", "MVP", "CD", "DVD", "SF", "HD", "UHD", "GPS", "IoT", "QR", "VIP", "DM",
    "KM", "CM", "MM", "KG", "AM", "PM", "ETF", "IPO", "MOU", "FTA", "ESG", "R", "S", "M", "X",
];

/// Entity spans in Korean text (Latin acronyms in it included).
pub fn find(chars: &[char]) -> Vec<Span> {
    let feats = korean_features(chars);
    let positions: Vec<(usize, usize)> = (0..chars.len()).map(|i| (i, i + 1)).collect();
    let tags = model().decode(&feats);
    let mut spans = spans_from_tags(chars, &positions, &tags);
    for s in spans.iter_mut() {
        whole_word(chars, s);
        strip_particles(chars, s);
        fix(s);
    }
    spans.retain(|s| s.end > s.start);
    rules(chars, &mut spans);
    spans.retain(|s| !is_common(&s.text));
    spans.sort_by_key(|s| s.start);
    join_names(chars, &mut spans);
    for s in spans.iter_mut() {
        drop_modifier(chars, s);
    }
    spans
}

/// Words that qualify an organisation without being its name (`국영 타스 통신`).
const MODIFIERS: &[&str] = &[
    "국영", "관영", "민영", "현지", "당시", "관련", "해당", "이번",
];

fn drop_modifier(chars: &[char], s: &mut Span) {
    if s.kind != EntityKind::Org {
        return;
    }
    if let Some((first, rest)) = s.text.split_once(' ')
        && MODIFIERS.contains(&first)
        && !rest.is_empty()
    {
        s.start += first.chars().count() + 1;
        s.text = chars[s.start..s.end].iter().collect();
    }
}

/// A foreign given name and surname found as two people (`알렉산더` `마체고라`) are one.
fn join_names(chars: &[char], spans: &mut Vec<Span>) {
    let foreign = |s: &Span| {
        s.kind == EntityKind::Person
            && !s.text.contains(' ')
            && s.text.chars().any(foreign_syllable)
    };
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b) = (&spans[k], &spans[k + 1]);
        if foreign(a) && foreign(b) && b.start == a.end + 1 && chars[a.end] == ' ' {
            let end = b.end;
            spans[k].end = end;
            spans[k].text = chars[spans[k].start..end].iter().collect();
            spans.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// Bounds that the model left inside a word: a name runs to the end of its word, less a
/// particle (`제이크 설리|번` → `설리번`); punctuation never starts a name.
fn whole_word(chars: &[char], s: &mut Span) {
    while s.start < s.end && !chars[s.start].is_alphanumeric() {
        s.start += 1;
    }
    while s.end > s.start && !chars[s.end - 1].is_alphanumeric() && chars[s.end - 1] != ')' {
        s.end -= 1;
    }
    // A start inside a word of Hangul (`블|라디미르`) moves to the word's start.
    let mut ws = s.start;
    while ws > 0 && is_syllable(chars[ws - 1]) {
        ws -= 1;
    }
    if ws < s.start && s.start - ws <= 3 && is_syllable(chars[s.start]) {
        s.start = ws;
    }
    let mut we = s.end;
    while we < chars.len() && is_syllable(chars[we]) {
        we += 1;
    }
    if we > s.end && s.end > s.start && is_syllable(chars[s.end - 1]) {
        let rest: String = chars[s.end..we].iter().collect();
        let whole: String = chars[s.start..we].iter().collect();
        let listed = kodic::kinds(&whole) & (kodic::PERSON | kodic::PLACE) != 0;
        if listed || !PARTICLES.contains(&rest.as_str()) && !SUFFIX_OK.contains(&rest.as_str()) {
            s.end = we;
        }
    }
    s.text = chars[s.start..s.end].iter().collect();
}

/// What may follow a name inside a word without being a particle: `씨`, `측`, `산` (made in),
/// `모` (`김모씨`) …
const SUFFIX_OK: &[&str] = &[
    "씨",
    "씨는",
    "씨가",
    "씨의",
    "씨를",
    "씨와",
    "씨에게",
    "측",
    "측은",
    "측이",
    "측의",
    "산",
    "인",
    "계",
    "행",
    "발",
    "모씨",
    "모씨는",
    "모씨가",
    "모씨의",
];

/// The gazetteer's kind for a listed name; `김모` → `김`; `체코산` → `체코`.
fn fix(s: &mut Span) {
    let g = gazetteer::shipped();
    let chars: Vec<char> = s.text.chars().collect();
    if let Some(k) = g.ko_kind(&s.text) {
        s.kind = k;
        return;
    }
    if chars.len() == 2 && chars[1] == '모' && SURNAMES.contains(chars[0]) {
        s.end -= 1;
        s.text = chars[0].to_string();
        s.kind = EntityKind::Person;
        return;
    }
    if chars.len() >= 3 && "산인계측행발".contains(chars[chars.len() - 1]) {
        let stem: String = chars[..chars.len() - 1].iter().collect();
        if let Some(k) = g.ko_kind(&stem) {
            s.end -= 1;
            s.text = stem;
            s.kind = k;
        }
    }
}

pub fn is_common(text: &str) -> bool {
    COMMON.contains(&text) || text.chars().all(|c| !c.is_alphabetic())
}

/// The end of a span moved back over a particle when what stays is still a word.
fn strip_particles(chars: &[char], s: &mut Span) {
    // Only at the end of a word: a particle is followed by a space or punctuation.
    if s.end < chars.len() && chars[s.end].is_alphanumeric() {
        return;
    }
    let text: String = chars[s.start..s.end].iter().collect();
    let g = gazetteer::shipped();
    if g.ko_kind(&text).is_some() {
        return;
    }
    for p in PARTICLES {
        if let Some(stem) = text.strip_suffix(p) {
            let k = stem.chars().count();
            if k >= 2 && (g.ko_kind(stem).is_some() || p.chars().count() >= 2 || k >= 3) {
                s.end = s.start + k;
                s.text = stem.to_string();
                return;
            }
        }
    }
}

/// The stem of a word with a particle stripped, if the word ends in one.
pub fn stem(word: &str) -> &str {
    for p in PARTICLES {
        if let Some(stem) = word.strip_suffix(p)
            && stem.chars().count() >= 2
        {
            return stem;
        }
    }
    word
}

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

fn is_hanja(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The hanja in parentheses right after position `end` (`류궈중(劉國中)` → `劉國中`).
pub fn hanja_after(chars: &[char], end: usize) -> Option<String> {
    if chars.get(end) != Some(&'(') {
        return None;
    }
    let mut k = end + 1;
    while k < chars.len() && is_hanja(chars[k]) {
        k += 1;
    }
    (k > end + 1 && k - end - 1 <= 5 && chars.get(k) == Some(&')'))
        .then(|| chars[end + 1..k].iter().collect())
}

fn is_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
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
            .any(|x| x.chars().count() >= 2 && word.ends_with(x))
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
fn foreign_syllable(c: char) -> bool {
    if !is_syllable(c) {
        return false;
    }
    let idx = c as u32 - 0xAC00;
    let (l, v) = (idx / 588, (idx % 588) / 28);
    // ㅡ (18) after any consonant but ㅇ; ㅔ (5) after a consonant; ㅐ (1) after ㅋ ㅌ ㅍ.
    ((v == 18 || v == 5) && l != 11) || (v == 1 && matches!(l, 15..=17))
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
fn title_of(word: &str) -> Option<&'static str> {
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
                rest.is_empty() || PARTICLES.contains(&rest)
            }
        })
        .max_by_key(|t| t.len())
        .copied()
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

fn rules(chars: &[char], spans: &mut Vec<Span>) {
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
            if len >= 2 {
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
        let Some(suffix) = ORG_SUFFIXES
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
            .find(|x| st.ends_with(**x))
        else {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(String, EntityKind)> {
        let chars: Vec<char> = s.chars().collect();
        find(&chars).into_iter().map(|s| (s.text, s.kind)).collect()
    }

    #[test]
    fn hanja_acronyms_suffixes() {
        let t = texts("류궈중(劉國中) 부총리가 CNN과 인터뷰했다.");
        assert!(t.contains(&("류궈중".into(), EntityKind::Person)), "{t:?}");
        assert!(t.contains(&("CNN".into(), EntityKind::Org)), "{t:?}");
        let t = texts("미 인도 태평양 사령부는 러시아와의 협력을 강조했다.");
        assert!(
            t.contains(&("인도 태평양 사령부".into(), EntityKind::Org)),
            "{t:?}"
        );
        assert!(t.contains(&("러시아".into(), EntityKind::Place)), "{t:?}");
        let t = texts("이날 양국은 회담했다.");
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn hanja_after_name() {
        let c: Vec<char> = "장유샤(張又俠) 부주석".chars().collect();
        assert_eq!(hanja_after(&c, 3).as_deref(), Some("張又俠"));
        assert_eq!(hanja_after(&c, 2), None);
    }
}
