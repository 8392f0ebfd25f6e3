//! Hangul arithmetic, the one place for it. A precomposed syllable is
//! U+AC00 + 588·initial + 28·medial + final, so its jamo are a division away: 19 initial
//! consonants (choseong), 21 vowels (jungseong), 27 finals (jongseong) or none. Bare consonants
//! typed on their own arrive as compatibility jamo (ㄱ U+3131 …); a cluster such as ㄼ stands for
//! two consonants (ㄹㅂ).
//!
//! Used by align (name skeletons), entity (transliteration, loanword syllables), search
//! (choseong, half-typed syllables, typo units) and [`super::sounds`].

use std::ops::Range;

const BASE: u32 = 0xAC00;
const LAST: u32 = 0xD7A3;
/// Syllables sharing an initial are this many code points apart; sharing initial and medial, 28.
const PER_INITIAL: u32 = 588;
const PER_MEDIAL: u32 = 28;

/// The 19 initial consonants, in syllable order, as compatibility jamo.
pub const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];

/// The 21 vowels, in syllable order, as compatibility jamo (ㅏ U+314F … ㅣ U+3163).
pub const MEDIALS: [char; 21] = [
    'ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ',
    'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ',
];

/// The 27 finals (index 1…27; 0 is "no final"), as initial-consonant sequences: a cluster is two.
const FINALS: [&[u8]; 28] = [
    &[],
    &[0],     // ㄱ
    &[1],     // ㄲ
    &[0, 9],  // ㄳ
    &[2],     // ㄴ
    &[2, 12], // ㄵ
    &[2, 18], // ㄶ
    &[3],     // ㄷ
    &[5],     // ㄹ
    &[5, 0],  // ㄺ
    &[5, 6],  // ㄻ
    &[5, 7],  // ㄼ
    &[5, 9],  // ㄽ
    &[5, 16], // ㄾ
    &[5, 17], // ㄿ
    &[5, 18], // ㅀ
    &[6],     // ㅁ
    &[7],     // ㅂ
    &[7, 9],  // ㅄ
    &[9],     // ㅅ
    &[10],    // ㅆ
    &[11],    // ㅇ
    &[12],    // ㅈ
    &[14],    // ㅊ
    &[15],    // ㅋ
    &[16],    // ㅌ
    &[17],    // ㅍ
    &[18],    // ㅎ
];

/// A precomposed syllable split into (initial 0‥19, medial 0‥21, final 0‥28).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syllable {
    pub initial: u8,
    pub medial: u8,
    pub final_: u8,
}

impl Syllable {
    pub fn of(c: char) -> Option<Syllable> {
        let code = c as u32;
        if !(BASE..=LAST).contains(&code) {
            return None;
        }
        let i = code - BASE;
        Some(Syllable {
            initial: (i / PER_INITIAL) as u8,
            medial: ((i % PER_INITIAL) / PER_MEDIAL) as u8,
            final_: (i % PER_MEDIAL) as u8,
        })
    }

    pub fn to_char(self) -> char {
        let code = BASE
            + PER_INITIAL * self.initial as u32
            + PER_MEDIAL * self.medial as u32
            + self.final_ as u32;
        char::from_u32(code).unwrap_or('\u{FFFD}')
    }

    /// The final as initial consonants: none, one, or two for a cluster (ㄺ → ㄹ ㄱ).
    pub fn final_initials(self) -> &'static [u8] {
        FINALS[self.final_ as usize]
    }

    /// The initial as a compatibility jamo (`설` → `ㅅ`; `ㅇ` for a syllable that starts with
    /// its vowel).
    pub fn initial_jamo(self) -> char {
        INITIALS[self.initial as usize]
    }

    /// The vowel as a compatibility jamo (`설` → `ㅓ`).
    pub fn medial_jamo(self) -> char {
        MEDIALS[self.medial as usize]
    }

    /// The initial as a conjoining jamo (U+1100 …), the first of [`Self::conjoining`].
    pub fn conjoining_initial(self) -> u32 {
        0x1100 + self.initial as u32
    }

    /// The syllable as conjoining jamo (U+1100 initial, U+1161 vowel, U+11A8 final if any):
    /// letter-sized units, for edit distances.
    pub fn conjoining(self) -> impl Iterator<Item = u32> {
        let final_ = (self.final_ != 0).then_some(0x11A7 + self.final_ as u32);
        [self.conjoining_initial(), 0x1161 + self.medial as u32]
            .into_iter()
            .chain(final_)
    }
}

/// The code points of the syllables with this initial (`ㅅ` → 사 … 힣's share), as a range.
pub fn with_initial(initial: u8) -> Range<u32> {
    let lo = BASE + PER_INITIAL * initial as u32;
    lo..lo + PER_INITIAL
}

