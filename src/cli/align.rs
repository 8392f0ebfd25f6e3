use std::process::ExitCode;

use crate::AlignArgs;

pub fn run(_args: &AlignArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("align: not implemented yet")
}
