//! The `duet` binary: command-line parsing and error reporting around the library.

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// A terminal reader for Korean and English news, side by side.
///
/// With no arguments, opens the library when it has articles (`duet import` adds them), the
/// bundled sample articles otherwise; with paths, opens those files and folders (recursively)
/// without importing them.
#[derive(Debug, Parser)]
#[command(name = "duet", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Article files or folders to open in the reader.
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean article files and print them.
    Parse(ParseArgs),
    /// Pair Korean sentences and paragraphs with their English translation.
    Align(AlignArgs),
    /// Find which files are translations of each other (a Korean article and its English edition).
    Pairs(PairsArgs),
    /// Search articles, entities and text like the finder; `--stdin` filters lines like
    /// `fzf --filter`. Exit 1 when nothing matches.
    Find(FindArgs),
    /// People, places and organisations in articles, linked across Korean and English.
    Entities(EntitiesArgs),
    /// Draw the reader headlessly after replaying keys and print the screen as text.
    Render(RenderArgs),
    /// Copy article files or folders into the library (duplicates are skipped).
    Import(ImportArgs),
    /// Print the library: id, date, language, read state, outlet, title.
    List(ListArgs),
    /// Remove articles from the library by id (never the files they were imported from).
    Remove(RemoveArgs),
    /// Export from the library: the bookmarks (TSV, TMX or JSON), or the words with a status
    /// (an Anki TSV).
    Export(ExportArgs),
    /// A Korean word's dictionary form and senses; with --pairs, every word of a file of
    /// sentence pairs with its lemma and aligned English words.
    Lookup(LookupArgs),
    /// Dictionaries in the library: `duet dict import FILE` (krdict LMF XML or JSON, kaikki.org
    /// Wiktionary JSONL).
    Dict(DictArgs),
    /// Follow outlets' feeds: each new story comes into the library as clean full text.
    Feed(FeedArgs),
}

#[derive(Debug, clap::Args)]
pub struct LookupArgs {
    /// The word to look up (not with --pairs).
    #[arg(required_unless_present = "pairs", conflicts_with = "pairs")]
    pub word: Option<String>,
    /// A UTF-8 file, one item a line: KOREAN<TAB>ENGLISH (a sentence pair) or KOREAN alone.
    #[arg(long)]
    pub pairs: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct DictArgs {
    #[command(subcommand)]
    pub command: DictCommand,
}

#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Import a dictionary file into the library (all of it, or nothing).
    Import {
        /// krdict LMF XML, krdict JSON, or kaikki.org JSONL.
        file: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct FeedArgs {
    #[command(subcommand)]
    pub command: FeedCommand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FeedLang {
    Ko,
    En,
}

#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Follow a feed (RSS, Atom or JSON Feed); no network needed.
    Add {
        /// The feed's http(s) URL.
        url: String,
        /// The language of its stories (default: what the feed declares, else detection).
        #[arg(long, value_enum)]
        lang: Option<FeedLang>,
        /// The outlet its articles are filed under (default: the feed's title).
        #[arg(long)]
        name: Option<String>,
    },
    /// The feeds followed: id, url, name, lang, last refresh, new items, last error.
    List {
        /// Print JSON (an array, one object per feed).
        #[arg(long)]
        json: bool,
    },
    /// Stop following feeds (their articles stay in the library).
    Remove {
        /// Feed ids or URLs, as `duet feed list` shows them.
        #[arg(required = true, value_name = "ID|URL")]
        feeds: Vec<String>,
    },
    /// Fetch the feeds, then each new item's page, cleaned, into the library.
    Refresh {
        /// Only these feeds (ids or URLs); default: every feed that is due.
        #[arg(value_name = "ID|URL")]
        feeds: Vec<String>,
        /// Seconds one request may take, body included (default 30, or `[feeds] timeout`).
        #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: Option<u64>,
        /// Print JSON: each feed's outcome, the articles added and changed.
        #[arg(long)]
        json: bool,
    },
    /// Follow the feeds of an OPML file (any reader's export) or a newsboat `urls` file.
    Import { file: PathBuf },
    /// Print the feeds followed as OPML.
    Export,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Files or folders to import.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Print JSON (an array, one object per article).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// Article ids, as `duet list` shows them.
    #[arg(required = true)]
    pub ids: Vec<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Tsv,
    Tmx,
    Json,
    /// Anki's TSV with file headers (with --words).
    Anki,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Export the bookmarks.
    #[arg(long, required_unless_present = "words", conflicts_with = "words")]
    pub bookmarks: bool,
    /// Export the words with a status (for Anki: `--format anki`).
    #[arg(long)]
    pub words: bool,
    /// With --words: only these statuses, `N` or `LO-HI` (0-5; `known`, `ignored`); default 0-5.
    #[arg(long, requires = "words")]
    pub status: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "tsv")]
    pub format: ExportFormat,
}

