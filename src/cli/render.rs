use std::path::{Path, PathBuf};
use std::process::ExitCode;

use duet::tui::keys::config::Config;

use crate::RenderArgs;

/// `duet render --size WxH [--keys KEYS] [PATH…]`: the reader headlessly, printed as text.
pub fn run(args: &RenderArgs) -> anyhow::Result<ExitCode> {
    let (w, h) = parse_size(&args.size)?;
    let (config, config_error) = Config::load();
    if let Some(e) = config_error {
        eprintln!("duet: {e}");
    }
    if args.library {
        let lib = super::library::open()?;
        let keys = duet::tui::run::headless::parse_keys(&args.keys)
            .map_err(|e| anyhow::anyhow!("--keys: {e}"))?;
        let mut app = duet::tui::run::headless::app_with_library(&lib, w, h, config, true)?;
        duet::tui::run::headless::press(&mut app, &keys);
        print!(
            "{}",
            duet::tui::view::dump(&duet::tui::run::headless::draw(&app))
        );
        return Ok(ExitCode::SUCCESS);
    }
    let paths = library_paths(&args.paths)?;
    let screen = duet::tui::run::headless::render(&paths, w, h, &args.keys, config)
        .map_err(|e| anyhow::anyhow!("--keys: {e}"))?;
    print!("{screen}");
    Ok(ExitCode::SUCCESS)
}

fn parse_size(s: &str) -> anyhow::Result<(u16, u16)> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| anyhow::anyhow!("--size {s:?}: expected WIDTHxHEIGHT, e.g. 160x45"))?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u16>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| anyhow::anyhow!("--size {s:?}: expected WIDTHxHEIGHT, each 1 to 1000"))
    };
    Ok((parse(w)?, parse(h)?))
}

/// The paths given (each must exist, or be `-` for standard input), or the bundled articles
/// when none are.
pub fn library_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        let stdin = |p: &PathBuf| p.as_os_str() == duet::ingest::STDIN;
        if let Some(p) = paths.iter().find(|p| !stdin(p) && !p.exists()) {
            anyhow::bail!("{}: no such file or folder", duet::error::shown(p));
        }
        return Ok(paths.to_vec());
    }
    bundled_articles().map(|p| vec![p])
}

/// `assets/articles`, looked for beside the executable (an installed copy), above it (a cargo
/// `target/` build), then in the source tree the binary was built from.
fn bundled_articles() -> anyhow::Result<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(p) = std::env::var_os("DUET_ARTICLES") {
        candidates.push(PathBuf::from(p));
    }
    if let Ok(exe) = std::env::current_exe() {
        for dir in exe.ancestors().skip(1).take(4) {
            candidates.push(dir.join("assets/articles"));
        }
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles"));
    candidates
        .iter()
        .find(|p| p.is_dir())
        .cloned()
        .ok_or_else(|| {
            anyhow::anyhow!(
                "the bundled articles were not found (looked in {}); pass a file or folder, or set DUET_ARTICLES",
                candidates.iter().map(|p| duet::error::shown(p)).collect::<Vec<_>>().join(", ")
            )
        })
}
