//! Which names name one thing: a Korean and an English name (gazetteer, hanja → pinyin, shared
//! acronym, transliteration closeness, word-by-word translation through the aligner's lexicon),
//! and the short forms and spelling variants of one language inside an article.

use serde::Serialize;

use super::features::SURNAMES;
use super::gazetteer::{self, en_key};
use super::translit::{self, hangul_sounds, latin_sounds, sound_similarity};
use crate::align::lexicon;
use crate::text::hangul;

/// One Korean name and the English name it links to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NameLink {
    pub ko: String,
    pub en: Option<String>,
    pub score: f32,
}

const NAME_WORDS: &str = include_str!("../../assets/entities/name-words.tsv");

/// The English words of a Korean name word, from `assets/entities/name-words.tsv`.
fn name_words() -> &'static std::collections::HashMap<&'static str, Vec<&'static str>> {
    static W: std::sync::OnceLock<std::collections::HashMap<&'static str, Vec<&'static str>>> =
        std::sync::OnceLock::new();
    W.get_or_init(|| {
        NAME_WORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, e)| (k, e.split(';').collect()))
            .collect()
    })
}

/// The share of the Korean name's parts the English name translates (`중앙군사위원회` ⟷
/// `Central Military Commission`), through the entity name words and the aligner's lexicon.
pub fn translation_score(ko: &str, en: &str) -> f32 {
    let lex = lexicon::shipped();
    let words = name_words();
    let en_lower: Vec<String> = en
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let en_words: Vec<String> = en_lower.iter().map(|w| lexicon::stem(w)).collect();
    if en_words.is_empty() {
        return 0.0;
    }
    let max = lex.max_chars().max(8);
    // Each word cut into the longest known parts; a stretch no part covers counts as one
    // unknown part (a name, matched by the gazetteer or by sound instead).
    let mut parts = 0usize;
    let mut hit = 0usize;
    for w in ko.split_whitespace() {
        let chars: Vec<char> = w.chars().filter(|c| hangul::is_syllable(*c)).collect();
        let mut pos = 0;
        let mut unknown = false;
        while pos < chars.len() {
            let found = (2..=max.min(chars.len() - pos)).rev().find_map(|len| {
                let cand: String = chars[pos..pos + len].iter().collect();
                let own = words
                    .get(cand.as_str())
                    .map(|e| e.iter().any(|x| en_lower.iter().any(|w| w == x)));
                let lexical = lex
                    .entry(&cand)
                    .map(|c| c.iter().any(|s| en_words.contains(s)));
                match (own, lexical) {
                    (None, None) => None,
                    (a, b) => Some((len, a.unwrap_or(false) || b.unwrap_or(false))),
                }
            });
            match found {
                Some((len, matched)) => {
                    parts += 1;
                    hit += usize::from(matched);
                    pos += len;
                    unknown = false;
                }
                None => {
                    if !unknown {
                        parts += 1;
                    }
                    unknown = true;
                    pos += 1;
                }
            }
        }
    }
    if hit < 2 || parts == 0 {
        return 0.0;
    }
    hit as f32 / parts.max(en_words.len().saturating_sub(1)) as f32
}

/// Evidence that a Korean name (with its hanja, if any) and an English name are one thing,
/// 0..1: 1 for the gazetteer, an equal acronym or hanja whose pinyin is the name.
pub fn name_score(ko: &str, hanja: Option<&str>, en: &str) -> f32 {
    name_score_with(ko, hanja, en, true)
}

