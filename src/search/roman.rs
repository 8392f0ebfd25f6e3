//! Latin queries reaching Hangul: `lavrov` finds 러브로프, `pyongyang` 평양, `newspim` 뉴스핌.
//!
//! Both sides become a sequence of *slots*: a consonant class (the classes of
//! [`crate::align::names`]: K N T L M P S H) and the vowels heard after it, as a set of vowel
//! qualities. Revised Romanization, McCune–Reischauer and English spellings of foreign names
//! differ mostly in vowels (ㅓ is `eo`, `o`, `u` or `a`: 서울 Seoul, 설리번 Sullivan, 러브로프
//! Lavrov) and in the epenthetic ㅡ Korean adds between consonants (브, 스, 프): so consonants must
//! agree slot by slot, vowels only mostly, and ㅡ may stand for no vowel at all.

use super::hangul::Syllable;

// Vowel qualities, as bits.
const A: u8 = 1;
const E: u8 = 2;
const I: u8 = 4;
const O: u8 = 8;
const U: u8 = 16;
/// ㅡ: may be silent (an epenthetic vowel of a loanword).
const WEAK: u8 = 32;

/// One consonant and the vowels after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub class: u8,
    pub vowels: u8,
    /// Which syllable of the Korean word this slot's consonant and last vowel sit in.
    pub syllable: u16,
    pub vowel_syllable: u16,
    /// Written twice (`ll`; 설리's final ㄹ and initial ㄹ): a faint clue, for ties.
    pub doubled: bool,
}

/// Consonant classes of the 19 initials (`-` silent ㅇ) and the 28 finals (`-` none, ㅎ).
const INITIAL: &[u8; 19] = b"KKNTTLMPPSS-SSSKTPH";
const FINAL: &[u8; 28] = b"-KKKNNNTLLLLLLLLMPPTTNTTKTP-";
const MEDIAL: [u8; 21] = [
    A,             // ㅏ
    A | E,         // ㅐ
    A,             // ㅑ
    A | E,         // ㅒ
    A | E | O | U, // ㅓ
    E,             // ㅔ
    A | E | O | U, // ㅕ
    E,             // ㅖ
    O,             // ㅗ
    A | O,         // ㅘ
    A | E,         // ㅙ
    E | O,         // ㅚ
    O,             // ㅛ
    O | U,         // ㅜ
    A | O | U,     // ㅝ
    E,             // ㅞ
    I | U,         // ㅟ
    U,             // ㅠ
    E | U | WEAK,  // ㅡ
    E | I | U,     // ㅢ
    E | I,         // ㅣ
];

/// The class of a syllable's first slot: its initial's, or `-` (a vowel first) for ㅇ.
pub fn initial_class(s: Syllable) -> u8 {
    INITIAL[s.initial as usize]
}

fn push(slots: &mut Vec<Slot>, class: u8, syllable: u16) {
    if let Some(last) = slots.last_mut()
        && last.class == class
        && (last.vowels == 0 || last.vowels & WEAK != 0)
    {
        // A doubled consonant (ll, 설리) is one slot.
        last.doubled = true;
        return;
    }
    slots.push(Slot {
        class,
        vowels: 0,
        syllable,
        vowel_syllable: syllable,
        doubled: false,
    });
}

fn vowel(slots: &mut Vec<Slot>, v: u8, syllable: u16) {
    match slots.last_mut() {
        Some(s) => {
            // ㅡ then a real vowel (으아) is the real vowel.
            s.vowels = if s.vowels & WEAK != 0 {
                v
            } else {
                s.vowels | v
            };
            s.vowel_syllable = syllable;
        }
        // A word starting with a vowel: a silent first slot.
        None => slots.push(Slot {
            class: b'-',
            vowels: v,
            syllable,
            vowel_syllable: syllable,
            doubled: false,
        }),
    }
}

/// The slots of a word's leading run of Hangul syllables; empty when it starts otherwise.
pub fn hangul_slots(word: &str) -> Vec<Slot> {
    let mut slots = Vec::new();
    for (n, c) in word.chars().enumerate() {
        let Some(s) = Syllable::of(c) else { break };
        let n = n as u16;
        let l = INITIAL[s.initial as usize];
        if l != b'-' {
            push(&mut slots, l, n);
        }
        vowel(&mut slots, MEDIAL[s.medial as usize], n);
        let t = FINAL[s.final_ as usize];
        if t != b'-' {
            push(&mut slots, t, n);
        }
    }
    slots
}

