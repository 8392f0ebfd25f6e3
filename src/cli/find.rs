//! `duet find QUERY [PATH…] [--source S] [--limit N] [--json]`: search articles like the
//! finder does, best first: the files given, or with `--library` (and by default, when no path
//! is given and the library has articles, as for the reader) the library, from its cache.
//! `duet find --stdin QUERY`: filter standard input like `fzf --filter`. Exit 1 when nothing
//! matches.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Context;
use duet::Bitext;
use duet::library::ArticleId;
use duet::search::stored;
use duet::search::{Corpus, Memory, Source, filter};
use serde::Serialize;

use super::library::clean;
use super::render::library_paths;
use crate::{FindArgs, FindSource};

/// A hit as printed, owned (the corpus it came from is gone by then).
#[derive(Serialize)]
struct Row {
    /// The library's id of the article (when the library is searched).
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<ArticleId>,
    path: String,
    title: String,
    source: &'static str,
    block: Option<usize>,
    sentence: Option<usize>,
    text: String,
    score: i32,
    /// Where it stands among equal scores, as in one corpus of everything searched: titles and
    /// names first, then the newest, then the library's order (slice, item).
    #[serde(skip)]
    order: (u8, std::cmp::Reverse<Option<String>>, usize, u32),
}

/// Articles searched at a time in a library (each slice's corpus is dropped once asked).
const SLICE: usize = 2_000;

fn sources(args: &FindArgs) -> Vec<Source> {
    match args.source {
        Some(FindSource::Articles) => vec![Source::Articles],
        Some(FindSource::Entities) => vec![Source::Entities],
        Some(FindSource::Text) => vec![Source::Text],
        None => Source::ALL.to_vec(),
    }
}

pub fn run(args: &FindArgs) -> anyhow::Result<ExitCode> {
    if args.stdin {
        return run_stdin(args);
    }
    if args.library {
        return in_library(args, &super::library::open()?);
    }
    if args.paths.is_empty() {
        // As the reader: the library when it has articles, else the bundled samples.
        let (start, notices) = duet::library::startup();
        let (lib, notices) = match start {
            duet::library::Startup::Library(lib, more) => {
                (Some(lib), notices.into_iter().chain(more).collect())
            }
            duet::library::Startup::Samples => (None, notices),
        };
        for n in notices {
            eprintln!("duet: {n}");
        }
        if let Some(lib) = lib {
            return in_library(args, &lib);
        }
    }
    let (articles, failed) = parse_all(&library_paths(&args.paths)?);
    let mut corpus = Corpus::from_articles(&articles);
    if sources(args).contains(&Source::Entities) {
        let bitexts: Vec<Bitext> = articles.iter().map(duet::align::align_article).collect();
        let index = duet::entity::EntityIndex::build(
            articles.iter().map(|a| a.path.as_str()).zip(&bitexts),
        );
        corpus.set_entities(&index);
    }
    let found = search(args, &corpus, None, 0)?;
    print(args, merge(vec![found], args.limit.unwrap_or(20)), failed)
}

/// Search every article of the library that can be shown, from its cache (the text as the
/// last processing left it; an article never processed is processed now), with the entities
/// found when each was processed: a slice at a time on every core, the slices' best merged.
fn in_library(args: &FindArgs, lib: &duet::library::Library) -> anyhow::Result<ExitCode> {
    let ids: Vec<ArticleId> = lib.entries()?.iter().map(|e| e.id).collect();
    let entities = sources(args).contains(&Source::Entities);
    let slices = ids.len().div_ceil(SLICE);
    let per_slice = stored::each_slice(lib, &ids, SLICE, entities, &|k, stored| {
        let failed: Vec<String> = (stored.failed.iter())
            .map(|(id, e)| format!("article {id}: {e}"))
            .collect();
        (search(args, &stored.corpus, Some(&stored.ids), k), failed)
    })?;
    let mut lists = Vec::with_capacity(slices);
    let mut failed = false;
    for (found, errors) in per_slice {
        for e in errors {
            eprintln!("duet: {e}");
            failed = true;
        }
        lists.push(found?);
    }
    print(args, merge(lists, args.limit.unwrap_or(20)), failed)
}

/// The best `limit` hits of each source searched in a corpus (`ids`: the library's id of each
/// of its docs; `slice`: which part of the library it is).
fn search(
    args: &FindArgs,
    corpus: &Corpus,
    ids: Option<&[ArticleId]>,
    slice: usize,
) -> anyhow::Result<Vec<(Source, Vec<Row>)>> {
    let limit = args.limit.unwrap_or(20);
    let never = AtomicBool::new(false);
    let mut lists = Vec::new();
    for source in sources(args) {
        let results = corpus
            .search(source, &args.query, limit, &mut Memory::default(), &never)
            .map_err(|_| anyhow::anyhow!("search cancelled"))?;
        let rows = (results.hits.iter())
            .filter_map(|hit| {
                let item = corpus.item(source, hit)?;
                let doc = corpus.doc(&item);
                Some(Row {
                    id: ids.and_then(|ids| ids.get(item.doc as usize).copied()),
                    path: doc.path.clone(),
                    title: doc.title.clone(),
                    source: source.name(),
                    block: item.block,
                    sentence: item.sentence,
                    text: hit.text.clone(),
                    score: hit.score,
                    order: (
                        item.rank,
                        std::cmp::Reverse(doc.date.clone()),
                        slice,
                        hit.item,
                    ),
                })
            })
            .collect();
        lists.push((source, rows));
    }
    Ok(lists)
}