/// [`name_score`]; `translate` false skips the word-by-word translation (names of people and
/// places are transliterated, not translated).
pub fn name_score_with(ko: &str, hanja: Option<&str>, en: &str, translate: bool) -> f32 {
    let g = gazetteer::shipped();
    if g.pairs(ko, en) {
        return 1.0;
    }
    let ko_latin: String = ko.chars().filter(char::is_ascii_alphanumeric).collect();
    if !ko_latin.is_empty() {
        let en_latin: String = en.chars().filter(char::is_ascii_alphanumeric).collect();
        return if ko_latin.eq_ignore_ascii_case(&en_latin) || ko_latin == acronym(en) {
            1.0
        } else if ko_latin.len() >= 3 && en.split_whitespace().any(|w| w == ko_latin) {
            // `START` of `New START Treaty`.
            0.9
        } else {
            0.0
        };
    }
    if hanja.is_some_and(|h| translit::hanja_matches(h, en)) {
        return 1.0;
    }
    let sound = sound_similarity(&hangul_sounds(ko), &latin_sounds(en))
        .max(translit::korean_name_similarity(ko, en));
    // A listed name links through the list only; a translated compound (`중앙군사위원회`) by
    // its words, never as surely as a list.
    if g.ko_kind(ko).is_some() {
        return sound.min(0.7);
    }
    if !translate {
        return sound;
    }
    let tr = translation_score(ko, en).min(0.9);
    sound.max(tr)
}

/// A Korean name with what scoring it against English names needs, computed once.
pub struct KoName<'a> {
    pub text: &'a str,
    /// English keys the gazetteer pairs it with; `listed` when the gazetteer has it at all.
    listed_en: Vec<String>,
    listed: bool,
    latin: bool,
    sounds: Vec<u8>,
    spellings: Vec<String>,
}

/// An English name prepared for scoring.
pub struct EnName<'a> {
    pub text: &'a str,
    /// The list's name for it when listed (`U.S.` → `united states`), else its own key.
    key: String,
    sounds: Vec<u8>,
    letters: String,
}

