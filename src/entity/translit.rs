//! How close a Hangul name and a Latin name sound. Both become a string of sound classes
//! (Hangul by its jamo as a loanword spells them, Latin by English spelling rules), compared by
//! an edit distance that forgives vowel colour, Korean's added `ㅡ`, silent letters and
//! voicing; hanja meet pinyin. The sounds of jamo and letters are [`crate::text::sounds`].

use crate::text::hangul::{self, Syllable};
use crate::text::sounds::{
    self, is_glide as glide, is_vowel as vowel, is_vowel_letter as is_vowel,
};

/// Sounds as [`crate::text::sounds`] writes them: consonants by place, glides, vowels.
type Sound = u8;

/// The sounds of a Hangul string; other characters are skipped.
pub fn hangul_sounds(s: &str) -> Vec<Sound> {
    let mut out = Vec::new();
    for syl in s.chars().filter_map(Syllable::of) {
        let (initial, medial, final_) = sounds::jamo(syl);
        out.extend(initial.sound.bytes());
        out.extend(medial.sound.bytes());
        out.extend(final_.sound.bytes());
    }
    // Korean writes a doubled `l` (`설리번`, `러블로프`) where the source has one.
    out.dedup_by(|a, b| a == b && !vowel(*a));
    out
}

fn fold_latin(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' | 'ș' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'đ' | 'ď' => 'd',
        'ť' | 'ț' => 't',
        'ß' => 's',
        c => c,
    }
}

/// The sounds of a Latin string, by English (and a little European) spelling.
pub fn latin_sounds(s: &str) -> Vec<Sound> {
    let b: Vec<u8> = s
        .chars()
        .map(|c| fold_latin(c.to_lowercase().next().unwrap_or(c)))
        .map(|c| {
            if c.is_ascii_lowercase() {
                c as u8
            } else {
                b' '
            }
        })
        .collect();
    let mut out: Vec<Sound> = Vec::new();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let prev = (i > 0).then(|| b[i - 1]);
        let word_start = prev.is_none_or(|p| p == b' ');
        if c == b' ' {
            i += 1;
            continue;
        }
        // Doubled letters sound once.
        if prev == Some(c) && !is_vowel(c) {
            i += 1;
            continue;
        }
        // Where this reader differs from plain spelling: `ng` before a vowel is `n` and `g`
        // (`Hungary`), a soft `g` (`Georgia`'s second), pinyin `x` (`Xi`), a final silent `e`.
        let (sound, skip): (&[u8], usize) = match (c, next) {
            (b'n', Some(b'g')) if b.get(i + 2).is_some_and(|x| is_vowel(*x)) => (b"N", 1),
            (b'g', Some(b'e' | b'i' | b'y')) if i > 0 => (b"J", 1),
            (b'x', _) if word_start => (b"S", 1),
            (b'e', None | Some(b' ')) if i >= 2 && !is_vowel(b[i - 1]) && b[i - 1] != b' ' => {
                (b"", 1)
            }
            _ => sounds::latin_at(&b, i),
        };
        out.extend_from_slice(sound);
        i += skip;
    }
    out
}

/// The cost of writing `a` where `b` was: 0 same, small within a family.
fn sub(a: Sound, b: Sound) -> f32 {
    if a == b {
        return 0.0;
    }
    if vowel(a) && vowel(b) {
        return match (a.min(b), a.max(b)) {
            (b'O', b'U') | (b'A', b'O') | (b'E', b'I') => 0.3,
            _ => 0.5,
        };
    }
    let pair = (a.min(b), a.max(b));
    match pair {
        (b'J', b'S') | (b'G', b'N') | (b'H', b'K') => 0.4,
        (b'S', b'T') | (b'J', b'T') | (b'J', b'K') => 0.6,
        (b'P', b'W') | (b'U', b'W') | (b'O', b'W') | (b'I', b'Y') | (b'E', b'Y') => 0.4,
        _ => 1.0,
    }
}

