//! The `[feeds]` table of `config.toml`:
//!
//! ```toml
//! [feeds]
//! refresh_on_start = false   # refresh in the background when the reader opens
//! timeout = 30               # seconds one request may take, body included
//! parallel = 8               # requests at once (never more than one per host)
//! interval = 0               # minutes between refreshes of a feed (0: every refresh)
//! max_new_per_feed = 200     # pages fetched per feed and refresh (the rest wait)
//! [feeds.intervals]          # per feed, by URL: minutes
//! "https://www.yna.co.kr/rss/news.xml" = 10
//! ```

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub refresh_on_start: bool,
    /// Seconds.
    pub timeout: u64,
    pub parallel: usize,
    /// Minutes.
    pub interval: u64,
    pub max_new_per_feed: usize,
    /// Feed URL → minutes.
    pub intervals: BTreeMap<String, u64>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            refresh_on_start: false,
            timeout: super::http::DEFAULT_TIMEOUT.as_secs(),
            parallel: 8,
            interval: 0,
            max_new_per_feed: 200,
            intervals: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// The `[feeds]` table of a whole `config.toml` (defaults when it has none). Errors are
    /// one line.
    pub fn from_config(text: &str) -> Result<Settings, String> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| e.message().replace('\n', " ").to_string())?;
        match table.get("feeds") {
            None => Ok(Settings::default()),
            Some(v) => v
                .clone()
                .try_into::<Settings>()
                .map_err(|e| format!("[feeds]: {}", e.message().replace('\n', " ")))
                .and_then(Settings::checked),
        }
    }

    fn checked(self) -> Result<Settings, String> {
        if self.timeout == 0 || self.timeout > 3600 {
            return Err("[feeds] timeout: expected 1 to 3600 seconds".into());
        }
        if self.parallel == 0 || self.parallel > 64 {
            return Err("[feeds] parallel: expected 1 to 64".into());
        }
        Ok(self)
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout)
    }

    /// How long after its last refresh a feed is due again.
    pub fn interval_of(&self, url: &str) -> Duration {
        Duration::from_secs(60 * self.intervals.get(url).copied().unwrap_or(self.interval))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feeds_table() {
        assert_eq!(Settings::from_config("").unwrap(), Settings::default());
        let s = Settings::from_config(
            "layout = \"stacked\"\n[feeds]\ntimeout = 5\nrefresh_on_start = true\n\
             [feeds.intervals]\n\"http://a.test/rss\" = 10\n",
        )
        .unwrap();
        assert_eq!(s.timeout(), Duration::from_secs(5));
        assert!(s.refresh_on_start);
        assert_eq!(s.interval_of("http://a.test/rss"), Duration::from_secs(600));
        assert_eq!(s.interval_of("http://b.test/rss"), Duration::ZERO);
        assert!(Settings::from_config("[feeds]\nparallel = 0\n").is_err());
        assert!(Settings::from_config("[feeds]\ntimout = 5\n").is_err());
    }
}
