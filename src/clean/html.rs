//! HTML: whole saved pages and fragments, read with a real parser (dom_query/html5ever).
//! The article is found by dom_smoothie (readability); when it finds nothing usable, our own
//! structural extractor (furniture tags out, then [`assemble::page`]) takes over.

use dom_query::{Document, NodeRef};

use super::assemble::{self, Titles};
use super::boilerplate::Cand;
use super::depth::{self, MAX_HTML_DEPTH, is_block};
use super::meta;
use crate::model::{Article, BlockKind};
use crate::text::{fold_whitespace, furniture};

/// Readability (dom_smoothie) runs only on pages whose [`depth::Shape::work`] is within this:
/// the 20 extraction dev pages measure 2,600–24,000 (a 217 KB page), 100,000 one-line
/// paragraphs 700,000 (2 s in release).
pub const MAX_READABILITY_WORK: usize = 500_000;
/// Readability output shorter than this (in characters) is never used.
const MIN_EXTRACTED_CHARS: usize = 200;
/// Readability output at least this long is used without a second opinion.
const TRUSTED_CHARS: usize = 1000;

pub fn clean(html: &str, art: &mut Article) {
    let mut stripped = strip_inert(html);
    let shape = depth::bound(&stripped, MAX_HTML_DEPTH);
    if let Some(flat) = shape.flattened {
        art.notes.push(depth_note(shape.deepest));
        stripped = flat;
    }
    let html = stripped.as_str();
    let mut titles = Titles::default();
    let mut readable = None;
    let fragment = is_fragment(html);
    // Readability's cost grows with every node's depth: past the budget, our own linear
    // extractor reads the page alone.
    let readable_work = shape.work <= MAX_READABILITY_WORK;
    if !readable_work && !fragment {
        art.notes.push(format!(
            "page too large or deep for article extraction (nodes × depth {} > \
             {MAX_READABILITY_WORK}); read with the simpler extractor",
            shape.work
        ));
    }
    if !fragment
        && readable_work
        && let Some(cands) = readability(Document::from(html), art, &mut titles)
    {
        let chars: usize = cands.iter().map(Cand::chars).sum();
        if chars >= TRUSTED_CHARS {
            assemble::content(cands, art, &mut titles);
            titles.resolve(art);
            return;
        }
        readable = Some((cands, chars));
    }
    // Readability changes the tree it reads: our own extractor parses the page afresh.
    let doc = Document::from(html);
    let cands = own_extraction(&doc, art);
    // Readability found little: keep it unless our reading of the page finds far more body.
    if let Some((ds, ds_chars)) = readable {
        let body = assemble::body_of(&cands);
        let own_chars: usize = cands[body].iter().map(Cand::chars).sum();
        if ds_chars >= MIN_EXTRACTED_CHARS && own_chars < ds_chars * 3 {
            assemble::content(ds, art, &mut titles);
            titles.resolve(art);
            return;
        }
    }
    if fragment {
        assemble::content(cands, art, &mut titles);
    } else {
        assemble::page(cands, art, &mut titles);
    }
    let page_title = fold_whitespace(&doc.select("title").text());
    if titles.is_empty() && !page_title.is_empty() {
        titles.offer(&page_title, crate::text::detect_lang(&page_title));
    }
    titles.resolve(art);
}

/// Scripts (JSON-LD metadata aside), styles, inline SVG and comments never hold article
/// text; cutting them out before parsing halves the parser's work on a heavy page.
fn strip_inert(html: &str) -> String {
    const INERT: [(&str, &str); 4] = [
        ("<script", "</script"),
        ("<style", "</style"),
        ("<svg", "</svg"),
        ("<!--", "-->"),
    ];
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    let mut from = 0;
    while let Some(off) = html[from..].find('<') {
        let at = from + off;
        from = at + 1;
        let Some((open, close)) = INERT
            .iter()
            .find(|(open, _)| starts_with_ci(&bytes[at..], open.as_bytes()))
        else {
            continue;
        };
        // `<scripts>` or `<svgx>` are other tags; a comment needs no such check.
        let next = bytes.get(at + open.len()).copied().unwrap_or(b'>');
        if *open != "<!--" && !(next.is_ascii_whitespace() || next == b'>' || next == b'/') {
            continue;
        }
        // A comment's own `>` may be its end (`<!-- x -->`): look for `-->` right after `<!--`.
        let tag_end = if *open == "<!--" {
            at + open.len()
        } else {
            html[at..].find('>').map_or(html.len(), |e| at + e + 1)
        };
        if *open == "<script" && html[at..tag_end].to_ascii_lowercase().contains("ld+json") {
            continue;
        }
        let Some(end) = find_ci(&bytes[tag_end.min(bytes.len())..], close.as_bytes()) else {
            break;
        };
        let close_start = tag_end + end;
        let close_end = html[close_start..]
            .find('>')
            .map_or(html.len(), |e| close_start + e + 1);
        out.push_str(&html[pos..at]);
        pos = close_end;
        from = close_end;
    }
    out.push_str(&html[pos..]);
    out
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle.first()?.to_ascii_lowercase();
    (0..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i].to_ascii_lowercase() == first && starts_with_ci(&hay[i..], needle))
}

