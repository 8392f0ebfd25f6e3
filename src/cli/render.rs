use std::process::ExitCode;

use crate::RenderArgs;

pub fn run(_args: &RenderArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("render: not implemented yet")
}
