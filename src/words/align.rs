//! Word alignment inside sentence pairs: which English words each Korean 어절 translates.
//!
//! The pairs at hand are prepared (Korean words by lemma, English words by light stem, English
//! function words left out), a table is trained on them by EM ([`super::model::train`]) with
//! the seed evidence and the library's table as pseudo-counts, and each pair is linked: the
//! posteriors of both directions multiplied, the surest links taken first one to one
//! (competitive linking), then English words left over join the Korean word they belong to
//! (`National Security Adviser` ⟵ `안보보좌관`).

use super::lemma::{self, Names};
use super::model::{self, Map, Model, Prior, Table, Vocab};
use super::seed;
use super::tokens::{self, Token};
use crate::align::lexicon;

/// English words too common to be the translation of a Korean word.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "and", "or", "with", "from", "as",
    "is", "are", "be", "was", "were", "been", "being", "it", "its", "that", "this", "these",
    "those", "which", "who", "whom", "whose", "what", "there", "their", "they", "them", "he",
    "his", "him", "she", "her", "we", "our", "us", "i", "my", "you", "your", "has", "have", "had",
    "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "not", "but", "if", "than", "then", "so", "such", "into", "about", "also", "s",
];

/// One Korean word of a pair with its lemma and the English words it translates.
#[derive(Debug, Clone, PartialEq)]
pub struct WordLink {
    pub word: Token,
    /// Dictionary forms, best first (never empty).
    pub lemmas: Vec<String>,
    /// The English words it translates, in sentence order (empty: none found).
    pub en: Vec<Token>,
}

/// How the aligner weighs its evidence (the defaults are what the dev check chose).
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Pseudo-counts of the seed evidence in every EM round.
    pub seed_weight: f32,
    /// Pseudo-counts of the library's table.
    pub library_weight: f32,
    pub rounds: usize,
    /// The least posterior a link needs.
    pub threshold: f32,
    /// The least posterior for an English word to join a Korean word already linked.
    pub join_threshold: f32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            seed_weight: 2.0,
            library_weight: 4.0,
            rounds: 5,
            threshold: 0.05,
            join_threshold: 0.3,
        }
    }
}

/// One pair prepared for EM: token lists and the ids of the words that take part.
struct Prepared {
    ko: Vec<Token>,
    lemmas: Vec<Vec<String>>,
    en: Vec<Token>,
    ko_ids: Vec<u32>,
    /// (index into `en`, id) of the English content units (a hyphenated word's parts share
    /// its index).
    en_ids: Vec<(usize, u32)>,
    /// Each unit of `en_ids` as written (a name is known by its capital).
    en_written: Vec<String>,
}

fn english_unit(w: &str) -> String {
    lexicon::stem(&w.to_lowercase().replace('.', ""))
}

/// The units a word is aligned by: a hyphenated word of words alike (all capitalised or all
/// lower case) by its parts, as the lexicon lists them (`US-China` is 미국 and 중국,
/// `high-level` is 고위's `high` and `level`); a romanised given name (`Jong-un`) stays whole.
/// The links go to the word as written, so two Korean words may share it.
fn english_units(w: &str) -> Vec<&str> {
    let parts: Vec<&str> = w.split('-').filter(|u| !u.is_empty()).collect();
    let capital = |u: &&str| u.chars().next().is_some_and(char::is_uppercase);
    let alike = parts.iter().all(capital) || !parts.iter().any(capital);
    if parts.len() > 1 && alike {
        parts
    } else {
        vec![w]
    }
}

/// A function word as written: in capitals it is a name (`US`, `IT`), not `us`, `it`.
fn is_function_word(w: &str) -> bool {
    let capitals = w.chars().count() > 1 && w.chars().all(|c| c.is_ascii_uppercase());
    !capitals && FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
}

/// The lemmas of the words read so far: an article repeats its words, and reading one is the
/// dearest part of preparing a pair.
type Read = Map<String, Vec<String>>;

