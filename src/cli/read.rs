use std::path::PathBuf;
use std::process::ExitCode;

use super::render::library_paths;

/// `duet [PATH…]`: the reader on a real terminal.
pub fn run(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let paths = library_paths(paths)?;
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        anyhow::bail!("the reader needs a terminal (try `duet render` for a text screenshot)");
    }
    duet::tui::runner::run(paths)?;
    Ok(ExitCode::SUCCESS)
}
