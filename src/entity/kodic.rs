//! Korean proper nouns from mecab-ko-dic 2.1.1 (Apache-2.0): people, places, organisations
//! and other names (`assets/entities/kodic-names.tsv.gz`, built by
//! `scripts/build_kodic_names.py` from the dictionary source inside the `lindera-ko-dic` crate
//! package). A feature of the Korean model, not a rule: the list holds common words too.

use std::io::Read;
use std::sync::OnceLock;

const DATA: &[u8] = include_bytes!("../../assets/entities/kodic-names.tsv.gz");
const PREDICATIVE: &[u8] = include_bytes!("../../assets/entities/kodic-predicative.txt.gz");

pub const PERSON: u8 = 1;
pub const PLACE: u8 = 2;
pub const ORG: u8 = 4;
pub const OTHER: u8 = 8;

/// Set beside a word's kinds when longer listed words start with it: a word with neither
/// kinds nor this bit ends the search for a longer one.
const LONGER: u8 = 0x80;

/// The listed words and the proper prefixes of them (two characters and more), with their kinds
/// and [`LONGER`]; the keys point into the list's text, kept for the life of the process.
fn list() -> &'static rustc_hash::FxHashMap<&'static str, u8> {
    static LIST: OnceLock<rustc_hash::FxHashMap<&'static str, u8>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut text = String::new();
        let mut map = rustc_hash::FxHashMap::default();
        if flate2::read::GzDecoder::new(DATA)
            .read_to_string(&mut text)
            .is_err()
        {
            return map;
        }
        let text: &'static str = Box::leak(text.into_boxed_str());
        for line in text.lines() {
            if let Some((w, k)) = line.split_once('\t') {
                let bits = k.bytes().fold(0u8, |b, c| {
                    b | match c {
                        b'p' => PERSON,
                        b'l' => PLACE,
                        b'o' => ORG,
                        _ => OTHER,
                    }
                });
                *map.entry(w).or_insert(0) |= bits;
                // Every shorter prefix of two characters or more leads on to this word.
                for (end, _) in w.char_indices().skip(2) {
                    *map.entry(&w[..end]).or_insert(0) |= LONGER;
                }
            }
        }
        map
    })
}

/// The kinds a listed word has, as bits.
pub fn kinds(word: &str) -> u8 {
    list().get(word).map_or(0, |b| b & !LONGER)
}

/// The word's likeliest reading in mecab-ko-dic is a noun that takes 하다 or 되다 (`저지`
/// "blocking", `오만` "arrogance"; `scripts/build_kodic_predicative.py`): a name list holding
/// it (Jersey, Oman) is no evidence of a name by itself.
pub fn predicative(word: &str) -> bool {
    static LIST: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut text = String::new();
        match flate2::read::GzDecoder::new(PREDICATIVE).read_to_string(&mut text) {
            Ok(_) => text.lines().map(str::to_string).collect(),
            Err(_) => Default::default(),
        }
    })
    .contains(word)
}

/// The longest listed word starting at `start` and ending before `end`: its length and kinds.
pub fn longest(chars: &[char], start: usize, end: usize) -> Option<(usize, u8)> {
    let list = list();
    let mut s = String::new();
    let mut best = None;
    for (k, c) in chars[start..end.min(start + 10)].iter().enumerate() {
        s.push(*c);
        if k >= 1 {
            let Some(&b) = list.get(s.as_str()) else {
                break;
            };
            if b & !LONGER != 0 {
                best = Some((k + 1, b & !LONGER));
            }
            if b & LONGER == 0 {
                break;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed() {
        assert_ne!(kinds("가가린") & PERSON, 0);
        let c: Vec<char> = "블라디보스토크에서".chars().collect();
        assert!(longest(&c, 0, c.len()).is_some());
    }

    #[test]
    fn predicative_nouns() {
        // 저지 "blocking" and 오만 "arrogance" before Jersey and Oman; 부산 and 대구 are cities first.
        assert!(predicative("저지") && predicative("오만"));
        assert!(!predicative("부산") && !predicative("대구") && !predicative("중국"));
    }
}
