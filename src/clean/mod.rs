//! Stage 2: turn a decoded document into a clean [`Article`]: metadata out, boilerplate gone.
//!
//! Each format has its own reader (`text`, `markdown`, `html`, `json`) that turns the document
//! into candidate blocks and metadata; `assemble` decides which blocks are the article and what
//! role each plays; `finish` splits blocks where the language changes and labels languages.

mod assemble;
pub mod boilerplate;
pub mod depth;
mod embedded;
mod finish;
mod html;
mod json;
mod markdown;
mod markup;
pub mod meta;
mod text;

use crate::ingest::Document;
use crate::model::{Article, Format, Language};

/// Text, Markdown and JSON longer than this are cut (at a line end) before cleaning: a long
/// feature is 50 KB, and every later stage (sentences, alignment, wrapping) is linear in it,
/// so this bounds them all (2 MB: 0.3 s to clean in release, 1 s in a debug build).
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;
/// A page's markup is cut here: heavy pages are 1–5 MB (scripts and styles are dropped before
/// parsing anyway), and the text inside is then cut to [`MAX_TEXT_BYTES`] like any other.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// Cut a document longer than its format's budget at the last line end before it; the note
/// for the reader, if it was cut.
fn cut_to_budget(doc: &mut Document) -> Vec<String> {
    let budget = match doc.format {
        Format::Html => MAX_HTML_BYTES,
        _ => MAX_TEXT_BYTES,
    };
    if doc.text.len() <= budget {
        return Vec::new();
    }
    let mut end = budget;
    while !doc.text.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(nl) = doc.text[..end].rfind('\n').filter(|&nl| nl > budget / 2) {
        end = nl;
    }
    let mb = |n: usize| n as f64 / (1024.0 * 1024.0);
    let note = format!(
        "{:.1} MB of {}; only the first {:.0} MB are read",
        mb(doc.text.len()),
        if doc.format == Format::Html {
            "markup"
        } else {
            "text"
        },
        mb(budget)
    );
    doc.text.truncate(end);
    vec![note]
}

/// Clean one decoded document into an article. Never fails: a document with nothing that
/// looks like an article becomes an article with few or no blocks.
pub fn clean(mut doc: Document) -> Article {
    let notes = cut_to_budget(&mut doc);
    let mut art = Article {
        notes,
        path: doc.path.display().to_string(),
        format: doc.format,
        encoding: doc.encoding,
        language: Language::Other,
        ..Default::default()
    };
    // Text and Markdown are read line by line, so they are cleaned first; a page's markup is
    // not text, and its blocks are cleaned one by one in `finish`.
    let text = match doc.format {
        Format::Html => doc.text,
        _ => crate::text::sanitize(&doc.text),
    };
    match doc.format {
        Format::Text => text::clean(&text, &mut art),
        Format::Markdown => markdown::clean(&text, &mut art),
        Format::Html => {
            html::clean(&text, &mut art);
            // Some pages keep the story only in embedded JSON (Arc XP, Next.js, JSON-LD).
            embedded::fill(&text, &mut art);
        }
        Format::Json => {
            if let Some(read) = json::read(&text) {
                art = Article {
                    path: art.path,
                    notes: std::mem::take(&mut art.notes),
                    ..read
                };
            } else {
                // Not duet's JSON after all: treat it as text.
                art.format = Format::Text;
                text::clean(&text, &mut art);
            }
        }
    }
    finish::finish(&mut art);
    art
}
