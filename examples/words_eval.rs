//! The aligned-word check of issue 20 on dev data: on the 1:1 gold sentence pairs of an
//! alignment set (`../shared/eval/align/dev.jsonl`), each Korean word a bilingual check list
//! covers (its lemma is an entry, or a noun entry starts it, and one of the entry's English
//! words is in the English sentence) should be aligned to one of those English words.
//! Scores duet's aligner and two baselines: the English word at the same relative position, and
//! IBM Model 1 alone (surface words, no seed, no lemmas). Also by halves of the documents, and
//! for the words the aligner's seed lexicon does not know.
//!
//! cargo run --release --example words_eval -- ../shared/eval/align/dev.jsonl tools/words/check_ko_en.tsv

use std::collections::HashMap;

use duet::align::lexicon;
use duet::words::model::{self, Prior, Vocab};
use duet::words::{self, tokens};

struct Pair {
    doc: usize,
    ko: String,
    en: String,
}

fn load(path: &str) -> Vec<Pair> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    for (doc, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let ko = v["ko_sentences"].as_array().expect("ko_sentences");
        let en = v["en_sentences"].as_array().expect("en_sentences");
        for bead in v["gold"].as_array().expect("gold") {
            let (k, e) = (&bead[0], &bead[1]);
            if let (Some(k), Some(e)) = (k.as_array(), e.as_array())
                && k.len() == 1
                && e.len() == 1
            {
                let (ki, ei) = (
                    k[0].as_u64().unwrap() as usize,
                    e[0].as_u64().unwrap() as usize,
                );
                out.push(Pair {
                    doc,
                    ko: ko[ki].as_str().unwrap().to_string(),
                    en: en[ei].as_str().unwrap().to_string(),
                });
            }
        }
    }
    out
}

fn stem(w: &str) -> String {
    lexicon::stem(&w.to_lowercase().replace('.', ""))
}

/// Korean entry → English stems.
fn load_list(path: &str) -> HashMap<String, Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, e)| (k.to_string(), e.split(';').map(stem).collect()))
        .collect()
}

/// The list entry covering a Korean word: its lemma, or a noun entry the word starts with.
fn entry<'a>(
    list: &'a HashMap<String, Vec<String>>,
    word: &str,
    lemma: &str,
) -> Option<(&'a str, &'a [String])> {
    if let Some((k, v)) = list.get_key_value(lemma) {
        return Some((k, v));
    }
    let chars: Vec<char> = word.chars().collect();
    (2..=chars.len().min(6)).rev().find_map(|n| {
        let prefix: String = chars[..n].iter().collect();
        list.get_key_value(&prefix)
            .filter(|(k, _)| !k.ends_with('다'))
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    })
}

#[derive(Default, Clone, Copy)]
struct Score {
    right: usize,
    total: usize,
}

impl Score {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.right += usize::from(ok);
    }
    fn show(self) -> String {
        format!(
            "{:.3} ({}/{})",
            self.right as f64 / self.total.max(1) as f64,
            self.right,
            self.total
        )
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (data, list_path) = match args.as_slice() {
        [d, l, ..] => (d.as_str(), l.as_str()),
        _ => {
            eprintln!("usage: words_eval DEV.jsonl CHECK_LIST.tsv");
            std::process::exit(2);
        }
    };
    let pairs = load(data);
    let list = load_list(list_path);
    let seed = lexicon::shipped();
    let ndocs = pairs.iter().map(|p| p.doc + 1).max().unwrap_or(0);
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| (p.ko.as_str(), p.en.as_str()))
        .collect();

    let t = std::time::Instant::now();
    let duet_links = words::align(&refs, None, &words::Settings::default());
    let duet_time = t.elapsed();
    let ibm = ibm1_alone(&refs);

    // [method][subset]: subsets all, first half, second half, not in the seed lexicon.
    let mut scores = [[Score::default(); 4]; 3];
    for (p, (links, ibm_links)) in pairs.iter().zip(duet_links.iter().zip(&ibm)) {
        let en = tokens::english_words(&p.en);
        let en_stems: Vec<String> = en.iter().map(|t| stem(&t.text)).collect();
        let nk = links.len();
        for (i, w) in links.iter().enumerate() {
            let Some((key, translations)) = entry(&list, &w.word.text, &w.lemmas[0]) else {
                continue;
            };
            let gold: Vec<usize> = (0..en.len())
                .filter(|&j| translations.contains(&en_stems[j]))
                .collect();
            if gold.is_empty() {
                continue;
            }
            let duet_ok =
                w.en.iter()
                    .any(|t| gold.iter().any(|&j| en[j].start == t.start));
            let pos = ((i as f64 + 0.5) / nk as f64 * en.len() as f64) as usize;
            let pos_ok = gold.contains(&pos.min(en.len() - 1));
            let ibm_ok = ibm_links[i].is_some_and(|j| gold.contains(&j));
            let mut seed_concepts = Vec::new();
            seed.korean_concepts(key.strip_suffix('다').unwrap_or(key), &mut seed_concepts);
            let unseeded = seed.entry(key).is_none() && seed_concepts.is_empty();
            for (m, ok) in [duet_ok, pos_ok, ibm_ok].into_iter().enumerate() {
                scores[m][0].add(ok);
                scores[m][if p.doc < ndocs / 2 { 1 } else { 2 }].add(ok);
                if unseeded {
                    scores[m][3].add(ok);
                }
            }
        }
    }
    println!(
        "{} 1:1 pairs from {ndocs} documents; duet aligned them in {:.2} s",
        pairs.len(),
        duet_time.as_secs_f64()
    );
    println!(
        "{:22} {:20} {:20} {:20} {:20}",
        "method", "all", "first half", "second half", "not in seed lexicon"
    );
    for (m, name) in ["duet", "same relative position", "IBM Model 1 alone"]
        .iter()
        .enumerate()
    {
        let s = scores[m];
        println!(
            "{name:22} {:20} {:20} {:20} {:20}",
            s[0].show(),
            s[1].show(),
            s[2].show(),
            s[3].show()
        );
    }
    per_article(&pairs, &list, ndocs);
    println!("duet aligned-word accuracy: {:.3}", {
        let s = scores[0][0];
        s.right as f64 / s.total.max(1) as f64
    });
}

