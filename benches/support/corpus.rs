//! Real Korean and English news sentences for the finder's benchmarks: the bundled articles and
//! the texts of `../shared/eval` (aligned news documents, annotated news sentences, extracted
//! pages). Shared by `examples/gen_corpus.rs` and `benches/finder.rs`.

use std::path::{Path, PathBuf};

/// Every sentence found, once each, in a fixed order.
pub fn sentences(eval: Option<&Path>) -> Vec<String> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let articles = root.join("assets/articles");
    for path in duet::ingest::discover(&[articles]).into_iter().flatten() {
        if let Ok(a) = duet::parse_file(&path) {
            out.extend(a.title.clone());
            out.extend(a.title_en.clone());
            for b in &a.blocks {
                push_split(&mut out, &b.text);
            }
        }
    }
    let eval = eval
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("../shared/eval"));
    for line in lines(&eval.join("align/dev.jsonl")) {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
            for key in ["ko_sentences", "en_sentences"] {
                for s in v[key].as_array().into_iter().flatten() {
                    out.extend(s.as_str().map(clean));
                }
            }
        }
    }
    let entity_files = [
        "entities/ko_ner_dev.jsonl",
        "entities/en_ner_dev.jsonl",
        "entities/train/ko_ner_news_rest.jsonl",
        "entities/train/ko_ner_nsmc_all.jsonl",
        "entities/train/en_ner_ewt_dev_extra.jsonl",
    ];
    for f in entity_files {
        for line in lines(&eval.join(f)) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                out.extend(v["text"].as_str().map(clean));
            }
        }
    }
    for line in lines(&eval.join("extraction/gold.jsonl")) {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line)
            && matches!(v["lang"].as_str(), Some("ko" | "en"))
        {
            for para in v["gold_text"].as_str().unwrap_or("").lines() {
                push_split(&mut out, para);
            }
        }
    }
    out.retain(|s| s.chars().count() >= 8);
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out
}

fn push_split(out: &mut Vec<String>, text: &str) {
    for s in duet::text::sentences::split_str(text) {
        out.push(clean(s));
    }
}

fn clean(s: &str) -> String {
    duet::text::fold_whitespace(&duet::text::sanitize(s).replace('\n', " "))
        .trim()
        .to_string()
}

fn lines(path: &PathBuf) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// A small deterministic generator (xorshift64*), so every run builds the same corpus.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}
