//! Evidence that a Korean word and an English word translate each other before any training:
//! duet's lexicon (`assets/lexicon`), names that sound alike or that the gazetteer links (the
//! entity linker's name score), and equal numbers or Latin letters (`29일` ⟷ `29th`, `G7` ⟷
//! `G7`). EM adds it as pseudo-counts, so a word met once is still aligned where it should be.

use crate::align::lexicon;
use crate::entity;

/// How strongly `ko` (a lemma) and `en` (an English word as written) are known to translate
/// each other, 0..1 (0: nothing known).
pub fn prior(ko: &str, en: &str, en_stem: &str) -> f32 {
    let ko_digits: String = ko.chars().filter(char::is_ascii_digit).collect();
    let en_digits: String = en.chars().filter(char::is_ascii_digit).collect();
    if !ko_digits.is_empty() || !en_digits.is_empty() {
        return if ko_digits == en_digits { 1.0 } else { 0.0 };
    }
    let ko_latin: String = ko.chars().filter(char::is_ascii_alphabetic).collect();
    if !ko_latin.is_empty() {
        let en_latin: String = en.chars().filter(char::is_ascii_alphabetic).collect();
        return if ko_latin.eq_ignore_ascii_case(&en_latin) {
            1.0
        } else {
            0.0
        };
    }
    let hangul: String = ko
        .chars()
        .filter(|c| crate::text::hangul::is_syllable(*c))
        .collect();
    if hangul.is_empty() {
        return 0.0;
    }
    if lexicon_pairs(&hangul, en_stem) {
        return 1.0;
    }
    // Names: a capitalised English word that sounds like (or is listed as) the Korean noun.
    let capital = en.chars().next().is_some_and(char::is_uppercase);
    let chars = hangul.chars().count();
    if capital && (2..=8).contains(&chars) && !hangul.ends_with('다') {
        let s = entity::name_score_with(&hangul, None, en, false);
        if s >= 0.75 {
            return s;
        }
    }
    0.0
}

/// The lexicon gives `en_stem` for `ko` (a part of it, compounds split: 국방장관 → 국방 + 장관;
/// a verb by its stem: 합의하다 → 합의).
fn lexicon_pairs(ko: &str, en_stem: &str) -> bool {
    let lex = lexicon::shipped();
    let mut concepts = Vec::new();
    lex.korean_concepts(ko, &mut concepts);
    if concepts.is_empty()
        && let Some(stem) = ko.strip_suffix('다')
    {
        lex.korean_concepts(stem, &mut concepts);
    }
    concepts.iter().any(|c| c.iter().any(|s| s == en_stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_numbers_and_names() {
        assert_eq!(prior("대통령", "President", "president"), 1.0);
        assert_eq!(prior("29일", "29th", "29th"), 1.0);
        assert_eq!(prior("29일", "30th", "30th"), 0.0);
        assert_eq!(prior("G7", "G7", "g7"), 1.0);
        assert!(prior("설리번", "Sullivan", "sullivan") >= 0.75);
        assert_eq!(prior("설리번", "talks", "talk"), 0.0);
    }
}
