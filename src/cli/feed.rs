//! `duet feed add|list|remove|refresh|import|export`: the library's subscriptions. Problems
//! go to stderr one line each, naming the feed or page; the other feeds go on. `refresh`
//! exits 2 when a feed failed (its pages falling back on the feed's text is not a failure).

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use duet::feed::Settings;
use duet::library::feed_refresh::{FeedReport, FeedStatus, Options, Progress};
use duet::library::{Feed, Library};

use super::library::clean;
use super::progress::Progress as Bar;
use crate::{FeedArgs, FeedCommand, FeedLang};

pub fn run(args: &FeedArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        FeedCommand::Add { url, lang, name } => add(url, *lang, name.as_deref()),
        FeedCommand::List { json } => list(*json),
        FeedCommand::Remove { feeds } => remove(feeds),
        FeedCommand::Refresh {
            feeds,
            timeout,
            json,
        } => refresh(feeds, *timeout, *json),
        FeedCommand::Import { file } => import(file),
        FeedCommand::Export => export(),
    }
}

fn describe(f: &Feed) -> String {
    let mut s = format!("#{} {}", f.id, clean(&f.url));
    let name = f.name.as_deref().map(clean);
    match (name, f.lang.as_deref()) {
        (Some(n), Some(l)) => s.push_str(&format!(" ({n}, {l})")),
        (Some(n), None) => s.push_str(&format!(" ({n})")),
        (None, Some(l)) => s.push_str(&format!(" ({l})")),
        (None, None) => {}
    }
    s
}

fn add(url: &str, lang: Option<FeedLang>, name: Option<&str>) -> anyhow::Result<ExitCode> {
    let lib = super::library::open_for_writing()?;
    let lang = lang.map(|l| match l {
        FeedLang::Ko => "ko",
        FeedLang::En => "en",
    });
    let (feed, new) = lib.add_feed(url, lang, name)?;
    if new {
        println!("following {}", describe(&feed));
    } else {
        println!("already following {}", describe(&feed));
    }
    Ok(ExitCode::SUCCESS)
}

fn list(json: bool) -> anyhow::Result<ExitCode> {
    let lib = super::library::open()?;
    let feeds = lib.feeds()?;
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &feeds)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        feeds.iter().try_for_each(|f| {
            let when = f
                .last_refresh
                .map_or_else(|| "never".to_string(), duet::library::time::iso);
            let mut line = format!(
                "{:>4}  {:<2}  {:<20}  {:>4} new  {}  {}",
                f.id,
                f.lang.as_deref().unwrap_or("?"),
                when,
                f.new_items,
                clean(f.name.as_deref().unwrap_or("")),
                clean(&f.url)
            );
            if let Some(e) = &f.last_error {
                line.push_str(&format!("  [error: {}]", clean(e)));
            }
            writeln!(out, "{line}")
        })
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(ExitCode::SUCCESS)
}

