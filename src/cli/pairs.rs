//! `duet pairs PATH… [--json]`: find which files are translations of each other (a Korean
//! article and its English edition) and print the pairs; files not named are unpaired.
//! Bad inputs are reported one line each on stderr and the others still paired; exit 2 then.
//! `duet pairs --library [--json]`: the library's pairs (ids as `duet list` prints them), from
//! the evidence stored at import, with the user's own pairs and splits.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use std::collections::{HashMap, HashSet};

use duet::Article;
use duet::library::ArticleId;
use duet::library::pairs::Pass;
use duet::pairing::{self, Match};
use serde::Serialize;

use crate::PairsArgs;

#[derive(Serialize)]
struct JsonPair<'a> {
    ko: &'a str,
    en: &'a str,
    score: f64,
}

pub fn run(args: &PairsArgs) -> anyhow::Result<ExitCode> {
    if args.library {
        return library(args.json, args.again);
    }
    let threads = pairing::default_threads();
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut failed = false;
    for entry in duet::ingest::discover(&args.paths) {
        match entry {
            Ok(p) => paths.push(p),
            Err(e) => {
                eprintln!("duet: {e}");
                failed = true;
            }
        }
    }
    let parsed = pairing::parallel(&paths, threads, |chunk| {
        chunk.iter().map(|p| duet::parse_file(p)).collect()
    });
    let mut articles: Vec<Article> = Vec::with_capacity(parsed.len());
    for r in parsed {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => {
                eprintln!("duet: {e}");
                failed = true;
            }
        }
    }
    let matches = pairing::find_pairs(&articles, threads);
    match print(args.json, &articles, &matches) {
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn print(json: bool, articles: &[Article], matches: &[Match]) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        let rows: Vec<JsonPair> = matches
            .iter()
            .map(|m| JsonPair {
                ko: &articles[m.ko].path,
                en: &articles[m.en].path,
                score: m.score,
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        let clean = |s: &str| duet::text::sanitize(s).replace(['\n', '\t'], " ");
        writeln!(out, "score\tko\ten")?;
        for m in matches {
            writeln!(
                out,
                "{:.3}\t{}\t{}",
                m.score,
                clean(&articles[m.ko].path),
                clean(&articles[m.en].path)
            )?;
        }
        let paired = matches.len() * 2;
        writeln!(
            out,
            "{} pair{}; {} of {} articles unpaired",
            matches.len(),
            if matches.len() == 1 { "" } else { "s" },
            articles.len() - paired,
            articles.len()
        )?;
    }
    out.flush()
}

#[derive(Serialize)]
struct LibraryPair {
    ko: ArticleId,
    en: ArticleId,
    score: f64,
    by_hand: bool,
}

/// `duet pairs --library`.
fn library(json: bool, again: bool) -> anyhow::Result<ExitCode> {
    let lib = super::library::open()?;
    let mut titles: HashMap<ArticleId, String> = HashMap::new();
    lib.each_entry(|e| {
        titles.insert(
            e.id,
            super::library::clean(e.title.as_deref().unwrap_or("")),
        );
        true
    })?;
    // Nothing to find again when the library is unchanged since its pairs were last found
    // (the index is built only when they must be).
    let started = std::time::Instant::now();
    let found = if again {
        let threads = duet::library::intake::threads();
        duet::library::pairs::find_as(lib, threads, true, Pass::Full, || false)?
    } else {
        match duet::library::pairs::stored(&lib)? {
            Some(found) => found,
            None => duet::library::intake::pair(lib, true, || false)?,
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let manual: HashSet<(ArticleId, ArticleId)> = found.choices.manual.iter().copied().collect();
    let rows: Vec<LibraryPair> = found
        .pairs()
        .into_iter()
        .map(|(ko, en, score)| LibraryPair {
            ko,
            en,
            score,
            by_hand: manual.contains(&(ko, en)),
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = (|| -> std::io::Result<()> {
        if json {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        } else {
            writeln!(out, "score\tko\ten\ttitle")?;
            for r in &rows {
                let score = if r.by_hand {
                    "hand".to_string()
                } else {
                    format!("{:.3}", r.score)
                };
                let title = titles.get(&r.ko).map_or("", String::as_str);
                writeln!(out, "{score}\t{}\t{}\t{title}", r.ko, r.en)?;
            }
            writeln!(
                out,
                "{} pair{} among {} Korean or English articles; {} candidate pairs verified, {} remembered; {} articles asked; paired in {seconds:.2} s",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" },
                found.articles,
                found.verified,
                found.remembered,
                found.queried
            )?;
        }
        out.flush()
    })();
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(ExitCode::SUCCESS)
}
