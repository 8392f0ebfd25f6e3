//! The page duet stores for an item whose own page could not be fetched or cleaned to
//! nothing: the feed's text of the story as a small HTML document, which the library then
//! cleans like any page.

use super::parse::Item;

/// An HTML document of the item's title, date, link and feed text; `None` when the feed
/// gives no text for it.
pub fn from_item(item: &Item, outlet: Option<&str>, lang: Option<&str>) -> Option<String> {
    let content = item.content.as_deref()?.trim();
    if content.is_empty() {
        return None;
    }
    let attr = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    // A feed's titles carry entities once (`&amp;`): keep them for the parser to read, but
    // never let a title open a tag.
    let title = item
        .title
        .as_deref()
        .map(|t| t.replace('<', "&lt;").replace('>', "&gt;"))
        .unwrap_or_default();
    let mut out = String::with_capacity(content.len() + 512);
    out.push_str("<!DOCTYPE html>\n<html");
    if let Some(lang) = lang {
        out.push_str(&format!(" lang=\"{}\"", attr(lang)));
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<title>{title}</title>\n"));
    if let Some(o) = outlet {
        out.push_str(&format!(
            "<meta property=\"og:site_name\" content=\"{}\">\n",
            attr(o)
        ));
    }
    if let Some(d) = &item.published {
        out.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{}\">\n",
            attr(d)
        ));
    }
    if let Some(l) = &item.link {
        out.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            attr(l.as_str())
        ));
    }
    out.push_str("</head>\n<body>\n<article>\n");
    out.push_str(&format!("<h1>{title}</h1>\n"));
    // Feeds put plain text in descriptions as often as HTML: keep its paragraphs.
    if content.contains('<') {
        out.push_str(content);
    } else {
        for para in content
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            out.push_str(&format!("<p>{}</p>\n", para.replace('<', "&lt;")));
        }
    }
    out.push_str("\n</article>\n</body>\n</html>\n");
    Some(out)
}
