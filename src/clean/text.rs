//! Plain text copied from a browser: paragraphs are blank-line separated; date lines become
//! `published`/`updated`; the rest goes to [`assemble::page`].

use super::assemble::{self, Titles};
use super::boilerplate::Cand;
use super::meta;
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

/// Take date lines and labelled date prefixes out of the candidates into the article.
pub fn pull_dates(cands: Vec<Cand>, art: &mut Article) -> Vec<Cand> {
    let mut out = Vec::with_capacity(cands.len());
    for mut c in cands {
        c.lines.retain(|l| match meta::date_line(l) {
            Some((role, iso)) => {
                assemble::set_date(art, role, iso);
                false
            }
            None => true,
        });
        if let Some(first) = c.lines.first_mut() {
            if let Some((role, iso, cut)) = meta::leading_date(first) {
                assemble::set_date(art, role, iso);
                *first = first[cut..].trim().to_string();
            }
        }
        c.lines.retain(|l| !l.is_empty());
        if !c.lines.is_empty() {
            out.push(c);
        }
    }
    out
}

pub fn clean(text: &str, art: &mut Article) {
    let cands = pull_dates(paragraphs(text), art);
    let mut titles = Titles::default();
    assemble::page(cands, art, &mut titles);
    titles.resolve(art);
}
