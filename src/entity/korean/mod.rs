//! Korean entity spans: the character perceptron (`assets/entities/ko.model`), then rules for
//! the cues a small model learns poorly: hanja in parentheses after a name, Latin acronyms,
//! organisation suffix words that take the words before them (`인도 태평양 사령부`), gazetteer
//! names with their particles stripped, and no common words. The model's spans are mended
//! here (whole words, particles off, no predicate inside); `rules` adds what the cues find.

mod rules;

use std::cell::Cell;
use std::sync::OnceLock;

use super::features::{SURNAMES, korean_features, particles, spans_from_tags};
use super::perceptron::Model;
use super::{EntityKind, Span};
use super::{gazetteer, kodic};
use crate::text::hangul::is_syllable;
use rules::foreign_syllable;

thread_local! {
    /// A model set by the trainer to measure itself on this thread (see `train::set_override`).
    pub static OVERRIDE: Cell<Option<&'static Model>> = const { Cell::new(None) };
}

const MODEL: &[u8] = include_bytes!("../../../assets/entities/ko.model");

/// The shipped Korean model (empty if the file is not a model: rules alone then).
pub fn model() -> &'static Model {
    if let Some(m) = OVERRIDE.with(Cell::get) {
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

/// Entity spans in Korean text (Latin acronyms in it included).
pub fn find(chars: &[char]) -> Vec<Span> {
    let feats = korean_features(chars);
    let positions: Vec<(usize, usize)> = (0..chars.len()).map(|i| (i, i + 1)).collect();
    let tags = model().decode(&feats);
    let mut spans = spans_from_tags(chars, &positions, &tags);
    for s in spans.iter_mut() {
        after_predicate(chars, s);
        whole_word(chars, s);
        strip_particles(chars, s);
        fix(s);
    }
    spans.retain(|s| s.end > s.start);
    rules::rules(chars, &mut spans);
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

/// A name never runs across a word that ends in a particle or the copula `인` (`일본
/// 방송국인 NHK` → `NHK`): the span starts after the last such word inside it.
fn after_predicate(chars: &[char], s: &mut Span) {
    let mut k = s.start;
    let mut cut = None;
    while k < s.end {
        let ws = k;
        while k < s.end && !chars[k].is_whitespace() {
            k += 1;
        }
        // Only words wholly inside the span and followed by more of it.
        if k < s.end && k > ws {
            let word: String = chars[ws..k].iter().collect();
            let ends = word.ends_with('인') && word.chars().count() >= 3
                || particles().any(|p| {
                    p != "의" && word.ends_with(p) && word.chars().count() > p.chars().count() + 1
                });
            if ends && kodic::kinds(&word) == 0 && gazetteer::shipped().ko_kind(&word).is_none() {
                cut = Some(k + 1);
            }
        }
        while k < s.end && chars[k].is_whitespace() {
            k += 1;
        }
    }
    if let Some(c) = cut
        && c < s.end
    {
        s.start = c;
        s.text = chars[s.start..s.end].iter().collect();
    }
}

/// Bounds that the model left inside a word: a name starts at its word's start, and runs to the
/// word's end when the whole word is a listed name (`제이크 설리|번` → `설리번`); punctuation
/// never starts a name.
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
    // An end inside a word moves to the word's end only when the whole word is a listed person
    // or place (`설리|번`): otherwise what follows is a suffix the name does not take
    // (`서울|시장`, `한국|시각`, `러시아|전`; measured by `train_entities --cv 5`).
    if we > s.end && s.end > s.start && is_syllable(chars[s.end - 1]) {
        let whole: String = chars[s.start..we].iter().collect();
        if kodic::kinds(&whole) & (kodic::PERSON | kodic::PLACE) != 0 {
            s.end = we;
        }
    }
    s.text = chars[s.start..s.end].iter().collect();
}

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

/// Common nouns that name an institution: KLUE-NER (and news usage) mark them as organisations
/// (`경찰은`, `검찰에`, `정부가`), so the final filter keeps them; the rules still never take them
/// for a name.
const INSTITUTIONS: &[&str] = &["경찰", "검찰", "정부"];

pub fn is_common(text: &str) -> bool {
    (COMMON.contains(&text) && !INSTITUTIONS.contains(&text))
        || text.chars().all(|c| !c.is_alphabetic())
}

/// The end of a span moved back over a particle when what stays is still a word. The span may
/// stop before more particles (`북한과|도`): then only a listed name is cut out of it (`북한`;
/// `전라남도|가` keeps its `도`). A span that stops inside a word whose rest is no particle
/// (`서방세|계의`) is a piece of that word, not a name, unless the piece is a listed place or
/// organisation (`서울|시장`, `러시아|전`) or the rest a title (`장|씨가`, `김|의원`): it is emptied
/// (and dropped). mecab-ko-dic's person names are too many to vouch for a piece (it lists
/// `서방세`).
fn strip_particles(chars: &[char], s: &mut Span) {
    let mut we = s.end;
    while we < chars.len() && chars[we].is_alphanumeric() {
        we += 1;
    }
    let text: String = chars[s.start..s.end].iter().collect();
    let rest: String = chars[s.end..we].iter().collect();
    let g = gazetteer::shipped();
    if g.ko_kind(&text).is_some() {
        return;
    }
    if rest.is_empty() || after_name(&rest) {
        let mid_word = !rest.is_empty();
        for p in particles() {
            if let Some(stem) = text.strip_suffix(p) {
                let k = stem.chars().count();
                let listed = g.ko_kind(stem).is_some();
                if k >= 2 && (listed || !mid_word && (p.chars().count() >= 2 || k >= 3)) {
                    s.end = s.start + k;
                    s.text = stem.to_string();
                    return;
                }
            }
        }
        return;
    }
    let piece = !text.is_empty() && is_syllable(chars[s.end - 1]) && is_syllable(chars[s.end]);
    if piece && kodic::kinds(&text) & (kodic::PLACE | kodic::ORG) == 0 {
        s.end = s.start;
        s.text.clear();
    }
}

/// What may follow a name inside its word: particles (`북한과도`), `씨` or `모` (`장씨는`, `김모`),
/// a title (`김의원`).
fn after_name(rest: &str) -> bool {
    fn particles_only(s: &str) -> bool {
        s.is_empty()
            || crate::text::particles::PARTICLES
                .iter()
                .any(|p| s.strip_prefix(p.form).is_some_and(particles_only))
    }
    particles_only(rest)
        || rest.strip_prefix(['씨', '모']).is_some_and(particles_only)
        || rules::title_of(rest).is_some()
}

/// The stem of a word with a particle stripped, if the word ends in one.
pub fn stem(word: &str) -> &str {
    for p in particles() {
        if let Some(stem) = word.strip_suffix(p)
            && stem.chars().count() >= 2
        {
            return stem;
        }
    }
    word
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
    fn names_come_whole_and_without_particles() {
        let t = texts("군사력 강화에 박차를 가하고 있는 북한과도 군사 협력은 하지 않고 있다.");
        assert!(t.contains(&("북한".into(), EntityKind::Place)), "{t:?}");
        assert!(!t.iter().any(|(n, _)| n == "북한과"), "{t:?}");
        // A piece of a word is no name: 서방세계 is "the Western world".
        let t = texts("서방세계의 전방위적 제재를 받고 있는 북한과 러시아가 협력한다.");
        assert!(!t.iter().any(|(n, _)| n.starts_with("서방")), "{t:?}");
        assert!(t.contains(&("러시아".into(), EntityKind::Place)), "{t:?}");
        // A listed name that is first a noun taking 하다 (저지 "blocking", also Jersey) is no
        // place by the list alone; a listed city stays.
        let t = texts("윤 대통령 ‘북핵 단독 저지’ 부산에서 열린 회의");
        assert!(!t.iter().any(|(n, _)| n == "저지"), "{t:?}");
        assert!(t.contains(&("부산".into(), EntityKind::Place)), "{t:?}");
        // A surname before 씨 stays.
        let t = texts("장씨는 반역죄로 처형됐다.");
        assert!(t.contains(&("장".into(), EntityKind::Person)), "{t:?}");
    }

    #[test]
    fn korean_cues() {
        // State compounds are their states, one syllable each.
        let t = texts("남북 관계와 북-중 간 교류가 경색됐다.");
        for c in ["남", "북", "중"] {
            assert!(t.contains(&(c.into(), EntityKind::Org)), "{t:?}");
        }
        assert!(!t.iter().any(|(x, _)| x == "남북"), "{t:?}");
        // A lone surname before a title is the person's short form.
        let t = texts("김 의원은 이날 탈당했다.");
        assert!(t.contains(&("김".into(), EntityKind::Person)), "{t:?}");
        // No name runs across a word ending in the copula.
        let t = texts("일본 방송국인 NHK에 따르면 그는 떠났다.");
        assert!(t.contains(&("NHK".into(), EntityKind::Org)), "{t:?}");
        assert!(!t.iter().any(|(x, _)| x.contains("방송국인")), "{t:?}");
    }

    #[test]
    fn hanja_after_name() {
        let c: Vec<char> = "장유샤(張又俠) 부주석".chars().collect();
        assert_eq!(hanja_after(&c, 3).as_deref(), Some("張又俠"));
        assert_eq!(hanja_after(&c, 2), None);
    }
}
