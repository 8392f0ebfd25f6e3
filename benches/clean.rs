//! Cleaning real-size pages: the extraction dev pages (../shared/eval/extraction/html, gzipped,
//! when that folder is there), a ~1 MB saved page built from them, and the bundled articles.
//! Throughput is in bytes of input, so criterion reports MB/s.
//!
//! `cargo bench --bench clean` (or `-- --quick` for a short run).

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The gzipped dev pages, unpacked: (name, bytes). Empty when shared/ is not beside the repo.
fn dev_pages() -> Vec<(String, Vec<u8>)> {
    let dir = std::env::var_os("DUET_BENCH_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/eval/extraction/html"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "no dev pages at {}: benching the bundled articles only",
            dir.display()
        );
        return vec![];
    };
    let mut pages: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_name()?.to_string_lossy().into_owned();
            let raw = std::fs::read(&path).ok()?;
            let bytes = if name.ends_with(".gz") {
                let mut out = Vec::new();
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&raw[..]), &mut out)
                    .ok()?;
                out
            } else {
                raw
            };
            Some((name.trim_end_matches(".gz").to_string(), bytes))
        })
        .collect();
    pages.sort();
    pages
}

/// One ~1 MB saved page: the bodies of UTF-8 dev pages one after another in one document.
fn big_page(pages: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut body = String::new();
    for (_, bytes) in pages.iter().cycle().take(pages.len() * 8) {
        let Ok(html) = std::str::from_utf8(bytes) else {
            continue;
        };
        let start = html.find("<body").unwrap_or(0);
        let end = html.rfind("</body>").unwrap_or(html.len());
        if start < end {
            body.push_str(&html[start..end]);
        }
        if body.len() >= 1 << 20 {
            break;
        }
    }
    format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>big page</title></head><body>{body}</body></html>")
        .into_bytes()
}

fn clean_bytes(name: &str, bytes: &[u8]) -> usize {
    match duet::ingest::from_bytes(Path::new(name), bytes) {
        Ok(doc) => duet::clean::clean(doc).blocks.len(),
        Err(_) => 0,
    }
}

fn bench(c: &mut Criterion) {
    let pages = dev_pages();
    let mut group = c.benchmark_group("clean");
    if !pages.is_empty() {
        let big = big_page(&pages);
        group.throughput(Throughput::Bytes(big.len() as u64));
        group.bench_function(format!("saved_page_{}KB", big.len() / 1024), |b| {
            b.iter(|| clean_bytes("big.html", &big))
        });
        if let Some((name, largest)) = pages.iter().max_by_key(|(_, b)| b.len()) {
            group.throughput(Throughput::Bytes(largest.len() as u64));
            group.bench_function(
                format!("largest_dev_page_{}KB", largest.len() / 1024),
                |b| b.iter(|| clean_bytes(name, largest)),
            );
        }
        let total: usize = pages.iter().map(|(_, b)| b.len()).sum();
        group.throughput(Throughput::Bytes(total as u64));
        group.bench_function(format!("dev_pages_x{}", pages.len()), |b| {
            b.iter(|| pages.iter().map(|(n, p)| clean_bytes(n, p)).sum::<usize>())
        });
    }
    let articles: Vec<(String, Vec<u8>)> = ["assets/articles", "tests/fixtures/pages"]
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(repo().join(d))
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| {
            duet::ingest::discover::is_article_file(
                &p.file_name().unwrap_or_default().to_string_lossy(),
            )
        })
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?)))
        .collect();
    let total: usize = articles.iter().map(|(_, b)| b.len()).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("text_and_markdown_articles", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|(n, p)| clean_bytes(n, p))
                .sum::<usize>()
        })
    });
    // Hostile pages (issue 11): nesting past the budget is flattened in linear time, so depth
    // 200,000 costs about ten times depth 20,000 (it was quadratic: minutes).
    for depth in [2_000, 20_000, 200_000] {
        let page = format!(
            "<!doctype html><html><body>{}<p>The only sentence.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        )
        .into_bytes();
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_function(format!("nested_divs_{depth}"), |b| {
            b.iter(|| clean_bytes("deep.html", &page))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
