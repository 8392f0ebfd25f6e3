//! Plain text copied from a browser: paragraphs are blank-line separated; date lines become
//! `published`/`updated`; the rest goes to [`assemble::page`].

use super::assemble::{self, Titles};
use super::boilerplate::Cand;
use super::html;
use super::markup::{self, Run};
use crate::model::Article;

/// A text file's blocks: its paragraphs, and the blocks of the markup pasted into it.
fn cands(text: &str, art: &mut Article) -> Vec<Cand> {
    let mut out = Vec::new();
    for run in markup::runs(text) {
        match run {
            Run::Plain(t) => out.extend(paragraphs(t)),
            Run::Markup(m) => out.extend(html::fragment_cands(m, art)),
        }
    }
    out
}

/// Blank-line separated paragraphs of trimmed, non-empty lines, stray tags taken out.
pub fn paragraphs(text: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let l = crate::text::fold_whitespace(&markup::strip_tags(line));
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
    let cands = cands(text, art);
    let cands = assemble::pull_dates(cands, art);
    let mut titles = Titles::default();
    assemble::page(cands, art, &mut titles);
    titles.resolve(art);
}