/// The slots of a lower-case Latin word, and whether it ends in a vowel.
pub fn latin_slots(word: &str) -> Vec<Slot> {
    let b = word.as_bytes();
    let mut slots = Vec::new();
    let mut i = 0;
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let (class, skip) = match (c, next) {
            (b'a', _) => (A, 1),
            (b'e', _) => (E, 1),
            (b'i', _) => (I, 1),
            (b'o', _) => (O, 1),
            (b'u', _) => (U, 1),
            // y and w glide into a following vowel; alone they are vowels.
            (b'y' | b'w', Some(n)) if is_vowel(n) => (0, 1),
            (b'y', _) => (I, 1),
            (b'w', _) => (U, 1),
            (b'c' | b's' | b'z', Some(b'h')) => (b'S', 2),
            (b't', Some(b'h')) => (b'T', 2),
            (b'p', Some(b'h')) => (b'P', 2),
            (b'g', Some(b'h')) => (0, 2),
            (b'c', Some(b'k')) => (b'K', 2),
            (b'n', Some(b'g')) => (b'N', 2),
            (b'q', Some(b'u')) => (b'K', 2),
            (b't', Some(b's' | b'z')) => (b'S', 2),
            (b'c', Some(b'e' | b'i' | b'y')) => (b'S', 1),
            (b'x', _) => {
                push(&mut slots, b'K', 0);
                (b'S', 1)
            }
            (b'b' | b'p' | b'f' | b'v', _) => (b'P', 1),
            (b'c' | b'g' | b'k' | b'q', _) => (b'K', 1),
            (b'd' | b't', _) => (b'T', 1),
            (b'l' | b'r', _) => (b'L', 1),
            (b'm', _) => (b'M', 1),
            (b'n', _) => (b'N', 1),
            (b'h', _) => (b'H', 1),
            (b's' | b'j', _) => (b'S', 1),
            _ => (0, 1),
        };
        if class >= b'A' {
            push(&mut slots, class, 0);
        } else if class != 0 {
            vowel(&mut slots, class, 0);
        }
        i += skip;
    }
    slots
}

/// How a Latin query reads a Korean word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RomanMatch {
    /// Slots whose vowels disagree.
    pub misses: u8,
    /// Slots written twice on one side only (러블로프 for `lavrov`; not a reason to reject).
    pub doubled: u8,
    /// The word goes on past the query (a particle, or the rest of a name still to be typed).
    pub longer: bool,
    /// Characters of the word the query covers, from its start.
    pub chars: usize,
}

/// Does the query (its slots) spell the start of the word (its slots)? Consonants must agree
/// slot by slot; vowels may disagree in one slot of every three after the first (none in up to
/// three slots).
pub fn reads_as(query: &[Slot], word: &[Slot]) -> Option<RomanMatch> {
    if query.len() < 2 || query.len() > word.len() {
        return None;
    }
    let mut misses = 0u8;
    let mut doubled = 0u8;
    for (k, (q, w)) in query.iter().zip(word).enumerate() {
        if q.class != w.class {
            return None;
        }
        doubled += u8::from(q.doubled != w.doubled);
        let last = k + 1 == query.len();
        let agree = match (q.vowels, w.vowels) {
            (0, 0) => true,
            // A query that stops at a consonant may go on with any vowel.
            (0, _) if last => true,
            (0, v) | (v, 0) => v & WEAK != 0 || (v == 0),
            (a, b) => a & b & !WEAK != 0,
        };
        if !agree {
            misses += 1;
        }
    }
    if misses as usize > (query.len() - 1) / 3 {
        return None;
    }
    let last = query[query.len() - 1];
    let word_last = word[query.len() - 1];
    let end = if last.vowels != 0 {
        word_last.vowel_syllable.max(word_last.syllable)
    } else {
        word_last.syllable
    };
    Some(RomanMatch {
        misses,
        doubled,
        longer: query.len() < word.len(),
        chars: end as usize + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(q: &str, w: &str) -> Option<RomanMatch> {
        reads_as(&latin_slots(q), &hangul_slots(w))
    }

    #[test]
    fn names_and_places_read_across() {
        for (q, w) in [
            ("lavrov", "러브로프"),
            ("pyongyang", "평양"),
            ("pyeongyang", "평양"),
            ("sullivan", "설리번"),
            ("newspim", "뉴스핌"),
            ("segye", "세계일보"),
            ("seoul", "서울"),
            ("putin", "푸틴"),
            ("washington", "워싱턴"),
        ] {
            let m = reads(q, w);
            assert!(m.is_some_and(|m| m.misses == 0), "{q} → {w}: {m:?}");
        }
        assert_eq!(
            reads("pyongyang", "평양에서").map(|m| (m.chars, m.longer)),
            Some((2, true))
        );
        assert_eq!(reads("lav", "러브로프").map(|m| m.chars), Some(2));
    }

    #[test]
    fn unrelated_words_do_not() {
        for (q, w) in [
            ("segye", "제재가"),
            ("pyongyang", "평화"),
            ("lavrov", "러시아"),
            ("segye", "시각"),
        ] {
            assert_eq!(reads(q, w), None, "{q} → {w}");
        }
        assert_eq!(reads("la", "러시아"), None);
        // A spelling with a doubled consonant reads the same, a little worse.
        let (a, b) = (reads("lavrov", "러브로프"), reads("lavrov", "러블로프"));
        assert_eq!(a.map(|m| m.doubled), Some(0));
        assert_eq!(b.map(|m| m.doubled), Some(1));
        assert_eq!(reads("sullivan", "설리번").map(|m| m.doubled), Some(0));
    }
}
