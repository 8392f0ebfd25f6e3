//! Subscription lists in and out: OPML (what every feed reader exports) and newsboat's `urls`
//! file; OPML 2.0 out.

use quick_xml::events::Event;

/// One subscription read from a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub url: String,
    pub name: Option<String>,
    pub lang: Option<String>,
}

/// What a list held: the subscriptions, and one line for each entry that is not one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List {
    pub feeds: Vec<Listed>,
    pub skipped: Vec<String>,
}

/// Read an OPML document or a newsboat `urls` file (told apart by the first character).
pub fn read(text: &str) -> Result<List, String> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('<') {
        read_opml(text)
    } else {
        Ok(read_newsboat(text))
    }
}

fn read_opml(text: &str) -> Result<List, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut list = List::default();
    let mut saw_opml = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.local_name();
                if name.as_ref().eq_ignore_ascii_case(b"opml") {
                    saw_opml = true;
                }
                if !name.as_ref().eq_ignore_ascii_case(b"outline") {
                    continue;
                }
                let mut url = None;
                let mut title = None;
                let mut text_attr = None;
                let mut lang = None;
                for a in e.attributes().flatten() {
                    let value = a
                        .unescape_value()
                        .map(|v| v.trim().to_string())
                        .unwrap_or_default();
                    if value.is_empty() {
                        continue;
                    }
                    match a.key.local_name().as_ref().to_ascii_lowercase().as_slice() {
                        b"xmlurl" => url = Some(value),
                        b"title" => title = Some(value),
                        b"text" => text_attr = Some(value),
                        b"language" | b"lang" => lang = super::parse::primary_lang(&value),
                        _ => {}
                    }
                }
                // An outline without xmlUrl is a folder: its children are read as they come.
                if let Some(url) = url {
                    list.feeds.push(Listed {
                        url,
                        name: title.or(text_attr),
                        lang,
                    });
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "not valid OPML at byte {}: {e}",
                    reader.buffer_position()
                ));
            }
        }
    }
    if !saw_opml {
        return Err("XML, but not OPML (no <opml> element)".into());
    }
    Ok(list)
}

/// newsboat's `urls`: one feed a line, `URL [tag …] ["~Title"]`, `#` comments, and lines
/// that are newsboat's own queries and scripts (`query:`, `exec:`, `filter:`), which are not
/// feeds.
fn read_newsboat(text: &str) -> List {
    let mut list = List::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words = split_quoted(line);
        let Some(url) = words.first() else { continue };
        if !url.starts_with("http://") && !url.starts_with("https://") {
            list.skipped.push(format!(
                "line {}: {} is not a feed URL (newsboat's own query or script)",
                n + 1,
                crate::text::sanitize(url)
            ));
            continue;
        }
        let name = words
            .iter()
            .skip(1)
            .find_map(|w| w.strip_prefix('~'))
            .map(str::to_string)
            .filter(|s| !s.is_empty());
        let lang = words
            .iter()
            .skip(1)
            .find(|w| matches!(w.as_str(), "ko" | "en"))
            .cloned();
        list.feeds.push(Listed {
            url: url.clone(),
            name,
            lang,
        });
    }
    list
}

/// Words separated by spaces, `"…"` keeping spaces inside.
fn split_quoted(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// OPML 2.0 of the subscriptions.
pub fn write(feeds: &[Listed]) -> String {
    let esc = |s: &str| quick_xml::escape::escape(crate::text::sanitize(s)).into_owned();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>duet subscriptions</title>\n  </head>\n  <body>\n",
    );
    for f in feeds {
        let name = f.name.as_deref().unwrap_or(&f.url);
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{}\" title=\"{}\" xmlUrl=\"{}\"",
            esc(name),
            esc(name),
            esc(&f.url)
        ));
        if let Some(lang) = &f.lang {
            out.push_str(&format!(" language=\"{}\"", esc(lang)));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opml_round_trip_with_folders() {
        let opml = r#"<?xml version="1.0"?><opml version="1.0"><head/><body>
<outline text="Korea"><outline text="연합뉴스" xmlUrl="https://www.yna.co.kr/rss/news.xml" language="ko"/>
<outline title="Yonhap &amp; Co" text="x" xmlUrl="https://en.yna.co.kr/RSS/news.xml"/></outline>
</body></opml>"#;
        let l = read(opml).unwrap();
        assert_eq!(l.feeds.len(), 2);
        assert_eq!(l.feeds[0].name.as_deref(), Some("연합뉴스"));
        assert_eq!(l.feeds[0].lang.as_deref(), Some("ko"));
        assert_eq!(l.feeds[1].name.as_deref(), Some("Yonhap & Co"));
        assert_eq!(read(&write(&l.feeds)).unwrap().feeds, l.feeds);
    }

    #[test]
    fn newsboat_urls() {
        let urls = "# mine\nhttps://a.test/rss ko \"~Hani Korean\" news\n\
                    \"query:Unread:unread = \\\"yes\\\"\"\nhttp://b.test/atom\n";
        let l = read(urls).unwrap();
        assert_eq!(l.feeds.len(), 2);
        assert_eq!(l.feeds[0].name.as_deref(), Some("Hani Korean"));
        assert_eq!(l.feeds[0].lang.as_deref(), Some("ko"));
        assert_eq!(l.skipped.len(), 1);
    }

    #[test]
    fn not_opml() {
        assert!(read("<rss><channel/></rss>").is_err());
    }
}