impl<'a> KoName<'a> {
    pub fn new(text: &'a str) -> KoName<'a> {
        let g = gazetteer::shipped();
        let listed_en: Vec<String> = g.ko(text).map(|e| en_key(&e.en)).collect();
        KoName {
            text,
            listed: !listed_en.is_empty(),
            listed_en,
            latin: text.chars().any(|c| c.is_ascii_alphanumeric()),
            sounds: hangul_sounds(text),
            spellings: translit::korean_spellings(text),
        }
    }
}

impl<'a> EnName<'a> {
    pub fn new(text: &'a str) -> EnName<'a> {
        let listed = gazetteer::shipped().en(text).next().map(|e| en_key(&e.en));
        EnName {
            text,
            key: listed.unwrap_or_else(|| en_key(text)),
            sounds: latin_sounds(text),
            letters: translit::latin_letters(text),
        }
    }
}

/// [`name_score_with`] on prepared names (the same result, without recomputing each side).
pub fn prepared_score(ko: &KoName, hanja: Option<&str>, en: &EnName, translate: bool) -> f32 {
    if ko.listed_en.contains(&en.key) {
        return 1.0;
    }
    if ko.latin {
        return name_score_with(ko.text, hanja, en.text, translate);
    }
    if hanja.is_some_and(|h| translit::hanja_matches(h, en.text)) {
        return 1.0;
    }
    let sound = sound_similarity(&ko.sounds, &en.sounds)
        .max(translit::korean_name_match(&ko.spellings, &en.letters));
    if ko.listed {
        return sound.min(0.7);
    }
    if !translate {
        return sound;
    }
    sound.max(translation_score(ko.text, en.text).min(0.9))
}

/// The capitals of a multi-word name (`Eastern Economic Forum` → `EEF`).
pub fn acronym(en: &str) -> String {
    let words: Vec<&str> = en.split_whitespace().collect();
    if words.len() < 2 {
        return String::new();
    }
    words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect()
}

/// For each Korean name, the best English candidate (null when nothing comes close).
pub fn link_names(ko: &[String], en: &[String]) -> Vec<NameLink> {
    let g = gazetteer::shipped();
    let en_sounds: Vec<Vec<u8>> = en.iter().map(|e| latin_sounds(e)).collect();
    let en_keys: Vec<String> = en.iter().map(|e| en_key(e)).collect();
    ko.iter()
        .map(|k| {
            let k = k.trim();
            // The gazetteer first: an exact listed pair wins.
            let listed: Vec<String> = g.ko(k).map(|e| en_key(&e.en)).collect();
            if let Some(i) = en_keys.iter().position(|e| listed.contains(e)) {
                return NameLink {
                    ko: k.to_string(),
                    en: Some(en[i].clone()),
                    score: 1.0,
                };
            }
            let ks = hangul_sounds(k);
            let mut best: Option<(usize, f32)> = None;
            for (i, es) in en_sounds.iter().enumerate() {
                let s = if ks.is_empty() {
                    name_score(k, None, &en[i])
                } else {
                    sound_similarity(&ks, es)
                };
                if best.is_none_or(|(_, b)| s > b) {
                    best = Some((i, s));
                }
            }
            match best {
                Some((i, s)) if s > 0.2 => NameLink {
                    ko: k.to_string(),
                    en: Some(en[i].clone()),
                    score: s,
                },
                _ => NameLink {
                    ko: k.to_string(),
                    en: None,
                    score: 0.0,
                },
            }
        })
        .collect()
}

/// A Korean short form of a full name in the same article: a surname alone (`장` of `장유샤`,
/// from `장 부주석`), the last word (`설리번` of `제이크 설리번`).
pub fn ko_short_of(short: &str, full: &str) -> bool {
    if short == full {
        return false;
    }
    let s: Vec<char> = short.chars().collect();
    if s.len() == 1 {
        return full.starts_with(s[0]) && !full.contains(' ') && full.chars().count() >= 2;
    }
    full.split_whitespace().count() > 1
        && (full.split_whitespace().last() == Some(short)
            || full.split_whitespace().next() == Some(short))
}

/// An English short form: `Sullivan` of `Jake Sullivan`, `Xi` of `Xi Jinping`.
pub fn en_short_of(short: &str, full: &str) -> bool {
    let s = en_key(short);
    let f = en_key(full);
    if s == f || s.contains(' ') {
        return false;
    }
    let words: Vec<&str> = f.split(' ').collect();
    words.len() > 1 && (words.last() == Some(&s.as_str()) || words.first() == Some(&s.as_str()))
}

/// Two Korean spellings of one foreign name (`러브로프` / `러블로프`): same first syllable,
/// nearly the same sounds, not a Korean name (`김정은` / `김정남` are two people).
pub fn ko_variants(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ca.len() < 3 || cb.len() < 3 || ca[0] != cb[0] || ca.len().abs_diff(cb.len()) > 1 {
        return false;
    }
    if ca.len() <= 3 && SURNAMES.contains(ca[0]) {
        return false;
    }
    let (sa, sb) = (hangul_sounds(a), hangul_sounds(b));
    sound_similarity(&sa, &sb) >= 0.85
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links() {
        let en: Vec<String> = [
            "Moscow",
            "Sullivan",
            "Liu Guozhong",
            "Eastern Economic Forum",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let ko: Vec<String> = ["모스크바", "설리번"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let got = link_names(&ko, &en);
        assert_eq!(got[0].en.as_deref(), Some("Moscow"));
        assert_eq!(got[1].en.as_deref(), Some("Sullivan"));
        assert_eq!(name_score("류궈중", Some("劉國中"), "Liu Guozhong"), 1.0);
        assert_eq!(name_score("EEF", None, "Eastern Economic Forum"), 1.0);
        assert!(translation_score("중앙군사위원회", "Central Military Commission") > 0.5);
    }

    #[test]
    fn short_forms_and_variants() {
        assert!(ko_short_of("장", "장유샤"));
        assert!(ko_short_of("설리번", "제이크 설리번"));
        assert!(en_short_of("Sullivan", "Jake Sullivan"));
        assert!(ko_variants("러브로프", "러블로프"));
        assert!(!ko_variants("김정은", "김정남"));
    }
}