/// A piece of HTML without `<html>`/`<body>`: everything in it is content.
fn is_fragment(html: &str) -> bool {
    let head: String = html
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    !(head.contains("<html") || head.contains("<body") || head.contains("<!doctype"))
}

/// The warning for a page cut down to the nesting budget.
pub fn depth_note(deepest: usize) -> String {
    format!(
        "HTML nested {deepest} levels deep; tags deeper than {MAX_HTML_DEPTH} were ignored and their text kept"
    )
}

/// Blocks of a fragment (a Markdown body written in HTML).
pub fn fragment_cands(html: &str, art: &mut Article) -> Vec<Cand> {
    let shape = depth::bound(html, MAX_HTML_DEPTH);
    let html = match &shape.flattened {
        Some(flat) => {
            art.notes.push(depth_note(shape.deepest));
            flat.as_str()
        }
        None => html,
    };
    let doc = Document::fragment(html);
    let mut w = Walker::new(false);
    w.walk(&doc.root());
    w.finish()
}

fn readability(doc: Document, art: &mut Article, titles: &mut Titles) -> Option<Vec<Cand>> {
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: 0,
        ..Default::default()
    };
    // The page's own headline, to take the site name off `<title>` (`Headline | Site`).
    let h1 = fold_whitespace(&doc.select("h1").first().text());
    let mut r = dom_smoothie::Readability::with_document(doc, None, Some(cfg)).ok()?;
    let a = r.parse().ok()?;
    let content = Document::fragment(a.content.to_string());
    let mut w = Walker::new(false);
    w.walk(&content.root());
    let cands = w.finish();
    let title = fold_whitespace(&a.title);
    if !title.is_empty() {
        titles.offer(&title, crate::text::detect_lang(&title));
    }
    if !h1.is_empty() && h1.chars().count() <= 300 {
        titles.offer(&h1, crate::text::detect_lang(&h1));
    }
    apply_meta(
        art,
        a.byline.as_deref(),
        a.published_time.as_deref(),
        a.modified_time.as_deref(),
        a.excerpt.as_deref(),
        a.site_name.as_deref(),
        a.image.as_deref(),
    );
    Some(cands)
}

fn apply_meta(
    art: &mut Article,
    byline: Option<&str>,
    published: Option<&str>,
    modified: Option<&str>,
    excerpt: Option<&str>,
    site: Option<&str>,
    image: Option<&str>,
) {
    if let Some(b) = byline
        .map(fold_whitespace)
        .filter(|b| !b.is_empty() && b.chars().count() <= 100)
    {
        let names = furniture::byline(&b)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| vec![b.clone()]);
        art.authors.extend(names);
    }
    let date = |s: Option<&str>| s.and_then(meta::date_as_written);
    // What the page does not say leaves what we already know.
    let keep = |new: Option<String>, old: &mut Option<String>| {
        if new.is_some() {
            *old = new;
        }
    };
    keep(date(published), &mut art.published);
    keep(date(modified), &mut art.updated);
    keep(
        excerpt.map(fold_whitespace).filter(|s| !s.is_empty()),
        &mut art.summary,
    );
    keep(
        site.map(fold_whitespace).filter(|s| !s.is_empty()),
        &mut art.outlet,
    );
    let image = image
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    keep(image, &mut art.image);
}

/// Our own extractor: drop the page furniture by tag, then read blocks with link density.
fn own_extraction(doc: &Document, art: &mut Article) -> Vec<Cand> {
    if let Some(m) = doc
        .select("meta[property='article:published_time'], meta[name='pubdate'], meta[name='date']")
        .nodes()
        .first()
    {
        let content = m.attr("content").map(|c| c.to_string());
        apply_meta(art, None, content.as_deref(), None, None, None, None);
    }
    let root = doc.body().unwrap_or_else(|| doc.root());
    let mut w = Walker::new(true);
    w.walk(&root);
    w.finish()
}

/// Walks a DOM and collects text blocks, with the role the markup gives each and the share
/// of its text inside links.
struct Walker {
    /// Skip navigation, headers, footers, asides and forms (whole pages).
    drop_furniture: bool,
    out: Vec<Cand>,
    lines: Vec<String>,
    line: String,
    link_chars: usize,
    kinds: Vec<BlockKind>,
    in_link: usize,
}

impl Walker {
    fn new(drop_furniture: bool) -> Self {
        Walker {
            drop_furniture,
            out: Vec::new(),
            lines: Vec::new(),
            line: String::new(),
            link_chars: 0,
            kinds: Vec::new(),
            in_link: 0,
        }
    }