/// The best `limit` hits of the slices searched: each source's hits in one order (by score,
/// then as one corpus would order them; an entity found in several slices once, where it
/// ranks best), then the sources merged by score (the earlier source on a tie).
fn merge(slices: Vec<Vec<(Source, Vec<Row>)>>, limit: usize) -> Vec<Row> {
    let mut by_source: Vec<(Source, Vec<Row>)> = Vec::new();
    for (source, rows) in slices.into_iter().flatten() {
        match by_source.iter_mut().find(|(s, _)| *s == source) {
            Some((_, all)) => all.extend(rows),
            None => by_source.push((source, rows)),
        }
    }
    let mut lists: Vec<(Source, std::iter::Peekable<std::vec::IntoIter<Row>>)> = by_source
        .into_iter()
        .map(|(source, mut rows)| {
            rows.sort_by(|a, b| (b.score.cmp(&a.score)).then_with(|| a.order.cmp(&b.order)));
            if source == Source::Entities {
                let mut first = std::collections::HashMap::new();
                rows.retain(|r| *first.entry(r.text.clone()).or_insert(r.order.2) == r.order.2);
            }
            rows.truncate(limit);
            (source, rows.into_iter().peekable())
        })
        .collect();
    let mut found = Vec::new();
    while found.len() < limit {
        let next = lists
            .iter_mut()
            .filter_map(|(s, hits)| hits.peek().map(|h| (h.score, *s)))
            .max_by_key(|&(score, s)| {
                (
                    score,
                    std::cmp::Reverse(Source::ALL.iter().position(|x| *x == s)),
                )
            });
        let Some((_, source)) = next else { break };
        let Some((_, hits)) = lists.iter_mut().find(|(s, _)| *s == source) else {
            break;
        };
        if let Some(hit) = hits.next() {
            found.push(hit);
        }
    }
    found
}

fn print(args: &FindArgs, rows: Vec<Row>, failed: bool) -> anyhow::Result<ExitCode> {
    let printed = if args.json {
        print_json(&rows)
    } else {
        print_rows(&rows)
    };
    ignore_broken_pipe(printed)?;
    Ok(if failed {
        ExitCode::from(2)
    } else if rows.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Parse every article file under the paths, two threads or more; bad files are reported on
/// stderr, one line each, and skipped.
fn parse_all(paths: &[std::path::PathBuf]) -> (Vec<duet::Article>, bool) {
    let mut files = Vec::new();
    let mut failed = false;
    for entry in duet::ingest::discover(paths) {
        match entry {
            Ok(p) => files.push(p),
            Err(e) => {
                eprintln!("duet: {e}");
                failed = true;
            }
        }
    }
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8);
    let chunk = files.len().div_ceil(threads).max(1);
    let parsed: Vec<Vec<duet::Result<duet::Article>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|c| scope.spawn(move || c.iter().map(|p| duet::parse_file(p)).collect()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut articles = Vec::new();
    for r in parsed.into_iter().flatten() {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => {
                eprintln!("duet: {e}");
                failed = true;
            }
        }
    }
    (articles, failed)
}

fn print_json(rows: &[Row]) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    serde_json::to_writer_pretty(&mut out, rows)?;
    writeln!(out)?;
    out.flush()
}

fn print_rows(rows: &[Row]) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for r in rows {
        let place = match (r.block, r.sentence) {
            (Some(b), Some(s)) => format!(":{b}:{s}"),
            (Some(b), None) => format!(":{b}"),
            _ => String::new(),
        };
        let id = r.id.map(|id| format!("{id}\t")).unwrap_or_default();
        writeln!(
            out,
            "{id}{}{place}\t{}\t{}",
            clean(&r.path),
            r.source,
            clean(&r.text)
        )?;
    }
    out.flush()
}

fn run_stdin(args: &FindArgs) -> anyhow::Result<ExitCode> {
    if !args.paths.is_empty() {
        anyhow::bail!("find --stdin reads standard input; it takes no paths");
    }
    let mut input = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut input)
        .context("standard input")?;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut found = filter::filter(&input, &args.query, threads);
    if let Some(n) = args.limit {
        found.truncate(n);
    }
    let written = (|| {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
        for m in &found {
            out.write_all(&input[m.start..m.end])?;
            out.write_all(b"\n")?;
        }
        out.flush()
    })();
    ignore_broken_pipe(written)?;
    Ok(if found.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A reader that stops early (`| head`) is not an error.
fn ignore_broken_pipe(r: std::io::Result<()>) -> anyhow::Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
