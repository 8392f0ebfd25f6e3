//! Articles that live in a page's embedded JSON instead of its markup: Arc XP pages
//! (`Fusion.globalContent = {…};`, Chosun's), Next.js pages (`<script id="__NEXT_DATA__">`)
//! and schema.org JSON-LD (`articleBody`). Read only when the markup gave (almost) no body:
//! the story found there is written out as a plain page of its headline and paragraphs and
//! cleaned like any other.

use serde_json::Value;

use crate::model::{Article, BlockKind};

/// Replace the body the markup gave with the story in the page's JSON, when that is more than
/// twice as long (a page whose markup holds only menus and captions).
pub fn fill(page: &str, art: &mut Article) {
    let Some(e) = find(page) else {
        return;
    };
    let markup: usize = art
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Title)
        .map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if e.chars <= markup * 2 {
        return;
    }
    let mut found = Article {
        path: art.path.clone(),
        format: art.format,
        encoding: art.encoding.clone(),
        ..Article::default()
    };
    super::html::clean(&as_page(&e), &mut found);
    art.blocks = found.blocks;
    if art.title.is_none() {
        art.title = found.title;
    }
    if art.published.is_none() {
        art.published = found.published;
    }
}

/// A story found in JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    pub title: Option<String>,
    pub published: Option<String>,
    /// The body as HTML (`<p>`, `<h2>` …), ready to clean.
    pub html: String,
    /// Characters of text in it.
    pub chars: usize,
}

/// Bodies with fewer characters than this (spaces aside) are captions or teasers, not the
/// story: two or three sentences of Korean, one of English.
const MIN_CHARS: usize = 120;
/// How deep and how wide a JSON tree is searched.
const MAX_DEPTH: usize = 48;
const MAX_NODES: usize = 500_000;

/// The longest story in the page's embedded JSON, if any.
pub fn find(html: &str) -> Option<Embedded> {
    let mut best: Option<Embedded> = None;
    for json in blobs(html) {
        let Some(value) = parse_first(json) else {
            continue;
        };
        let mut budget = MAX_NODES;
        if let Some(found) = search(&value, 0, &mut budget)
            && best.as_ref().is_none_or(|b| found.chars > b.chars)
        {
            best = Some(found);
        }
    }
    best.filter(|b| b.chars >= MIN_CHARS)
}

/// The JSON texts a page embeds where articles are kept.
fn blobs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // Arc XP: `Fusion.globalContent={…};` inside a script.
    let mut from = 0;
    while let Some(at) = html[from..].find("Fusion.globalContent") {
        let rest = &html[from + at + "Fusion.globalContent".len()..];
        let rest = rest.trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            out.push(value.trim_start());
        }
        from += at + 1;
    }
    // `<script … type="application/ld+json">` and `<script id="__NEXT_DATA__" …>`.
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<script") {
        let start = from + at;
        let Some(tag_end) = lower[start..].find('>').map(|e| start + e + 1) else {
            break;
        };
        let tag = &lower[start..tag_end];
        let Some(close) = lower[tag_end..].find("</script").map(|e| tag_end + e) else {
            break;
        };
        if tag.contains("ld+json") || tag.contains("__next_data__") {
            out.push(&html[tag_end..close]);
        }
        from = close;
    }
    out
}

/// The first JSON value at the start of `text` (what follows it — `;`, more script — is left).
fn parse_first(text: &str) -> Option<Value> {
    let text = text.trim_start();
    let text = text.strip_prefix("<![CDATA[").unwrap_or(text).trim_start();
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .next()?
        .ok()
}

/// The object in `v` holding the longest body.
fn search(v: &Value, depth: usize, budget: &mut usize) -> Option<Embedded> {
    if depth > MAX_DEPTH || *budget == 0 {
        return None;
    }
    *budget -= 1;
    let mut best = match v {
        Value::Object(o) => body_of(o),
        _ => None,
    };
    let children: Box<dyn Iterator<Item = &Value>> = match v {
        Value::Object(o) => Box::new(o.values()),
        Value::Array(a) => Box::new(a.iter()),
        _ => Box::new(std::iter::empty()),
    };
    for child in children {
        if let Some(found) = search(child, depth + 1, budget)
            && best.as_ref().is_none_or(|b| found.chars > b.chars)
        {
            best = Some(found);
        }
    }
    best
}

