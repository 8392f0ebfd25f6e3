//! Stage 2: turn a decoded document into a clean [`Article`]: metadata out, boilerplate gone.
//!
//! Each format has its own reader (`text`, `markdown`, `html`, `json`) that turns the document
//! into candidate blocks and metadata; `assemble` decides which blocks are the article and what
//! role each plays; `finish` splits blocks where the language changes and labels languages.

mod assemble;
pub mod boilerplate;
pub mod depth;
mod finish;
mod html;
mod json;
mod markdown;
pub mod meta;
mod text;

use crate::ingest::Document;
use crate::model::{Article, Format, Language};

/// Clean one decoded document into an article. Never fails: a document with nothing that
/// looks like an article becomes an article with few or no blocks.
pub fn clean(doc: Document) -> Article {
    let mut art = Article {
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
        Format::Html => html::clean(&text, &mut art),
        Format::Json => {
            if let Some(read) = json::read(&text) {
                art = Article {
                    path: art.path,
                    notes: art.notes,
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
