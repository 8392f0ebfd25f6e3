//! `duet parse FILE|FOLDER… [--json]`: clean each article file and print it.
//! Bad inputs are reported one line each on stderr and the others still printed; exit 2 then.

use std::io::Write;
use std::process::ExitCode;

use duet::model::json_name;
use duet::{Article, BlockKind};

use crate::ParseArgs;

pub fn run(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let mut articles = Vec::new();
    let mut failed = false;
    let found = duet::ingest::discover_all(&args.files);
    for line in found.warnings() {
        eprintln!("duet: {line}");
    }
    for entry in found.files {
        match entry.and_then(|path| duet::parse_file(&path)) {
            Ok(a) => {
                for note in &a.notes {
                    eprintln!(
                        "duet: {}",
                        duet::error::warning(std::path::Path::new(&a.path), note)
                    );
                }
                articles.push(a)
            }
            Err(e) => {
                eprintln!("duet: {e}");
                failed = true;
            }
        }
    }
    match print(args.json, &articles) {
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

fn print(json: bool, articles: &[Article]) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        serde_json::to_writer_pretty(&mut out, articles)?;
        writeln!(out)?;
    } else {
        for (i, a) in articles.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write_text(&mut out, a)?;
        }
    }
    out.flush()
}

/// A readable plain-text view: metadata lines, then the blocks with their role.
fn write_text(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
    writeln!(out, "== {}", a.path)?;
    let fields = [
        ("title", a.title.clone()),
        ("title_en", a.title_en.clone()),
        ("published", a.published.clone()),
        ("updated", a.updated.clone()),
        ("outlet", a.outlet.clone()),
        (
            "authors",
            (!a.authors.is_empty()).then(|| a.authors.join(", ")),
        ),
        (
            "keywords",
            (!a.keywords.is_empty()).then(|| a.keywords.join(", ")),
        ),
        (
            "categories",
            (!a.categories.is_empty()).then(|| a.categories.join(", ")),
        ),
        ("summary", a.summary.clone()),
        ("image", a.image.clone()),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            writeln!(out, "{name}: {v}")?;
        }
    }
    for s in &a.subtitles {
        writeln!(out, "subtitle: {s}")?;
    }
    writeln!(
        out,
        "format: {}, encoding: {}, language: {}",
        json_name(&a.format),
        a.encoding,
        json_name(&a.language)
    )?;
    for b in &a.blocks {
        let tag = match b.kind {
            BlockKind::Paragraph => String::new(),
            k => format!("[{}] ", json_name(&k)),
        };
        writeln!(out, "\n{tag}{}", b.text)?;
    }
    Ok(())
}