fn remove(keys: &[String]) -> anyhow::Result<ExitCode> {
    let lib = super::library::open_for_writing()?;
    let mut failed = false;
    for key in keys {
        match lib
            .feed(key)
            .and_then(|f| lib.remove_feed(f.id).map(|()| f))
        {
            Ok(f) => println!(
                "stopped following {} (its {} article{} stay in the library)",
                describe(&f),
                f.articles,
                if f.articles == 1 { "" } else { "s" }
            ),
            Err(e) => {
                eprintln!("duet: {e}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The `[feeds]` settings of the user's `config.toml` (defaults, with a warning, when it is
/// unreadable).
fn settings() -> Settings {
    let Some(path) = duet::tui::keys::config::Config::path() else {
        return Settings::default();
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Settings::from_config(&text).unwrap_or_else(|e| {
            eprintln!(
                "duet: {}: {e} (using the default feed settings)",
                path.display()
            );
            Settings::default()
        }),
        Err(_) => Settings::default(),
    }
}

fn refresh(keys: &[String], timeout: Option<u64>, json: bool) -> anyhow::Result<ExitCode> {
    let lib = super::library::open_for_writing()?;
    let mut only = Vec::new();
    for key in keys {
        only.push(lib.feed(key)?.id);
    }
    let mut opts = Options {
        settings: settings(),
        only: (!keys.is_empty()).then_some(only),
    };
    if let Some(t) = timeout {
        opts.settings.timeout = t;
    }
    let mut bar = Bar::new("refreshing");
    let cancel = AtomicBool::new(false);
    let report = lib.refresh_feeds(
        &opts,
        &mut |p| {
            if let Progress::Pages { done, total } = p {
                bar.update(done, total);
            }
        },
        &cancel,
    )?;
    bar.finish();
    for r in &report.feeds {
        print_problems(r);
    }
    let added = report.added.len() + report.changed.len();
    let pairs = if added > 0 && report.stopped.is_none() {
        match duet::library::intake::pair(lib, true, || false) {
            Ok(found) => found.pairs().len(),
            Err(e) => {
                eprintln!("duet: pairing the library: {e}");
                0
            }
        }
    } else {
        0
    };
    let failed = report
        .feeds
        .iter()
        .filter(|r| r.status == FeedStatus::Failed)
        .count();
    if json {
        let value = serde_json::json!({
            "feeds": report.feeds,
            "added": report.added,
            "changed": report.changed,
            "pairs": pairs,
            "seconds": report.elapsed.as_secs_f64(),
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        println!(
            "{}",
            summary(&report.feeds, report.elapsed.as_secs_f64(), pairs)
        );
    }
    if let Some(e) = &report.stopped {
        eprintln!("duet: {e}; the refresh stopped (what was stored before is kept)");
    }
    Ok(if failed == 0 && report.stopped.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// One line per problem on stderr, naming the feed or the page.
fn print_problems(r: &FeedReport) {
    let feed = format!("feed #{} {}", r.id, clean(&r.url));
    if let Some(e) = &r.error {
        eprintln!("duet: {feed}: {}", clean(e));
    }
    for p in &r.pages_failed {
        eprintln!("duet: {feed}: page {}", clean(p));
    }
    if r.left > 0 {
        eprintln!(
            "duet: {feed}: {} more new item{} left for the next refresh",
            r.left,
            if r.left == 1 { "" } else { "s" }
        );
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(feeds: &[FeedReport], secs: f64, pairs: usize) -> String {
    let count = |s: FeedStatus| feeds.iter().filter(|r| r.status == s).count();
    let asked = feeds
        .iter()
        .filter(|r| !matches!(r.status, FeedStatus::NotDue | FeedStatus::Waiting))
        .count();
    let new: usize = feeds.iter().map(|r| r.new).sum();
    let changed: usize = feeds.iter().map(|r| r.changed).sum();
    let from_feed: usize = feeds.iter().map(|r| r.from_feed).sum();
    let mut s = format!(
        "refreshed {} in {secs:.1} s: {}",
        plural(asked, "feed", "feeds"),
        plural(new, "new article", "new articles")
    );
    if from_feed > 0 {
        s.push_str(&format!(
            " ({} kept from the feed's own text)",
            plural(from_feed, "story", "stories")
        ));
    }
    if changed > 0 {
        s.push_str(&format!(", {changed} changed"));
    }
    let unchanged = count(FeedStatus::NotModified);
    if unchanged > 0 {
        s.push_str(&format!(
            "; {} unchanged",
            plural(unchanged, "feed", "feeds")
        ));
    }
    let waiting = count(FeedStatus::Waiting);
    if waiting > 0 {
        s.push_str(&format!(
            "; {} waiting (429)",
            plural(waiting, "feed", "feeds")
        ));
    }
    let failed = count(FeedStatus::Failed);
    if failed > 0 {
        s.push_str(&format!("; {} failed", plural(failed, "feed", "feeds")));
    }
    if pairs > 0 {
        s.push_str(&format!(
            "; {} in the library",
            plural(pairs, "Korean–English pair", "Korean–English pairs")
        ));
    }
    s
}

fn import(file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let text = duet::ingest::decode::decode(&bytes)
        .ok_or_else(|| anyhow::anyhow!("{}: not text in any supported encoding", file.display()))?
        .text;
    let lib = super::library::open_for_writing()?;
    let report = lib
        .import_feeds(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    for line in &report.skipped {
        eprintln!("duet: {}: {}", file.display(), clean(line));
    }
    let mut s = format!(
        "following {}",
        plural(report.added.len(), "new feed", "new feeds")
    );
    if !report.known.is_empty() {
        s.push_str(&format!(" ({} already followed)", report.known.len()));
    }
    if !report.skipped.is_empty() {
        s.push_str(&format!("; {} skipped", report.skipped.len()));
    }
    println!("{s}");
    Ok(
        if report.added.is_empty() && report.known.is_empty() && !report.skipped.is_empty() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        },
    )
}

fn export() -> anyhow::Result<ExitCode> {
    let lib: Library = super::library::open()?;
    let opml = lib.export_feeds()?;
    let out = std::io::stdout();
    let mut out = out.lock();
    match out.write_all(opml.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(ExitCode::SUCCESS)
}
