//! HTML inside text: a copy pasted with its page's markup, a Markdown body written in HTML, a
//! stray tag in a line. What is a tag follows HTML itself (an element's name, a custom
//! element's, a namespaced one's), so `<저작권자(c) 연합뉴스>` and the `<Headline, date>`
//! reference lines Korean papers print are text, and `<p data-ke-size=…>` is markup.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::furniture::re;

/// The elements of the HTML standard, with the obsolete ones saved pages still carry; sorted.
#[rustfmt::skip]
const ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "base", "basefont",
    "bdi", "bdo", "big", "blink", "blockquote", "body", "br", "button", "canvas", "caption",
    "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn",
    "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li",
    "link", "main", "map", "mark", "marquee", "menu", "meta", "meter", "nav", "nobr", "noscript",
    "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q",
    "rp", "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot", "small",
    "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody",
    "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u",
    "ul", "var", "video", "wbr",
];

/// A start or end tag, its name captured, or a comment.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| re(r#"<!--[\s\S]*?-->|</?([A-Za-z][A-Za-z0-9:._-]*)(?:\s[^<>]*)?/?>"#));

/// Is this the name of an HTML element: a standard one (any case), a custom element
/// (`my-widget`: lower case with a hyphen) or a namespaced one from a word processor (`o:p`)?
pub fn is_element(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if ELEMENTS.binary_search(&lower.as_str()).is_ok() {
        return true;
    }
    let lower_case = name == lower && name.starts_with(|c: char| c.is_ascii_lowercase());
    lower_case && (name.contains('-') || name.split(':').count() == 2 && !name.ends_with(':'))
}

/// Does the line open with markup: a comment or the tag of an element?
fn opens_with_markup(line: &str) -> bool {
    let t = line.trim_start();
    if !t.starts_with('<') {
        return false;
    }
    t.starts_with("<!--")
        || TAG
            .captures(t)
            .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
            .and_then(|c| c.get(1))
            .is_some_and(|n| is_element(n.as_str()))
}

/// The line with its tags and comments taken out (their text kept).
pub fn strip_tags(line: &str) -> Cow<'_, str> {
    if !line.contains('<') {
        return Cow::Borrowed(line);
    }
    TAG.replace_all(line, |c: &regex::Captures<'_>| match c.get(1) {
        Some(name) if !is_element(name.as_str()) => c[0].to_string(),
        _ => String::new(),
    })
}

/// A stretch of a document: plain text, or markup to read with the HTML parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run<'a> {
    Plain(&'a str),
    Markup(&'a str),
}

/// The document cut into runs of plain text and of markup: a blank-line separated chunk whose
/// first line opens with markup is markup, and chunks of one kind in a row are one run (an
/// element may hold blank lines).
pub fn runs<'a>(text: &'a str) -> Vec<Run<'a>> {
    let mut out: Vec<Run<'a>> = Vec::new();
    // The current run: its start, its end so far, and whether it is markup.
    let mut run: Option<(usize, usize, bool)> = None;
    let mut chunk_start: Option<usize> = None;
    let mut offset = 0;
    let close = |run: &mut Option<(usize, usize, bool)>, out: &mut Vec<Run<'a>>| {
        if let Some((s, e, markup)) = run.take() {
            let slice = &text[s..e];
            out.push(if markup {
                Run::Markup(slice)
            } else {
                Run::Plain(slice)
            });
        }
    };
    for line in text.split_inclusive('\n') {
        let end = offset + line.len();
        if line.trim().is_empty() {
            chunk_start = None;
        } else {
            if chunk_start.is_none() {
                chunk_start = Some(offset);
                let markup = opens_with_markup(line);
                if run.is_some_and(|(_, _, m)| m != markup) {
                    close(&mut run, &mut out);
                }
                if run.is_none() {
                    run = Some((offset, end, markup));
                }
            }
            if let Some(r) = run.as_mut() {
                r.1 = end;
            }
        }
        offset = end;
    }
    close(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_html_names() {
        assert!(ELEMENTS.windows(2).all(|w| w[0] < w[1]), "sorted");
        for n in ["p", "P", "h2", "img", "my-widget", "o:p", "font"] {
            assert!(is_element(n), "{n}");
        }
        for n in ["US", "US-China", "저작권자", "Yonhap", "https", "o:"] {
            assert!(!is_element(n), "{n}");
        }
    }

    #[test]
    fn tags_out_text_kept() {
        assert_eq!(strip_tags("기사 <b>본문</b><br/>끝"), "기사 본문끝");
        assert_eq!(
            strip_tags("<US-China Summit ‘Approach’, November 17, 2021>"),
            "<US-China Summit ‘Approach’, November 17, 2021>"
        );
        assert_eq!(
            strip_tags("<저작권자(c) 연합뉴스>"),
            "<저작권자(c) 연합뉴스>"
        );
        assert_eq!(strip_tags("a <!-- x --> b < c"), "a  b < c");
    }

    #[test]
    fn plain_and_markup_runs() {
        let doc =
            "Yonhap · 2019-03-07\n\n<h2 a=\"1\">제목</h2>\n\n<p>문단\n\n계속</p>\n\n끝 문단이다.\n";
        assert_eq!(
            runs(doc),
            [
                Run::Plain("Yonhap · 2019-03-07\n"),
                Run::Markup("<h2 a=\"1\">제목</h2>\n\n<p>문단\n"),
                Run::Plain("계속</p>\n\n끝 문단이다.\n"),
            ]
        );
        assert_eq!(
            runs("<저작권자(c) 연합뉴스>\n"),
            [Run::Plain("<저작권자(c) 연합뉴스>\n")]
        );
    }
}
