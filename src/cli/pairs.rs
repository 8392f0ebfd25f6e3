//! `duet pairs PATH… [--json]`: find which files are translations of each other (a Korean
//! article and its English edition) and print the pairs; files not named are unpaired.
//! Bad inputs are reported one line each on stderr and the others still paired; exit 2 then.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use duet::Article;
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
