//! Trains the shipped entity models from the annotated sentences in `../shared/eval/entities/train/`
//! (KLUE-NER v1.1 news and review sentences, CC BY-SA 4.0; Universal NER English-EWT, CC BY-SA
//! 4.0) and writes `assets/entities/ko.model` and `assets/entities/en.model`.
//!
//!     cargo run --release --example train_entities [TRAIN_DIR]
//!
//! Deterministic: the same data gives the same files. Prints the finder's F1 on a tenth of the
//! training data held back (trained on the rest), then trains on everything.

use std::path::{Path, PathBuf};

use duet::entity::TrainSentence;
use duet::entity::train::{
    EN_LOWER_OVERRIDE, Example, english_example, korean_example, lower_vocabulary, score, train,
};

/// One language: its name, sentences and how a sentence becomes an example.
type Set<'a> = (&'a str, &'a [TrainSentence], fn(&TrainSentence) -> Example);

const EPOCHS: usize = 12;
const PRUNE: f32 = 0.05;

fn read(path: &Path) -> Vec<TrainSentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/eval/entities/train"));
    let mut ko = read(&dir.join("ko_ner_news_rest.jsonl"));
    ko.extend(read(&dir.join("ko_ner_nsmc_all.jsonl")));
    let en = read(&dir.join("en_ner_ewt_dev_extra.jsonl"));
    // The English lower-case vocabulary is a feature: fix it before training.
    let vocab = lower_vocabulary(&en);
    let _ = EN_LOWER_OVERRIDE.set(vocab.iter().cloned().collect());
    if std::env::var_os("DUET_TRAIN_CHECK").is_none() {
        let text = format!(
            "# English words written in lower case outside entity spans in Universal NER \
             English-EWT (CC BY-SA 4.0); built by examples/train_entities.rs\n{}\n",
            vocab.join("\n")
        );
        std::fs::write("assets/entities/en_lower.txt", text)
            .unwrap_or_else(|e| panic!("assets/entities/en_lower.txt: {e}"));
    }
    let sets: [Set; 2] = [("ko", &ko, korean_example), ("en", &en, english_example)];
    let check = std::env::var_os("DUET_TRAIN_CHECK").is_some();
    for (name, sentences, example) in sets {
        if check {
            // A tenth held back: every tenth sentence.
            let (held, rest): (Vec<_>, Vec<_>) = sentences
                .iter()
                .cloned()
                .enumerate()
                .partition(|(i, _)| i % 10 == 0);
            let rest: Vec<Example> = rest.iter().map(|(_, s)| example(s)).collect();
            let held: Vec<TrainSentence> = held.into_iter().map(|(_, s)| s).collect();
            let model = train(&rest, EPOCHS, PRUNE);
            duet::entity::train::set_override(name, model);
            let (u, t) = score(&held);
            println!("{name}: held-out tenth F1 untyped {u:.3} typed {t:.3}");
            continue;
        }
        let all: Vec<Example> = sentences.iter().map(example).collect();
        let model = train(&all, EPOCHS, PRUNE);
        let out = PathBuf::from(format!("assets/entities/{name}.model"));
        std::fs::write(&out, model.to_bytes()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        println!(
            "{name}: {} sentences, {} features -> {}",
            sentences.len(),
            model.len(),
            out.display()
        );
    }
}
