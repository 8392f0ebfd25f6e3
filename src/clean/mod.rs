//! Stage 2: turn a decoded document into a clean [`Article`]: metadata out, boilerplate gone.

use crate::ingest::Document;
use crate::model::{Article, Block, BlockKind, Language};
use crate::text;

pub fn clean(doc: Document) -> Article {
    let blocks = doc
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Block {
            kind: BlockKind::Paragraph,
            lang: text::detect_lang(t),
            text: text::sanitize(t),
        })
        .collect();
    Article {
        path: doc.path.display().to_string(),
        format: doc.format,
        encoding: doc.encoding,
        title: None,
        title_en: None,
        subtitles: vec![],
        published: None,
        updated: None,
        outlet: None,
        authors: vec![],
        summary: None,
        image: None,
        categories: vec![],
        keywords: vec![],
        language: Language::Other,
        blocks,
    }
}
