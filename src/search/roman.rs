//! Latin queries reaching Hangul: `lavrov` finds 러브로프, `pyongyang` 평양, `newspim` 뉴스핌.
//!
//! Both sides become a sequence of *slots*: a consonant class ([`sounds::class`]:
//! K N T L M P S H) and the vowels heard after it, as a set of vowel qualities
//! ([`sounds::Vowel::spelled`]). Revised Romanization, McCune–Reischauer and English spellings
//! of foreign names differ mostly in vowels (ㅓ is `eo`, `o`, `u` or `a`: 서울 Seoul, 설리번 Sullivan, 러브로프
//! Lavrov) and in the epenthetic ㅡ Korean adds between consonants (브, 스, 프): so consonants must
//! agree slot by slot, each vowel must be one the Korean vowel is spelled with (a vowel that
//! disagrees is a typo of a romanization, not one), and ㅡ may stand for no vowel at all.
//! A query that ends in a consonant reads a Korean word only where that consonant ends what it
//! reads: as a final (`seoul` 서울), before the added ㅡ (`lav` 러브), or before the ㅣ Korean
//! adds after a final sh, ch or j (`bush` 부시); `bush` does not read 부주석, whose ㅜ it never
//! spelled.

use crate::text::hangul::Syllable;
use crate::text::sounds::{self, A, E, I, O, U, WEAK};

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
    /// First heard as a syllable's final (서울's ㄹ, 설리's ㄹ): a query may end on it.
    pub coda: bool,
}

/// The class of a syllable's first slot: its initial's, or `-` (a vowel first) for ㅇ.
pub fn initial_class(s: Syllable) -> u8 {
    sounds::consonant_class(sounds::jamo(s).0).unwrap_or(SILENT)
}

/// The vowels of ㅣ alone ([`sounds::MEDIAL`]'s spelling of it).
const I_ALONE: u8 = sounds::MEDIAL[20].spelled;

/// The class of a slot with no consonant (a word that starts with its vowel).
const SILENT: u8 = b'-';

fn push(slots: &mut Vec<Slot>, class: u8, syllable: u16, coda: bool) {
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
        coda,
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
            class: SILENT,
            vowels: v,
            syllable,
            vowel_syllable: syllable,
            doubled: false,
            coda: false,
        }),
    }
}

/// The slots of a word's leading run of Hangul syllables; empty when it starts otherwise.
pub fn hangul_slots(word: &str) -> Vec<Slot> {
    let mut slots = Vec::new();
    for (n, c) in word.chars().enumerate() {
        let Some(s) = Syllable::of(c) else { break };
        let n = n as u16;
        let (initial, medial, final_) = sounds::jamo(s);
        if let Some(l) = sounds::consonant_class(initial) {
            push(&mut slots, l, n, false);
        }
        vowel(&mut slots, medial.spelled, n);
        if let Some(t) = sounds::consonant_class(final_) {
            push(&mut slots, t, n, true);
        }
    }
    slots
}

/// The slots of a lower-case Latin word, and whether it ends in a vowel.
pub fn latin_slots(word: &str) -> Vec<Slot> {
    let b = word.as_bytes();
    let mut slots = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let (sound, skip) = sounds::latin_at(b, i);
        for &x in sound {
            match x {
                b'A' => vowel(&mut slots, A, 0),
                b'E' => vowel(&mut slots, E, 0),
                b'I' => vowel(&mut slots, I, 0),
                b'O' => vowel(&mut slots, O, 0),
                b'U' => vowel(&mut slots, U, 0),
                // y and w glide into a following vowel: the vowel is what a slot keeps.
                _ => {
                    if let Some(class) = sounds::class(x) {
                        push(&mut slots, class, 0, false);
                    }
                }
            }
        }
        i += skip;
    }
    slots
}

/// How a Latin query reads a Korean word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RomanMatch {
    /// Slots written twice on one side only (러블로프 for `lavrov`; not a reason to reject).
    pub doubled: u8,
    /// The word goes on past the query (a particle, or the rest of a name still to be typed).
    pub longer: bool,
    /// Characters of the word the query covers, from its start.
    pub chars: usize,
}

/// Does the query (its slots) spell the start of the word (its slots)? Consonants and vowels
/// must agree slot by slot; a final consonant of the query must end what it reads.
pub fn reads_as(query: &[Slot], word: &[Slot]) -> Option<RomanMatch> {
    if query.len() < 2 || query.len() > word.len() {
        return None;
    }
    let mut doubled = 0u8;
    for (k, (q, w)) in query.iter().zip(word).enumerate() {
        if q.class != w.class {
            return None;
        }
        doubled += u8::from(q.doubled != w.doubled);
        let last = k + 1 == query.len();
        let agree = match (q.vowels, w.vowels) {
            (0, 0) => true,
            // A query that stops at a consonant: the consonant is the word's final, or Korean
            // added the vowel after it (ㅡ; ㅣ after sh, ch, j: 부시, 리치, 브리지).
            (0, v) if last => w.coda || v & WEAK != 0 || (q.class == b'S' && v == I_ALONE),
            (0, v) | (v, 0) => v & WEAK != 0 || (v == 0),
            (a, b) => a & b & !WEAK != 0,
        };
        if !agree {
            return None;
        }
    }
    let last = query[query.len() - 1];
    let word_last = word[query.len() - 1];
    let end = if last.vowels != 0 {
        word_last.vowel_syllable.max(word_last.syllable)
    } else {
        word_last.syllable
    };
    Some(RomanMatch {
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
            assert!(m.is_some(), "{q} → {w}: {m:?}");
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
        // A final consonant must end what it reads: a final, or before an added ㅡ or ㅣ.
        assert_eq!(reads("bush", "부주석"), None);
        assert_eq!(reads("bush", "부총리"), None);
        assert_eq!(reads("bush", "부시").map(|m| m.chars), Some(2));
        assert_eq!(reads("seoul", "서울대").map(|m| m.chars), Some(2));
        assert_eq!(reads("sul", "설리번").map(|m| m.chars), Some(1));
        // A vowel the Korean one is never spelled with is a typo, not a romanization.
        assert_eq!(reads("lavruv", "러브로프"), None);
        // A spelling with a doubled consonant reads the same, a little worse.
        let (a, b) = (reads("lavrov", "러브로프"), reads("lavrov", "러블로프"));
        assert_eq!(a.map(|m| m.doubled), Some(0));
        assert_eq!(b.map(|m| m.doubled), Some(1));
        assert_eq!(reads("sullivan", "설리번").map(|m| m.doubled), Some(0));
    }
}
