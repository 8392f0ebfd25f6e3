use std::path::PathBuf;
use std::process::ExitCode;

use super::render::library_paths;

/// `duet [PATH…]`: the reader on a real terminal.
pub fn run(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    if paths.is_empty() {
        // The library when it has articles, else the bundled samples.
        let (start, notices) = duet::library::startup();
        if let duet::library::Startup::Library(lib, notices) = start {
            if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                anyhow::bail!(
                    "the reader needs a terminal (try `duet render --library` for a text screenshot)"
                );
            }
            duet::tui::run::runner::run_on(duet::tui::run::runner::Articles::Library(
                *lib, notices,
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
        for n in notices {
            eprintln!("duet: {n}");
        }
    }
    let paths = library_paths(paths)?;
    // `-` reads the article from a pipe; the reader's keys then come from the terminal itself
    // (crossterm opens /dev/tty when standard input is not one).
    if paths.iter().any(|p| p.as_os_str() == duet::ingest::STDIN)
        && std::io::IsTerminal::is_terminal(&std::io::stdin())
    {
        anyhow::bail!("-: standard input is the terminal; pipe an article in (`curl … | duet -`)");
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        anyhow::bail!("the reader needs a terminal (try `duet render` for a text screenshot)");
    }
    duet::tui::run::runner::run(paths)?;
    Ok(ExitCode::SUCCESS)
}
