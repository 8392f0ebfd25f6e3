//! `duet lookup WORD [--json]`: a Korean word's dictionary forms and the senses the imported
//! dictionaries give. `duet lookup --pairs FILE --json`: every Korean word of a file of sentence
//! pairs with its character offsets, lemma and the English words it translates (aligned with
//! the library's word model when there is one). Reads the library, never creates it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use duet::library::dictionary::Found;
use duet::library::{Home, Library};
use duet::words::{self, Token};
use serde::Serialize;

use crate::LookupArgs;

/// Files larger than this are not sentence pairs a script would pass.
const MAX_PAIRS_BYTES: u64 = 256 << 20;

#[derive(Serialize)]
struct Line {
    ko: Vec<Word>,
}

#[derive(Serialize)]
struct Word {
    text: String,
    start: usize,
    end: usize,
    lemma: String,
    en: Vec<Token>,
}

#[derive(Serialize)]
struct Lookup<'a> {
    word: &'a str,
    lemmas: Vec<String>,
    entries: Vec<Found>,
}

pub fn run(args: &LookupArgs) -> anyhow::Result<ExitCode> {
    let lib = existing_library();
    let text = match (&args.pairs, &args.word) {
        (Some(path), _) => pairs(path, lib.as_ref(), args.json)?,
        (None, Some(word)) => word_senses(word, lib.as_ref(), args.json)?,
        (None, None) => bail!("give a word, or --pairs FILE"),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The default library if there is one (looking creates nothing); problems opening it are
/// one line each, and the lookup goes on without it.
fn existing_library() -> Option<Library> {
    let home = Home::locate().ok()?;
    if !home.db_path().exists() {
        return None;
    }
    match super::library::open() {
        Ok(lib) => Some(lib),
        Err(e) => {
            eprintln!("duet: {e:#}; looking up without the library");
            None
        }
    }
}

fn pairs(path: &Path, lib: Option<&Library>, json: bool) -> anyhow::Result<String> {
    let name = path.display();
    let size = std::fs::metadata(path)
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?
        .len();
    if size > MAX_PAIRS_BYTES {
        bail!("{name}: {size} bytes is too large for a file of sentence pairs");
    }
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) if !t.contains('\0') => t,
        _ => bail!("{name}: a binary file, not UTF-8 text of sentence pairs"),
    };
    let items: Vec<(&str, &str)> = text
        .lines()
        .map(|l| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            l.split_once('\t').unwrap_or((l, ""))
        })
        .collect();
    let model = lib.and_then(|l| match l.word_model() {
        Ok(m) => m.map(|(_, m)| m),
        Err(e) => {
            eprintln!("duet: {e}");
            None
        }
    });
    let aligned = words::align(&items, model.as_ref(), &words::Settings::default());
    let lines: Vec<Line> = aligned
        .into_iter()
        .map(|ws| Line {
            ko: ws
                .into_iter()
                .map(|w| Word {
                    text: w.word.text,
                    start: w.word.start,
                    end: w.word.end,
                    lemma: w.lemmas.into_iter().next().unwrap_or_default(),
                    en: w.en,
                })
                .collect(),
        })
        .collect();
    if json {
        return Ok(serde_json::to_string_pretty(&lines)? + "\n");
    }
    let mut out = String::new();
    for (line, (ko, _)) in lines.iter().zip(&items) {
        out.push_str(&super::library::clean(ko));
        out.push('\n');
        for w in &line.ko {
            let en: Vec<&str> = w.en.iter().map(|t| t.text.as_str()).collect();
            out.push_str(&format!(
                "  {}\t{}\t{}\n",
                super::library::clean(&w.text),
                super::library::clean(&w.lemma),
                super::library::clean(&en.join(" "))
            ));
        }
    }
    Ok(out)
}

fn word_senses(word: &str, lib: Option<&Library>, json: bool) -> anyhow::Result<String> {
    let core = words::tokens::words(word)
        .into_iter()
        .next()
        .map_or_else(|| word.trim().to_string(), |t| t.text);
    let lemmas = words::lemma::lemmas(&core);
    let mut entries = Vec::new();
    if let Some(lib) = lib {
        // By lemma, best first, then by the word as written.
        let mut keys = lemmas.clone();
        if !keys.contains(&core) {
            keys.push(core.clone());
        }
        for k in &keys {
            let found = lib.dictionary_entries(k)?;
            if !found.is_empty() {
                entries = found;
                break;
            }
        }
    }
    if json {
        let l = Lookup {
            word: &core,
            lemmas,
            entries,
        };
        return Ok(serde_json::to_string_pretty(&l)? + "\n");
    }
    let clean = super::library::clean;
    let mut out = format!("{} → {}", clean(&core), clean(&lemmas[0]));
    if lemmas.len() > 1 {
        out.push_str(&format!(" (or {})", clean(&lemmas[1..].join(", "))));
    }
    out.push('\n');
    if entries.is_empty() {
        let has = lib.is_some_and(|l| l.has_dictionary().unwrap_or(false));
        out.push_str(if has {
            "not in the dictionaries imported\n"
        } else {
            "no dictionary imported: duet dict import FILE (krdict, kaikki.org Wiktionary)\n"
        });
    }
    let mut licences: Vec<&str> = Vec::new();
    for f in &entries {
        let e = &f.entry;
        let mut line = clean(&e.lemma);
        for tag in [&e.pos, &e.level, &e.origin].into_iter().flatten() {
            line.push_str("  ");
            line.push_str(&clean(tag));
        }
        out.push_str(&line);
        out.push('\n');
        for (n, s) in e.senses.iter().enumerate() {
            let mut line = format!("  {}. {}", n + 1, clean(&s.english.join("; ")));
            if let Some(d) = &s.definition {
                line.push_str(&format!(" — {}", clean(d)));
            }
            out.push_str(&line);
            out.push('\n');
        }
        if !licences.contains(&f.licence.as_str()) {
            licences.push(&f.licence);
        }
    }
    for l in licences {
        out.push_str(&format!("from {}\n", clean(l)));
    }
    Ok(out)
}
