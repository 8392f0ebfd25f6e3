//! `duet import PATH…`: copy articles into the library. A progress bar on a terminal; then one
//! summary line on stdout. Duplicates and bad files are reported on stderr, one line each
//! (duplicates after the first ten are counted, not listed); exit 2 if a file failed.

use std::process::ExitCode;

use crate::ImportArgs;

use super::progress::Progress;

/// Duplicates listed by name before the rest are only counted.
const LISTED_DUPLICATES: usize = 10;

pub fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    if let Some(p) = args.paths.iter().find(|p| !p.exists()) {
        anyhow::bail!("{}: no such file or folder", p.display());
    }
    let started = std::time::Instant::now();
    let lib = super::library::open_for_writing()?;
    let mut bar = Progress::new("importing");
    let imported = lib.import_then_pair(&args.paths, &mut |done, total| bar.update(done, total))?;
    bar.finish();
    let report = &imported.report;
    for line in &report.warnings {
        eprintln!("duet: {line}");
    }
    for line in &report.failed {
        eprintln!("duet: {line}");
    }
    for (path, id) in report.duplicates.iter().take(LISTED_DUPLICATES) {
        eprintln!(
            "duet: {}: already in the library as #{id}, skipped",
            path.display()
        );
    }
    if report.duplicates.len() > LISTED_DUPLICATES {
        eprintln!(
            "duet: … and {} more duplicates, skipped",
            report.duplicates.len() - LISTED_DUPLICATES
        );
    }
    if let Some(e) = &imported.pairing_failed {
        eprintln!("duet: pairing the library: {e}");
    }
    let added = report.added.len();
    let pairs = imported.pairs;
    let secs = started.elapsed().as_secs_f64();
    let mut summary = format!(
        "imported {added} article{} in {secs:.1} s",
        if added == 1 { "" } else { "s" }
    );
    if secs > 0.0 && added > 0 {
        summary.push_str(&format!(" ({:.0} a second)", added as f64 / secs));
    }
    if !report.duplicates.is_empty() {
        summary.push_str(&format!(
            "; {} duplicate{} skipped",
            report.duplicates.len(),
            if report.duplicates.len() == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    if pairs > 0 {
        summary.push_str(&format!(
            "; {pairs} Korean–English pair{} in the library",
            if pairs == 1 { "" } else { "s" }
        ));
    }
    if !report.failed.is_empty() {
        summary.push_str(&format!("; {} failed", report.failed.len()));
    }
    if let Some((took, asked)) = imported.pairing {
        // (apart from the processing, which the rate above includes)
        summary.push_str(&format!(
            "; paired in {:.2} s ({asked} articles asked)",
            took.as_secs_f64()
        ));
    }
    println!("{summary}");
    if let Some(e) = &report.stopped {
        if added == 0 {
            eprintln!("duet: {e}; nothing was imported");
        } else {
            eprintln!(
                "duet: {e}; the import stopped (the {added} articles imported before are kept)"
            );
        }
    }
    Ok(if report.failed.is_empty() && report.stopped.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
