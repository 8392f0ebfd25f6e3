//! Plain text copied from a browser: paragraphs are blank-line separated; date lines become
//! `published`/`updated`; the rest goes to [`assemble::page`].

use super::assemble::{self, Titles};
use super::boilerplate::Cand;
use crate::model::Article;

/// Blank-line separated paragraphs of trimmed, non-empty lines.
pub fn paragraphs(text: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let l = crate::text::fold_whitespace(line);
        if l.is_empty() {
            if !lines.is_empty() {
                out.push(Cand::new(std::mem::take(&mut lines)));
            }
        } else {
            lines.push(l);
        }
    }
    if !lines.is_empty() {
        out.push(Cand::new(lines));
    }
    out
}

pub fn clean(text: &str, art: &mut Article) {
    let cands = assemble::pull_dates(paragraphs(text), art);
    let mut titles = Titles::default();
    assemble::page(cands, art, &mut titles);
    titles.resolve(art);
}
