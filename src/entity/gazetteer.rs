//! The shipped name lists: CLDR territory names and time-zone exemplar cities in Korean and
//! English (`assets/entities/gazetteer.tsv`, built by `scripts/build_gazetteer.py`, Unicode
//! licence), and a short hand-written list of news names CLDR lacks (`assets/entities/names.tsv`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

type Map = rustc_hash::FxHashMap<String, Vec<usize>>;

use super::EntityKind;

const CLDR: &str = include_str!("../../assets/entities/gazetteer.tsv");
const NEWS: &str = include_str!("../../assets/entities/names.tsv");

/// One name pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub ko: String,
    pub en: String,
    pub kind: EntityKind,
}

/// Names by either language.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    by_ko: Map,
    by_en: Map,
    /// The longest Korean name in characters.
    pub max_ko: usize,
    /// The longest English name in words.
    pub max_en_words: usize,
    /// The first two characters of every Korean name (spaces kept).
    starts: std::collections::HashSet<(char, char)>,
    /// Entries by the initials of their English name's words (`US` → United States), for the
    /// names whose initials no other name shares.
    by_initials: Map,
}

/// The shipped gazetteer, parsed once.
pub fn shipped() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = Gazetteer::default();
        let mut abbreviable = Vec::new();
        for line in CLDR.lines().chain(NEWS.lines()) {
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [ko, en, kind, ..] = cols.as_slice() else {
                continue;
            };
            // What news abbreviates (`US`, `UAE`, `UN`): countries and organisations, not
            // cities (`PM` is not Port Moresby).
            let abbreviated = matches!(*kind, "country" | "org");
            let kind = match *kind {
                "person" => EntityKind::Person,
                "org" => EntityKind::Org,
                _ => EntityKind::Place,
            };
            // CLDR's qualified names (`홍콩(중국 특별행정구)`) are not what text writes.
            if ko.contains('(') || en.contains('(') {
                continue;
            }
            if abbreviated {
                abbreviable.push(g.entries.len());
            }
            g.push(Entry {
                ko: ko.to_string(),
                en: en.to_string(),
                kind,
            });
        }
        g.index_initials(&abbreviable);
        g
    })
}

/// The initials of a name of two or more words, upper case (`United States` → `US`,
/// `Democratic People's Republic of Korea` → `DPRK`): function words are not written.
fn initials(name: &str) -> Option<String> {
    const SKIPPED: [&str; 5] = ["of", "the", "and", "for", "de"];
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !SKIPPED.contains(&w.to_lowercase().as_str()))
        .collect();
    (words.len() >= 2).then(|| {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    })
}

/// An acronym as written (`US`, `U.S.`, `DPRK`): its letters, when it is 2 to 6 capitals with
/// or without dots.
fn acronym_letters(s: &str) -> Option<String> {
    let letters: String = s.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    ((2..=6).contains(&n) && letters.chars().all(|c| c.is_ascii_uppercase())).then_some(letters)
}

/// English as a key: lower case, `the` and punctuation dropped (`the U.S.` → `us`).
pub fn en_key(s: &str) -> String {
    let lower = s.to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    // Letters and digits, the words between them one space apart (one pass: a tagger asks
    // this of every word and phrase).
    let mut key = String::with_capacity(lower.len());
    let mut space = false;
    for c in lower.chars() {
        if c.is_alphanumeric() {
            if space && !key.is_empty() {
                key.push(' ');
            }
            space = false;
            key.push(c);
        } else if c == ' ' {
            space = true;
        }
    }
    key
}

