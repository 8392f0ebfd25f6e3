use std::path::PathBuf;
use std::process::ExitCode;

use super::render::library_paths;

/// `duet [PATH…]`: the reader on a real terminal.
pub fn run(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
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
    duet::tui::runner::run(paths)?;
    Ok(ExitCode::SUCCESS)
}
