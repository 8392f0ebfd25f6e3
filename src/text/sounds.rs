//! The sounds of Hangul jamo and of Latin spelling, one table each: what makes `설리번` and
//! `Sullivan`, `평양` and `pyongyang` meet.
//!
//! A *sound* is one byte: a consonant by place (`P T K S J L M N H`, `G` for ng), a glide
//! (`W Y`) or a vowel (`A E I O U`). Three readers build on these tables:
//! - `entity::translit` compares names by their sounds (an edit distance over them);
//! - `align::names` keys names by their first three consonant *classes* ([`class`]: the
//!   sounds with `J` folded into `S` and `G` into `N`, as English letters blur them);
//! - `search::roman` reads a Latin query as classes and the vowels heard after each
//!   ([`Vowel::spelled`]: how romanizations write a Korean vowel).
//!
//! Each keeps its own rules of context (where a doubled letter or a silent `e` matters to it);
//! what a jamo or a spelling sounds like is written only here.

use super::hangul::Syllable;

/// A consonant jamo: its sound (empty for the silent initial ㅇ and for final ㅎ, which
/// English spellings of names do not show) and its Revised Romanization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consonant {
    pub sound: &'static str,
    pub romanized: &'static str,
}

/// A vowel jamo: its sound, its Revised Romanization, and the vowel letters that
/// romanizations and English spellings use for it (bits [`A`] … [`U`], and [`WEAK`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vowel {
    pub sound: &'static str,
    pub romanized: &'static str,
    pub spelled: u8,
}

/// Vowel letters, as bits of [`Vowel::spelled`].
pub const A: u8 = 1;
pub const E: u8 = 2;
pub const I: u8 = 4;
pub const O: u8 = 8;
pub const U: u8 = 16;
/// ㅡ: often no vowel at all in the source (the vowel Korean adds between the consonants of a
/// loanword: 브, 스, 프).
pub const WEAK: u8 = 32;

const fn c(sound: &'static str, romanized: &'static str) -> Consonant {
    Consonant { sound, romanized }
}

const fn v(sound: &'static str, romanized: &'static str, spelled: u8) -> Vowel {
    Vowel {
        sound,
        romanized,
        spelled,
    }
}

/// The 19 initials, in syllable order (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ).
pub const INITIAL: [Consonant; 19] = [
    c("K", "g"),
    c("K", "kk"),
    c("N", "n"),
    c("T", "d"),
    c("T", "tt"),
    c("L", "r"),
    c("M", "m"),
    c("P", "b"),
    c("P", "pp"),
    c("S", "s"),
    c("S", "ss"),
    c("", ""),
    c("J", "j"),
    c("J", "jj"),
    c("J", "ch"),
    c("K", "k"),
    c("T", "t"),
    c("P", "p"),
    c("H", "h"),
];

/// The 21 vowels, in syllable order (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ).
/// ㅓ is `eo`, `o`, `u` or `a` (서울 Seoul, 설리번 Sullivan, 러브로프 Lavrov).
pub const MEDIAL: [Vowel; 21] = [
    v("A", "a", A),
    v("E", "ae", A | E),
    v("YA", "ya", A),
    v("YE", "yae", A | E),
    v("O", "eo", A | E | O | U),
    v("E", "e", E),
    v("YO", "yeo", A | E | O | U),
    v("YE", "ye", E),
    v("O", "o", O),
    v("WA", "wa", A | O),
    v("WE", "wae", A | E),
    v("WE", "oe", E | O),
    v("YO", "yo", O),
    v("U", "u", O | U),
    v("WO", "wo", A | O | U),
    v("WE", "we", E),
    v("WI", "wi", I | U),
    v("YU", "yu", U),
    // `ㅡ` after a consonant is Korean's added vowel (스, 트, 르): no sound of the source.
    v("", "eu", E | U | WEAK),
    v("UI", "ui", E | I | U),
    v("I", "i", E | I),
];

/// The 28 finals (index 0: none), as they sound at the end of a syllable (a cluster as one).
pub const FINAL: [Consonant; 28] = [
    c("", ""),
    c("K", "k"),
    c("K", "k"),
    c("K", "k"),
    c("N", "n"),
    c("N", "n"),
    c("N", "n"),
    c("T", "t"),
    c("L", "l"),
    c("L", "l"),
    c("L", "l"),
    c("L", "l"),
    c("L", "l"),
    c("L", "l"),
    c("L", "l"),
    c("L", "l"),
    c("M", "m"),
    c("P", "p"),
    c("P", "p"),
    c("T", "t"),
    c("T", "t"),
    c("G", "ng"),
    c("T", "t"),
    c("T", "t"),
    c("K", "k"),
    c("T", "t"),
    c("P", "p"),
    c("", "t"),
];

/// The three jamo of a syllable, from the tables above.
pub fn jamo(s: Syllable) -> (&'static Consonant, &'static Vowel, &'static Consonant) {
    (
        &INITIAL[s.initial as usize],
        &MEDIAL[s.medial as usize],
        &FINAL[s.final_ as usize],
    )
}

