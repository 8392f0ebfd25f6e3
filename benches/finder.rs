//! The finder engine typing each of the 20 benchmark queries (`../shared/eval/finder/queries.txt`)
//! one character at a time over the text source of a generated 10,000-article library (real
//! Korean and English news sentences, see `support/corpus.rs`). Targets: ≤ 16 ms per keystroke at
//! the median, ≤ 50 ms at p99.
//!
//! `cargo bench --bench finder` first prints a table of every keystroke's latency (median and
//! p99 per query, and over all keystrokes), then criterion times a few whole typing runs.
//! `FINDER_ARTICLES=N` changes the library size; `DUET_EVAL=DIR` says where the shared eval data
//! is (default `../shared/eval` beside the repository; without it the sentences are only the
//! bundled articles', a few thousand distinct words, and the queries six).

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use duet::model::{Article, Block, BlockKind};
use duet::search::{Corpus, Memory, Source};

const LIMIT: usize = 50;

/// Articles made one at a time and dropped once indexed: the memory left is the corpus's.
fn library(articles: usize) -> Corpus {
    let pool = corpus::sentences(Some(&eval_dir()));
    let mut rng = corpus::Rng(0x5EED_1234_ABCD_0001);
    Corpus::from_articles((0..articles).map(|n| {
        let mut blocks = Vec::new();
        for _ in 0..(10 + rng.below(30)) {
            let mut text = pool[rng.below(pool.len())].clone();
            for _ in 0..rng.below(3) {
                text.push(' ');
                text.push_str(&pool[rng.below(pool.len())]);
            }
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                lang: duet::text::detect_lang(&text),
                text,
            });
        }
        Article {
            path: format!("gen/{n:05}.txt"),
            title: Some(pool[rng.below(pool.len())].clone()),
            published: Some(format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28)),
            blocks,
            ..Article::default()
        }
    }))
}

/// The shared eval data: `$DUET_EVAL`, else `../shared/eval` beside the repository.
fn eval_dir() -> std::path::PathBuf {
    std::env::var_os("DUET_EVAL").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
        Into::into,
    )
}

fn queries() -> Vec<String> {
    let path = eval_dir().join("finder/queries.txt");
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| {
        "president\ngoverment\nprime minister\n대통령\n설리ㅂ\nㅅㄹㅂ\n".to_string()
    });
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Every prefix of the query, one character more each time.
fn keystrokes(q: &str) -> Vec<String> {
    let chars: Vec<char> = q.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

fn type_query(lib: &Corpus, q: &str, mut each: impl FnMut(Duration, usize, &str)) {
    let never = AtomicBool::new(false);
    let mut memory = Memory::default();
    for prefix in keystrokes(q) {
        let t = Instant::now();
        let r = lib.search(Source::Text, &prefix, LIMIT, &mut memory, &never);
        let total = r.map(|r| r.total).unwrap_or(0);
        each(t.elapsed(), total, &prefix);
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let k = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[k]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn table(lib: &Corpus, queries: &[String]) {
    const ROUNDS: usize = 5;
    let mut all = Vec::new();
    println!("\n| query | keys | median ms | p99 ms | max ms | slowest key | matches |");
    println!("|---|---:|---:|---:|---:|---|---:|");
    for q in queries {
        let mut times = Vec::new();
        let mut last = 0;
        let mut slowest = (Duration::ZERO, String::new());
        for _ in 0..ROUNDS {
            type_query(lib, q, |d, n, prefix| {
                times.push(d);
                last = n;
                if d > slowest.0 {
                    slowest = (d, prefix.to_string());
                }
            });
        }
        all.extend(times.iter().copied());
        times.sort();
        println!(
            "| `{q}` | {} | {:.1} | {:.1} | {:.1} | `{}` | {last} |",
            q.chars().count(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap_or(&Duration::ZERO)),
            slowest.1,
        );
    }
    all.sort();
    println!(
        "| **all {} keystrokes × {ROUNDS}** | | **{:.1}** | **{:.1}** | {:.1} | | |\n",
        all.len() / ROUNDS,
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        ms(*all.last().unwrap_or(&Duration::ZERO)),
    );
}

fn benches(c: &mut Criterion) {
    let articles = std::env::var("FINDER_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let t = Instant::now();
    let lib = library(articles);
    println!(
        "library: {articles} articles, {} text items, {} distinct words, {} MB held, built in {:.1} s",
        lib.len(Source::Text),
        lib.text_words(),
        lib.text_bytes() >> 20,
        t.elapsed().as_secs_f64()
    );
    // `FINDER_QUERIES=a,b`: only these.
    let only = std::env::var("FINDER_QUERIES").ok();
    let mut queries = queries();
    if let Some(only) = &only {
        queries.retain(|q| only.split(',').any(|o| o == q));
    }
    table(&lib, &queries);
    let mut g = c.benchmark_group("finder_typing");
    g.sample_size(10);
    for q in ["president", "대통령", "ㅅㄹㅂ", "e"] {
        g.bench_function(q, |b| {
            b.iter(|| type_query(&lib, black_box(q), |_, _, _| {}))
        });
    }
    g.finish();
}

criterion_group!(finder, benches);
criterion_main!(finder);
