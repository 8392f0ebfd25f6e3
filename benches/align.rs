//! Aligner throughput: the Korean-English dev set (gold sentences, as `duet align --sentences`
//! sees them), and two 2,000-sentence documents built from it. Reported in sentences per second
//! (both sides counted).
//!
//! The dev set lives in `../shared/eval/align/dev.jsonl` beside the repository; without it the
//! benches use a small built-in pair of documents instead.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

type Doc = (Vec<String>, Vec<String>);

fn dev_set() -> Vec<Doc> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/align/dev.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return vec![fallback()];
    };
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let docs: Vec<Doc> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|c| (strings(&c["ko_sentences"]), strings(&c["en_sentences"])))
        .collect();
    if docs.is_empty() {
        vec![fallback()]
    } else {
        docs
    }
}

fn fallback() -> Doc {
    let ko = [
        "미국과 중국은 29일 베이징에서 고위급 회담을 열었다.",
        "양측은 2019년 10월의 합의를 재확인했다.",
        "설리번 보좌관은 \"매우 중요한 회담\"이라고 말했다.",
    ];
    let en = [
        "The US and China held high-level talks in Beijing on the 29th.",
        "Both sides reaffirmed the agreement of October 2019.",
        "Adviser Sullivan said it was \"a very important meeting.\"",
    ];
    (
        ko.iter().map(|s| s.to_string()).collect(),
        en.iter().map(|s| s.to_string()).collect(),
    )
}

/// A Korean document of about `n` sentences and its English translation, made by
/// concatenating whole real documents (so the two stay translations of each other).
fn long_pair(docs: &[Doc], n: usize) -> Doc {
    let (mut ko, mut en) = (Vec::new(), Vec::new());
    // `cycle` of no documents yields nothing, so an empty `docs` ends the loop at once.
    for (k, e) in docs.iter().cycle() {
        if ko.len() >= n {
            break;
        }
        ko.extend(k.iter().cloned());
        en.extend(e.iter().cloned());
    }
    (ko, en)
}

fn benches(c: &mut Criterion) {
    let docs = dev_set();
    let sentences: usize = docs.iter().map(|(k, e)| k.len() + e.len()).sum();
    let mut group = c.benchmark_group("align");
    group.sample_size(20);
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function("dev_set", |b| {
        b.iter(|| {
            for (ko, en) in &docs {
                black_box(duet::align::align_sentences(ko, en));
            }
        })
    });
    let (ko, en) = long_pair(&docs, 2000);
    group.throughput(Throughput::Elements((ko.len() + en.len()) as u64));
    group.bench_function("two_2000_sentence_documents", |b| {
        b.iter(|| black_box(duet::align::align_sentences(&ko, &en)))
    });
    group.finish();
}

criterion_group!(align, benches);
criterion_main!(align);