#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// Files or folders to parse.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print JSON (an array, one article per file).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    Json,
    Tsv,
    Tmx,
}

#[derive(Debug, clap::Args)]
pub struct AlignArgs {
    /// One bilingual article, or two articles (one per language, either order).
    #[arg(required = true, num_args = 1..=2)]
    pub files: Vec<PathBuf>,
    /// The two files hold pre-split sentences, one per line (Korean first); no cleaning.
    #[arg(long)]
    pub sentences: bool,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<AlignFormat>,
    /// Shorthand for `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindSource {
    Articles,
    Entities,
    Text,
}

#[derive(Debug, clap::Args)]
pub struct FindArgs {
    /// What to look for: words, Hangul, bare consonants (ㅅㄹㅂ) or romanized Korean.
    pub query: String,
    /// Article files or folders (default: the library when it has articles, else the bundled
    /// articles).
    pub paths: Vec<PathBuf>,
    /// Search the library (`DUET_HOME`): its articles as stored, each result with its id.
    #[arg(long, conflicts_with = "paths")]
    pub library: bool,
    /// Search only titles and metadata, entity names, or sentences (default: all three).
    #[arg(long, value_enum)]
    pub source: Option<FindSource>,
    /// At most this many results (default 20; all lines with --stdin).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print JSON: an array of {path, title, source, block, sentence, text, score}, and the
    /// article's `id` when the library is searched.
    #[arg(long)]
    pub json: bool,
    /// Filter the lines of standard input instead, best first (like `fzf --filter`).
    #[arg(long, conflicts_with_all = ["source", "json", "library"])]
    pub stdin: bool,
}

#[derive(Debug, clap::Args)]
pub struct PairsArgs {
    /// Article files or folders.
    #[arg(required_unless_present = "library")]
    pub paths: Vec<PathBuf>,
    /// Print JSON: an array of {"ko": PATH, "en": PATH, "score": NUMBER}, one per pair (with
    /// --library: article ids, and "by_hand").
    #[arg(long)]
    pub json: bool,
    /// Pair the articles of the library (`duet list` ids), with the pairs made or split by hand.
    #[arg(long, conflicts_with = "paths")]
    pub library: bool,
    /// With --library: find the pairs again from every article (a full pairing pass, as after
    /// a change of the pipeline; the verdicts remembered still count), not only what changed.
    #[arg(long, requires = "library")]
    pub again: bool,
}

#[derive(Debug, clap::Args)]
pub struct EntitiesArgs {
    /// Article files or folders (with --lines: one text file; with --link: KO.txt EN.txt).
    pub files: Vec<PathBuf>,
    /// Each line of the one file is a separate text; prints one JSON object a line.
    #[arg(long, conflicts_with = "link")]
    pub lines: bool,
    /// Link each Korean name of the first file (one a line) to a name of the second file.
    #[arg(long)]
    pub link: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Screen size, e.g. 160x45.
    #[arg(long, default_value = "80x24")]
    pub size: String,
    /// Keys to replay, separated by spaces: `j j Enter`, `<Tab> G`, `C-d`.
    #[arg(long, default_value = "")]
    pub keys: String,
    /// Article files or folders (default: the bundled articles).
    pub paths: Vec<PathBuf>,
    /// Draw the library on disk instead (`DUET_HOME`), as `duet` with no arguments opens it.
    #[arg(long, conflicts_with = "paths")]
    pub library: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse(args)) => cli::parse::run(&args),
        Some(Command::Align(args)) => cli::align::run(&args),
        Some(Command::Pairs(args)) => cli::pairs::run(&args),
        Some(Command::Entities(args)) => cli::entities::run(&args),
        Some(Command::Render(args)) => cli::render::run(&args),
        Some(Command::Find(args)) => cli::find::run(&args),
        Some(Command::Import(args)) => cli::import::run(&args),
        Some(Command::List(args)) => cli::list::run(&args),
        Some(Command::Remove(args)) => cli::remove::run(&args),
        Some(Command::Export(args)) => cli::export::run(&args),
        Some(Command::Lookup(args)) => cli::lookup::run(&args),
        Some(Command::Dict(args)) => cli::dict::run(&args),
        Some(Command::Feed(args)) => cli::feed::run(&args),
        None => cli::read::run(&cli.paths),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("duet: {err:#}");
            ExitCode::from(2)
        }
    }
}
