//! Bookmarks out: TSV (one a line), TMX 1.4b (one translation unit a bookmark, `srclang="ko"`,
//! the note as a TMX `<note>`: what CAT tools import) and JSON.

use crate::align::export::{TmxUnit, tmx, tsv_escape};

use super::bookmarks::Bookmark;
use super::time;

/// `article  title  pair  korean  english  note`, with a header line.
pub fn to_tsv(bookmarks: &[Bookmark]) -> String {
    let mut out = String::from("article\ttitle\tpair\tko\ten\tnote\n");
    for b in bookmarks {
        let fields = [
            b.article.to_string(),
            tsv_escape(b.title.as_deref().unwrap_or("")),
            (b.pair + 1).to_string(),
            tsv_escape(&b.ko),
            tsv_escape(&b.en),
            tsv_escape(b.note.as_deref().unwrap_or("")),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// A TMX 1.4b document, one `<tu>` per bookmark, the same shape as `duet align --format tmx`.
pub fn to_tmx(bookmarks: &[Bookmark]) -> String {
    tmx(bookmarks.iter().map(|b| {
        let (y, mo, d, h, mi, s) = time::civil(b.created);
        let mut props = Vec::new();
        if let Some(title) = &b.title {
            props.push(("x-article", title.clone()));
        }
        props.push(("x-pair", (b.pair + 1).to_string()));
        TmxUnit {
            ko: &b.ko,
            en: &b.en,
            creation_date: Some(format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")),
            note: b.note.as_deref(),
            props,
        }
    }))
}

/// A JSON array of bookmarks.
pub fn to_json(bookmarks: &[Bookmark]) -> String {
    serde_json::to_string_pretty(bookmarks).unwrap_or_else(|_| "[]".into()) + "\n"
}