/// The body an object holds itself: Arc's `content_elements`, JSON-LD's `articleBody`, or a
/// long HTML or text field under a name articles use.
fn body_of(o: &serde_json::Map<String, Value>) -> Option<Embedded> {
    let mut html = String::new();
    if let Some(Value::Array(elements)) = o.get("content_elements") {
        for el in elements {
            element_html(el, &mut html);
        }
    }
    if html.is_empty() {
        for key in [
            "articleBody",
            "article_body",
            "bodyHtml",
            "contentHtml",
            "body",
            "content",
            "html",
        ] {
            match o.get(key) {
                Some(Value::String(s)) if s.chars().count() >= MIN_CHARS => {
                    html = text_html(s);
                    break;
                }
                Some(Value::Array(parts)) => {
                    for p in parts {
                        element_html(p, &mut html);
                    }
                    if !html.is_empty() {
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    let chars = text_chars(&html);
    if chars == 0 {
        return None;
    }
    Some(Embedded {
        title: title_of(o),
        published: [
            "first_publish_date",
            "display_date",
            "datePublished",
            "publishedAt",
            "published_at",
            "publishDate",
            "createdAt",
        ]
        .iter()
        .find_map(|k| o.get(*k).and_then(Value::as_str).map(str::to_string)),
        html,
        chars,
    })
}

/// One element of a body array: an Arc content element (`{"type": "text", "content": …}`),
/// a `{"text": …}` block or a plain string.
fn element_html(el: &Value, out: &mut String) {
    match el {
        Value::String(s) => out.push_str(&text_html(s)),
        Value::Object(o) => {
            let kind = o.get("type").and_then(Value::as_str).unwrap_or("text");
            let text = ["content", "text", "html"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str));
            match (kind, text) {
                ("header" | "heading", Some(t)) => {
                    out.push_str(&format!("<h2>{}</h2>\n", t.trim()));
                }
                ("text" | "paragraph" | "p" | "quote" | "blockquote", Some(t)) => {
                    out.push_str(&text_html(t));
                }
                ("list", _) => {
                    if let Some(Value::Array(items)) = o.get("items") {
                        out.push_str("<ul>\n");
                        for i in items {
                            if let Some(t) = ["content", "text"]
                                .iter()
                                .find_map(|k| i.get(*k).and_then(Value::as_str))
                            {
                                out.push_str(&format!("<li>{t}</li>\n"));
                            }
                        }
                        out.push_str("</ul>\n");
                    }
                }
                // Images, videos, embeds, ads, raw HTML widgets: not the story's text.
                _ => {}
            }
        }
        _ => {}
    }
}

/// A field's text as HTML paragraphs: markup kept as it is; plain text split at blank lines
/// (or at line ends, when it has no blank lines).
fn text_html(s: &str) -> String {
    let s = s.trim();
    if s.contains("</p>") || s.contains("<br") || s.contains("</h") {
        return format!("{s}\n");
    }
    let sep = if s.contains("\n\n") { "\n\n" } else { "\n" };
    s.split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{p}</p>\n"))
        .collect()
}

fn title_of(o: &serde_json::Map<String, Value>) -> Option<String> {
    let pick = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(h) => h.get("basic").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    ["headlines", "headline", "title"]
        .iter()
        .find_map(|k| o.get(*k).and_then(pick))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Characters of text in HTML, tags left out.
fn text_chars(html: &str) -> usize {
    let mut inside = false;
    html.chars()
        .filter(|&c| {
            match c {
                '<' => inside = true,
                '>' => {
                    inside = false;
                    return false;
                }
                _ => {}
            }
            !inside && !c.is_whitespace()
        })
        .count()
}

/// The story as a page the cleaner reads: headline, date, paragraphs.
pub fn as_page(e: &Embedded) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    };
    let title = e.title.as_deref().map(esc).unwrap_or_default();
    let mut page = format!("<!DOCTYPE html>\n<html><head><title>{title}</title>\n");
    if let Some(d) = &e.published {
        page.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{}\">\n",
            esc(d)
        ));
    }
    page.push_str(&format!(
        "</head><body><article><h1>{title}</h1>\n{}</article></body></html>\n",
        e.html
    ));
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(n: usize) -> String {
        "기사 본문의 문장이다. ".repeat(n)
    }

    #[test]
    fn arc_content_elements() {
        let html = format!(
            r#"<html><body><div id="fusion-app"></div><script>window.Fusion=window.Fusion||{{}};Fusion.globalContent={{"headlines":{{"basic":"제목"}},"display_date":"2024-05-01T01:02:03Z","content_elements":[{{"type":"text","content":"{}"}},{{"type":"image","url":"x.jpg"}},{{"type":"header","content":"소제목"}},{{"type":"text","content":"{}"}}]}};Fusion.globalContentConfig={{}};</script></body></html>"#,
            para(10),
            para(10)
        );
        let e = find(&html).unwrap();
        assert_eq!(e.title.as_deref(), Some("제목"));
        assert_eq!(e.published.as_deref(), Some("2024-05-01T01:02:03Z"));
        assert_eq!(e.html.matches("<p>").count(), 2);
        assert!(e.html.contains("<h2>소제목</h2>") && !e.html.contains("x.jpg"));
    }

    #[test]
    fn next_data_and_json_ld() {
        let body = "First paragraph of the story, long enough.\n\nSecond paragraph. ".repeat(6);
        let next = format!(
            r#"<script id="__NEXT_DATA__" type="application/json">{{"props":{{"pageProps":{{"article":{{"title":"Next story","publishedAt":"2024-01-02","body":{}}}}}}}}}</script>"#,
            serde_json::to_string(&body).unwrap()
        );
        let e = find(&next).unwrap();
        assert_eq!(e.title.as_deref(), Some("Next story"));
        assert!(e.html.matches("<p>").count() >= 6);
        let ld = format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","headline":"LD story","datePublished":"2024-01-03","articleBody":{}}}</script>"#,
            serde_json::to_string(&body).unwrap()
        );
        assert_eq!(find(&ld).unwrap().title.as_deref(), Some("LD story"));
        // A teaser is not a story.
        assert!(
            find(r#"<script type="application/ld+json">{"articleBody":"short"}</script>"#)
                .is_none()
        );
        assert!(find("<script>var x = 1;</script>").is_none());
    }
}