fn indel(s: Sound) -> f32 {
    if vowel(s) {
        0.35
    } else if glide(s) || s == b'H' {
        0.4
    } else {
        0.9
    }
}

/// A weighted edit distance between two sound strings.
pub fn distance(a: &[Sound], b: &[Sound]) -> f32 {
    let m = b.len();
    let mut prev: Vec<f32> = Vec::with_capacity(m + 1);
    prev.push(0.0);
    for j in 0..m {
        prev.push(prev[j] + indel(b[j]));
    }
    let mut cur = vec![0f32; m + 1];
    for &x in a {
        cur[0] = prev[0] + indel(x);
        for j in 0..m {
            let y = b[j];
            cur[j + 1] = (prev[j] + sub(x, y))
                .min(prev[j + 1] + indel(x))
                .min(cur[j] + indel(y));
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// How much of the consonant weight of the two strings is matched: 1 identical, 0 nothing.
pub fn sound_similarity(a: &[Sound], b: &[Sound]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let weight = |s: &[Sound]| s.iter().map(|x| indel(*x)).sum::<f32>();
    let total = weight(a).max(weight(b));
    let mut sim = 1.0 - distance(a, b) / total;
    // The first sound carries a name.
    if a[0] != b[0] && sub(a[0], b[0]) >= 1.0 && !(vowel(a[0]) || vowel(b[0])) {
        sim -= 0.1;
    }
    sim.max(0.0)
}

/// How close a Hangul name and a Latin name sound (0..1); spaces ignored on both sides.
pub fn similarity(hangul: &str, latin: &str) -> f32 {
    sound_similarity(&hangul_sounds(hangul), &latin_sounds(latin))
}

/// How Korean surnames are usually written in English, besides Revised Romanization.
const SURNAME_SPELLINGS: &[(char, &[&str])] = &[
    ('이', &["lee", "yi", "rhee"]),
    ('박', &["park", "pak"]),
    ('김', &["kim"]),
    ('최', &["choi", "choe"]),
    ('정', &["jung", "chung", "jeong"]),
    ('조', &["cho", "jo"]),
    ('윤', &["yoon", "yun"]),
    ('강', &["kang"]),
    ('신', &["shin", "sin"]),
    ('오', &["oh"]),
    ('임', &["lim", "im"]),
    ('한', &["han"]),
    ('노', &["roh", "noh"]),
    ('류', &["ryu", "yoo", "yu"]),
    ('유', &["yoo", "yu"]),
    ('문', &["moon", "mun"]),
    ('장', &["jang", "chang"]),
    ('권', &["kwon"]),
    ('송', &["song"]),
    ('안', &["ahn", "an"]),
    ('황', &["hwang"]),
    ('홍', &["hong"]),
    ('전', &["jeon", "chun", "jun"]),
    ('고', &["ko", "go"]),
    ('서', &["seo", "suh"]),
    ('양', &["yang"]),
    ('손', &["son", "sohn"]),
    ('배', &["bae"]),
    ('백', &["baek", "paik"]),
    ('허', &["heo", "huh"]),
    ('남', &["nam"]),
    ('심', &["shim", "sim"]),
    ('하', &["ha"]),
    ('곽', &["kwak"]),
    ('우', &["woo"]),
    ('구', &["koo", "ku"]),
    ('민', &["min"]),
    ('진', &["jin"]),
];

/// Revised Romanization of a Hangul string, syllable by syllable (`윤석열` → `yunseokyeol`).
pub fn romanize(s: &str) -> String {
    let mut out = String::new();
    for syl in s.chars().filter_map(Syllable::of) {
        let (initial, medial, final_) = sounds::jamo(syl);
        out.push_str(initial.romanized);
        out.push_str(medial.romanized);
        out.push_str(final_.romanized);
    }
    out
}

fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A Korean person's name (surname first, two or three syllables) against its English
/// spelling (`윤석열` ⟷ `Yoon Suk-yeol`, `이재명` ⟷ `Lee Jae-myung`): Revised Romanization,
/// with the usual spellings of the surname, by edit distance.
pub fn korean_name_similarity(hangul: &str, latin: &str) -> f32 {
    korean_name_match(&korean_spellings(hangul), &latin_letters(latin))
}

/// The English spellings a Korean person's name may take (surname variants + Revised
/// Romanization of the given name); empty unless two to four syllables.
pub fn korean_spellings(hangul: &str) -> Vec<String> {
    let syl: Vec<char> = hangul.chars().filter(|c| hangul::is_syllable(*c)).collect();
    if !(2..=4).contains(&syl.len()) {
        return Vec::new();
    }
    let given = romanize(&syl[1..].iter().collect::<String>());
    let mut surnames = vec![romanize(&syl[0].to_string())];
    if let Some((_, v)) = SURNAME_SPELLINGS.iter().find(|(c, _)| *c == syl[0]) {
        surnames.extend(v.iter().map(|s| s.to_string()));
    }
    surnames.iter().map(|s| format!("{s}{given}")).collect()
}

/// The ASCII letters of a Latin name, lower case.
pub fn latin_letters(latin: &str) -> String {
    latin
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// [`korean_name_similarity`] from precomputed [`korean_spellings`] and [`latin_letters`].
pub fn korean_name_match(spellings: &[String], target: &str) -> f32 {
    if target.is_empty() {
        return 0.0;
    }
    spellings
        .iter()
        .map(|cand| {
            let d = levenshtein(cand.as_bytes(), target.as_bytes());
            1.0 - d as f32 / cand.len().max(target.len()) as f32
        })
        .fold(0.0, f32::max)
}

/// The pinyin of a hanja run, syllables joined by spaces (`劉國中` → `liu guo zhong`).
pub fn hanja_pinyin(hanja: &str) -> Option<String> {
    use pinyin::ToPinyin;
    let syl: Vec<&str> = hanja
        .to_pinyin()
        .map(|p| p.map_or("", |p| p.plain()))
        .collect();
    (!syl.is_empty() && syl.iter().all(|s| !s.is_empty())).then(|| syl.join(" "))
}

/// The hanja's pinyin is the English name: `劉國中` ⟷ `Liu Guozhong`.
pub fn hanja_matches(hanja: &str, latin: &str) -> bool {
    let Some(py) = hanja_pinyin(hanja) else {
        return false;
    };
    let key = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let py = key(&py);
    let l = key(latin);
    !l.is_empty()
        && (l == py || (py.len() >= 4 && l.len() >= 4 && (py.ends_with(&l) || l.ends_with(&py))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sound_alike() {
        assert!(
            similarity("설리번", "Sullivan") > 0.6,
            "{}",
            similarity("설리번", "Sullivan")
        );
        assert!(similarity("러브로프", "Lavrov") > 0.6);
        assert!(similarity("시진핑", "Xi Jinping") > 0.6);
        assert!(similarity("설리번", "Sullivan") > similarity("설리번", "Lavrov"));
        assert!(similarity("스톡홀름", "Stockholm") > similarity("스톡홀름", "Shanghai"));
    }

    #[test]
    fn korean_names() {
        assert_eq!(romanize("윤석열"), "yunseokyeol");
        assert!(korean_name_similarity("윤석열", "Yoon Seok-yeol") > 0.85);
        assert!(korean_name_similarity("윤석열", "Moon Jae-in") < 0.5);
    }

    #[test]
    fn hanja_to_pinyin() {
        assert_eq!(hanja_pinyin("劉國中").as_deref(), Some("liu guo zhong"));
        assert!(hanja_matches("劉國中", "Liu Guozhong"));
        assert!(hanja_matches("林建", "Lin Jian"));
        assert!(!hanja_matches("林建", "Wang Yi"));
    }
}
