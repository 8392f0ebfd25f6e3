//! Refreshing 50 feeds of 50 items each from a loopback server the bench runs (one host, so
//! one request at a time, as duet treats a real outlet): one full refresh into an empty
//! library (2,550 requests; every page cleaned, aligned and stored), and a refresh where
//! nothing changed (50 conditional requests answered 304). Pages are made of the bundled
//! articles' and the dev set's real sentences, 8 paragraphs each.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use duet::library::feed_refresh::Options;
use duet::library::{Home, Library};

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

const FEEDS: usize = 50;
const ITEMS: usize = 50;

/// Path → (body, content type). Feeds answer 304 to their ETag.
fn site(addr: SocketAddr) -> HashMap<String, (Vec<u8>, &'static str)> {
    let sentences = corpus::sentences(None);
    let mut site = HashMap::new();
    let mut n = 0usize;
    for f in 0..FEEDS {
        let mut items = String::new();
        for i in 0..ITEMS {
            let title = &sentences[n % sentences.len()];
            let mut body = String::new();
            for p in 0..8 {
                body.push_str("<p>");
                for s in 0..2 {
                    body.push_str(&sentences[(n * 16 + p * 2 + s + 7) % sentences.len()]);
                    body.push(' ');
                }
                body.push_str("</p>\n");
            }
            n += 1;
            let path = format!("/f{f}/{i}.html");
            let page = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
                 <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>{title}</h1>\n{body}</article>\
                 <footer>Copyright</footer></body></html>"
            );
            site.insert(path.clone(), (page.into_bytes(), "text/html"));
            items.push_str(&format!(
                "<item><title>{}</title><link>http://{addr}{path}</link><guid>{path}</guid>\
                 <pubDate>Mon, 01 Jan 2024 00:{:02}:00 GMT</pubDate></item>\n",
                title.replace('&', "&amp;").replace('<', "&lt;"),
                i
            ));
        }
        let feed = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed {f}</title>\n{items}</channel></rss>"
        );
        site.insert(
            format!("/f{f}/rss.xml"),
            (feed.into_bytes(), "application/rss+xml"),
        );
    }
    site
}

/// A keep-alive HTTP/1.1 server on loopback, serving `site` until dropped.
struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr");
        let site = Arc::new(site(addr));
        let stop = Arc::new(AtomicBool::new(false));
        let st = stop.clone();
        std::thread::spawn(move || {
            while !st.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((s, _)) => {
                        let (site, st) = (site.clone(), st.clone());
                        std::thread::spawn(move || serve(s, &site, &st));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Server { addr, stop }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(mut s: TcpStream, site: &HashMap<String, (Vec<u8>, &'static str)>, stop: &AtomicBool) {
    let _ = s.set_nonblocking(false);
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    while !stop.load(Ordering::Relaxed) {
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            match s.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
            continue;
        };
        let head = String::from_utf8_lossy(&buf[..end]).into_owned();
        buf.drain(..end + 4);
        let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
        let conditional = head.to_ascii_lowercase().contains("if-none-match: \"v1\"");
        let reply = match site.get(&path) {
            Some(_) if conditional => {
                b"HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\n\r\n".to_vec()
            }
            Some((body, ct)) => {
                let mut r = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nETag: \"v1\"\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                r.extend_from_slice(body);
                r
            }
            None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
        };
        if s.write_all(&reply).is_err() {
            return;
        }
    }
}

fn library(server: &Server) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (lib, _) = Library::open(Home::at(dir.path())).expect("library");
    for f in 0..FEEDS {
        lib.add_feed(&format!("http://{}/f{f}/rss.xml", server.addr), None, None)
            .expect("add");
    }
    (dir, lib)
}

fn refresh(lib: &Library) -> usize {
    let report = lib
        .refresh_feeds(&Options::default(), &mut |_| {}, &AtomicBool::new(false))
        .expect("refresh");
    report.added.len()
}

fn bench(c: &mut Criterion) {
    let server = Server::start();
    let mut g = c.benchmark_group("feeds");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("full refresh, 50 feeds x 50 items", |b| {
        b.iter_batched(
            || library(&server),
            |(dir, lib)| {
                assert_eq!(refresh(&lib), FEEDS * ITEMS);
                (dir, lib)
            },
            BatchSize::PerIteration,
        );
    });
    let (_dir, lib) = library(&server);
    assert_eq!(refresh(&lib), FEEDS * ITEMS);
    g.bench_function("refresh with nothing new", |b| {
        b.iter(|| assert_eq!(refresh(&lib), 0));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
