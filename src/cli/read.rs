use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(_paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the reader is not implemented yet")
}
