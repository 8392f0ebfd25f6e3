//! Hostile feeds and pages, each scripted on its own loopback server: every one ends in a
//! clear line naming the feed or page and the problem, within the timeout; a good feed in the
//! same refresh still brings its stories in; nothing already in the library changes. Then a
//! server that asked duet to wait (429, `Retry-After`) is not asked again before then, and a
//! refresh killed with SIGKILL leaves no half article.

mod support;

use std::io::Write;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::feeds::{Reply, Server, item, korean_page, korean_story, list, rss};
use support::{duet_in, text};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn good_feed() -> Server {
    let story = korean_story("002_9f5e0e2176ba1b1a.txt");
    let page = korean_page(&story);
    let feed = rss("좋은 뉴스", "ko", &[item("/good/1.html", &story)]);
    Server::start(move |req| match req.path.as_str() {
        "/rss.xml" => Reply::ok("application/rss+xml", feed.clone()),
        "/good/1.html" => Reply::ok("text/html", page.clone()),
        _ => Reply::status(404),
    })
}

/// A server answering every request with one reply.
fn always(reply: impl Fn() -> Reply + Send + Sync + 'static) -> Server {
    Server::start(move |_| reply())
}

#[test]
fn hostile_feeds_and_pages_fail_alone_and_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    // Something already in the library, to see that nothing of it changes.
    let good = good_feed();
    assert!(
        duet_in(&home, &["feed", "add", &good.url("/rss.xml")])
            .status
            .success()
    );
    assert!(duet_in(&home, &["feed", "refresh"]).status.success());
    let before = list(&home);
    assert_eq!(before.len(), 1);

    let valid = rss("x", "ko", &[]).into_bytes();
    let bomb = gzip(&vec![b' '; 6 * 1024 * 1024]);
    let lie = rss("거짓 선언", "ko", &[]).replace(
        "<channel><title>거짓 선언",
        "<channel><title>거짓 선언 (EUC-KR)",
    );
    let (lie, _, _) = encoding_rs::EUC_KR.encode(&lie);
    let lie = lie.into_owned();
    let many: Vec<_> = (0..10_000)
        .map(|i| {
            (
                format!("/many/{i}.html"),
                format!("기사 {i}"),
                None,
                format!("기사 {i}의 본문이다. 피드가 준 글이다."),
            )
        })
        .collect();
    let many = rss("만 건", "ko", &many);
    let cases: Vec<(&str, Server, &str)> = vec![
        (
            "never answers",
            always(|| Reply::Silent),
            "no answer within 2 s",
        ),
        (
            "1 byte a second",
            always({
                let v = valid.clone();
                move || Reply::Trickle(v.clone())
            }),
            "no answer within 2 s",
        ),
        ("endless", always(|| Reply::Endless), "more than 5 MB"),
        (
            "gzip bomb",
            always(move || {
                Reply::ok("application/rss+xml", bomb.clone()).with("Content-Encoding", "gzip")
            }),
            "more than 5 MB once decompressed",
        ),
        (
            "redirect loop",
            always(|| Reply::status(302).with("Location", "/again")),
            "more than 5 redirects",
        ),
        (
            "404",
            always(|| Reply::status(404)),
            "the server answered 404 Not Found",
        ),
        (
            "410",
            always(|| Reply::status(410)),
            "the server answered 410 Gone",
        ),
        (
            "500",
            always(|| Reply::status(500)),
            "the server answered 500 Internal Server Error",
        ),
        (
            "html",
            always(|| {
                Reply::ok(
                    "text/html",
                    "<!DOCTYPE html><html><body><p>hi</p></body></html>",
                )
            }),
            "an HTML page, not a feed",
        ),
        (
            "malformed",
            always(|| {
                Reply::ok(
                    "application/rss+xml",
                    "<rss version=\"2.0\"><channel><item><title>cut",
                )
            }),
            "not a feed: ",
        ),
        (
            "dropped",
            always(|| Reply::Drop {
                declared: 100_000,
                sent: b"<rss version=\"2.0\"><channel>".to_vec(),
            }),
            "the connection closed before the whole answer came",
        ),
    ];
    for (_, s, _) in &cases {
        assert!(
            duet_in(&home, &["feed", "add", &s.url("/rss.xml")])
                .status
                .success()
        );
    }
    let lying = always(move || Reply::ok("application/rss+xml", lie.clone()));
    assert!(
        duet_in(&home, &["feed", "add", &lying.url("/rss.xml")])
            .status
            .success()
    );
    let big = Server::start(move |req| match req.path.as_str() {
        "/rss.xml" => Reply::ok("application/rss+xml", many.clone()),
        _ => Reply::status(404),
    });
    assert!(
        duet_in(&home, &["feed", "add", &big.url("/rss.xml")])
            .status
            .success()
    );
    let unknown_host = "http://nosuch.invalid/rss.xml";
    assert!(
        duet_in(&home, &["feed", "add", unknown_host])
            .status
            .success()
    );
    // Pages that misbehave, under a feed that is fine.
    let story = korean_story("001_e2ec9d96d82b9f1e.txt");
    let mut items = Vec::new();
    for (i, path) in [
        "/p/silent",
        "/p/trickle",
        "/p/bomb",
        "/p/drop",
        "/p/500",
        "/p/empty",
    ]
    .iter()
    .enumerate()
    {
        let mut e = story.clone();
        e.title = format!("{} {i}", e.title);
        items.push(item(path, &e));
    }
    items.push((
        "file:///etc/passwd".into(),
        "a file link".into(),
        None,
        "피드에 실린 본문이다.".into(),
    ));
    let pages_feed = rss("나쁜 페이지", "ko", &items);
    let page_bomb = gzip(&vec![b'a'; 11 * 1024 * 1024]);
    let pages = Server::start(move |req| match req.path.as_str() {
        "/rss.xml" => Reply::ok("application/rss+xml", pages_feed.clone()),
        "/p/silent" => Reply::Silent,
        "/p/trickle" => Reply::Trickle(b"<html><body><p>slow</p></body></html>".to_vec()),
        "/p/bomb" => Reply::ok("text/html", page_bomb.clone()).with("Content-Encoding", "gzip"),
        "/p/drop" => Reply::Drop {
            declared: 50_000,
            sent: b"<html><body><p>half".to_vec(),
        },
        "/p/500" => Reply::status(500),
        "/p/empty" => Reply::ok(
            "text/html",
            "<!DOCTYPE html><html><body><nav>menu</nav></body></html>",
        ),
        _ => Reply::status(404),
    });
    assert!(
        duet_in(&home, &["feed", "add", &pages.url("/rss.xml")])
            .status
            .success()
    );
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[feeds]\nmax_new_per_feed = 20\n").unwrap();
    // A new story in the good feed: it must come in despite the rest.
    let started = Instant::now();
    let out = support::run_bounded(
        support::command()
            .args(["feed", "refresh", "--timeout", "2", "--json"])
            .env("DUET_HOME", &home)
            .env("DUET_CONFIG", &config),
        None,
        Duration::from_secs(60),
    );
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(2), "failed feeds: exit 2");
    assert!(took < Duration::from_secs(30), "took {took:?}");
    let stderr = text(&out.stderr);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let feeds = report["feeds"].as_array().unwrap();
    let by_url = |url: &str| {
        feeds
            .iter()
            .find(|f| f["url"] == url)
            .unwrap_or_else(|| panic!("{url} not in {report:#}"))
    };
    for (what, s, why) in &cases {
        let url = s.url("/rss.xml");
        let f = by_url(&url);
        assert_eq!(f["status"], "failed", "{what}: {f}");
        let err = f["error"].as_str().unwrap();
        assert!(err.contains(why), "{what}: {err:?} lacks {why:?}");
        let line = format!("duet: feed #{} {url}: ", f["id"]);
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&line) && l.contains(why)),
            "{what}: no line {line}…{why} in\n{stderr}"
        );
    }
    // The redirect loop stopped after 5 redirects (6 requests).
    let redirects = &cases[4].1;
    assert!(redirects.seen().len() <= 6, "{}", redirects.seen().len());
    // Unknown host: answered without asking anyone.
    let unknown = by_url(unknown_host);
    assert_eq!(unknown["error"], "unknown host nosuch.invalid");
    // Declared UTF-8, written in EUC-KR: read right.
    let f = by_url(&lying.url("/rss.xml"));
    assert_eq!(f["status"], "ok");
    assert_eq!(f["name"], "거짓 선언 (EUC-KR)");
    // 10,000 items: read, 20 stored (each from the feed's text: their pages are 404s), the
    // rest left for later refreshes.
    let f = by_url(&big.url("/rss.xml"));
    assert_eq!(f["items"], 10_000);
    assert_eq!(f["new"], 20);
    assert_eq!(f["from_feed"], 20);
    assert_eq!(f["left"], 9_980);
    assert!(stderr.contains("9980 more new items left for the next refresh"));
    // Hostile pages: each named with its problem, the feed's text kept instead.
    let f = by_url(&pages.url("/rss.xml"));
    assert_eq!(f["status"], "ok", "{f}");
    let failed: Vec<&str> = f["pages_failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for (path, why) in [
        ("/p/silent", "no answer within 2 s"),
        ("/p/trickle", "no answer within 2 s"),
        ("/p/bomb", "more than 10 MB once decompressed"),
        (
            "/p/drop",
            "the connection closed before the whole answer came",
        ),
        ("/p/500", "the server answered 500 Internal Server Error"),
        ("/p/empty", "the page cleans to nothing"),
    ] {
        let want = format!("{}: {why}", pages.url(path));
        assert!(failed.contains(&want.as_str()), "{want} not in {failed:#?}");
    }
    assert!(
        failed
            .iter()
            .any(|f| f.starts_with("file:///etc/passwd: file:// URLs are refused")),
        "a file:// link is not followed: {failed:#?}"
    );
    assert_eq!(f["new"], 7, "each kept from the feed's own text");
    assert_eq!(f["from_feed"], 7);
    // Nothing of /etc/passwd came in.
    let entries = list(&home);
    assert!(!serde_json::to_string(&entries).unwrap().contains("root:"));
    // What was there is unchanged.
    for b in &before {
        let now = entries.iter().find(|e| e["id"] == b["id"]).unwrap();
        assert_eq!(now, b);
    }
    // The good feed answered too (its one story was stored before).
    assert_eq!(by_url(&good.url("/rss.xml"))["status"], "ok");
    // The feed list shows each error.
    let listed: Value =
        serde_json::from_slice(&duet_in(&home, &["feed", "list", "--json"]).stdout).unwrap();
    let with_errors = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["last_error"].is_string())
        .count();
    assert_eq!(with_errors, cases.len() + 1);
}