/// The code points of the syllables with this initial and vowel, any final (`서` … `섷`).
pub fn with_initial_medial(initial: u8, medial: u8) -> Range<u32> {
    let lo = BASE + PER_INITIAL * initial as u32 + PER_MEDIAL * medial as u32;
    lo..lo + PER_MEDIAL
}

/// The initial of a syllable, `None` for anything else. Cheap enough for every character.
pub fn initial_of(c: char) -> Option<u8> {
    let code = c as u32;
    (BASE..=LAST)
        .contains(&code)
        .then(|| ((code - BASE) / PER_INITIAL) as u8)
}

/// The choseong of a syllable as a compatibility jamo (`설` → `ㅅ`), `None` for anything else.
pub fn choseong(c: char) -> Option<char> {
    initial_of(c).map(|i| INITIALS[i as usize])
}

/// A precomposed Hangul syllable (U+AC00 … U+D7A3).
pub fn is_syllable(c: char) -> bool {
    (BASE..=LAST).contains(&(c as u32))
}

/// A bare consonant typed alone (compatibility ㄱ…ㅎ, or a conjoining initial U+1100…U+1112) as
/// the initials it stands for: one, or two for a cluster (ㄼ → ㄹ ㅂ).
pub fn bare_consonant(c: char) -> Option<&'static [u8]> {
    const ALL: [u8; 19] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    ];
    if let Some(i) = INITIALS.iter().position(|&k| k == c) {
        return Some(&ALL[i..=i]);
    }
    let code = c as u32;
    if (0x1100..=0x1112).contains(&code) {
        let i = (code - 0x1100) as usize;
        return Some(&ALL[i..=i]);
    }
    // Clusters exist only as finals: find the final whose compatibility jamo this is.
    let final_index = match c {
        'ㄳ' => 3,
        'ㄵ' => 5,
        'ㄶ' => 6,
        'ㄺ' => 9,
        'ㄻ' => 10,
        'ㄼ' => 11,
        'ㄽ' => 12,
        'ㄾ' => 13,
        'ㄿ' => 14,
        'ㅀ' => 15,
        'ㅄ' => 18,
        _ => return None,
    };
    Some(FINALS[final_index])
}

/// The final index (1…27) for a final written as initial consonants, if there is one:
/// `[ㄹ, ㄱ]` → ㄺ. Used to see what a syllable could grow into while it is typed.
pub fn final_from_initials(initials: &[u8]) -> Option<u8> {
    (1..28u8).find(|&f| FINALS[f as usize] == initials)
}

/// Finals a syllable's final can still become while typing: itself and the clusters it starts
/// (ㄹ → ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ).
pub fn finals_growing_from(final_: u8) -> impl Iterator<Item = u8> {
    let start = FINALS[final_ as usize];
    (1..28u8).filter(move |&f| {
        let seq = FINALS[f as usize];
        f == final_ || (start.len() == 1 && seq.len() == 2 && seq[0] == start[0])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_split_and_join() {
        let s = Syllable::of('번').unwrap();
        assert_eq!(INITIALS[s.initial as usize], 'ㅂ');
        assert_eq!(s.final_initials(), &[2]);
        assert_eq!(s.to_char(), '번');
        assert_eq!(Syllable::of('a'), None);
        assert_eq!(initial_of('설'), Some(9));
        assert_eq!(choseong('설'), Some('ㅅ'));
        assert_eq!((s.initial_jamo(), s.medial_jamo()), ('ㅂ', 'ㅓ'));
        let units: Vec<u32> = s.conjoining().collect();
        assert_eq!(units, vec![0x1107, 0x1165, 0x11AB]);
        assert_eq!(Syllable::of('서').map(|s| s.conjoining().count()), Some(2));
    }

    #[test]
    fn ranges_hold_the_syllables_they_name() {
        assert!(with_initial(9).contains(&('사' as u32)));
        assert!(with_initial(9).contains(&('싷' as u32)));
        assert!(!with_initial(9).contains(&('싸' as u32)));
        let r = with_initial_medial(9, 4);
        assert_eq!((r.start, r.end - 1), ('서' as u32, '섷' as u32));
    }

    #[test]
    fn bare_consonants_and_clusters() {
        assert_eq!(bare_consonant('ㅅ'), Some(&[9u8][..]));
        assert_eq!(bare_consonant('ㄼ'), Some(&[5u8, 7][..]));
        assert_eq!(bare_consonant('\u{1109}'), Some(&[9u8][..]));
        assert_eq!(bare_consonant('ㅏ'), None);
        assert_eq!(final_from_initials(&[5, 0]), Some(9));
        let grown: Vec<u8> = finals_growing_from(8).collect();
        assert_eq!(grown, vec![8, 9, 10, 11, 12, 13, 14, 15]);
    }
}