/// A vowel sound (`A E I O U`).
pub fn is_vowel(sound: u8) -> bool {
    matches!(sound, b'A' | b'E' | b'I' | b'O' | b'U')
}

/// A glide (`W Y`).
pub fn is_glide(sound: u8) -> bool {
    matches!(sound, b'W' | b'Y')
}

/// The consonant class of a sound (`K N T L M P S H`), `None` for vowels and glides: `J` is
/// written `s`, `z` or `j` and joins `S`; ng joins `N`.
pub fn class(sound: u8) -> Option<u8> {
    match sound {
        b'J' => Some(b'S'),
        b'G' => Some(b'N'),
        b'P' | b'T' | b'K' | b'S' | b'L' | b'M' | b'N' | b'H' => Some(sound),
        _ => None,
    }
}

/// The class of a consonant jamo's sound, `None` when it is silent.
pub fn consonant_class(jamo: &Consonant) -> Option<u8> {
    jamo.sound.bytes().next().and_then(class)
}

/// A vowel letter of Latin spelling (`y` counts: `Kyiv`, `Yoon`).
pub fn is_vowel_letter(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Two letters that spell one sound (or none: the silent `gh`), tried before single letters.
/// Before a vowel `ng` may also be `n` and `g` (`Hungary` 헝가리, but `Jongun` 정은): a reader
/// that wants the split looks there first.
const DIGRAPHS: &[(&[u8; 2], &[u8])] = &[
    (b"ch", b"S"),
    (b"sh", b"S"),
    (b"th", b"T"),
    (b"ph", b"P"),
    (b"gh", b""),
    (b"ck", b"K"),
    (b"ng", b"G"),
    (b"nk", b"GK"),
    (b"qu", b"K"),
    (b"ts", b"J"),
    (b"tz", b"J"),
    (b"zh", b"J"),
    (b"dg", b"J"),
];

/// The sound of each letter `a` … `z` standing alone; `c` before `e i y`, and `w`, `y` before
/// a vowel, are read in [`letter`].
const LETTERS: [&[u8]; 26] = [
    b"A", b"P", b"K", b"T", b"E", b"P", b"K", b"H", b"I", b"J", b"K", b"L", b"M", b"N", b"O", b"P",
    b"K", b"L", b"S", b"T", b"U", b"P", b"U", b"KS", b"I", b"S",
];

/// The sound of one Latin letter (lower-case ASCII; anything else sounds of nothing).
fn letter(c: u8, next: Option<u8>) -> &'static [u8] {
    let vowel_next = next.is_some_and(is_vowel_letter);
    match c {
        b'c' if matches!(next, Some(b'e' | b'i' | b'y')) => b"S",
        b'w' if vowel_next => b"W",
        b'y' if vowel_next => b"Y",
        b'a'..=b'z' => LETTERS[(c - b'a') as usize],
        _ => b"",
    }
}

/// The sound spelled at `b[i]` (lower-case ASCII letters; anything else sounds of nothing) by
/// English spelling, and how many letters spell it: a digraph (`sh`, `th`, `ng`), else the
/// letter alone.
pub fn latin_at(b: &[u8], i: usize) -> (&'static [u8], usize) {
    let c = b[i];
    let next = b.get(i + 1).copied();
    if let Some(n) = next
        && let Some((_, sound)) = DIGRAPHS.iter().find(|(d, _)| d[0] == c && d[1] == n)
    {
        return (sound, 2);
    }
    (letter(c, next), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sounds(word: &str) -> String {
        let b = word.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        while i < b.len() {
            let (s, skip) = latin_at(b, i);
            out.push_str(std::str::from_utf8(s).unwrap_or(""));
            i += skip;
        }
        out
    }

    #[test]
    fn spellings_sound() {
        assert_eq!(sounds("sullivan"), "SULLIPAN");
        assert_eq!(sounds("hong"), "HOG");
        assert_eq!(sounds("hungary"), "HUGALI");
        assert_eq!(sounds("yoon"), "YOON");
        assert_eq!(sounds("tsai"), "JAI");
        assert_eq!(sounds("alex"), "ALEKS");
    }

    #[test]
    fn jamo_and_classes() {
        let (i, m, f) = jamo(Syllable::of('평').unwrap_or(Syllable {
            initial: 0,
            medial: 0,
            final_: 0,
        }));
        assert_eq!((i.sound, m.sound, f.sound), ("P", "YO", "G"));
        assert_eq!((i.romanized, m.romanized, f.romanized), ("p", "yeo", "ng"));
        assert_eq!(consonant_class(f), Some(b'N'));
        assert_eq!(consonant_class(&INITIAL[11]), None);
        assert_eq!(class(b'J'), Some(b'S'));
        assert_eq!(class(b'A'), None);
    }
}