    fn break_line(&mut self) {
        let l = fold_whitespace(&self.line);
        self.line.clear();
        if !l.is_empty() {
            self.lines.push(l);
        }
    }

    fn flush(&mut self) {
        self.break_line();
        if self.lines.is_empty() {
            self.link_chars = 0;
            return;
        }
        let lines = std::mem::take(&mut self.lines);
        let mut c = Cand::new(lines);
        let chars = c.chars().max(1);
        c.link_density = (self.link_chars as f32 / chars as f32).min(1.0);
        c.hint = self.kinds.last().copied();
        self.link_chars = 0;
        self.out.push(c);
    }

    fn finish(mut self) -> Vec<Cand> {
        self.flush();
        self.out
    }

    fn walk(&mut self, node: &NodeRef<'_>) {
        if node.is_text() {
            let t = node.text();
            if self.in_link > 0 {
                self.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
            }
            self.line.push_str(&t);
            return;
        }
        if !(node.is_element() || node.is_document() || node.is_fragment()) {
            return;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        match name.as_str() {
            "script" | "style" | "noscript" | "template" | "iframe" | "svg" | "button"
            | "select" | "option" | "textarea" | "input" | "head" | "title" | "meta" | "link"
            | "object" | "embed" | "canvas" => return,
            "nav" | "footer" | "aside" | "menu" if self.drop_furniture => return,
            // Some sites wrap the whole page in one form: only a form without prose goes.
            "form" if self.drop_furniture && !has_paragraphs(node) => return,
            "header" if self.drop_furniture && !has_heading(node) => return,
            "br" => {
                // `<br><br>` (nothing but space between) is a paragraph break.
                if self.line.trim().is_empty() && !self.lines.is_empty() {
                    self.flush();
                } else {
                    self.break_line();
                }
                return;
            }
            "hr" => {
                self.flush();
                return;
            }
            "img" => return,
            _ => {}
        }
        if self.drop_furniture && is_hidden(node) {
            return;
        }
        let kind = block_kind(&name, node);
        // Links out of the page make link density; a reporter's mailto link does not.
        let is_link = name == "a"
            && !node
                .attr("href")
                .is_some_and(|h| h.trim_start().to_ascii_lowercase().starts_with("mailto:"));
        if kind.is_some() || is_block(&name) {
            self.flush();
        }
        if let Some(k) = kind {
            self.kinds.push(k);
        }
        if is_link {
            self.in_link += 1;
        }
        for child in node.children() {
            self.walk(&child);
        }
        if is_link {
            self.in_link -= 1;
        }
        if kind.is_some() || is_block(&name) {
            self.flush();
        }
        if kind.is_some() {
            self.kinds.pop();
        }
    }
}

fn has_heading(node: &NodeRef<'_>) -> bool {
    node.descendants_it().any(|d| {
        d.node_name()
            .is_some_and(|n| matches!(n.as_ref(), "h1" | "h2"))
    })
}

fn has_paragraphs(node: &NodeRef<'_>) -> bool {
    node.descendants_it()
        .filter(|d| {
            d.node_name()
                .is_some_and(|n| matches!(n.as_ref(), "p" | "article"))
        })
        .nth(2)
        .is_some()
}

fn is_hidden(node: &NodeRef<'_>) -> bool {
    node.has_attr("hidden")
        || node
            .attr("aria-hidden")
            .is_some_and(|v| v.as_ref() == "true")
        || node.attr("style").is_some_and(|s| {
            s.replace(' ', "")
                .to_ascii_lowercase()
                .contains("display:none")
        })
}

/// The role an element gives the text inside it.
fn block_kind(name: &str, node: &NodeRef<'_>) -> Option<BlockKind> {
    Some(match name {
        "h1" => BlockKind::Title,
        "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dd" | "dt" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "figcaption" | "caption" => BlockKind::Caption,
        "p" => BlockKind::Paragraph,
        "table" if one_cell(node) => BlockKind::Quote,
        _ => return None,
    })
}

/// A table of one cell: the callout box blogs make of tables.
fn one_cell(node: &NodeRef<'_>) -> bool {
    node.descendants_it()
        .filter(|d| {
            d.node_name()
                .is_some_and(|n| matches!(n.as_ref(), "td" | "th"))
        })
        .count()
        == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_styles_svg_comments_but_not_json_ld() {
        let html = "<p>a</p><SCRIPT src=x>var s = '<p>no</p>';</script ><style>p{}</style>\
                    <script type=\"application/ld+json\">{\"a\":1}</script><svg><path/></svg>\
                    <!-- <p>hidden</p> --><scripts>kept</scripts><!-- x --><p>b</p><!---->c";
        assert_eq!(
            strip_inert(html),
            "<p>a</p><script type=\"application/ld+json\">{\"a\":1}</script><scripts>kept</scripts><p>b</p>c"
        );
        assert_eq!(
            strip_inert("<p>x</p><script>unterminated"),
            "<p>x</p><script>unterminated"
        );
    }
}
