//! Feeds: the stage that brings stories in from outlets' RSS, Atom and JSON feeds. Terminal-
//! and database-free: the library (`library::feeds`, `library::feed_refresh`) keeps the
//! subscriptions and stores what this stage fetched as articles.
//!
//! One file per job: [`url`] (only http(s) is followed), [`http`] (one GET with every limit:
//! timeouts, redirects, size caps, decompression, conditional requests), [`pool`] (worker
//! threads, one request at a time per host), [`parse`] (bytes → items, via `feed-rs`),
//! [`document`] (the feed's own text as a page, when the real page fails), [`opml`]
//! (subscription lists in and out), [`settings`] (the `[feeds]` table of `config.toml`).

pub mod date;
pub mod document;
pub mod http;
pub mod opml;
pub mod parse;
pub mod pool;
pub mod settings;
pub mod url;

pub use http::{Client, FetchError, Fetched, Validators};
pub use parse::{Item, ParseError, ParsedFeed};
pub use settings::Settings;
pub use url::{FeedUrl, UrlError};
