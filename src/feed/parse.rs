//! A feed's bytes to its items: RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed through `feed-rs`,
//! after duet's own decoding (a declared encoding may lie either way: bytes that are valid
//! UTF-8 under an `euc-kr` declaration, EUC-KR bytes declared UTF-8), so the parser always
//! reads UTF-8.

use std::collections::HashSet;

use super::url::FeedUrl;

/// A feed, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    /// `ko`, `en` or another primary language subtag, as the feed declares it.
    pub lang: Option<String>,
    /// In the feed's order (usually newest first), one per GUID.
    pub items: Vec<Item>,
    /// Items dropped because their GUID repeated an earlier one.
    pub duplicates: usize,
}

/// One story as the feed gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The item's id (`guid`, Atom `id`, or one derived from its link and title).
    pub guid: String,
    /// Its page, read against the feed's address.
    pub link: Option<FeedUrl>,
    /// Why its link is not followed (`file://`, another scheme), when it has one.
    pub link_error: Option<String>,
    pub title: Option<String>,
    /// ISO 8601 in UTC, from `pubDate`, `dc:date`, `published` (or `updated`).
    pub published: Option<String>,
    /// A language the item or its link declares (Atom `xml:lang`, `hreflang`).
    pub lang: Option<String>,
    /// The feed's own text of the story (`content:encoded`, Atom content, else the summary),
    /// as HTML.
    pub content: Option<String>,
    /// A hash of everything above: when it changes, the story changed.
    pub digest: String,
}

/// Why bytes are not a feed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("an HTML page, not a feed")]
    Html,
    #[error("empty")]
    Empty,
    #[error("bytes that are text in no supported encoding")]
    Undecodable,
    #[error("not a feed: {0}")]
    Malformed(String),
}

/// Parse a feed fetched from `base` (relative links are read against it).
pub fn parse(bytes: &[u8], base: &FeedUrl) -> Result<ParsedFeed, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let decoded = crate::ingest::decode::decode(bytes).ok_or(ParseError::Undecodable)?;
    let text = without_declaration(decoded.text.trim_start_matches('\u{feff}').trim_start());
    if looks_like_html(text) {
        return Err(ParseError::Html);
    }
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .build()
        .parse(text.as_bytes())
        .map_err(|e| ParseError::Malformed(one_line(&e.to_string())))?;
    let lang = feed.language.as_deref().and_then(primary_lang);
    let mut seen = HashSet::new();
    let mut out = ParsedFeed {
        title: feed
            .title
            .map(|t| one_line(&t.content))
            .filter(|t| !t.is_empty()),
        lang,
        ..Default::default()
    };
    for entry in feed.entries {
        let item = item(entry, base);
        if seen.insert(item.guid.clone()) {
            out.items.push(item);
        } else {
            out.duplicates += 1;
        }
    }
    Ok(out)
}

fn item(e: feed_rs::model::Entry, base: &FeedUrl) -> Item {
    let main = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| e.links.first());
    let (link, link_error) = match main.map(|l| (l, base.join(&l.href))) {
        None => (None, None),
        Some((_, Ok(u))) => (Some(u), None),
        Some((l, Err(why))) => (None, Some(format!("{}: {why}", one_line(&l.href)))),
    };
    let lang = e
        .language
        .as_deref()
        .or_else(|| main.and_then(|l| l.href_lang.as_deref()))
        .and_then(primary_lang);
    let title = e
        .title
        .map(|t| one_line(&t.content))
        .filter(|t| !t.is_empty());
    let published = e
        .published
        .or(e.updated)
        .map(|d| crate::library::time::iso(d.timestamp()));
    let content = e
        .content
        .and_then(|c| c.body)
        .filter(|b| !b.trim().is_empty())
        .or_else(|| {
            e.summary
                .map(|s| s.content)
                .filter(|s| !s.trim().is_empty())
        });
    let guid = if e.id.trim().is_empty() {
        link.as_ref()
            .map(|l| l.as_str().to_string())
            .unwrap_or_default()
    } else {
        e.id.trim().to_string()
    };
    let mut h = blake3::Hasher::new();
    for part in [
        Some(guid.as_str()),
        link.as_ref().map(FeedUrl::as_str),
        title.as_deref(),
        published.as_deref(),
        e.updated.map(|d| d.timestamp().to_string()).as_deref(),
        content.as_deref(),
    ] {
        h.update(part.unwrap_or("").as_bytes());
        h.update(&[0]);
    }
    Item {
        guid,
        link,
        link_error,
        title,
        published,
        lang,
        content,
        digest: h.finalize().to_hex()[..32].to_string(),
    }
}

