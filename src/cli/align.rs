//! `duet align`: pair the Korean and English of one bilingual article, two articles (either
//! order) or two files of pre-split sentences; print JSON, TSV or TMX.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use duet::align::{self, export};
use duet::model::Bitext;

use crate::{AlignArgs, AlignFormat};

pub fn run(args: &AlignArgs) -> anyhow::Result<ExitCode> {
    let bitext = if args.sentences {
        let [ko, en] = args.files.as_slice() else {
            bail!("align --sentences needs two files: Korean sentences, then English sentences");
        };
        align::align_sentences(&read_lines(ko)?, &read_lines(en)?)
    } else {
        match args.files.as_slice() {
            [one] => align::align_article(&parse(one)?),
            [a, b] => align::align_two(&parse(a)?, &parse(b)?),
            _ => bail!("align takes one bilingual file or two files"),
        }
    };
    if bitext.ko_sentences.is_empty() || bitext.en_sentences.is_empty() {
        let missing = if bitext.ko_sentences.is_empty() {
            "Korean"
        } else {
            "English"
        };
        let names: Vec<String> = args.files.iter().map(|p| duet::error::shown(p)).collect();
        eprintln!(
            "duet: warning: {}: no {missing} text found; every block is unpaired",
            names.join(", ")
        );
    }
    let format = if args.json {
        AlignFormat::Json
    } else {
        args.format.unwrap_or(AlignFormat::Tsv)
    };
    let out = render(&bitext, format)?;
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn render(bitext: &Bitext, format: AlignFormat) -> anyhow::Result<String> {
    Ok(match format {
        AlignFormat::Json => serde_json::to_string_pretty(bitext)? + "\n",
        AlignFormat::Tsv => export::to_tsv(bitext),
        AlignFormat::Tmx => export::to_tmx(bitext),
    })
}

/// Read, clean, and refuse an article with no text.
fn parse(path: &Path) -> anyhow::Result<duet::Article> {
    let article = duet::parse_file(path)?;
    for note in &article.notes {
        eprintln!("duet: {}", duet::error::warning(path, note));
    }
    let empty = article.blocks.iter().all(|b| b.text.trim().is_empty())
        && article.title.as_deref().is_none_or(|t| t.trim().is_empty());
    if empty {
        bail!(
            "{}: no text to align (empty file)",
            duet::error::shown(path)
        );
    }
    Ok(article)
}

/// One sentence a line; a final newline adds no sentence. `sanitize` drops U+FEFF, so a byte
/// order mark at the start is gone from the first line.
fn read_lines(path: &Path) -> anyhow::Result<Vec<String>> {
    let bytes = std::fs::read(path).with_context(|| duet::error::shown(path))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", duet::error::shown(path)))?;
    let lines: Vec<String> = text
        .lines()
        .map(|l| duet::text::sanitize(l).trim().to_string())
        .collect();
    if lines.iter().all(String::is_empty) {
        bail!("{}: no sentences (empty file)", duet::error::shown(path));
    }
    Ok(lines)
}
