//! For the feed tests: a real HTTP server on 127.0.0.1 that the test scripts (good answers,
//! and every hostile one: silence, a trickle, an endless body, a dropped connection), and the
//! bundled stories as outlet pages and feeds in Korean and English. Every loop here is
//! bounded in time and stops when the server is dropped. (duet never asks its own machine
//! through a proxy, so the environment's proxies cannot take these requests elsewhere.)

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use duet::{Article, Lang};

/// No server loop runs longer than this, whatever the test does.
const MAX_LIFE: Duration = Duration::from_secs(120);

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

/// What the server does with a request.
pub enum Reply {
    Body {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Read the request, never answer.
    Silent,
    /// Announce the body, then send it one byte a second.
    Trickle(Vec<u8>),
    /// 200 and bytes without end (no length).
    Endless,
    /// Announce `declared` bytes, send `sent`, close.
    Drop { declared: usize, sent: Vec<u8> },
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Body {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn status(code: u16) -> Reply {
        Reply::Body {
            status: code,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: format!("status {code}\n").into_bytes(),
        }
    }

    pub fn with(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Body { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

/// A scripted HTTP/1.1 server on a free loopback port.
pub struct Server {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let (s, st) = (seen.clone(), stop.clone());
        let accept = std::thread::spawn(move || {
            let born = Instant::now();
            while !st.load(Ordering::Relaxed) && born.elapsed() < MAX_LIFE {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (s, st, h) = (s.clone(), st.clone(), handler.clone());
                        std::thread::spawn(move || serve(stream, &s, &st, &*h));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            addr,
            seen,
            stop,
            accept: Some(accept),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Requests seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn count(&self, path: &str) -> usize {
        self.seen().iter().filter(|s| s.path == path).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

fn serve(mut stream: TcpStream, seen: &Mutex<Vec<Seen>>, stop: &AtomicBool, handler: &Handler) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65_536 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let path = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let req = Seen { path, headers };
    seen.lock().unwrap().push(req.clone());
    let stopped = || stop.load(Ordering::Relaxed);
    let born = Instant::now();
    match handler(&req) {
        Reply::Body {
            status,
            headers,
            body,
        } => {
            let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (k, v) in &headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            let _ = stream.write_all(out.as_bytes());
            let _ = stream.write_all(&body);
        }
        Reply::Silent => {
            while !stopped() && born.elapsed() < MAX_LIFE {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Reply::Trickle(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            for b in body {
                if stopped() || stream.write_all(&[b]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        Reply::Endless => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n<rss version=\"2.0\"><channel>");
            let chunk = b"<item><title>more</title></item>".repeat(2048);
            while !stopped() && born.elapsed() < MAX_LIFE {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        Reply::Drop { declared, sent } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {declared}\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&sent);
            let _ = stream.flush();
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Whatever",
    }
}

/// `duet list --json` of the library in `home`.
pub fn list(home: &Path) -> Vec<serde_json::Value> {
    super::ok_json(&super::duet_in(home, &["list", "--json"]))
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// One story's edition: what an outlet's page and feed item say.
#[derive(Debug, Clone)]
pub struct Edition {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub date: Option<String>,
}

/// The Korean or English half of a bundled article.
pub fn edition(article: &Article, lang: Lang, date: Option<&str>) -> Edition {
    let title = [&article.title, &article.title_en]
        .into_iter()
        .flatten()
        .find(|t| duet::text::detect_lang(t) == lang)
        .cloned()
        .unwrap_or_else(|| "untitled".into());
    Edition {
        title,
        paragraphs: article
            .blocks
            .iter()
            .filter(|b| b.lang == lang && b.kind != duet::BlockKind::Title)
            .map(|b| b.text.clone())
            .collect(),
        date: date.map(str::to_string),
    }
}

/// The bilingual bundled stories, each as (Korean edition, English edition).
pub fn bilingual_stories() -> Vec<(Edition, Edition)> {
    [
        ("003_e153fa2be147832b.txt", "2023-08-20T09:00:00+09:00"),
        ("004_8e658290ee760122.txt", "2023-09-01T10:30:00+09:00"),
    ]
    .iter()
    .map(|(f, d)| {
        let a = duet::parse_file(&super::seed(f)).expect("seed");
        (
            edition(&a, Lang::Ko, Some(d)),
            edition(&a, Lang::En, Some(d)),
        )
    })
    .collect()
}

/// A Korean-only bundled story.
pub fn korean_story(name: &str) -> Edition {
    let a = duet::parse_file(&super::seed(name)).expect("seed");
    edition(&a, Lang::Ko, a.published.as_deref())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A page in the shape of a Korean wire service's: navigation, the headline, a dateline, the
/// story, a copyright line, "most read" links and a footer.
pub fn korean_page(e: &Edition) -> String {
    let body: String = e
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", esc(p)))
        .collect();
    let date = e.date.as_deref().unwrap_or("");
    format!(
        r#"<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>{t} | 시험뉴스</title>
<meta property="og:site_name" content="시험뉴스"><meta property="article:published_time" content="{date}">
</head><body>
<header><nav><ul><li><a href="/politics">정치</a></li><li><a href="/nk">북한</a></li><li><a href="/economy">경제</a></li><li><a href="/world">세계</a></li></ul></nav></header>
<main><article><h1 class="tit">{t}</h1><p class="update-time">송고시간 {date}</p>
<div class="story-news article">
{body}</div>
<p class="txt-copyright">&lt;저작권자(c) 시험뉴스, 무단 전재-재배포 금지&gt;</p></article>
<aside><h2>많이 본 뉴스</h2><ul><li><a href="/v/1">다른 기사 하나</a></li><li><a href="/v/2">다른 기사 둘</a></li><li><a href="/v/3">다른 기사 셋</a></li></ul></aside>
</main><footer><p>시험뉴스 · 서울 종로구 · 대표전화 02-000-0000</p></footer></body></html>
"#,
        t = esc(&e.title)
    )
}

/// The same outlet's English edition page.
pub fn english_page(e: &Edition) -> String {
    let body: String = e
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", esc(p)))
        .collect();
    let date = e.date.as_deref().unwrap_or("");
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{t} | Test News Agency</title>
<meta property="og:site_name" content="Test News Agency"><meta property="article:published_time" content="{date}">
</head><body>
<header><nav><ul><li><a href="/nk">North Korea</a></li><li><a href="/politics">Politics</a></li><li><a href="/economy">Economy</a></li></ul></nav></header>
<main><article><h1 class="tit">{t}</h1><p class="date">{date}</p>
<div class="story-news article">
{body}<p>(END)</p></div></article>
<aside><h2>Most Read</h2><ul><li><a href="/v/1">Another story</a></li><li><a href="/v/2">Yet another story</a></li></ul></aside>
</main><footer><p>Copyright Test News Agency. All rights reserved.</p></footer></body></html>
"#,
        t = esc(&e.title)
    )
}

/// An RSS 2.0 feed with `dc:date` (the shape Korean wire services use); `items` are
/// (relative link, title, date, description).
pub fn rss(title: &str, lang: &str, items: &[(String, String, Option<String>, String)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel><title>{}</title><link>/</link><language>{lang}</language><description>{}</description>\n",
        esc(title),
        esc(title)
    );
    for (link, t, date, desc) in items {
        out.push_str(&format!(
            "<item><title><![CDATA[{t}]]></title><link>{link}</link><guid isPermaLink=\"false\">{link}</guid>{}<description><![CDATA[{desc}]]></description></item>\n",
            date.as_ref()
                .map(|d| format!("<dc:date>{d}</dc:date>"))
                .unwrap_or_default()
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

/// An Atom feed whose entries carry `hreflang` (the shape of an English edition's feed).
pub fn atom(title: &str, items: &[(String, String, Option<String>, String)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{}</title><id>urn:test:en</id><updated>2023-09-01T00:00:00Z</updated>\n",
        esc(title)
    );
    for (link, t, date, desc) in items {
        out.push_str(&format!(
            "<entry><id>urn:test:{}</id><title type=\"text\">{}</title><link rel=\"alternate\" type=\"text/html\" hreflang=\"en\" href=\"{link}\"/>{}<summary type=\"html\">{}</summary></entry>\n",
            esc(link),
            esc(t),
            date.as_ref()
                .map(|d| format!("<updated>{d}</updated><published>{d}</published>"))
                .unwrap_or_default(),
            esc(desc)
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// A feed's item tuple for an edition served at `link`.
pub fn item(link: &str, e: &Edition) -> (String, String, Option<String>, String) {
    (
        link.to_string(),
        e.title.clone(),
        e.date.clone(),
        e.paragraphs.first().cloned().unwrap_or_default(),
    )
}
