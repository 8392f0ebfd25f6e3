//! `duet export --bookmarks --format tsv|tmx|json`: every bookmark of the library on stdout.
//! `duet export --words [--status 1-4] --format anki`: the words with a status, as a TSV Anki
//! imports.

use std::io::Write;
use std::process::ExitCode;

use duet::library::export;

use crate::{ExportArgs, ExportFormat};

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let lib = super::library::open()?;
    let text = if args.words {
        if args.format != ExportFormat::Anki {
            anyhow::bail!("--words exports for Anki only: add --format anki");
        }
        let (lo, hi) = status_range(args.status.as_deref().unwrap_or("0-5"))?;
        duet::library::words::anki_tsv(&lib, lo, hi)?
    } else {
        let marks = lib.bookmarks(None)?;
        match args.format {
            ExportFormat::Tsv => export::to_tsv(&marks),
            ExportFormat::Tmx => export::to_tmx(&marks),
            ExportFormat::Json => export::to_json(&marks),
            ExportFormat::Anki => anyhow::bail!("--format anki exports --words"),
        }
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `3`, `1-4`, `known`, `ignored` → a range of status codes.
fn status_range(s: &str) -> anyhow::Result<(i64, i64)> {
    use duet::library::words::Status;
    let code = |t: &str| -> Option<i64> {
        match t.trim() {
            "known" => Some(Status::Known.code()),
            "ignored" => Some(Status::Ignored.code()),
            n => n.parse::<i64>().ok().filter(|n| (0..=5).contains(n)),
        }
    };
    let (lo, hi) = match s.split_once('-') {
        Some((a, b)) => (code(a), code(b)),
        None => (code(s), code(s)),
    };
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo <= hi => Ok((lo, hi)),
        _ => anyhow::bail!(
            "--status {s}: give a status (0-5, known, ignored) or a range such as 1-4"
        ),
    }
}
