//! Training the shipped models (run by `cargo run --release --example train_entities`): turn
//! annotated sentences into features and gold tags, and run the averaged perceptron.

pub use super::features::{EN_LOWER_OVERRIDE, lower_vocabulary};
use super::features::{
    Sentence, english_features, english_tokens, gold_tags, korean_features, spans_from_tags,
};
use super::perceptron::{Features, Model, Trainer};
use super::{Span, find};

/// Features and gold tags of one sentence.
pub type Example = (Features, Vec<u8>);

pub fn korean_example(s: &Sentence) -> Example {
    let chars: Vec<char> = s.text.chars().collect();
    let positions: Vec<(usize, usize)> = (0..chars.len()).map(|i| (i, i + 1)).collect();
    (korean_features(&chars), gold_tags(s, &positions))
}

pub fn english_example(s: &Sentence) -> Example {
    let chars: Vec<char> = s.text.chars().collect();
    let tokens = english_tokens(&chars);
    (english_features(&chars, &tokens), gold_tags(s, &tokens))
}

/// `epochs` passes over the examples in a fixed shuffled order (seeded, reproducible).
pub fn train(examples: &[Example], epochs: usize, prune: f32) -> Model {
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut trainer = Trainer::default();
    let mut seed: u64 = 0x5eed;
    for _ in 0..epochs {
        // Fisher-Yates with a xorshift generator.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            trainer.learn(&examples[i].0, &examples[i].1);
        }
    }
    trainer.finish(prune)
}

/// The spans a model alone (no rules) finds in a sentence: for measuring training.
pub fn model_spans(model: &Model, s: &Sentence, korean: bool) -> Vec<Span> {
    let chars: Vec<char> = s.text.chars().collect();
    if korean {
        let positions: Vec<(usize, usize)> = (0..chars.len()).map(|i| (i, i + 1)).collect();
        spans_from_tags(&chars, &positions, &model.decode(&korean_features(&chars)))
    } else {
        let tokens = english_tokens(&chars);
        spans_from_tags(
            &chars,
            &tokens,
            &model.decode(&english_features(&chars, &tokens)),
        )
    }
}

/// Exact-span F1 (untyped, typed) of the full finder ([`find`]) on gold sentences.
pub fn score(sentences: &[Sentence]) -> (f32, f32) {
    let (mut tp_u, mut tp_t, mut np, mut ng) = (0usize, 0usize, 0usize, 0usize);
    for s in sentences {
        let pred = find(&s.text);
        ng += s
            .entities
            .iter()
            .filter(|e| matches!(e.kind.as_str(), "person" | "place" | "org"))
            .count();
        np += pred.len();
        for p in &pred {
            if let Some(g) = s
                .entities
                .iter()
                .find(|g| g.start == p.start && g.end == p.end)
            {
                tp_u += 1;
                if g.kind == p.kind.name() {
                    tp_t += 1;
                }
            }
        }
    }
    let f = |tp: usize| {
        let p = tp as f32 / np.max(1) as f32;
        let r = tp as f32 / ng.max(1) as f32;
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    (f(tp_u), f(tp_t))
}

/// Use `model` instead of the shipped one for `lang` (`ko` or `en`) on this thread, until the
/// next call. For the trainer's held-out checks: the model is leaked (a few MB per call).
pub fn set_override(lang: &str, model: Model) {
    let model: &'static Model = Box::leak(Box::new(model));
    let slot = if lang == "ko" {
        &super::korean::OVERRIDE
    } else {
        &super::english::OVERRIDE
    };
    slot.with(|o| o.set(Some(model)));
}
