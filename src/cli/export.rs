//! `duet export --bookmarks --format tsv|tmx|json`: every bookmark of the library on stdout.

use std::io::Write;
use std::process::ExitCode;

use duet::library::export;

use crate::{ExportArgs, ExportFormat};

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let lib = super::library::open()?;
    let marks = lib.bookmarks(None)?;
    let text = match args.format {
        ExportFormat::Tsv => export::to_tsv(&marks),
        ExportFormat::Tmx => export::to_tmx(&marks),
        ExportFormat::Json => export::to_json(&marks),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(ExitCode::SUCCESS)
}
