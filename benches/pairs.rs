//! Pairing speed on a generated library of 10,000 articles, half Korean and half English, four
//! in five with a partner: the whole library paired from parsed articles, and one article
//! added to a library of 9,999 already paired.
//!
//! The stories are made from the gold sentence beads of the Korean-English dev set
//! (`../shared/eval/align/dev.jsonl` beside the repository): each story is a random draw of
//! 8–24 beads from the whole pool, its Korean side written as a few run-together paragraphs and
//! its English side a paragraph per bead or two, so every story is a real translation and
//! shares a sentence or two with many other stories (harder than a real library). Before the
//! timings, the bench prints the pairing's precision and recall on the generated library.
//! Without the dev set there is nothing to generate from, and the bench says so.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use duet::Article;
use duet::pairing::{self, Pairing};

/// One gold bead: Korean sentences and English sentences.
type BeadText = (Vec<String>, Vec<String>);

fn pool() -> Vec<BeadText> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/align/dev.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in text.lines() {
        let Ok(case) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let list = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (ko, en) = (list(&case["ko_sentences"]), list(&case["en_sentences"]));
        for bead in case["gold"].as_array().into_iter().flatten() {
            let idx = |v: &serde_json::Value| -> Vec<usize> {
                v.as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_u64().map(|x| x as usize))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let (k, e) = (idx(&bead[0]), idx(&bead[1]));
            if k.is_empty() || e.is_empty() {
                continue;
            }
            let ks: Vec<String> = k.iter().filter_map(|&i| ko.get(i).cloned()).collect();
            let es: Vec<String> = e.iter().filter_map(|&j| en.get(j).cloned()).collect();
            if ks.len() == k.len() && es.len() == e.len() {
                out.push((ks, es));
            }
        }
    }
    out
}

/// xorshift64*: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A generated library: articles, and the gold pairs (Korean index, English index).
struct Library {
    articles: Vec<Article>,
    gold: Vec<(usize, usize)>,
}

fn article(name: &str, text: &str) -> Option<Article> {
    let doc = duet::ingest::from_bytes(Path::new(name), text.as_bytes()).ok()?;
    Some(duet::clean::clean(doc))
}

fn generate(pool: &[BeadText], n: usize) -> Library {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut articles = Vec::with_capacity(n);
    let mut gold = Vec::new();
    let mut story = 0usize;
    while articles.len() < n {
        story += 1;
        let beads: Vec<&BeadText> = (0..8 + rng.below(17))
            .map(|_| &pool[rng.below(pool.len())])
            .collect();
        let mut ko = String::new();
        for (i, b) in beads.iter().enumerate() {
            ko.push_str(&b.0.join(" "));
            ko.push_str(if i % 4 == 3 { "\n\n" } else { " " });
        }
        let en: Vec<String> = beads.iter().map(|b| b.1.join(" ")).collect();
        let en = en.join("\n\n");
        // Four stories in five keep both sides; the others one side only.
        let roll = rng.below(10);
        let k = (roll != 0).then(|| article(&format!("{story}-ko.txt"), &ko));
        let e = (roll != 1).then(|| article(&format!("{story}-en.txt"), &en));
        let (mut ki, mut ei) = (None, None);
        if let Some(Some(a)) = k {
            ki = Some(articles.len());
            articles.push(a);
        }
        if let Some(Some(a)) = e {
            ei = Some(articles.len());
            articles.push(a);
        }
        if let (Some(k), Some(e)) = (ki, ei) {
            gold.push((k, e));
        }
    }
    articles.truncate(n);
    gold.retain(|&(k, e)| k < n && e < n);
    Library { articles, gold }
}

/// CPU seconds this process has used (user + system), where `/proc` tells; the wall clock
/// alone misleads on a machine shared with other work.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn report(lib: &Library, threads: usize) {
    let t = std::time::Instant::now();
    let cpu0 = cpu_seconds();
    let found = pairing::find_pairs(&lib.articles, threads);
    let secs = t.elapsed().as_secs_f64();
    let cpu = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) => format!(", {:.2} s of CPU", b - a),
        _ => String::new(),
    };
    let gold: std::collections::HashSet<(usize, usize)> = lib.gold.iter().copied().collect();
    let right = found
        .iter()
        .filter(|m| gold.contains(&(m.ko, m.en)))
        .count();
    eprintln!(
        "pairs: {} articles, {} gold pairs, {} found, {} right (P {:.3} R {:.3}), {:.2} s on {} threads{}",
        lib.articles.len(),
        gold.len(),
        found.len(),
        right,
        right as f64 / found.len().max(1) as f64,
        right as f64 / gold.len().max(1) as f64,
        secs,
        threads,
        cpu
    );
}

fn benches(c: &mut Criterion) {
    let pool = pool();
    if pool.is_empty() {
        eprintln!(
            "pairs bench: ../shared/eval/align/dev.jsonl not found; nothing to generate from"
        );
        return;
    }
    let n: usize = std::env::var("DUET_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let lib = generate(&pool, n);
    let threads = pairing::default_threads().min(2);
    report(&lib, threads);

    let mut group = c.benchmark_group("pairs");
    group.sample_size(10);
    group.bench_function("library_10000", |b| {
        b.iter(|| black_box(pairing::find_pairs(&lib.articles, threads)))
    });

    // A library of all but the last article, paired; then the last one added.
    let last = lib.articles.len() - 1;
    let mut base = Pairing::new();
    let evidence = pairing::evidence_all(&lib.articles[..last], threads);
    for (i, ev) in evidence.iter().enumerate() {
        if let Some(ev) = ev {
            base.add(i, ev);
        }
    }
    base.refresh();
    pairing::settle(&mut base, &lib.articles, 0..last, threads);
    group.sample_size(30);
    group.bench_function("add_one_to_9999", |b| {
        b.iter_batched(
            || base.clone(),
            |mut p| {
                pairing::add_one(&mut p, &lib.articles, last);
                black_box(p.matches())
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(pairs, benches);
criterion_main!(pairs);
