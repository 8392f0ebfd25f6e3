//! A nesting budget for HTML, applied before the real parser sees the page.
//!
//! html5ever's tree builder looks through the stack of open elements for every tag it reads, and
//! readability walks the ancestors of every node: both are linear in the depth of the tree, so a
//! page of 200,000 nested `<div>`s costs 200,000² steps (minutes). No news page is that deep;
//! browsers cap it too (Blink's HTML parser stops nesting at 512). So one linear pass over the
//! markup keeps the tags up to [`MAX_HTML_DEPTH`] and drops the ones nested deeper, keeping all
//! of their text (a dropped block element becomes a line break). Pages within the budget are
//! passed on untouched.

/// Elements nested deeper than this are flattened into their ancestor at this depth.
pub const MAX_HTML_DEPTH: usize = 512;

/// Elements that never have content, so never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose start tag closes an open element of the same family (`<p>a<p>b`, `<li>`…):
/// they do not nest, however often the end tag is left out.
const SELF_CLOSING_FAMILIES: &[&[&str]] = &[
    &["p"],
    &["li"],
    &["dt", "dd"],
    &["option"],
    &["tr", "td", "th"],
    &["td", "th"],
    &["thead", "tbody", "tfoot"],
];

/// How far down the stack an end tag looks for its start tag (html5ever looks all the way;
/// a mismatch this deep is tag soup, and the end tag is then passed on unchanged).
const END_TAG_REACH: usize = 32;

/// What one pass over the markup found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The deepest nesting of elements, counted the way the parser will build them.
    pub deepest: usize,
    /// The sum over the nodes kept (elements and text) of their depth: what a walk over every
    /// node's ancestors (or every node's descendants) costs.
    pub work: usize,
    /// The markup with every element nested deeper than the budget dropped (its text kept);
    /// `None` when nothing was that deep (use the input as it is).
    pub flattened: Option<String>,
}

/// Measure the markup's nesting and drop the elements nested deeper than `budget`.
pub fn bound(html: &str, budget: usize) -> Shape {
    let bytes = html.as_bytes();
    // Open elements: the lower-cased name and whether its tag was kept.
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut out = String::new();
    let mut copied = 0; // html[..copied] is dealt with (copied to `out` or dropped)
    let mut deepest = 0;
    let mut work = 0;
    let mut dropped_any = false;
    // Text since the last line break written for a dropped block: breaks never pile up.
    let mut text_since_break = false;
    let mut pos = 0;
    while let Some(off) = memchr(b'<', &bytes[pos..]) {
        let at = pos + off;
        if html[pos..at].chars().any(|c| !c.is_whitespace()) {
            // A text node, a child of the deepest element kept.
            text_since_break = true;
            work += stack.len().min(budget) + 1;
        }
        let Some(tag) = Tag::read(html, at) else {
            pos = at + 1;
            continue;
        };
        pos = tag.end;
        let keep = match tag.kind {
            Kind::Other => true,
            Kind::Start { ref name, closes } => {
                if let Some(family) = SELF_CLOSING_FAMILIES.iter().find(|f| f.contains(&&**name)) {
                    while stack
                        .last()
                        .is_some_and(|(top, _)| family.contains(&top.as_str()))
                    {
                        stack.pop();
                    }
                } else if is_block(name) && stack.last().is_some_and(|(top, _)| top == "p") {
                    // A block start tag closes an open paragraph.
                    stack.pop();
                }
                let keep = stack.len() < budget;
                if keep {
                    work += stack.len() + 1;
                }
                deepest = deepest.max(stack.len() + 1);
                if !(closes || VOID.contains(&name.as_str())) {
                    stack.push((name.clone(), keep));
                }
                keep
            }
            Kind::End { ref name } => {
                let reach = stack.len().saturating_sub(END_TAG_REACH);
                match stack[reach..].iter().rposition(|(n, _)| n == name) {
                    Some(i) => {
                        let kept = stack[reach + i].1;
                        stack.truncate(reach + i);
                        kept
                    }
                    // A stray end tag: the parser ignores it, and so does the budget.
                    None => true,
                }
            }
        };
        if !keep {
            if !dropped_any {
                out.reserve(html.len());
                dropped_any = true;
            }
            out.push_str(&html[copied..at]);
            if tag.name().is_some_and(is_block) && text_since_break {
                out.push_str("<br><br>");
                work += 2 * (budget + 1);
                text_since_break = false;
            }
            copied = tag.end;
        }
    }
    let flattened = dropped_any.then(|| {
        out.push_str(&html[copied..]);
        out
    });
    Shape {
        deepest,
        work,
        flattened,
    }
}

enum Kind {
    Start {
        name: String,
        closes: bool,
    },
    End {
        name: String,
    },
    /// A comment, doctype or processing instruction: passed on unchanged.
    Other,
}

struct Tag {
    kind: Kind,
    /// Byte offset just past the tag's `>`.
    end: usize,
}

