//! One HTTP GET with every limit a feed reader owes the servers it asks and itself: a total
//! and a connect timeout, at most [`MAX_REDIRECTS`] redirects, a size cap on the body as sent
//! and (gzip, deflate) as decoded, conditional requests, a `User-Agent` naming duet, proxies
//! from the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, as ureq reads
//! them). Only `http` and `https` URLs are fetched; `file://` and the rest are refused.

use std::io::Read;
use std::time::{Duration, Instant};

use super::url::{FeedUrl, UrlError};

/// Redirects followed before giving up (a loop ends here too).
pub const MAX_REDIRECTS: u32 = 5;
/// The default total time one request may take, body included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// A feed's body is cut off here …
pub const MAX_FEED_BYTES: u64 = 5 * 1024 * 1024;
/// … and a page's.
pub const MAX_PAGE_BYTES: u64 = 10 * 1024 * 1024;
/// What duet says it is.
pub const USER_AGENT: &str = concat!(
    "duet/",
    env!("CARGO_PKG_VERSION"),
    " (terminal reader for Korean and English news)"
);

/// Why a request gave nothing usable. Each displays as a short phrase; the caller names the
/// feed or page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error(transparent)]
    Url(#[from] UrlError),
    #[error("the server answered {code} {reason}")]
    Status { code: u16, reason: String },
    /// 429: `retry_after` is how long the server asked duet to wait, when it said.
    #[error("the server answered 429 Too Many Requests{}", retry_phrase(*.retry_after))]
    RateLimited { retry_after: Option<Duration> },
    #[error("no answer within {} s", .0.as_secs())]
    Timeout(Duration),
    #[error("more than {} MB{}", .limit / (1024 * 1024), if *.decoded { " once decompressed" } else { "" })]
    TooLarge { limit: u64, decoded: bool },
    #[error("more than {MAX_REDIRECTS} redirects (a redirect loop?)")]
    TooManyRedirects,
    #[error("unknown host {0}")]
    UnknownHost(String),
    #[error("could not connect ({0})")]
    Connect(String),
    #[error("the connection closed before the whole answer came")]
    Dropped,
    #[error("the body does not decompress ({0})")]
    Decompress(String),
    #[error("{0}")]
    Other(String),
}

fn retry_phrase(after: Option<Duration>) -> String {
    after.map_or_else(String::new, |d| {
        format!("; it asks to wait {} s", d.as_secs())
    })
}

impl FetchError {
    /// A failure that may pass by itself (a later refresh tries again), as opposed to an
    /// answer that will not change (404, 410, a page too large).
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Status { code, .. } => *code >= 500 || *code == 408,
            FetchError::RateLimited { .. }
            | FetchError::Timeout(_)
            | FetchError::Connect(_)
            | FetchError::Dropped
            | FetchError::UnknownHost(_) => true,
            _ => false,
        }
    }
}

/// What a server sent back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Decompressed, at most the cap asked for.
    pub bytes: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_type: Option<String>,
}

/// The outcome of a conditional GET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: what duet has is current.
    NotModified,
    Body(Body),
}

/// Validators from the last answer, sent back to ask "only if changed".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// An HTTP client for one refresh: its agent keeps connections alive between requests.
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    /// The same without a proxy: this machine's own addresses are never asked through one.
    direct: ureq::Agent,
    timeout: Duration,
}

