//! Where an import's time goes. First the whole import as `duet import` runs it (all cores,
//! batches written to a fresh library in a temporary folder), and apart from it the pairing
//! pass it ends with: articles a second, wall and CPU seconds, peak memory of each (CPU and
//! memory from `/proc`, Linux only). Then each stage of processing one article, timed over the
//! files on one thread (ms per article and share of the total), and the pairing
//! verifications an import of them would run. Say which folder with `IMPORT_DIR` (for example
//! one made by `cargo run --release --example gen_library -- --articles 2000 DIR`); without it
//! the bundled articles and test pages are used. `IMPORT_FILES` caps the number of files of the
//! stage table; `IMPORT_WHOLE=0` skips the whole import.
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
    if std::env::var("IMPORT_WHOLE").as_deref() != Ok("0") {
        whole_import(&dirs);
    }
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

/// `duet import DIRS` into a fresh library, then its pairing pass, each measured on its own.
fn whole_import(dirs: &[PathBuf]) {
    let Ok(tmp) = tempfile::tempdir() else {
        println!("whole import: no temporary folder");
        return;
    };
    let open = || duet::library::Library::open(duet::library::Home::at(tmp.path()));
    let Ok((lib, _)) = open() else {
        println!("whole import: the library did not open");
        return;
    };
    let before = Usage::now();
    let report = match lib.import(dirs, &mut |_, _| {}) {
        Ok(r) => r,
        Err(e) => {
            println!("whole import: {e}");
            return;
        }
    };
    let imported = before.spent();
    let added = report.added.len();
    println!(
        "whole import, all cores: {added} articles ({} duplicates) in {:.2} s wall, {:.2} s CPU: \
         {:.0} articles/s; peak {} MB",
        report.duplicates.len(),
        imported.wall,
        imported.cpu,
        added as f64 / imported.wall.max(1e-9),
        imported.peak_mb()
    );
    drop(lib);
    let Ok((lib, _)) = open() else { return };
    let before = Usage::now();
    let found = duet::library::intake::pair(lib, true, || false);
    let paired = before.spent();
    println!(
        "  then the pairing pass: {} pairs in {:.2} s wall, {:.2} s CPU; peak {} MB",
        found.map_or(0, |f| f.pairs().len()),
        paired.wall,
        paired.cpu,
        paired.peak_mb()
    );
}

/// Wall time, this process's CPU time and its peak resident memory since the last reset.
struct Usage {
    start: Instant,
    cpu: f64,
}

struct Spent {
    wall: f64,
    cpu: f64,
    peak_kb: Option<u64>,
}

impl Spent {
    fn peak_mb(&self) -> String {
        self.peak_kb
            .map_or_else(|| "n/a".to_string(), |kb| (kb / 1024).to_string())
    }
}

impl Usage {
    /// Now, the peak memory counted afresh from here (Linux: `/proc/self/clear_refs`).
    fn now() -> Usage {
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        Usage {
            start: Instant::now(),
            cpu: cpu_seconds(),
        }
    }

    fn spent(&self) -> Spent {
        Spent {
            wall: self.start.elapsed().as_secs_f64(),
            cpu: cpu_seconds() - self.cpu,
            peak_kb: peak_kb(),
        }
    }
}

/// User + system time of this process (`/proc/self/stat`, in clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    ticks.iter().sum::<f64>() / 100.0
}

/// `VmHWM` of `/proc/self/status`, in KB.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