impl Gazetteer {
    fn push(&mut self, e: Entry) {
        let i = self.entries.len();
        self.max_ko = self.max_ko.max(e.ko.chars().count());
        let mut cs = e.ko.chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            self.starts.insert((a, b));
        }
        self.max_en_words = self.max_en_words.max(e.en.split_whitespace().count());
        self.by_ko.entry(e.ko.replace(' ', "")).or_default().push(i);
        self.by_en.entry(en_key(&e.en)).or_default().push(i);
        self.entries.push(e);
    }

    /// Index these entries by initials; initials two different names share index neither.
    fn index_initials(&mut self, ids: &[usize]) {
        let mut by: HashMap<String, Vec<usize>> = HashMap::new();
        for &i in ids {
            if let Some(k) = initials(&self.entries[i].en) {
                by.entry(k).or_default().push(i);
            }
        }
        for (k, mut ids) in by {
            let first = en_key(&self.entries[ids[0]].en);
            if ids.iter().all(|&i| en_key(&self.entries[i].en) == first) {
                ids.truncate(1);
                self.by_initials.insert(k, ids);
            }
        }
    }

    /// Some Korean name starts with these two characters.
    pub fn starts_name(&self, a: char, b: char) -> bool {
        self.starts.contains(&(a, b))
    }

    /// Entries whose Korean name is `ko` (spaces ignored).
    pub fn ko(&self, ko: &str) -> impl Iterator<Item = &Entry> {
        let key: Cow<str> = if ko.contains(' ') {
            Cow::Owned(ko.replace(' ', ""))
        } else {
            Cow::Borrowed(ko)
        };
        self.by_ko
            .get(key.as_ref())
            .into_iter()
            .flatten()
            .map(|i| &self.entries[*i])
    }

    /// Entries whose English name is `en` (case and `the` ignored), or, for an acronym the
    /// list has no entry of its own for, the one name it abbreviates (`U.S.` → United States).
    pub fn en(&self, en: &str) -> impl Iterator<Item = &Entry> {
        let ids = self.by_en.get(&en_key(en)).or_else(|| {
            acronym_letters(en.trim_start_matches("the ")).and_then(|a| self.by_initials.get(&a))
        });
        ids.into_iter().flatten().map(|i| &self.entries[*i])
    }

    /// The kind of a Korean name, if listed.
    pub fn ko_kind(&self, ko: &str) -> Option<EntityKind> {
        self.ko(ko).next().map(|e| e.kind)
    }

    pub fn en_kind(&self, en: &str) -> Option<EntityKind> {
        self.en(en).next().map(|e| e.kind)
    }

    /// The Korean and English names name the same thing.
    pub fn pairs(&self, ko: &str, en: &str) -> bool {
        let k = en_key(en);
        let listed: Vec<String> = self.en(en).map(|e| en_key(&e.en)).collect();
        self.ko(ko).any(|e| {
            let key = en_key(&e.en);
            key == k || listed.contains(&key)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages() {
        let g = shipped();
        assert!(g.entries.len() > 500);
        assert!(g.pairs("중국", "China"));
        assert!(g.pairs("미국", "the United States"));
        assert!(g.pairs("모스크바", "Moscow"));
        assert_eq!(g.ko_kind("백악관"), Some(EntityKind::Org));
        assert_eq!(g.en_kind("Pyongyang"), Some(EntityKind::Place));
    }

    #[test]
    fn keys_drop_case_the_and_punctuation() {
        assert_eq!(en_key("the U.S."), "us");
        assert_eq!(en_key("  South   Korea's "), "south koreas");
        assert_eq!(en_key("Bosnia - Herzegovina"), "bosnia herzegovina");
        assert_eq!(en_key("-- !"), "");
        assert_eq!(en_key("The  Hague"), "hague");
    }

    #[test]
    fn acronyms_stand_for_the_one_name_they_abbreviate() {
        let g = shipped();
        assert!(g.pairs("미국", "U.S."));
        assert!(g.pairs("미국", "US"));
        assert!(g.pairs("미국", "the US"));
        assert!(!g.pairs("중국", "US"));
        // Two listed names with the same initials: the acronym stands for neither.
        assert_eq!(initials("South Africa"), initials("Saudi Arabia"));
        assert_eq!(g.en_kind("SA"), None);
        assert_eq!(g.en_kind("Us"), None);
    }
}
