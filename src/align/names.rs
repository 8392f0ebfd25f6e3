//! Names across scripts: a name written in Hangul and in Latin letters shares its consonant
//! skeleton (`설리번` and `Sullivan` → SLPN); Chinese names in hanja meet their pinyin
//! (`林建` ⟷ `Lin Jian`); Korean names written as two or three capitalised English words meet
//! the Hangul name's skeleton (`윤석열` ⟷ `Yoon Suk-yeol`).

use crate::text::hangul::Syllable;
use crate::text::sounds;

/// Consonant classes of Hangul syllables, as a loanword or name would be spelled in Latin
/// ([`sounds::class`]).
pub fn hangul_skeleton(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for syl in s.chars().filter_map(Syllable::of) {
        let (initial, _, final_) = sounds::jamo(syl);
        for k in [initial, final_]
            .into_iter()
            .filter_map(sounds::consonant_class)
        {
            push_class(&mut out, k);
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
        let (sound, skip) = sounds::latin_at(&b, i);
        for k in sound.iter().copied().filter_map(sounds::class) {
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
pub fn skeleton_key(sk: &[u8]) -> Option<String> {
    (sk.len() >= 3).then(|| format!("s:{}", String::from_utf8_lossy(&sk[..3])))
}

/// Chinese names in hanja (`林建`, `張又俠`) by their pinyin, as English writes them: each
/// syllable, and the given name's syllables joined (`Lin Jian`, `Zhang Youxia`).
pub fn hanja_keys(run: &str) -> Vec<String> {
    use pinyin::ToPinyin;
    let syllables: Vec<&str> = run
        .to_pinyin()
        .map(|p| p.map_or("", |p| p.plain()))
        .collect();
    if syllables.iter().any(|s| s.is_empty()) {
        return Vec::new();
    }
    let mut keys: Vec<String> = syllables.iter().map(|s| format!("w:{s}")).collect();
    if syllables.len() >= 3 {
        keys.push(format!("w:{}", syllables[1..].concat()));
    }
    keys
}

/// Korean names are written in English as two or three capitalised words (`Yoon Suk-yeol`,
/// `Oh Se-hoon`); their joined skeleton meets the skeleton of the Hangul name (`윤석열`).
pub fn korean_name_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
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
                    keys.extend(skeleton_key(&latin_skeleton(&joined)));
                }
            }
        }
        i = j;
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_meet() {
        assert_eq!(hangul_skeleton("워싱턴"), latin_skeleton("washington"));
        assert_eq!(skeleton_key(b"SLPN"), Some("s:SLP".to_string()));
        assert_eq!(skeleton_key(b"KM"), None);
    }

    #[test]
    fn hanja_and_korean_names() {
        assert_eq!(hanja_keys("林建"), vec!["w:lin", "w:jian"]);
        assert!(hanja_keys("張又俠").contains(&"w:youxia".to_string()));
        let keys = korean_name_keys("President Yoon Suk-yeol said.");
        assert!(keys.contains(&"s:NSK".to_string()), "{keys:?}");
    }
}