impl Client {
    /// A client whose requests each take at most `timeout`, body included (connecting: at
    /// most 10 s of it).
    pub fn new(timeout: Duration) -> Client {
        let timeout = timeout.max(Duration::from_millis(100));
        let config = |proxy: Option<ureq::Proxy>| {
            ureq::Agent::config_builder()
                .proxy(proxy)
                .timeout_global(Some(timeout))
                .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
                .max_redirects(MAX_REDIRECTS)
                .max_redirects_will_error(true)
                .http_status_as_error(false)
                .user_agent(USER_AGENT)
                // Decompression is duet's (below), with a cap on the decoded size.
                .accept_encoding("gzip, deflate")
                .max_response_header_size(64 * 1024)
                .build()
                .new_agent()
        };
        Client {
            agent: config(ureq::Proxy::try_from_env()),
            direct: config(None),
            timeout,
        }
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// GET `url`, at most `cap` bytes of body (as sent and as decoded), conditionally when
    /// `since` holds validators.
    pub fn get(&self, url: &FeedUrl, since: &Validators, cap: u64) -> Result<Fetched, FetchError> {
        let start = Instant::now();
        let agent = if url.is_loopback() {
            &self.direct
        } else {
            &self.agent
        };
        let mut req = agent
            .get(url.as_str())
            .header("Accept", "*/*;q=0.8, text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml");
        if let Some(etag) = &since.etag {
            req = req.header("If-None-Match", etag.as_str());
        }
        if let Some(lm) = &since.last_modified {
            req = req.header("If-Modified-Since", lm.as_str());
        }
        let resp = req.call().map_err(|e| self.classify(e, start, cap))?;
        let status = resp.status();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        if status.as_u16() == 304 {
            return Ok(Fetched::NotModified);
        }
        if status.as_u16() == 429 {
            return Err(FetchError::RateLimited {
                retry_after: header("Retry-After").and_then(|v| retry_after(&v)),
            });
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                code: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("").to_string(),
            });
        }
        let declared: Option<u64> = header("Content-Length").and_then(|v| v.parse().ok());
        if declared.is_some_and(|n| n > cap) {
            return Err(FetchError::TooLarge {
                limit: cap,
                decoded: false,
            });
        }
        let encoding = header("Content-Encoding").map(|e| e.to_ascii_lowercase());
        let etag = header("ETag");
        let last_modified = header("Last-Modified");
        let content_type = header("Content-Type");
        let raw = resp.into_body().into_reader().take(cap + 1);
        let bytes = match encoding.as_deref() {
            Some("gzip" | "x-gzip") => {
                read_capped(flate2::read::MultiGzDecoder::new(raw), cap, true)
            }
            Some("deflate") => read_deflate(raw, cap),
            _ => read_capped(raw, cap, false),
        }
        .map_err(|e| self.classify_read(e, start, cap))?;
        Ok(Fetched::Body(Body {
            bytes,
            etag,
            last_modified,
            content_type,
        }))
    }

    fn classify(&self, e: ureq::Error, start: Instant, cap: u64) -> FetchError {
        match e {
            ureq::Error::Timeout(_) => FetchError::Timeout(self.timeout),
            ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
                FetchError::TooManyRedirects
            }
            ureq::Error::HostNotFound => FetchError::UnknownHost(String::new()),
            ureq::Error::BadUri(u) => FetchError::Other(format!("bad URL {u}")),
            ureq::Error::ConnectionFailed => FetchError::Connect("connection refused".into()),
            ureq::Error::Io(io) => self.classify_read(ReadError::Io(io), start, cap),
            ureq::Error::LargeResponseHeader(..) => FetchError::Other("headers too large".into()),
            other => FetchError::Other(one_line(&other.to_string())),
        }
    }

    fn classify_read(&self, e: ReadError, start: Instant, cap: u64) -> FetchError {
        match e {
            ReadError::TooLarge { decoded } => FetchError::TooLarge {
                limit: cap,
                decoded,
            },
            ReadError::Decompress(why) => FetchError::Decompress(why),
            ReadError::Io(io) => {
                let timed_out = matches!(
                    io.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                ) || io.to_string().to_ascii_lowercase().contains("timeout")
                    || start.elapsed() >= self.timeout;
                if timed_out {
                    FetchError::Timeout(self.timeout)
                } else if matches!(
                    io.kind(),
                    std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::AddrNotAvailable
                ) {
                    FetchError::Connect(one_line(&io.to_string()))
                } else {
                    FetchError::Dropped
                }
            }
        }
    }
}

enum ReadError {
    TooLarge { decoded: bool },
    Decompress(String),
    Io(std::io::Error),
}

/// Read to the end, refusing more than `cap` bytes (the reader was already cut at `cap + 1`
/// raw bytes; a decoder may make more of them).
fn read_capped(reader: impl Read, cap: u64, decoding: bool) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    let mut limited = reader.take(cap + 1);
    match limited.read_to_end(&mut out) {
        Ok(_) => {}
        Err(e) if decoding && e.kind() == std::io::ErrorKind::InvalidInput => {
            return Err(ReadError::Decompress(one_line(&e.to_string())));
        }
        Err(e) if decoding && e.kind() == std::io::ErrorKind::InvalidData => {
            return Err(ReadError::Decompress(one_line(&e.to_string())));
        }
        Err(e) => return Err(ReadError::Io(e)),
    }
    if out.len() as u64 > cap {
        return Err(ReadError::TooLarge { decoded: decoding });
    }
    Ok(out)
}

/// `deflate` is zlib-wrapped by the standard, raw deflate by some servers: try the first,
/// fall back to the second.
fn read_deflate(raw: impl Read, cap: u64) -> Result<Vec<u8>, ReadError> {
    let compressed = read_capped(raw, cap, false)?;
    match read_capped(flate2::read::ZlibDecoder::new(&compressed[..]), cap, true) {
        Err(ReadError::Decompress(_)) => read_capped(
            flate2::read::DeflateDecoder::new(&compressed[..]),
            cap,
            true,
        ),
        r => r,
    }
}

/// A `Retry-After` value: seconds, or an HTTP date (RFC 9110 §10.2.3).
pub fn retry_after(value: &str) -> Option<Duration> {
    if let Ok(secs) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = super::date::parse_http_date(value)?;
    let now = crate::library::time::now();
    Some(Duration::from_secs(when.saturating_sub(now).max(0) as u64))
}

fn one_line(s: &str) -> String {
    crate::text::sanitize::fold_whitespace(&crate::text::sanitize(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        assert_eq!(retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn caps_hold_for_raw_and_decoded_bodies() {
        let zeros = vec![0u8; 100_000];
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &zeros).unwrap();
        let packed = gz.finish().unwrap();
        assert!(packed.len() < 1000);
        let r = read_capped(flate2::read::MultiGzDecoder::new(&packed[..]), 10_000, true);
        assert!(matches!(r, Err(ReadError::TooLarge { decoded: true })));
        let r = read_capped(&zeros[..], 10_000, false);
        assert!(matches!(r, Err(ReadError::TooLarge { decoded: false })));
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut z, b"hello").unwrap();
        let packed = z.finish().unwrap();
        assert_eq!(read_deflate(&packed[..], 100).ok(), Some(b"hello".to_vec()));
    }
}