/// Each document aligned alone, as the reader aligns an article never seen: without a library,
/// and with a library model trained on the other half of the documents.
#[allow(clippy::needless_range_loop)] // `h` names a half in both the filter and the table
fn per_article(pairs: &[Pair], list: &HashMap<String, Vec<String>>, ndocs: usize) {
    let half = |d: usize| usize::from(d >= ndocs / 2);
    let mut scores = [[Score::default(); 2]; 2];
    for h in 0..2 {
        let library: Vec<(&str, &str)> = pairs
            .iter()
            .filter(|p| half(p.doc) != h)
            .map(|p| (p.ko.as_str(), p.en.as_str()))
            .collect();
        let model = words::train(&library, &words::Settings::default());
        for doc in (0..ndocs).filter(|&d| half(d) == h) {
            let mine: Vec<&Pair> = pairs.iter().filter(|p| p.doc == doc).collect();
            let refs: Vec<(&str, &str)> = mine
                .iter()
                .map(|p| (p.ko.as_str(), p.en.as_str()))
                .collect();
            for (with, lib) in [None, Some(&model)].into_iter().enumerate() {
                let links = words::align(&refs, lib, &words::Settings::default());
                for (p, words) in mine.iter().zip(&links) {
                    let en = tokens::english_words(&p.en);
                    for w in words {
                        let Some((_, tr)) = entry(list, &w.word.text, &w.lemmas[0]) else {
                            continue;
                        };
                        let gold: Vec<usize> = (0..en.len())
                            .filter(|&j| tr.contains(&stem(&en[j].text)))
                            .collect();
                        if gold.is_empty() {
                            continue;
                        }
                        scores[with][h].add(
                            w.en.iter()
                                .any(|t| gold.iter().any(|&j| en[j].start == t.start)),
                        );
                    }
                }
            }
        }
    }
    for (with, name) in ["each article alone", "with the other half as library"]
        .iter()
        .enumerate()
    {
        println!(
            "{name:32} first half {:20} second half {:20}",
            scores[with][0].show(),
            scores[with][1].show()
        );
    }
}

/// IBM Model 1 on surface words, each Korean word generated by one English word or NULL; each
/// Korean word aligned to its likeliest English word (index into the sentence's words).
fn ibm1_alone(pairs: &[(&str, &str)]) -> Vec<Vec<Option<usize>>> {
    let (mut kv, mut ev) = (Vocab::new(), Vocab::new());
    let ids: Vec<(Vec<u32>, Vec<u32>)> = pairs
        .iter()
        .map(|(k, e)| {
            (
                tokens::words(k).iter().map(|t| kv.id(&t.text)).collect(),
                tokens::english_words(e)
                    .iter()
                    .map(|t| ev.id(&t.text.to_lowercase()))
                    .collect(),
            )
        })
        .collect();
    let refs: Vec<(&[u32], &[u32])> = ids
        .iter()
        .map(|(k, e)| (e.as_slice(), k.as_slice()))
        .collect();
    let table = model::train(&refs, &Prior::default(), None, 5);
    ids.iter()
        .map(|(k, e)| {
            k.iter()
                .map(|&ki| {
                    (0..e.len()).max_by(|&a, &b| {
                        let p = |j: usize| table.get(e[j], ki).unwrap_or(0.0);
                        p(a).total_cmp(&p(b))
                    })
                })
                .collect()
        })
        .collect()
}
