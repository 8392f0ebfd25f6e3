//! `duet list [--json]`: the library, one article a line (id, date, language, read state,
//! reading position, outlet, title), or a JSON array. Reads only the metadata table, and prints
//! each article as it is read: a large library is never held in memory whole.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use duet::library::Entry;
use duet::text::sanitize::clean_line;
use duet::text::width::{AmbiguousWidth, pad, truncate};

use crate::ListArgs;

use super::library::clean;

const OUTLET_WIDTH: usize = 14;

pub fn run(args: &ListArgs) -> anyhow::Result<ExitCode> {
    let (lib, notices) = super::library::open_noting()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written = Ok(());
    let mut first = true;
    // The outlet column, cleaned and padded once per outlet (a library has few outlets).
    let mut outlets: HashMap<Option<String>, String> = HashMap::new();
    // The JSON has every field; a line shows no bookmark count or feed.
    let each = |e: Entry| {
        written = if args.json {
            json_element(&mut out, &e, first)
        } else {
            if !outlets.contains_key(&e.outlet) {
                let amb = AmbiguousWidth::Narrow;
                let o = truncate(&clean(e.outlet.as_deref().unwrap_or("")), OUTLET_WIDTH, amb);
                outlets.insert(e.outlet.clone(), pad(&o, OUTLET_WIDTH, amb));
            }
            line(&mut out, &e, &outlets[&e.outlet])
        };
        first = false;
        written.is_ok()
    };
    if args.json {
        lib.each_entry(each)?;
    } else {
        lib.each_entry_brief(each)?;
    }
    if written.is_ok() && args.json {
        written = writeln!(out, "{}", if first { "[]" } else { "\n]" });
    }
    // A library just set aside and started anew has said so already.
    if first && !args.json && notices == 0 {
        // On stderr: a script reading the list still gets no rows.
        eprintln!(
            "duet: the library ({}) is empty; add articles with `duet import FILE|FOLDER…`",
            duet::error::shown(&lib.home().root)
        );
    }
    match written.and_then(|()| out.flush()) {
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(ExitCode::SUCCESS)
}

/// One element of the JSON array, laid out as `serde_json::to_writer_pretty` lays out the whole
/// array (a string never holds a raw line break, so indenting every line is safe).
fn json_element(out: &mut impl Write, e: &Entry, first: bool) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(e).map_err(std::io::Error::other)?;
    out.write_all(if first { b"[\n  " } else { b",\n  " })?;
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(l.as_bytes())?;
    }
    Ok(())
}

/// One article's line; `outlet` is its outlet column, cleaned and padded.
fn line(out: &mut impl Write, e: &Entry, outlet: &str) -> std::io::Result<()> {
    let date = e
        .published
        .as_deref()
        .and_then(|d| d.get(..10))
        .unwrap_or("");
    let lang = e.language.as_deref().unwrap_or("?");
    let read = if e.read { "read" } else { "new" };
    let pos = e
        .position
        .map(|p| format!("¶{}", p.pair + 1))
        .unwrap_or_default();
    let title = clean_line(e.title.as_deref().unwrap_or(""));
    let en = e
        .title_en
        .as_deref()
        .map(clean_line)
        .filter(|t| *t != title);
    let mut title = match en {
        Some(en) if title.is_empty() => en,
        Some(en) => Cow::Owned(format!("{title} · {en}")),
        None => title,
    };
    if title.is_empty() {
        title = e
            .source
            .as_deref()
            .and_then(|s| std::path::Path::new(s).file_name())
            .map(|f| Cow::Owned(clean(&f.to_string_lossy())))
            .unwrap_or_default();
    }
    if let Some(err) = &e.error {
        title = Cow::Owned(format!("{title}  [unreadable: {}]", clean(err)));
    }
    writeln!(
        out,
        "{:>6}  {:<10}  {:<5}  {:<4}  {:<5}  {}  {}",
        e.id,
        clean_line(date),
        lang,
        read,
        pos,
        outlet,
        title
    )
}