impl Tag {
    fn name(&self) -> Option<&str> {
        match &self.kind {
            Kind::Start { name, .. } | Kind::End { name } => Some(name),
            Kind::Other => None,
        }
    }

    /// The tag starting at `html[at] == '<'`, or `None` when this `<` is text.
    fn read(html: &str, at: usize) -> Option<Tag> {
        let bytes = html.as_bytes();
        let rest = &bytes[at + 1..];
        match rest.first()? {
            b'!' | b'?' => {
                let end = if rest.starts_with(b"!--") {
                    find(bytes, at + 4, b"-->").map_or(bytes.len(), |e| e + 3)
                } else {
                    memchr(b'>', rest).map_or(bytes.len(), |e| at + 1 + e + 1)
                };
                Some(Tag {
                    kind: Kind::Other,
                    end,
                })
            }
            b'/' => {
                let (name, name_end) = tag_name(bytes, at + 2)?;
                let end =
                    memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |e| name_end + e + 1);
                Some(Tag {
                    kind: Kind::End { name },
                    end,
                })
            }
            _ => {
                let (name, name_end) = tag_name(bytes, at + 1)?;
                let (end, closes) = attributes_end(bytes, name_end);
                Some(Tag {
                    kind: Kind::Start { name, closes },
                    end,
                })
            }
        }
    }
}

/// The lower-cased tag name at `from` (it must start with a letter) and where it ends.
fn tag_name(bytes: &[u8], from: usize) -> Option<(String, usize)> {
    if !bytes.get(from)?.is_ascii_alphabetic() {
        return None;
    }
    let len = bytes[from..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .unwrap_or(bytes.len() - from);
    let name = String::from_utf8_lossy(&bytes[from..from + len]).to_ascii_lowercase();
    Some((name, from + len))
}

/// Past the `>` that ends a start tag's attributes (quoted values may hold `>`), and whether
/// the tag closes itself (`<x/>`).
fn attributes_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut quote = None;
    let mut prev = 0u8;
    for (i, &b) in bytes[from..].iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return (from + i + 1, prev == b'/'),
            None => {}
        }
        if !b.is_ascii_whitespace() {
            prev = b;
        }
    }
    (bytes.len(), false)
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Elements that start a new block of text: the extractor ends a block at them, and when the
/// nesting budget drops their tags they become a line break. One list for both readers of HTML.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "html"
            | "body"
            | "div"
            | "p"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_pass_untouched() {
        let html =
            "<html><body><div><p>a<p>b<ul><li>x<li>y</ul></div><br><img src=a></body></html>";
        let shape = bound(html, 5);
        assert_eq!(shape.flattened, None);
        assert_eq!(shape.deepest, 5);
        // html body div p | p (closes the first) | ul li li (the `<ul>` closes the `<p>`) |
        // br img: 1+2+3+4 + 4 + 4+5+5 + 3+3, and the text nodes a b x y: 5+5+6+6
        assert_eq!(shape.work, 56);
    }

    #[test]
    fn deep_tags_are_dropped_and_their_text_kept() {
        let depth = 50;
        let html = format!(
            "<body>{}<p>The one sentence.</p><span>b</span>{}</body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let shape = bound(&html, 10);
        let out = shape.flattened.unwrap();
        assert_eq!(shape.deepest, depth + 2);
        // the divs kept; the text nodes under the 10th; a break pair after the sentence's `</p>`
        // and one after `b`'s first dropped `</div>` (none between `</p>` and `<span>`, none
        // after the other dropped `</div>`s: no text between them)
        assert_eq!(shape.work, (1..=10).sum::<usize>() + 11 + 22 + 11 + 22);
        assert_eq!(out.matches("<div>").count(), 9);
        assert_eq!(out.matches("</div>").count(), 9);
        assert!(out.contains("The one sentence."));
        assert!(out.contains('b'));
        assert!(!out.contains("<p>") && !out.contains("<span>"));
    }

    #[test]
    fn unclosed_paragraphs_and_list_items_do_not_nest() {
        let html = format!("<body><div>{}</div></body>", "<p>para".repeat(10_000));
        assert!(bound(&html, 8).flattened.is_none());
        let html = format!("<ul>{}</ul>", "<li>item".repeat(10_000));
        assert!(bound(&html, 8).flattened.is_none());
    }

    #[test]
    fn quoted_gt_and_self_closing_tags() {
        let html = "<div title=\"a>b\"><x/><y/><z/>text</div>";
        assert!(bound(html, 2).flattened.is_none());
        assert!(bound("<a><b><c>t</c></b></a>", 2).flattened.is_some());
    }

    #[test]
    fn stray_end_tags_and_text_lt() {
        let html = "a < b </i> 3<4 <!-- <div><div><div> --> <!doctype x></b>";
        assert!(bound(html, 1).flattened.is_none());
    }
}