/// The XML declaration names the encoding the bytes had; they are UTF-8 now.
fn without_declaration(text: &str) -> &str {
    if text.starts_with("<?xml")
        && let Some(end) = text.find("?>")
    {
        return text[end + 2..].trim_start();
    }
    text
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(256)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// `ko-KR` → `ko`, `en-us` → `en`.
pub fn primary_lang(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(primary)
}

fn one_line(s: &str) -> String {
    crate::text::sanitize::fold_whitespace(&crate::text::sanitize(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> FeedUrl {
        FeedUrl::parse("http://127.0.0.1:1/rss/").unwrap()
    }

    #[test]
    fn rss_with_relative_links_entities_and_duplicate_guids() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>시험 뉴스 &amp; 속보</title><language>ko-KR</language>
<item><title>북한 &#8216;미사일&#8217; 발사</title><link>/view/1.html</link><guid>a1</guid>
<dc:date>2024-05-01T08:00:00+09:00</dc:date><description>요약</description></item>
<item><title>again</title><link>/view/1.html</link><guid>a1</guid></item>
<item><title>no date</title><link>http://127.0.0.1:1/view/2.html</link></item>
</channel></rss>"#;
        let f = parse(xml.as_bytes(), &base()).unwrap();
        assert_eq!(f.title.as_deref(), Some("시험 뉴스 & 속보"));
        assert_eq!(f.lang.as_deref(), Some("ko"));
        assert_eq!(f.items.len(), 2);
        assert_eq!(f.duplicates, 1);
        let a = &f.items[0];
        assert_eq!(a.title.as_deref(), Some("북한 ‘미사일’ 발사"));
        assert_eq!(
            a.link.as_ref().unwrap().as_str(),
            "http://127.0.0.1:1/view/1.html"
        );
        assert_eq!(a.published.as_deref(), Some("2024-04-30T23:00:00Z"));
        assert_eq!(f.items[1].published, None);
        assert!(!f.items[1].guid.is_empty());
    }

    #[test]
    fn an_euc_kr_feed_and_a_lying_declaration() {
        let xml = "<?xml version=\"1.0\" encoding=\"EUC-KR\"?><rss version=\"2.0\"><channel>\
            <title>한글</title><item><title>대통령 방문</title><link>http://x.test/1</link></item>\
            </channel></rss>";
        let (euc, _, _) = encoding_rs::EUC_KR.encode(xml);
        let f = parse(&euc, &base()).unwrap();
        assert_eq!(f.items[0].title.as_deref(), Some("대통령 방문"));
        // Declared EUC-KR, written in UTF-8.
        let f = parse(xml.as_bytes(), &base()).unwrap();
        assert_eq!(f.title.as_deref(), Some("한글"));
        // Declared UTF-8, written in EUC-KR.
        let lie = xml.replace("EUC-KR", "UTF-8");
        let (euc, _, _) = encoding_rs::EUC_KR.encode(&lie);
        assert_eq!(
            parse(&euc, &base()).unwrap().items[0].title.as_deref(),
            Some("대통령 방문")
        );
    }

    #[test]
    fn html_and_malformed_xml_are_not_feeds() {
        assert_eq!(
            parse(b"<!DOCTYPE html><html><body>hi</body></html>", &base()),
            Err(ParseError::Html)
        );
        assert!(matches!(
            parse(b"<rss version=\"2.0\"><channel><item><title>x</ti", &base()),
            Err(ParseError::Malformed(_))
        ));
        assert_eq!(parse(b"  \n", &base()), Err(ParseError::Empty));
    }

    #[test]
    fn atom_hreflang_and_json_feed() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Edition</title>
<entry><id>tag:x,1</id><title>Talks</title><link rel="alternate" hreflang="en" href="a/1"/>
<updated>2024-05-01T00:00:00Z</updated><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"#;
        let f = parse(atom.as_bytes(), &base()).unwrap();
        assert_eq!(f.items[0].lang.as_deref(), Some("en"));
        assert_eq!(f.items[0].content.as_deref(), Some("<p>Body</p>"));
        assert_eq!(
            f.items[0].link.as_ref().unwrap().as_str(),
            "http://127.0.0.1:1/rss/a/1"
        );
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","language":"en",
"items":[{"id":"1","url":"http://127.0.0.1:1/j/1","title":"T","content_html":"<p>x</p>","date_published":"2024-05-01T00:00:00Z"}]}"#;
        let f = parse(json.as_bytes(), &base()).unwrap();
        assert_eq!(f.items[0].guid, "1");
        assert_eq!(
            f.items[0].published.as_deref(),
            Some("2024-05-01T00:00:00Z")
        );
    }
}
