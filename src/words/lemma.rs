//! The dictionary form of a Korean word (어절): 만났다 → 만나다, 밝혔다 → 밝히다,
//! 보도했다 → 보도하다, 대통령이 → 대통령, 됐다 → 되다.
//!
//! The data (`assets/words/lemmas.tsv.gz`, from mecab-ko-dic's inflection table; source, licence
//! and how to rebuild it in `assets/words/README.md`) lists heads (stems and inflected stems with
//! their dictionary forms), the endings and particles that may follow them, and the nouns whose
//! last syllable looks like a particle. A word is cut into head + tail: a known verb or adjective
//! head first, then a noun + 하다/되다 head, then a noun with its particles. Every reading that
//! fits is kept, best first.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::OnceLock;

use crate::text::hangul;

const DATA: &[u8] = include_bytes!("../../assets/words/lemmas.tsv.gz");

/// What a head is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A verb or adjective: the lemma is its own (만났 → 만나다).
    Verb,
    /// A suffix making a verb of the noun before it (했 → 하다: 보도했다 → 보도하다).
    Suffix,
    /// A noun with a particle fused in (가겔 → 가게).
    Noun,
}

#[derive(Default)]
struct Table {
    heads: HashMap<String, Vec<(String, Kind)>>,
    /// Endings (and, through `particles` and `copula`, everything that may follow a head).
    tails: HashSet<String>,
    particles: HashSet<String>,
    copula: HashSet<String>,
    /// Nouns that end like a particle (국가, 회의): never cut.
    nouns: HashSet<String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut text = String::new();
        let mut t = Table::default();
        if flate2::read::GzDecoder::new(DATA)
            .read_to_string(&mut text)
            .is_err()
        {
            return t;
        }
        for line in text.lines() {
            let mut f = line.split('\t');
            let (Some(tag), Some(word)) = (f.next(), f.next()) else {
                continue;
            };
            let word = word.to_string();
            match tag {
                "h" => {
                    let readings = f.next().unwrap_or("").split(' ').filter_map(|r| {
                        let (lemma, kind) = r.split_once(':')?;
                        let kind = match kind {
                            "v" => Kind::Verb,
                            "x" => Kind::Suffix,
                            "n" => Kind::Noun,
                            _ => return None,
                        };
                        Some((lemma.to_string(), kind))
                    });
                    t.heads.insert(word, readings.collect());
                }
                "t" => {
                    t.tails.insert(word);
                }
                "p" => {
                    t.particles.insert(word);
                }
                "c" => {
                    t.copula.insert(word);
                }
                "n" => {
                    t.nouns.insert(word);
                }
                _ => {}
            }
        }
        t
    })
}

impl Table {
    fn is_tail_piece(&self, s: &str) -> bool {
        self.tails.contains(s) || self.particles.contains(s) || self.copula.contains(s)
    }

    /// The fewest tail pieces `rest` splits into, the first one passing `first` (0 for an
    /// empty `rest`; `None` if it does not split).
    fn tail_pieces(&self, rest: &[char], first: impl Fn(&str) -> bool) -> Option<usize> {
        let n = rest.len();
        // best[i]: fewest pieces rest[..i] splits into.
        let mut best: Vec<Option<usize>> = vec![None; n + 1];
        best[0] = Some(0);
        let mut piece = String::new();
        for i in 0..n {
            let Some(k) = best[i] else { continue };
            for j in i + 1..=n.min(i + 6) {
                piece.clear();
                piece.extend(&rest[i..j]);
                if self.is_tail_piece(&piece) && (i > 0 || first(&piece)) {
                    best[j] = Some(best[j].map_or(k + 1, |b| b.min(k + 1)));
                }
            }
        }
        best[n]
    }

    /// What may follow a bare noun: particles, 들 and (unless after digits or Latin letters)
    /// the copula first.
    fn noun_tail_pieces(&self, rest: &[char], copula: bool) -> Option<usize> {
        self.tail_pieces(rest, |p| {
            self.particles.contains(p) || (copula && self.copula.contains(p))
        })
    }

    fn is_noun_tail(&self, rest: &[char], copula: bool) -> bool {
        self.noun_tail_pieces(rest, copula).is_some()
    }
}

/// Names the context knows: the Korean names of the entities tagged in the article a word is
/// read in. A word that is one of them (with particles after it) is that noun before any
/// verb reading: a person's name ending in 한 is no 하다 form, whatever the lists say.
#[derive(Debug, Clone, Default)]
pub struct Names(HashSet<String>);