fn prepare(
    ko: &str,
    en: &str,
    vocab: &mut (Vocab, Vocab),
    names: &Names,
    read: &mut Read,
) -> Prepared {
    let ko_tokens = tokens::words(ko);
    let lemmas: Vec<Vec<String>> = ko_tokens
        .iter()
        .map(|t| match read.get(&t.text) {
            Some(l) => l.clone(),
            None => {
                let l = lemma::lemmas_in(&t.text, names);
                read.insert(t.text.clone(), l.clone());
                l
            }
        })
        .collect();
    let ko_ids = lemmas.iter().map(|l| vocab.0.id(&l[0])).collect();
    let en_tokens = tokens::english_words(en);
    let units: Vec<(usize, &str)> = en_tokens
        .iter()
        .enumerate()
        .flat_map(|(j, t)| english_units(&t.text).into_iter().map(move |u| (j, u)))
        .filter(|(_, u)| !is_function_word(u))
        .collect();
    let en_ids = units
        .iter()
        .map(|&(j, u)| (j, vocab.1.id(&english_unit(u))))
        .collect();
    let en_written = units.iter().map(|&(_, u)| u.to_string()).collect();
    Prepared {
        ko: ko_tokens,
        lemmas,
        ko_ids,
        en_ids,
        en_written,
        en: en_tokens,
    }
}

/// Align the Korean words of each `(korean, english)` pair (English may be empty) to English
/// words, learning from these pairs and from `library` (a model trained on the library, if
/// any).
pub fn align(pairs: &[(&str, &str)], library: Option<&Model>, s: &Settings) -> Vec<Vec<WordLink>> {
    align_in(pairs, library, s, &Names::default())
}

/// [`align`] the pairs of an article whose tagged names are `names` (its words read with them,
/// [`lemma::lemmas_in`]).
pub fn align_in(
    pairs: &[(&str, &str)],
    library: Option<&Model>,
    s: &Settings,
    names: &Names,
) -> Vec<Vec<WordLink>> {
    let (model, prepared) = adapt(pairs, library, s, names);
    prepared
        .into_iter()
        .map(|p| link_pair(&p, &model, s))
        .collect()
}

/// A model of the library: trained on its sentence pairs (`(korean, english)`), kept and used
/// as prior knowledge when an article is aligned.
pub fn train(pairs: &[(&str, &str)], s: &Settings) -> Model {
    adapt(pairs, None, s, &Names::default()).0
}

/// Train on `pairs` (with the library's table as prior knowledge): the model these pairs are
/// linked with.
fn adapt(
    pairs: &[(&str, &str)],
    library: Option<&Model>,
    s: &Settings,
    names: &Names,
) -> (Model, Vec<Prepared>) {
    let mut vocab = match library {
        Some(m) => (m.ko.clone(), m.en.clone()),
        None => (Vocab::new(), Vocab::new()),
    };
    let mut read = Read::default();
    let prepared: Vec<Prepared> = pairs
        .iter()
        .map(|(k, e)| prepare(k, e, &mut vocab, names, &mut read))
        .collect();
    let (ko_en_prior, en_ko_prior) = seed_priors(&prepared, &vocab, s.seed_weight);
    let ko_en_pairs: Vec<(Vec<u32>, Vec<u32>)> = prepared
        .iter()
        .map(|p| (p.ko_ids.clone(), p.en_ids.iter().map(|x| x.1).collect()))
        .collect();
    let fwd: Vec<(&[u32], &[u32])> = ko_en_pairs
        .iter()
        .map(|(k, e)| (k.as_slice(), e.as_slice()))
        .collect();
    let bwd: Vec<(&[u32], &[u32])> = fwd.iter().map(|(k, e)| (*e, *k)).collect();
    let base = |pick: fn(&Model) -> &Table| library.map(|m| (pick(m), s.library_weight));
    let ko_en = model::train(&fwd, &ko_en_prior, base(|m| &m.ko_en), s.rounds);
    let en_ko = model::train(&bwd, &en_ko_prior, base(|m| &m.en_ko), s.rounds);
    let model = Model {
        ko: vocab.0,
        en: vocab.1,
        ko_en,
        en_ko,
        pairs: prepared.len() + library.map_or(0, |m| m.pairs),
    };
    (model, prepared)
}

/// Seed pseudo-counts for every Korean ⟷ English word pair that co-occurs, both directions.
fn seed_priors(prepared: &[Prepared], vocab: &(Vocab, Vocab), weight: f32) -> (Prior, Prior) {
    let mut seen = rustc_hash::FxHashSet::<u64>::default();
    let mut ko_en = Prior::default();
    let mut en_ko = Prior::default();
    for p in prepared {
        for &k in &p.ko_ids {
            for (&(_, e), written) in p.en_ids.iter().zip(&p.en_written) {
                let key = model::key(k, e);
                // A name's prior depends on how it was written (capitalised): the first
                // sighting decides, which is how it is written almost always.
                if !seen.insert(key) {
                    continue;
                }
                let v = seed::prior(vocab.0.word(k), written, vocab.1.word(e));
                if v > 0.0 {
                    ko_en.insert(key, weight * v);
                    en_ko.insert(model::key(e, k), weight * v);
                }
            }
        }
    }
    (ko_en, en_ko)
}

