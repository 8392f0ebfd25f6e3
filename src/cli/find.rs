//! `duet find QUERY [PATH…] [--source S] [--limit N] [--json]`: search articles like the
//! finder does, best first: the files given, or with `--library` (and by default, when no path
//! is given and the library has articles, as for the reader) the library, from its cache.
//! `duet find --stdin QUERY`: filter standard input like `fzf --filter`. Exit 1 when nothing
//! matches.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use anyhow::Context;
use duet::Bitext;
use duet::library::ArticleId;
use duet::search::stored::Stored;
use duet::search::{Corpus, Memory, Source, filter};
use serde::Serialize;

use super::library::clean;
use super::render::library_paths;
use crate::{FindArgs, FindSource};

#[derive(Serialize)]
struct Row<'a> {
    /// The library's id of the article (when the library is searched).
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<ArticleId>,
    path: &'a str,
    title: &'a str,
    source: &'static str,
    block: Option<usize>,
    sentence: Option<usize>,
    text: &'a str,
    score: i32,
}

/// The corpus searched: of files, or of the library (from its cache, with the articles' ids).
struct Searched {
    corpus: Arc<Corpus>,
    ids: Option<Vec<ArticleId>>,
    /// Some file or article could not be read (each said on stderr).
    failed: bool,
}

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
    let entities = sources(args).contains(&Source::Entities);
    if args.library {
        return search(args, &from_library(super::library::open()?, entities)?);
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
            return search(args, &from_library(*lib, entities)?);
        }
    }
    let (articles, failed) = parse_all(&library_paths(&args.paths)?);
    let mut corpus = Corpus::from_articles(&articles);
    if entities {
        let bitexts: Vec<Bitext> = articles.iter().map(duet::align::align_article).collect();
        let index = duet::entity::EntityIndex::build(
            articles.iter().map(|a| a.path.as_str()).zip(&bitexts),
        );
        corpus.set_entities(&index);
    }
    let searched = Searched {
        corpus: Arc::new(corpus),
        ids: None,
        failed,
    };
    search(args, &searched)
}

/// Every article of the library that can be shown, from its cache (an article not processed
/// by this version yet is processed now, as the reader would), with the entities found when
/// each was processed.
fn from_library(lib: duet::library::Library, entities: bool) -> anyhow::Result<Searched> {
    let ids: Vec<ArticleId> = lib.entries()?.iter().map(|e| e.id).collect();
    let stored = Stored::load(&lib, &ids, entities, &|| false)?.unwrap_or_default();
    for (id, e) in &stored.failed {
        eprintln!("duet: article {id}: {e}");
    }
    Ok(Searched {
        corpus: stored.corpus,
        ids: Some(stored.ids),
        failed: !stored.failed.is_empty(),
    })
}

fn search(args: &FindArgs, searched: &Searched) -> anyhow::Result<ExitCode> {
    let corpus = &searched.corpus;
    let sources = sources(args);
    let limit = args.limit.unwrap_or(20);
    let never = AtomicBool::new(false);
    let mut lists = Vec::new();
    for source in sources {
        let results = corpus
            .search(source, &args.query, limit, &mut Memory::default(), &never)
            .map_err(|_| anyhow::anyhow!("search cancelled"))?;
        lists.push((source, results.hits.into_iter().peekable()));
    }
    // Sources merged by score (the best next hit of any source, the earlier source on a tie);
    // within one source the library's order stands.
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
            found.push((source, hit));
        }
    }
    let rows: Vec<Row> = found
        .iter()
        .filter_map(|(source, hit)| {
            let item = corpus.item(*source, hit)?;
            let doc = corpus.doc(&item);
            Some(Row {
                id: searched
                    .ids
                    .as_ref()
                    .and_then(|ids| ids.get(item.doc as usize).copied()),
                path: &doc.path,
                title: &doc.title,
                source: source.name(),
                block: item.block,
                sentence: item.sentence,
                text: &hit.text,
                score: hit.score,
            })
        })
        .collect();
    let printed = if args.json {
        print_json(&rows)
    } else {
        print_rows(&rows)
    };
    ignore_broken_pipe(printed)?;
    Ok(if searched.failed {
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
            clean(r.path),
            r.source,
            clean(r.text)
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
