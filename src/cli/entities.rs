//! `duet entities`: the people, places and organisations of articles, linked across Korean and
//! English (`FILE… [--json]`); of each line of a text file (`--lines FILE --json`); and Korean
//! to English name linking (`--link KO.txt EN.txt --json`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use duet::entity::{self, EntityIndex, Side};
use duet::text::width::{pad, truncate};
use duet::text::{AmbiguousWidth, sanitize};
use serde_json::json;

use crate::EntitiesArgs;

pub fn run(args: &EntitiesArgs) -> anyhow::Result<ExitCode> {
    let out = if args.lines {
        let [file] = args.files.as_slice() else {
            bail!("entities --lines takes one text file");
        };
        lines(&read_lines(file)?)
    } else if args.link {
        let [ko, en] = args.files.as_slice() else {
            bail!("entities --link takes two files: Korean names, then English names");
        };
        link(&read_lines(ko)?, &read_lines(en)?, args.json)?
    } else {
        if args.files.is_empty() {
            bail!("entities needs article files or folders");
        }
        return articles(args);
    };
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn write_out(s: &str) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(s.as_bytes()).and_then(|()| lock.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

/// Lines of a UTF-8 file, control characters removed.
fn read_lines(path: &Path) -> anyhow::Result<Vec<String>> {
    let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", path.display()))?;
    Ok(text.lines().map(sanitize).collect())
}

fn lines(lines: &[String]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let spans = entity::find(line);
        let row = json!({ "line": i, "entities": spans });
        out.push_str(&row.to_string());
        out.push('\n');
    }
    out
}

fn link(ko: &[String], en: &[String], as_json: bool) -> anyhow::Result<String> {
    let ko: Vec<String> = ko
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let en: Vec<String> = en
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let links = entity::link_names(&ko, &en);
    if as_json {
        return Ok(serde_json::to_string_pretty(&links)? + "\n");
    }
    let mut out = String::new();
    for l in &links {
        out.push_str(&format!(
            "{}\t{}\t{:.2}\n",
            l.ko,
            l.en.as_deref().unwrap_or("-"),
            l.score
        ));
    }
    Ok(out)
}

fn articles(args: &EntitiesArgs) -> anyhow::Result<ExitCode> {
    let mut docs = Vec::new();
    let mut failed = false;
    for entry in duet::ingest::discover(&args.files) {
        match entry.and_then(|path| duet::parse_file(&path)) {
            Ok(a) => {
                let bitext = duet::align::align_article(&a);
                docs.push((a.path.clone(), bitext));
            }
            Err(e) => {
                eprintln!("duet: {e}");
                failed = true;
            }
        }
    }
    let index = EntityIndex::build(docs.iter().map(|(p, b)| (p.as_str(), b)));
    let out = if args.json {
        let rows: Vec<serde_json::Value> = index
            .entities
            .iter()
            .map(|e| {
                json!({
                    "id": e.id,
                    "type": e.kind,
                    "names": e.names,
                    "hanja": e.hanja,
                    "mentions": e.mentions.iter().map(|m| json!({
                        "article": index.articles.get(m.article),
                        "block": m.block,
                        "lang": m.lang,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::to_string_pretty(&rows)? + "\n"
    } else {
        table(&index)
    };
    write_out(&out)?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// One entity a line: type, Korean names, English names, hanja, mentions (Korean + English).
fn table(index: &EntityIndex) -> String {
    let w = AmbiguousWidth::Narrow;
    let cell = |s: &str, n: usize| pad(&truncate(&sanitize(s), n, w), n, w);
    let mut out = String::new();
    out.push_str(&format!(
        "{} {} {} {} {}\n",
        cell("type", 6),
        cell("korean", 28),
        cell("english", 32),
        cell("hanja", 8),
        "mentions ko+en"
    ));
    for e in &index.entities {
        let ko = e.mentions.iter().filter(|m| m.lang == Side::Ko).count();
        let en = e.mentions.len() - ko;
        out.push_str(&format!(
            "{} {} {} {} {ko}+{en}\n",
            cell(e.kind.name(), 6),
            cell(&e.names.ko.join(", "), 28),
            cell(&e.names.en.join(", "), 32),
            cell(e.hanja.as_deref().unwrap_or(""), 8),
        ));
    }
    out
}
