//! `duet remove ID…`: take articles out of the library (their stored copies, positions and
//! bookmarks; never the files they were imported from). Unknown ids: one line each, exit 2,
//! and the known ones are still removed.

use std::process::ExitCode;

use crate::RemoveArgs;

pub fn run(args: &RemoveArgs) -> anyhow::Result<ExitCode> {
    let lib = super::library::open_for_writing()?;
    let mut known = Vec::new();
    let mut failed = false;
    for &id in &args.ids {
        match lib.entry(id) {
            Ok(_) => {
                if !known.contains(&id) {
                    known.push(id);
                }
            }
            Err(e) => {
                eprintln!("duet: {e}");
                failed = true;
            }
        }
    }
    let bookmarks = lib.remove(&known)?;
    let n = known.len();
    let mut line = format!("removed {n} article{}", if n == 1 { "" } else { "s" });
    if bookmarks > 0 {
        line.push_str(&format!(
            " and {bookmarks} bookmark{}",
            if bookmarks == 1 { "" } else { "s" }
        ));
    }
    println!("{line}");
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