#[test]
fn a_server_that_asks_to_wait_is_not_asked_before_then() {
    let server = always(|| Reply::status(429).with("Retry-After", "120"));
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    assert!(
        duet_in(&home, &["feed", "add", &server.url("/rss.xml")])
            .status
            .success()
    );
    let out = duet_in(&home, &["feed", "refresh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("the server answered 429 Too Many Requests; it asks to wait 120 s"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(server.seen().len(), 1);
    let out = duet_in(&home, &["feed", "refresh"]);
    assert!(out.status.success(), "waiting is not failing");
    assert!(
        text(&out.stdout).contains("1 feed waiting (429)"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stderr).contains("its server asked not to be asked before"));
    assert_eq!(server.seen().len(), 1, "not asked again");
    let listed: Value =
        serde_json::from_slice(&duet_in(&home, &["feed", "list", "--json"]).stdout).unwrap();
    assert!(listed[0]["retry_after"].as_i64().unwrap() > duet::library::time::now() + 60);
}

#[test]
fn a_refresh_killed_midway_keeps_what_it_stored_and_no_half_article() {
    let story = korean_story("000_11a10f181be35a82.txt");
    let items: Vec<_> = (0..40)
        .map(|i| {
            let mut e = story.clone();
            e.title = format!("{} {i}", e.title);
            item(&format!("/a/{i}.html"), &e)
        })
        .collect();
    let feed = rss("느린 뉴스", "ko", &items);
    let server = Server::start(move |req| {
        if req.path == "/rss.xml" {
            return Reply::ok("application/rss+xml", feed.clone());
        }
        std::thread::sleep(Duration::from_millis(150));
        let n: usize = req
            .path
            .trim_start_matches("/a/")
            .trim_end_matches(".html")
            .parse()
            .unwrap_or(0);
        let mut e = story.clone();
        e.title = format!("{} {n}", e.title);
        e.paragraphs.push(format!("이 기사의 번호는 {n}번이다."));
        Reply::ok("text/html", korean_page(&e))
    });
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    assert!(
        duet_in(&home, &["feed", "add", &server.url("/rss.xml")])
            .status
            .success()
    );
    let mut child = support::command()
        .args(["feed", "refresh"])
        .env("DUET_HOME", &home)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some articles are in, well before all 40.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let n = list(&home).len();
        if n >= 3 || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    kill_9(&mut child);
    let stored = list(&home);
    assert!(!stored.is_empty() && stored.len() < 40, "{}", stored.len());
    for e in &stored {
        assert!(e["error"].is_null() && e["stale"] == false, "{e}");
        assert!(std::path::Path::new(e["file"].as_str().unwrap()).exists());
    }
    let (lib, _) = duet::library::Library::open(duet::library::Home::at(&home)).unwrap();
    let check: String = lib
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(lib);
    // The next refresh brings the rest, each once.
    let out = duet_in(&home, &["feed", "refresh"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let all = list(&home);
    assert_eq!(all.len(), 40);
    for e in &stored {
        assert!(all.contains(e), "kept as it was: {e}");
    }
}

/// SIGKILL, as `kill -9` sends it.
fn kill_9(child: &mut std::process::Child) {
    let _ = std::process::Command::new("kill")
        .args(["-9", &child.id().to_string()])
        .status();
    let _ = child.wait();
}
