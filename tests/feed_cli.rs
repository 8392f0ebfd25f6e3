//! `duet feed` end to end against a loopback server the test runs: a Korean RSS feed
//! (`dc:date`) and an English Atom feed (`hreflang`) of the same stories, with unrelated
//! stories mixed in, become `KO+EN` entries, cleaned, with the items' links, outlets and dates;
//! a second refresh asks conditionally and fetches nothing again. Also: EUC-KR, undated and
//! JSON feeds; a changed item replacing its article under the same id with the reading
//! position kept; OPML and newsboat lists in and out; subscribe, list, remove.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use duet::library::{Home, Library, Position};
use serde_json::Value;
use support::feeds::{
    Reply, Server, atom, bilingual_stories, english_page, item, korean_page, korean_story, list,
    rss,
};
use support::{duet_in, text};

/// The two editions' feeds and pages, the feeds answering 304 to their own ETag.
fn outlet() -> Server {
    let stories = bilingual_stories();
    let mut pages = std::collections::HashMap::new();
    let mut ko_items = Vec::new();
    let mut en_items = Vec::new();
    for (i, (ko, en)) in stories.iter().enumerate() {
        let (kl, el) = (format!("/ko/{}.html", i + 1), format!("/en/{}.html", i + 1));
        pages.insert(kl.clone(), korean_page(ko));
        pages.insert(el.clone(), english_page(en));
        ko_items.push(item(&kl, ko));
        en_items.push(item(&el, en));
    }
    for (i, seed) in [
        "000_11a10f181be35a82.txt",
        "001_e2ec9d96d82b9f1e.txt",
        "002_9f5e0e2176ba1b1a.txt",
    ]
    .iter()
    .enumerate()
    {
        let e = korean_story(seed);
        let link = format!("/ko/{}.html", i + 10);
        pages.insert(link.clone(), korean_page(&e));
        ko_items.push(item(&link, &e));
    }
    let ko_feed = rss("시험뉴스 : 전체기사", "ko", &ko_items);
    let en_feed = atom("Test News Agency: All News", &en_items);
    Server::start(move |req| {
        let feed = match req.path.as_str() {
            "/ko/rss.xml" => Some((&ko_feed, "\"ko-1\"", "application/rss+xml")),
            "/en/atom.xml" => Some((&en_feed, "\"en-1\"", "application/atom+xml")),
            _ => None,
        };
        if let Some((body, etag, ct)) = feed {
            if req.header("if-none-match") == Some(etag) {
                return Reply::status(304);
            }
            return Reply::ok(ct, body.clone()).with("ETag", etag);
        }
        match pages.get(&req.path) {
            Some(p) => Reply::ok("text/html; charset=utf-8", p.clone()),
            None => Reply::status(404),
        }
    })
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\n{}\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn both_editions_become_ko_en_entries_and_a_second_refresh_fetches_nothing() {
    let server = outlet();
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let ko_url = server.url("/ko/rss.xml");
    let en_url = server.url("/en/atom.xml");
    let added = ok(&duet_in(
        &home,
        &["feed", "add", &ko_url, "--lang", "ko", "--name", "시험뉴스"],
    ));
    assert!(added.starts_with("following #1 "), "{added}");
    ok(&duet_in(&home, &["feed", "add", &en_url, "--lang", "en"]));
    assert!(server.seen().is_empty(), "adding needs no network");

    let out = ok(&duet_in(&home, &["feed", "refresh", "--json"]));
    let report: Value = serde_json::from_str(&out).unwrap();
    let feeds = report["feeds"].as_array().unwrap();
    assert_eq!(feeds[0]["new"], 5, "{out}");
    assert_eq!(feeds[1]["new"], 2, "{out}");
    assert_eq!(report["pairs"], 2, "{out}");
    assert!(
        server.seen().iter().all(|r| r
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("duet/"))),
        "every request names duet"
    );

    let entries = list(&home);
    assert_eq!(entries.len(), 7);
    let by_source = |path: &str| {
        let url = server.url(path);
        entries
            .iter()
            .find(|e| e["source"] == url.as_str())
            .unwrap_or_else(|| panic!("no entry from {url}: {entries:#?}"))
            .clone()
    };
    let ko1 = by_source("/ko/1.html");
    assert_eq!(ko1["outlet"], "시험뉴스");
    assert_eq!(ko1["language"], "ko");
    // The item's date (dc:date, +09:00), in UTC.
    assert_eq!(ko1["published"], "2023-08-20T00:00:00Z");
    assert_eq!(ko1["feed"], 1);
    assert_eq!(ko1["from_feed"], false);
    let en1 = by_source("/en/1.html");
    assert_eq!(
        en1["outlet"], "Test News Agency: All News",
        "the feed's title"
    );
    assert_eq!(en1["language"], "en");

    // The pairs are the two stories' editions, whichever feed they came from.
    let pairs: Value =
        serde_json::from_str(&ok(&duet_in(&home, &["pairs", "--library", "--json"]))).unwrap();
    let mut got: Vec<(i64, i64)> = pairs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["ko"].as_i64().unwrap(), p["en"].as_i64().unwrap()))
        .collect();
    got.sort();
    let id = |p: &str| by_source(p)["id"].as_i64().unwrap();
    let mut want = vec![
        (id("/ko/1.html"), id("/en/1.html")),
        (id("/ko/2.html"), id("/en/2.html")),
    ];
    want.sort();
    assert_eq!(got, want);
    let screen = ok(&duet_in(
        &home,
        &["render", "--library", "--size", "150x30"],
    ));
    assert_eq!(
        screen.lines().filter(|l| l.contains(" KO+EN ")).count(),
        2,
        "{screen}"
    );

    // Cleaned: the story, without the outlet's navigation, copyright and "most read".
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    let p = lib.load(id("/ko/1.html")).unwrap();
    let body: String = p.article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(body.contains("중국") && body.len() > 1000, "{body}");
    for gone in ["많이 본 뉴스", "저작권자", "대표전화", "다른 기사"] {
        assert!(!body.contains(gone), "{gone:?} left in {body}");
    }
    let p = lib.load(id("/en/2.html")).unwrap();
    let body: String = p.article.blocks.iter().map(|b| b.text.as_str()).collect();
    for gone in ["Most Read", "All rights reserved", "Another story"] {
        assert!(!body.contains(gone), "{gone:?} left in {body}");
    }
    drop(lib);

    // Again: both feeds asked conditionally (304), no page fetched twice, nothing new.
    let before = server.seen().len();
    let out = ok(&duet_in(&home, &["feed", "refresh", "--json"]));
    let report: Value = serde_json::from_str(&out).unwrap();
    let seen = server.seen();
    let again = &seen[before..];
    assert_eq!(again.len(), 2, "only the two feeds: {again:?}");
    assert_eq!(again[0].header("if-none-match").map(str::len), Some(6));
    assert!(again.iter().all(|r| r.header("if-none-match").is_some()));
    for f in report["feeds"].as_array().unwrap() {
        assert_eq!(f["status"], "not_modified", "{out}");
        assert_eq!(f["new"], 0);
    }
    assert_eq!(list(&home).len(), 7);
    assert!(
        seen.iter()
            .all(|r| r.path.ends_with(".xml") || server.count(&r.path) == 1)
    );

    // The list of feeds says what happened.
    let feeds: Value =
        serde_json::from_str(&ok(&duet_in(&home, &["feed", "list", "--json"]))).unwrap();
    assert_eq!(feeds[0]["name"], "시험뉴스");
    assert_eq!(feeds[0]["lang"], "ko");
    assert_eq!(feeds[0]["articles"], 5);
    assert!(feeds[0]["last_refresh"].is_i64());
    assert!(feeds[0]["last_error"].is_null());
    let plain = ok(&duet_in(&home, &["feed", "list"]));
    assert_eq!(plain.lines().count(), 2, "{plain}");
    assert!(
        plain.contains(&ko_url) && plain.contains("시험뉴스"),
        "{plain}"
    );
}

