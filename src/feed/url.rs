//! Feed and page addresses: only `http` and `https` are followed.

use std::fmt;

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("not a URL ({0}); write it in full, with http:// or https://")]
    Malformed(String),
    #[error(
        "file:// URLs are refused: feeds are followed over http(s) (saved files go in with `duet import`)"
    )]
    File,
    #[error("not an http(s) URL (its scheme is {0}:)")]
    Scheme(String),
    #[error("the URL names no host")]
    NoHost,
}

/// An http(s) URL, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FeedUrl(url::Url);

impl FeedUrl {
    pub fn parse(text: &str) -> Result<FeedUrl, UrlError> {
        let text = text.trim();
        let url = url::Url::parse(text).map_err(|e| UrlError::Malformed(e.to_string()))?;
        FeedUrl::from_url(url)
    }

    fn from_url(url: url::Url) -> Result<FeedUrl, UrlError> {
        match url.scheme() {
            "http" | "https" => {}
            "file" => return Err(UrlError::File),
            other => return Err(UrlError::Scheme(other.to_string())),
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(UrlError::NoHost);
        }
        Ok(FeedUrl(url))
    }

    /// `href` read against this URL (an item's relative link against its feed's address).
    pub fn join(&self, href: &str) -> Result<FeedUrl, UrlError> {
        let url = self
            .0
            .join(href.trim())
            .map_err(|e| UrlError::Malformed(e.to_string()))?;
        FeedUrl::from_url(url)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// `host:port`: the unit of politeness (one request at a time to each).
    pub fn host_key(&self) -> String {
        format!(
            "{}:{}",
            self.0.host_str().unwrap_or(""),
            self.0.port_or_known_default().unwrap_or(0)
        )
    }

    /// A name under the special-use domain `invalid` (RFC 6761 §6.4), which resolvers must
    /// answer "no such host" without asking anyone: duet answers it itself, so such a name
    /// never leaves the machine.
    pub fn is_reserved_invalid(&self) -> bool {
        let host = self.0.host_str().unwrap_or("").trim_end_matches('.');
        host.eq_ignore_ascii_case("invalid") || host.to_ascii_lowercase().ends_with(".invalid")
    }

    /// This machine itself (`localhost`, 127.0.0.0/8, `::1`).
    pub fn is_loopback(&self) -> bool {
        match self.0.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => {
                let d = d.trim_end_matches('.').to_ascii_lowercase();
                d == "localhost" || d.ends_with(".localhost")
            }
            None => false,
        }
    }

    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or("")
    }

    /// The last segment of the path, for a name to process a page under (`view.html`).
    pub fn file_name(&self) -> Option<&str> {
        self.0
            .path_segments()
            .and_then(|mut s| s.next_back())
            .filter(|s| !s.is_empty())
    }
}

impl fmt::Display for FeedUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https() {
        assert!(FeedUrl::parse("https://www.yna.co.kr/rss/news.xml").is_ok());
        assert_eq!(FeedUrl::parse("file:///etc/passwd"), Err(UrlError::File));
        assert_eq!(
            FeedUrl::parse("ftp://example.com/feed"),
            Err(UrlError::Scheme("ftp".into()))
        );
        assert!(matches!(
            FeedUrl::parse("yna.co.kr/rss"),
            Err(UrlError::Malformed(_))
        ));
        let feed = FeedUrl::parse("http://127.0.0.1:8080/rss/ko.xml").unwrap();
        assert_eq!(
            feed.join("/view/1.html").unwrap().as_str(),
            "http://127.0.0.1:8080/view/1.html"
        );
        assert_eq!(feed.host_key(), "127.0.0.1:8080");
        assert!(feed.is_loopback());
        assert!(
            !FeedUrl::parse("https://en.yna.co.kr/RSS/news.xml")
                .unwrap()
                .is_loopback()
        );
        assert!(
            FeedUrl::parse("http://nowhere.invalid/x")
                .unwrap()
                .is_reserved_invalid()
        );
        assert_eq!(feed.join("file:///x"), Err(UrlError::File));
    }
}
