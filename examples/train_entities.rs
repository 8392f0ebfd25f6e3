//! Trains the shipped entity models from the annotated sentences in `../shared/eval/entities/train/`
//! (KLUE-NER v1.1 news and review sentences, CC BY-SA 4.0; Universal NER English-EWT, CC BY-SA
//! 4.0) and writes `assets/entities/ko.model` and `assets/entities/en.model`.
//!
//!     cargo run --release --example train_entities [TRAIN_DIR]
//!     cargo run --release --example train_entities -- --cv 5 [--lang ko] [TRAIN_DIR]
//!
//! Deterministic: the same data gives the same files. `--cv K` writes nothing: it scores the full
//! finder (model and rules) by K-fold cross-validation and prints each fold's exact-span F1.
//! Korean folds are the news sentences (every K-th one, the kind the evaluation scores); the
//! review sentences always train. English folds are every K-th EWT sentence.
//! `DUET_TRAIN_CHECK=1` is the older quick check: one fold of ten.

use std::path::{Path, PathBuf};

use duet::entity::TrainSentence;
use duet::entity::train::{
    EN_LOWER_OVERRIDE, Example, english_example, korean_example, lower_vocabulary, score,
    set_override, train,
};

const PRUNE: f32 = 0.05;

fn read(path: &Path) -> Vec<TrainSentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// One language: its name, the sentences folds are cut from, the sentences that always train,
/// and how a sentence becomes an example.
struct Set {
    name: &'static str,
    folded: Vec<TrainSentence>,
    always: Vec<TrainSentence>,
    example: fn(&TrainSentence) -> Example,
    /// Passes over the examples (Korean: 20, measured by `--cv 5`; more gave no more).
    epochs: usize,
}

/// K-fold cross-validation of the full finder: per fold (untyped, typed) F1.
fn cross_validate(set: &Set, k: usize) -> Vec<(f32, f32)> {
    (0..k)
        .map(|fold| {
            let mut learn: Vec<Example> = set.always.iter().map(set.example).collect();
            let mut held = Vec::new();
            for (i, s) in set.folded.iter().enumerate() {
                if i % k == fold {
                    held.push(s.clone());
                } else {
                    learn.push((set.example)(s));
                }
            }
            set_override(set.name, train(&learn, set.epochs, PRUNE));
            if let Some(path) = std::env::var_os("DUET_TRAIN_DUMP") {
                dump(Path::new(&path), &held);
            }
            score(&held)
        })
        .collect()
}

/// `DUET_TRAIN_DUMP=FILE`: append each held-out sentence's missed and spurious spans (for
/// reading the errors of the cross-validation folds).
fn dump(path: &Path, held: &[TrainSentence]) {
    use std::io::Write;
    let mut out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for s in held {
        let chars: Vec<char> = s.text.chars().collect();
        let pred = duet::entity::find(&s.text);
        let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        let mut lines = Vec::new();
        for g in &s.entities {
            let hit = pred.iter().find(|p| p.start == g.start && p.end == g.end);
            match hit {
                None => lines.push(format!("  MISS {} {}", g.kind, text(g.start, g.end))),
                Some(p) if p.kind.name() != g.kind => {
                    lines.push(format!("  TYPE {} as {} {}", g.kind, p.kind.name(), p.text))
                }
                _ => {}
            }
        }
        for p in &pred {
            if !s
                .entities
                .iter()
                .any(|g| g.start == p.start && g.end == p.end)
            {
                lines.push(format!("  FP {} {}", p.kind.name(), p.text));
            }
        }
        if !lines.is_empty() {
            let _ = writeln!(out, "{}\n{}", s.text, lines.join("\n"));
        }
    }
}

fn main() {
    let mut dir = PathBuf::from("../shared/eval/entities/train");
    let (mut cv, mut only) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--cv" => {
                cv = args
                    .next()
                    .and_then(|k| k.parse::<usize>().ok())
                    .filter(|k| *k >= 2)
            }
            "--lang" => only = args.next(),
            _ => dir = PathBuf::from(a),
        }
    }
    let news = read(&dir.join("ko_ner_news_rest.jsonl"));
    let reviews = read(&dir.join("ko_ner_nsmc_all.jsonl"));
    let en = read(&dir.join("en_ner_ewt_dev_extra.jsonl"));
    // The English lower-case vocabulary is a feature: fix it before training.
    let vocab = lower_vocabulary(&en);
    let _ = EN_LOWER_OVERRIDE.set(vocab.iter().cloned().collect());
    let check = std::env::var_os("DUET_TRAIN_CHECK").is_some();
    if !check && cv.is_none() && only.is_none() {
        let text = format!(
            "# English words written in lower case outside entity spans in Universal NER \
             English-EWT (CC BY-SA 4.0); built by examples/train_entities.rs\n{}\n",
            vocab.join("\n")
        );
        std::fs::write("assets/entities/en_lower.txt", text)
            .unwrap_or_else(|e| panic!("assets/entities/en_lower.txt: {e}"));
    }
    let sets = [
        Set {
            name: "ko",
            folded: news,
            always: reviews,
            example: korean_example,
            epochs: 20,
        },
        Set {
            name: "en",
            folded: en,
            always: Vec::new(),
            example: english_example,
            epochs: 12,
        },
    ];
    for set in sets
        .iter()
        .filter(|s| only.as_deref().is_none_or(|o| o == s.name))
    {
        if let Some(k) = cv {
            let folds = cross_validate(set, k);
            for (i, (u, t)) in folds.iter().enumerate() {
                println!("{} fold {i}: untyped {u:.3} typed {t:.3}", set.name);
            }
            let n = folds.len() as f32;
            let mean = |f: fn(&(f32, f32)) -> f32| folds.iter().map(f).sum::<f32>() / n;
            let min = |f: fn(&(f32, f32)) -> f32| folds.iter().map(f).fold(1.0, f32::min);
            println!(
                "{} cv{k}: untyped mean {:.3} min {:.3}  typed mean {:.3} min {:.3}",
                set.name,
                mean(|x| x.0),
                min(|x| x.0),
                mean(|x| x.1),
                min(|x| x.1)
            );
            continue;
        }
        let all: Vec<TrainSentence> = set.folded.iter().chain(&set.always).cloned().collect();
        if check {
            // A tenth held back: every tenth sentence.
            let (held, rest): (Vec<_>, Vec<_>) =
                all.into_iter().enumerate().partition(|(i, _)| i % 10 == 0);
            let rest: Vec<Example> = rest.iter().map(|(_, s)| (set.example)(s)).collect();
            let held: Vec<TrainSentence> = held.into_iter().map(|(_, s)| s).collect();
            set_override(set.name, train(&rest, set.epochs, PRUNE));
            let (u, t) = score(&held);
            println!(
                "{}: held-out tenth F1 untyped {u:.3} typed {t:.3}",
                set.name
            );
            continue;
        }
        let examples: Vec<Example> = all.iter().map(set.example).collect();
        let model = train(&examples, set.epochs, PRUNE);
        let out = PathBuf::from(format!("assets/entities/{}.model", set.name));
        std::fs::write(&out, model.to_bytes()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        println!(
            "{}: {} sentences, {} features -> {}",
            set.name,
            all.len(),
            model.len(),
            out.display()
        );
    }
}
