//! Writes a benchmark corpus for `duet find --stdin`: `--lines N` lines (default 1,000,000) of
//! real Korean and English news sentences from the bundled articles and `../shared/eval`, each
//! line one sentence or, one time in five, two (a short paragraph). Deterministic.
//!
//! `cargo run --release --example gen_corpus -- --lines 1000000 /tmp/corpus.txt [--eval DIR]`

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::io::Write;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut lines = 1_000_000usize;
    let mut out: Option<PathBuf> = None;
    let mut eval: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lines" => {
                let v = args.next().unwrap_or_default();
                lines = v
                    .replace('_', "")
                    .parse()
                    .map_err(|_| anyhow::anyhow!("--lines {v:?}: expected a number"))?;
            }
            "--eval" => eval = args.next().map(PathBuf::from),
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let out =
        out.ok_or_else(|| anyhow::anyhow!("usage: gen_corpus [--lines N] [--eval DIR] FILE"))?;
    let pool = corpus::sentences(eval.as_deref());
    if pool.len() < 100 {
        anyhow::bail!(
            "only {} sentences found: is ../shared/eval there? (--eval DIR)",
            pool.len()
        );
    }
    let mut rng = corpus::Rng(0x9E37_79B9_7F4A_7C15);
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
    let mut bytes = 0usize;
    for _ in 0..lines {
        let mut line = pool[rng.below(pool.len())].clone();
        if rng.below(5) == 0 {
            line.push(' ');
            line.push_str(&pool[rng.below(pool.len())]);
        }
        bytes += line.len() + 1;
        writeln!(w, "{line}")?;
    }
    w.flush()?;
    eprintln!(
        "{}: {lines} lines, {:.1} MB, from {} distinct sentences",
        out.display(),
        bytes as f64 / 1e6,
        pool.len()
    );
    Ok(())
}
