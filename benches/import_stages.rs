//! Where an import's time goes: each stage of processing one article, timed over the files of a
//! folder on one thread (ms per article and share of the total), then the pairing
//! verifications an import of them would run. Say which folder with `IMPORT_DIR` (for example
//! one made by `cargo run --release --example gen_library -- --articles 2000 DIR`); without it
//! the bundled articles and test pages are used. `IMPORT_FILES` caps the number of files.
//!
//! `cargo bench --bench import_stages`

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use duet::library::Processed;
use duet::library::entities::ArticleEntities;

#[derive(Default)]
struct Stages {
    read_hash: Duration,
    decode: Duration,
    clean: Duration,
    align: Duration,
    entities: Duration,
    evidence: Duration,
    encode: Duration,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs: Vec<PathBuf> = match std::env::var_os("IMPORT_DIR") {
        Some(d) => vec![PathBuf::from(d)],
        None => vec![
            root.join("assets/articles"),
            root.join("tests/fixtures/pages"),
        ],
    };
    let cap: usize = std::env::var("IMPORT_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let files: Vec<PathBuf> = duet::ingest::discover(&dirs)
        .into_iter()
        .flatten()
        .take(cap)
        .collect();
    let mut t = Stages::default();
    let mut articles = Vec::new();
    let mut failed = 0;
    for path in &files {
        let start = Instant::now();
        let Ok(bytes) = std::fs::read(path) else {
            failed += 1;
            continue;
        };
        let _hash = duet::library::cache::hash(&bytes);
        t.read_hash += start.elapsed();

        let start = Instant::now();
        let Ok(doc) = duet::ingest::from_bytes(path, &bytes) else {
            failed += 1;
            continue;
        };
        t.decode += start.elapsed();

        let start = Instant::now();
        let article = duet::clean::clean(doc);
        t.clean += start.elapsed();

        let start = Instant::now();
        let bitext = duet::align::align_article(&article);
        t.align += start.elapsed();

        let start = Instant::now();
        let found = ArticleEntities::find(&bitext);
        t.entities += start.elapsed();
        std::hint::black_box(&found);

        let start = Instant::now();
        let ev = duet::pairing::evidence::of_article(&article);
        t.evidence += start.elapsed();
        std::hint::black_box(&ev);

        let start = Instant::now();
        let packed = (
            lz4_flex::compress_prepend_size(&serde_json::to_vec(&article).unwrap_or_default()),
            lz4_flex::compress_prepend_size(&serde_json::to_vec(&bitext).unwrap_or_default()),
        );
        t.encode += start.elapsed();
        std::hint::black_box(&packed);
        articles.push(Processed { article, bitext }.article);
    }
    let n = articles.len().max(1) as f64;
    let rows = [
        ("read + hash", t.read_hash),
        ("decode (ingest)", t.decode),
        ("clean (incl. sentences)", t.clean),
        ("align", t.align),
        ("entities (find, link, index)", t.entities),
        ("pairing evidence", t.evidence),
        ("encode (JSON + LZ4)", t.encode),
    ];
    let total: Duration = rows.iter().map(|r| r.1).sum();
    println!(
        "{} articles processed ({failed} failed), one thread:",
        articles.len()
    );
    for (name, d) in rows {
        println!(
            "  {name:<30} {:>7.3} ms/article  {:>5.1} %",
            d.as_secs_f64() * 1000.0 / n,
            100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9)
        );
    }
    println!(
        "  {:<30} {:>7.3} ms/article",
        "processing, all stages",
        total.as_secs_f64() * 1000.0 / n
    );

    // The pairing an import runs at its end: the index, then the candidates verified.
    let start = Instant::now();
    let mut p = duet::pairing::Pairing::new();
    for (i, ev) in duet::pairing::evidence_all(&articles, 1).iter().enumerate() {
        if let Some(ev) = ev {
            p.add(i, ev);
        }
    }
    p.refresh();
    let indexed = start.elapsed();
    let start = Instant::now();
    duet::pairing::settle(&mut p, &articles, 0..articles.len(), 1);
    let verified = p.verdicts().count();
    let settle = start.elapsed();
    println!(
        "pairing: index {:.3} ms/article; {verified} candidate pairs verified in {:.2} s \
         ({:.3} ms/article, {:.2} ms/verification); {} pairs",
        indexed.as_secs_f64() * 1000.0 / n,
        settle.as_secs_f64(),
        settle.as_secs_f64() * 1000.0 / n,
        settle.as_secs_f64() * 1000.0 / verified.max(1) as f64,
        p.matches().len()
    );
}