fn link_pair(p: &Prepared, m: &Model, s: &Settings) -> Vec<WordLink> {
    let nk = p.ko_ids.len();
    let ne = p.en_ids.len();
    let mut links: Vec<Vec<usize>> = vec![Vec::new(); nk];
    if nk > 0 && ne > 0 {
        let score = posteriors(p, m);
        // Competitive linking: the surest pair first, each word once.
        let mut cells: Vec<(f32, usize, usize)> = (0..nk)
            .flat_map(|i| (0..ne).map(move |j| (i, j)))
            .map(|(i, j)| (score[i * ne + j], i, j))
            .filter(|c| c.0 >= s.threshold)
            .collect();
        cells.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut ko_used = vec![false; nk];
        let mut en_used = vec![false; ne];
        for &(_, i, j) in &cells {
            if !ko_used[i] && !en_used[j] {
                ko_used[i] = true;
                en_used[j] = true;
                links[i].push(j);
            }
        }
        // English words left over join the Korean word they are likeliest from, when that
        // word is linked next to them (a phrase translating one 어절).
        for j in 0..ne {
            if en_used[j] {
                continue;
            }
            let Some((i, best)) = (0..nk)
                .map(|i| (i, score[i * ne + j]))
                .max_by(|a, b| a.1.total_cmp(&b.1))
            else {
                continue;
            };
            let next_to = links[i]
                .iter()
                .any(|&l| p.en_ids[l].0.abs_diff(p.en_ids[j].0) <= 2);
            if best >= s.join_threshold && next_to {
                links[i].push(j);
            }
        }
    }
    p.ko.iter()
        .zip(&p.lemmas)
        .zip(links)
        .map(|((word, lemmas), l)| {
            // Units of one hyphenated word are one word linked.
            let mut tokens: Vec<usize> = l.iter().map(|&j| p.en_ids[j].0).collect();
            tokens.sort_unstable();
            tokens.dedup();
            WordLink {
                word: word.clone(),
                lemmas: lemmas.clone(),
                en: tokens.into_iter().map(|j| p.en[j].clone()).collect(),
            }
        })
        .collect()
}

/// `score[i * ne + j]`: how surely Korean word `i` and English content word `j` translate each
/// other — the product of both directions' posteriors (NULL competing in each).
fn posteriors(p: &Prepared, m: &Model) -> Vec<f32> {
    let nk = p.ko_ids.len();
    let ne = p.en_ids.len();
    const FLOOR: f32 = 1e-7;
    let mut fwd = vec![0.0f32; nk * ne];
    for (j, &(_, e)) in p.en_ids.iter().enumerate() {
        let null = m.ko_en.get(0, e).unwrap_or(FLOOR);
        let mut sum = null;
        for (i, &k) in p.ko_ids.iter().enumerate() {
            let t = m.ko_en.get(k, e).unwrap_or(FLOOR);
            fwd[i * ne + j] = t;
            sum += t;
        }
        for i in 0..nk {
            fwd[i * ne + j] /= sum;
        }
    }
    let mut out = fwd;
    for (i, &k) in p.ko_ids.iter().enumerate() {
        let null = m.en_ko.get(0, k).unwrap_or(FLOOR);
        let row: Vec<f32> = p
            .en_ids
            .iter()
            .map(|&(_, e)| m.en_ko.get(e, k).unwrap_or(FLOOR))
            .collect();
        let sum = null + row.iter().sum::<f32>();
        for (j, t) in row.into_iter().enumerate() {
            out[i * ne + j] = (out[i * ne + j] * t / sum).sqrt();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lexicon_word_and_a_name_align_in_a_pair_never_seen() {
        let out = align(
            &[(
                "설리번 보좌관이 대통령을 만났다.",
                "Adviser Sullivan met the president.",
            )],
            None,
            &Settings::default(),
        );
        let words = &out[0];
        let en = |i: usize| -> Vec<&str> { words[i].en.iter().map(|t| t.text.as_str()).collect() };
        assert_eq!(words[0].word.text, "설리번");
        assert_eq!(en(0), ["Sullivan"]);
        assert_eq!(en(2), ["president"]);
        assert_eq!(words[3].lemmas[0], "만나다");
    }

    #[test]
    fn no_english_means_no_links() {
        let out = align(&[("대통령이 말했다", "")], None, &Settings::default());
        assert_eq!(out[0].len(), 2);
        assert!(out[0].iter().all(|w| w.en.is_empty()));
    }
}