impl Names {
    /// From names as the tagger or the library gives them (`바이든`, `조 바이든`): each
    /// space-separated part of two syllables or more (one syllable alone is a surname, or a
    /// word, too often).
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Names {
        let mut set = HashSet::new();
        for name in names {
            for part in name.as_ref().split_whitespace() {
                let syllables = part.chars().filter(|&c| hangul::is_syllable(c)).count();
                if syllables >= 2 && syllables == part.chars().count() {
                    set.insert(part.to_string());
                }
            }
        }
        Names(set)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What the readings depend on, as a short hex digest: the table and the rules reading it
/// (this file and the word splitter's). Lemma counts stored with another digest were made
/// by another rule and are counted again.
pub fn fingerprint() -> &'static str {
    static FP: OnceLock<String> = OnceLock::new();
    FP.get_or_init(|| {
        let mut h = blake3::Hasher::new();
        h.update(DATA);
        h.update(include_str!("lemma.rs").as_bytes());
        h.update(include_str!("tokens.rs").as_bytes());
        h.finalize().to_hex()[..16].to_string()
    })
}

/// The dictionary forms of one word, best first; never empty (a word nothing fits is its own
/// lemma). `word` is one 어절 without surrounding punctuation.
pub fn lemmas(word: &str) -> Vec<String> {
    lemmas_in(word, &Names::default())
}

/// [`lemmas`] of a word read in an article whose tagged names are `names`.
pub fn lemmas_in(word: &str, names: &Names) -> Vec<String> {
    let core = without_brackets(word);
    let chars: Vec<char> = core.chars().collect();
    if chars.is_empty() {
        return vec![word.to_string()];
    }
    // Reading a word tries its splits (quadratic in its length): a run of letters longer
    // than any Korean word (a page of 가가가…, a title with no spaces) is its own form.
    if chars.len() > MAX_WORD {
        return vec![core];
    }
    let out = if chars.iter().all(|&c| hangul::is_syllable(c)) {
        hangul_lemmas(&chars, names)
    } else {
        mixed_lemma(&chars).into_iter().collect()
    };
    if out.is_empty() { vec![core] } else { out }
}

/// Syllables in the longest word read (real eojeol stay well under 20).
const MAX_WORD: usize = 40;

/// The best dictionary form of one word.
pub fn lemma(word: &str) -> String {
    lemmas(word).swap_remove(0)
}

/// The best dictionary form of a word read in an article whose tagged names are `names`.
pub fn lemma_in(word: &str, names: &Names) -> String {
    lemmas_in(word, names).swap_remove(0)
}

/// `장유샤(張眞夏)와` → `장유샤와`: the hanja or gloss in brackets is not part of the word.
fn without_brackets(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut depth = 0usize;
    for c in word.chars() {
        match c {
            '(' | '[' | '（' => depth += 1,
            ')' | ']' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A word with digits or Latin letters (`G7에서`, `29일`, `AI가`): particles come off the
/// Hangul at its end; nothing else does.
fn mixed_lemma(chars: &[char]) -> Option<String> {
    let t = table();
    let last_other = chars.iter().rposition(|&c| !hangul::is_syllable(c))?;
    let rest = &chars[last_other + 1..];
    if !rest.is_empty() && t.is_noun_tail(rest, false) {
        return Some(chars[..=last_other].iter().collect());
    }
    None
}

/// The suffixes that make a verb or adjective of the noun before them.
const NOUN_SUFFIXES: &[&str] = &[
    "하다",
    "되다",
    "시키다",
    "당하다",
    "받다",
    "드리다",
    "스럽다",
    "롭다",
    "답다",
];

/// Every reading of a Hangul word, scored by how much of the word a known part explains (the
/// head, or the noun before a particle); the best readings first, ties to the earlier rule.
fn hangul_lemmas(chars: &[char], names: &Names) -> Vec<String> {
    let t = table();
    let n = chars.len();
    let text = |r: &[char]| -> String { r.iter().collect() };
    let mut found: Vec<(f32, String)> = Vec::new();
    // 1. A noun that ends like a particle, with its tail: 국가가 → 국가, 회의에서 → 회의.
    //    Longest first.
    for end in (2..=n).rev() {
        let noun = &chars[..end];
        // A listed place or organisation is a noun too (북한 is no form of 북하다), and so is
        // a name tagged in the article (김영한 is no form of 김영하다).
        let named = || {
            let noun = text(noun);
            names.contains(&noun) || crate::entity::gazetteer::shipped().ko_kind(&noun).is_some()
        };
        if (t.nouns.contains(&text(noun)) || named()) && t.is_noun_tail(&chars[end..], true) {
            found.push((end as f32 + 0.5, text(noun)));
            break;
        }
    }
    // 2. A head and its tail: a verb or adjective (만났다 → 만나다), 하다 or 되다 alone (했다), a
    //    noun with a particle fused in.
    for end in (1..=n).rev() {
        let Some(readings) = t.heads.get(&text(&chars[..end])) else {
            continue;
        };
        let rest = &chars[end..];
        let head = text(&chars[..end]);
        for (lemma, kind) in readings {
            // A bare stem (만나 of 만나다) takes an ending first, never a particle.
            let bare = lemma.strip_suffix('다') == Some(head.as_str());
            let pieces = match kind {
                Kind::Verb | Kind::Suffix => t.tail_pieces(rest, |p| !bare || t.tails.contains(p)),
                // (below a plain noun and particle: the fused forms are rare)
                Kind::Noun => t.noun_tail_pieces(rest, true).map(|k| k + 6),
            };
            let Some(pieces) = pieces else { continue };
            found.push((end as f32 - piece_cost(pieces), lemma.clone()));
        }
    }
    // 3. A noun + 하다/되다/시키다 … (보도했다 → 보도하다, 개최됐다 → 개최되다).
    for end in (2..=n).rev() {
        let Some(pieces) = t.tail_pieces(&chars[end..], |_| true) else {
            continue;
        };
        for start in 1..end {
            let Some(readings) = t.heads.get(&text(&chars[start..end])) else {
                continue;
            };
            for (lemma, kind) in readings {
                // The suffix is written with its own first consonant (했 for 하다), not an
                // elided form (다 for 하다 in 깨끗다).
                if *kind == Kind::Suffix
                    && NOUN_SUFFIXES.contains(&lemma.as_str())
                    && same_initial(chars[start], lemma)
                {
                    let lemma = format!("{}{lemma}", text(&chars[..start]));
                    found.push((end as f32 - piece_cost(pieces), lemma));
                }
            }
        }
    }
    // 4. A noun and its particles, in the fewest pieces, then the longest tail (것으로 → 것,
    //    장유샤와 → 장유샤); the plural 들 goes too (사람들이 → 사람).
    let noun_end = (1..n)
        .filter_map(|end| Some((t.noun_tail_pieces(&chars[end..], true)?, end)))
        .min();
    if let Some((_, end)) = noun_end {
        let mut noun = &chars[..end];
        if noun.len() > 2 && noun.last() == Some(&'들') {
            noun = &noun[..noun.len() - 1];
        }
        // Less than a head explaining as much: the noun is unknown material.
        found.push((noun.len() as f32 - 1.0, text(noun)));
    }
    if found.is_empty() {
        found.push((0.0, text(chars)));
    }
    // Best first; ties keep the order of the rules above.
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = found.first().map_or(0.0, |f| f.0);
    let mut out: Vec<String> = Vec::new();
    for (score, lemma) in found {
        if score >= best - 1.0 && out.len() < 4 && !out.contains(&lemma) {
            out.push(lemma);
        }
    }
    out
}

/// A long chain of endings is less likely than a short one (a one-syllable head with three
/// pieces after it is usually a noun misread).
fn piece_cost(pieces: usize) -> f32 {
    0.25 * pieces.saturating_sub(1) as f32
}

/// The syllable `c` starts with the consonant `lemma` starts with (했 and 하다: ㅎ).
fn same_initial(c: char, lemma: &str) -> bool {
    lemma
        .chars()
        .next()
        .and_then(hangul::initial_of)
        .is_some_and(|l| hangul::initial_of(c) == Some(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_examples() {
        assert_eq!(lemma("만났다"), "만나다");
        assert_eq!(lemma("밝혔다"), "밝히다");
        assert_eq!(lemma("보도했다"), "보도하다");
        assert_eq!(lemma("대통령이"), "대통령");
        assert_eq!(lemma("됐다"), "되다");
        assert_eq!(lemma("했다"), "하다");
        // A listed name that ends like 하다's adnominal form stays a name.
        assert_eq!(lemma("북한"), "북한");
        assert_eq!(lemma("북한과"), "북한");
        assert_eq!(lemma("중요한"), "중요하다");
    }

    #[test]
    fn a_name_the_article_tags_is_a_noun_there_only() {
        let names = Names::new(["김영한", "조 바이든"]);
        assert_eq!(lemma("김영한"), "김영하다");
        assert_eq!(lemma_in("김영한", &names), "김영한");
        assert_eq!(lemma_in("김영한은", &names), "김영한");
        assert_eq!(lemmas_in("김영한과", &names)[0], "김영한");
        assert_eq!(lemma_in("바이든이", &names), "바이든");
        // Other words of the article read as ever.
        assert_eq!(lemma_in("중요한", &names), "중요하다");
        assert!(Names::new(["김"]).is_empty());
    }

    #[test]
    fn nouns_that_end_like_particles_keep_their_end() {
        assert_eq!(lemma("국가가"), "국가");
        assert_eq!(lemma("회의에서"), "회의");
        assert_eq!(lemma("사람들이"), "사람");
    }

    #[test]
    fn mixed_words_lose_only_particles() {
        assert_eq!(lemma("G7에서"), "G7");
        assert_eq!(lemma("29일"), "29일");
        assert_eq!(lemma("장유샤(張眞夏)와"), "장유샤");
    }

    #[test]
    fn a_run_longer_than_any_word_is_its_own_form_at_once() {
        let run = "가".repeat(300_000);
        assert_eq!(lemmas(&run), std::slice::from_ref(&run));
        assert_eq!(lemma(&"제목".repeat(21)), "제목".repeat(21));
    }
}