#[test]
fn euc_kr_undated_and_json_feeds() {
    let story = korean_story("000_11a10f181be35a82.txt");
    let page = korean_page(&story);
    // An EUC-KR feed (declared so), whose items have no dates (as some outlets' feeds do).
    let mut undated = story.clone();
    undated.date = None;
    let xml = rss("옛날 뉴스", "ko", &[item("/old/1.html", &undated)])
        .replace("encoding=\"UTF-8\"", "encoding=\"EUC-KR\"");
    let (euc, _, bad) = encoding_rs::EUC_KR.encode(&xml);
    assert!(!bad);
    let euc = euc.into_owned();
    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON News",
        "language": "en",
        "items": [{
            "id": "j1",
            "url": "/j/1.html",
            "title": "A story told in JSON Feed",
            "date_published": "2024-02-01T12:00:00Z",
            "content_html": "<p>The feed's own text of the story, long enough to read as one.</p>"
        }]
    })
    .to_string();
    let server = Server::start(move |req| match req.path.as_str() {
        "/euc.xml" => Reply::ok("application/rss+xml", euc.clone()),
        "/feed.json" => Reply::ok("application/feed+json", json.clone()),
        "/old/1.html" => Reply::ok("text/html", page.clone()),
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    ok(&duet_in(&home, &["feed", "add", &server.url("/euc.xml")]));
    ok(&duet_in(&home, &["feed", "add", &server.url("/feed.json")]));
    let out = duet_in(&home, &["feed", "refresh"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The JSON item's page is a 404: its feed text is kept, marked, and the line says so.
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("/j/1.html: the server answered 404 Not Found"),
        "{stderr}"
    );
    assert!(
        text(&out.stdout).contains("(1 story kept from the feed's own text)"),
        "{}",
        text(&out.stdout)
    );
    let entries = list(&home);
    let old = entries
        .iter()
        .find(|e| e["source"] == server.url("/old/1.html").as_str())
        .expect("the EUC-KR feed's item");
    assert_eq!(old["outlet"], "옛날 뉴스", "decoded from EUC-KR");
    assert_eq!(old["language"], "ko", "the feed's language");
    // No date in the item: the page's.
    assert!(
        old["published"]
            .as_str()
            .is_some_and(|d| d.starts_with("2023-09-13")),
        "{old}"
    );
    let j = entries
        .iter()
        .find(|e| e["source"] == server.url("/j/1.html").as_str())
        .expect("the JSON feed's item");
    assert_eq!(j["from_feed"], true);
    assert_eq!(j["published"], "2024-02-01T12:00:00Z");
    assert_eq!(j["title"], "A story told in JSON Feed");
    assert_eq!(j["language"], "en");
}

#[test]
fn a_changed_item_replaces_its_article_and_keeps_the_reading_position() {
    let story = korean_story("001_e2ec9d96d82b9f1e.txt");
    let version = Arc::new(AtomicUsize::new(1));
    let v = version.clone();
    let server = Server::start(move |req| {
        let n = v.load(Ordering::SeqCst);
        let mut e = story.clone();
        if n > 1 {
            e.title = format!("{} (수정)", e.title);
            e.paragraphs
                .push("추가된 문단이다. 정정 보도를 덧붙인다.".into());
        }
        match req.path.as_str() {
            "/rss.xml" => Reply::ok(
                "application/rss+xml",
                rss("시험", "ko", &[item("/a.html", &e)]),
            ),
            "/a.html" => Reply::ok("text/html", korean_page(&e)),
            _ => Reply::status(404),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    ok(&duet_in(&home, &["feed", "add", &server.url("/rss.xml")]));
    ok(&duet_in(&home, &["feed", "refresh"]));
    let first = list(&home);
    assert_eq!(first.len(), 1);
    let id = first[0]["id"].as_i64().unwrap();
    {
        let (lib, _) = Library::open(Home::at(&home)).unwrap();
        lib.set_position(
            id,
            Position {
                pair: 3,
                sentence: Some(1),
            },
        )
        .unwrap();
    }
    version.store(2, Ordering::SeqCst);
    let out = ok(&duet_in(&home, &["feed", "refresh", "--json"]));
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["changed"], serde_json::json!([id]), "{out}");
    let after = list(&home);
    assert_eq!(after.len(), 1, "the same article, not a second one");
    assert_eq!(after[0]["id"], id);
    assert!(
        after[0]["title"].as_str().unwrap().ends_with("(수정)"),
        "{after:?}"
    );
    assert_ne!(after[0]["hash"], first[0]["hash"], "the newest text won");
    // `duet list --json` counts pairs from 1.
    assert_eq!(after[0]["position"]["pair"], 4, "reading position kept");
    assert!(
        !std::path::Path::new(first[0]["file"].as_str().unwrap()).exists(),
        "old copy gone"
    );
    // Unchanged since: nothing fetched again.
    let pages = server.count("/a.html");
    ok(&duet_in(&home, &["feed", "refresh"]));
    assert_eq!(server.count("/a.html"), pages);
}

#[test]
fn subscribe_list_remove_import_export() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let opml = dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>from another reader</title></head><body>
<outline text="Korea">
  <outline type="rss" text="연합뉴스" xmlUrl="https://www.yna.co.kr/rss/news.xml"/>
  <outline type="rss" text="Yonhap English" xmlUrl="https://en.yna.co.kr/RSS/news.xml" language="en"/>
  <outline type="rss" text="a file" xmlUrl="file:///etc/passwd"/>
</outline></body></opml>"#,
    )
    .unwrap();
    let out = duet_in(&home, &["feed", "import", opml.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "following 2 new feeds; 1 skipped");
    assert!(text(&out.stderr).contains("file:///etc/passwd: file:// URLs are refused"));

    let urls = dir.path().join("urls");
    std::fs::write(
        &urls,
        "# newsboat\nhttps://www.yna.co.kr/rss/news.xml\n\
         https://english.hani.co.kr/rss/english_edition/ en \"~Hankyoreh English\"\n\
         \"query:unread:unread = \\\"yes\\\"\"\n",
    )
    .unwrap();
    let out = duet_in(&home, &["feed", "import", urls.to_str().unwrap()]);
    assert_eq!(
        text(&out.stdout).trim(),
        "following 1 new feed (1 already followed); 1 skipped"
    );
    let feeds: Value =
        serde_json::from_str(&ok(&duet_in(&home, &["feed", "list", "--json"]))).unwrap();
    let feeds = feeds.as_array().unwrap();
    assert_eq!(feeds.len(), 3);
    assert_eq!(feeds[1]["lang"], "en");
    assert_eq!(feeds[2]["name"], "Hankyoreh English");
    assert!(feeds.iter().all(|f| f["last_refresh"].is_null()));

    // Export, and import into another library: the same feeds.
    let exported = ok(&duet_in(&home, &["feed", "export"]));
    assert!(exported.starts_with("<?xml") && exported.contains("<opml version=\"2.0\">"));
    let file = dir.path().join("out.opml");
    std::fs::write(&file, &exported).unwrap();
    let other = dir.path().join("other");
    ok(&duet_in(
        &other,
        &["feed", "import", file.to_str().unwrap()],
    ));
    let again: Value =
        serde_json::from_str(&ok(&duet_in(&other, &["feed", "list", "--json"]))).unwrap();
    let names = |v: &[Value]| -> Vec<(Value, Value, Value)> {
        v.iter()
            .map(|f| (f["url"].clone(), f["name"].clone(), f["lang"].clone()))
            .collect()
    };
    assert_eq!(names(again.as_array().unwrap()), names(feeds));

    // Remove by URL and by id; an unknown one is one line and exit 2.
    let out = ok(&duet_in(
        &home,
        &["feed", "remove", "https://www.yna.co.kr/rss/news.xml", "3"],
    ));
    assert_eq!(out.lines().count(), 2, "{out}");
    let out = duet_in(&home, &["feed", "remove", "9"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "duet: no feed 9 is followed (see `duet feed list`)"
    );
    let left: Value =
        serde_json::from_str(&ok(&duet_in(&home, &["feed", "list", "--json"]))).unwrap();
    assert_eq!(left.as_array().unwrap().len(), 1);

    // Adding the same URL twice keeps one subscription.
    let out = ok(&duet_in(
        &home,
        &["feed", "add", "https://en.yna.co.kr/RSS/news.xml"],
    ));
    assert!(out.starts_with("already following #2"), "{out}");

    // Bad lists and bad URLs: one line naming the file or URL, exit 2, nothing changed.
    let bad = dir.path().join("bad.opml");
    std::fs::write(&bad, "<rss version=\"2.0\"></rss>").unwrap();
    let out = duet_in(&home, &["feed", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with(&format!("duet: {}: ", bad.display())));
    for (url, why) in [
        ("file:///etc/hosts", "file:// URLs are refused"),
        (
            "ftp://example.com/rss",
            "not an http(s) URL (its scheme is ftp:)",
        ),
        ("www.yna.co.kr/rss", "not a URL"),
    ] {
        let out = duet_in(&home, &["feed", "add", url]);
        assert_eq!(out.status.code(), Some(2), "{url}");
        let err = text(&out.stderr);
        assert!(err.starts_with(&format!("duet: {url}: {why}")), "{err}");
        assert_eq!(err.lines().count(), 1);
    }
    let still: Value =
        serde_json::from_str(&ok(&duet_in(&home, &["feed", "list", "--json"]))).unwrap();
    assert_eq!(still, left);
}
