//! How each step of the library grows with its size, through the real `duet` binary: the cold
//! import, `duet list`, the first frame (`duet render --library`), `duet pairs --library` on an
//! unchanged library, the full pairing pass, the import of 100 more articles (processed and
//! re-paired), and the finder (its corpus read from the library, then every keystroke of the
//! benchmark queries). At 1,000 and 10,000 articles by default, 100,000 too with `SCALE_100K=1`;
//! a table at the end gives each figure per size and the growth factor (the time at 10× the
//! articles over the time at 1×: 10 grows with the library, 1 does not).
//!
//! ```sh
//! cargo build --release --example gen_library      # once: makes the libraries' articles
//! DUET_EVAL=../shared/eval cargo bench --bench library_scale                # 1k and 10k
//! DUET_SCALE_DIR=/tmp/scale-x SCALE_100K=1 cargo bench --bench library_scale # and 100k
//! ```
//!
//! Folders, in `$DUET_SCALE_DIR` (default `target/scale`): `gen1k`, `gen10k`, `gen100k` are
//! `gen_library --articles N --seed 1` (taken from `$DUET_SCALE_GEN/genN` when that exists,
//! else generated once with the example's release binary; text from `$DUET_EVAL`), `gen-more` is
//! `gen_library --articles 100 --seed 2 --editions 20`; `lib1k`… are the libraries, imported
//! cold on every run (`SCALE_KEEP=1` keeps one made before and skips its import), `scratch/` a
//! copy of one for the 100 more. Peak memory is GNU time's (`/usr/bin/time`; "–" without it).
//! Not run by `cargo test` (benches are built by `--all-targets` only, and run by `cargo bench`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use criterion::Criterion;
use duet::library::{Home, Library};
use duet::search::stored::Stored;
use duet::search::{Corpus, Memory, Source};

/// Set in the child that measures the finder (its own process, for its peak memory).
const FINDER_CHILD: &str = "SCALE_FINDER_HOME";
const MORE: usize = 100;

fn main() {
    if let Some(home) = std::env::var_os(FINDER_CHILD) {
        finder_child(Path::new(&home));
        return;
    }
    // `cargo test --benches` runs bench binaries without `--bench`: nothing heavy then.
    if !std::env::args().any(|a| a == "--bench") {
        println!("library_scale: run it with `cargo bench --bench library_scale`");
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    scale(&mut criterion);
    criterion.final_summary();
}

fn dir() -> PathBuf {
    std::env::var_os("DUET_SCALE_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale"),
        PathBuf::from,
    )
}

fn sizes() -> Vec<usize> {
    let mut s = vec![1_000, 10_000];
    if std::env::var_os("SCALE_100K").is_some() {
        s.push(100_000);
    }
    s
}

/// `1k`, `10k`, `100k`: the folders' names.
fn label(n: usize) -> String {
    if n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

/// A finished run of a command: its wall time, peak memory and output.
struct Run {
    took: Duration,
    peak_mb: Option<f64>,
    stdout: String,
}

const GNU_TIME: &str = "/usr/bin/time";

/// Run `program args…` in `home` (`DUET_HOME`) to the end (a failure stops the bench, saying
/// why), its peak memory through GNU time: the child's own (`wait4` on a child of this
/// process would count this process's memory too, `posix_spawn` sharing it until `exec`).
fn run(program: &Path, home: &Path, args: &[&str]) -> Run {
    let out_dir = dir().join("scratch");
    std::fs::create_dir_all(&out_dir).expect("scratch folder");
    let (out, err, mem) = (
        out_dir.join("stdout"),
        out_dir.join("stderr"),
        out_dir.join("peak"),
    );
    let _ = std::fs::remove_file(&mem);
    let timed = Path::new(GNU_TIME).exists();
    let mut c = if timed {
        let mut c = Command::new(GNU_TIME);
        c.arg("-f").arg("%M").arg("-o").arg(&mem).arg(program);
        c
    } else {
        Command::new(program)
    };
    c.args(args)
        .env("DUET_HOME", home)
        .env("DUET_CONFIG", "/nonexistent/duet-bench-config.toml")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).expect("stdout file"))
        .stderr(std::fs::File::create(&err).expect("stderr file"));
    let t = Instant::now();
    let status = c.status().expect("run the command");
    let took = t.elapsed();
    let stdout = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        status.success(),
        "{} {args:?}: {}",
        program.display(),
        std::fs::read_to_string(&err).unwrap_or_default()
    );
    let peak_mb = std::fs::read_to_string(&mem)
        .ok()
        .and_then(|s| s.lines().last()?.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    Run {
        took,
        peak_mb,
        stdout,
    }
}

fn duet(home: &Path, args: &[&str]) -> Run {
    run(Path::new(env!("CARGO_BIN_EXE_duet")), home, args)
}

/// `runs` runs of `duet args…`: the median time, the largest peak, the last output.
fn median_of(runs: usize, home: &Path, args: &[&str], before_each: impl Fn()) -> Run {
    let mut all: Vec<Run> = (0..runs)
        .map(|_| {
            before_each();
            duet(home, args)
        })
        .collect();
    let peak_mb = all.iter().filter_map(|r| r.peak_mb).reduce(f64::max);
    let mut times: Vec<Duration> = all.iter().map(|r| r.took).collect();
    times.sort();
    let last = all.pop().expect("one run at least");
    Run {
        took: times[times.len() / 2],
        peak_mb,
        stdout: last.stdout,
    }
}

/// The generated folder of `n` articles of `seed` (`editions`: percent of stories as two files),
/// made once.
fn generated(name: &str, n: usize, seed: u64, editions: u32) -> PathBuf {
    if let Some(given) = std::env::var_os("DUET_SCALE_GEN").map(|g| Path::new(&g).join(name))
        && given.is_dir()
    {
        return given;
    }
    let to = dir().join(name);
    if std::fs::read_dir(&to).is_ok_and(|mut d| d.next().is_some()) {
        return to;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    let generator = target.join("release/examples/gen_library");
    // `cargo run` here would wait for ever on the lock `cargo bench` holds while it runs us.
    assert!(
        generator.exists(),
        "{} is missing: `cargo build --release --example gen_library` first \
         (or point DUET_SCALE_GEN to a folder with {name})",
        generator.display()
    );
    let mut c = Command::new(&generator);
    c.args(["--articles", &n.to_string(), "--seed", &seed.to_string()])
        .args(["--editions", &editions.to_string()]);
    if let Some(eval) = std::env::var_os("DUET_EVAL") {
        c.arg("--eval").arg(eval);
    }
    let status = c.arg(&to).status().expect("run gen_library");
    assert!(status.success(), "gen_library --articles {n}");
    to
}

/// The library of `n` articles imported cold (`None` when kept from before, `SCALE_KEEP`).
fn library(n: usize) -> (PathBuf, Option<(Run, usize)>) {
    let lib = dir().join(format!("lib{}", label(n)));
    if std::env::var_os("SCALE_KEEP").is_some() && lib.join("library.db").exists() {
        return (lib, None);
    }
    let from = generated(&format!("gen{}", label(n)), n, 1, 0);
    let _ = std::fs::remove_dir_all(&lib);
    let import = duet(&lib, &["import", &from.to_string_lossy()]);
    let added = imported(&import.stdout).unwrap_or(n);
    (lib, Some((import, added)))
}

/// The articles an import's summary line says it added.
fn imported(summary: &str) -> Option<usize> {
    let rest = summary.split("imported ").nth(1)?;
    rest.split_whitespace().next()?.parse().ok()
}

/// The pairing's own time a summary line reports (`paired in 0.42 s`), when it does.
fn paired_in(summary: &str) -> Option<Duration> {
    let rest = summary.split("paired in ").nth(1)?;
    let secs: f64 = rest.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_secs_f64(secs))
}

/// A copy of a library to add to: its database copied, its stored articles hard-linked (the
/// import writes new files beside them, never into the original).
fn scratch_copy(lib: &Path) -> PathBuf {
    let home = dir().join("scratch").join("more");
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).expect("scratch folder");
    for f in ["library.db", "library.db-wal"] {
        if lib.join(f).exists() {
            std::fs::copy(lib.join(f), home.join(f)).expect("copy the database");
        }
    }
    link_tree(&lib.join("articles"), &home.join("articles"));
    home
}

fn link_tree(from: &Path, to: &Path) {
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    std::fs::create_dir_all(to).expect("scratch articles");
    for e in entries.flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            link_tree(&src, &dst);
        } else {
            std::fs::hard_link(&src, &dst)
                .or_else(|_| std::fs::copy(&src, &dst).map(|_| ()))
                .expect("link an article");
        }
    }
}

/// Whether this binary pairs the whole library again on request (`duet pairs --library
/// --again`); without it the full pass is forced by dropping the stored pairs.
fn has_again() -> bool {
    Command::new(env!("CARGO_BIN_EXE_duet"))
        .args(["pairs", "--help"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("--again"))
}

/// The full pairing pass: every article's candidates queried again (the remembered verdicts
/// still count, as after a pipeline change that kept the evidence).
fn full_pass(lib: &Path, runs: usize) -> Run {
    if has_again() {
        return median_of(runs, lib, &["pairs", "--library", "--again"], || {});
    }
    median_of(runs, lib, &["pairs", "--library"], || {
        let db = rusqlite::Connection::open(lib.join("library.db")).expect("open library.db");
        db.execute("DELETE FROM pairs_found", [])
            .expect("drop the stored pairs");
    })
}

/// What the finder child reports.
struct Finder {
    built: Duration,
    p50: Duration,
    p99: Duration,
    keys: usize,
    peak_mb: Option<f64>,
}

/// The finder measured in a child process (this bench binary again, `FINDER_CHILD` set).
fn finder(lib: &Path) -> Finder {
    let me = std::env::current_exe().expect("the bench's own path");
    let mut c = Command::new(if Path::new(GNU_TIME).exists() {
        GNU_TIME
    } else {
        "env"
    });
    let mem = dir().join("scratch/finder-peak");
    let _ = std::fs::remove_file(&mem);
    if Path::new(GNU_TIME).exists() {
        c.arg("-f").arg("%M").arg("-o").arg(&mem);
    }
    let out = c
        .arg(me)
        .env(FINDER_CHILD, lib)
        .stdin(Stdio::null())
        .output()
        .expect("run the finder's child");
    assert!(
        out.status.success(),
        "finder: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout);
    let f: Vec<f64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(f.len() == 4, "finder child said {line:?}");
    Finder {
        built: Duration::from_secs_f64(f[0]),
        p50: Duration::from_secs_f64(f[1]),
        p99: Duration::from_secs_f64(f[2]),
        keys: f[3] as usize,
        peak_mb: std::fs::read_to_string(&mem)
            .ok()
            .and_then(|s| s.lines().last()?.trim().parse::<f64>().ok())
            .map(|kb| kb / 1024.0),
    }
}

/// The finder's corpus of the whole library, read as the reader's finder reads it (its
/// `FinderLibrary` job: every article from its cache, entities joined from the cached ones).
fn library_corpus(lib: &Library) -> Arc<Corpus> {
    let ids: Vec<_> = (lib.entries().expect("the library's entries").iter())
        .map(|e| e.id)
        .collect();
    Stored::default()
        .with(lib, &ids, true, &|| false)
        .expect("read the corpus")
        .expect("not cancelled")
        .corpus
}

fn queries() -> Vec<String> {
    let eval = std::env::var_os("DUET_EVAL").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
        PathBuf::from,
    );
    let text = std::fs::read_to_string(eval.join("finder/queries.txt"))
        .unwrap_or_else(|_| "president\nprime minister\ne\n대통령\n설리ㅂ\nㅅㄹㅂ\n".into());
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// In the child: the corpus built, then every query typed a character at a time (three
/// times), each keystroke searched as the reader's finder does (its limit, its memory of the
/// previous keystroke). Prints `built p50 p99 keystrokes` (seconds).
fn finder_child(home: &Path) {
    let t = Instant::now();
    let (lib, _) = Library::open(Home::at(home)).expect("open the library");
    let corpus = library_corpus(&lib);
    let built = t.elapsed();
    let never = AtomicBool::new(false);
    let mut times = Vec::new();
    for q in queries() {
        for _ in 0..3 {
            let mut memory = Memory::default();
            let chars: Vec<char> = q.chars().collect();
            for k in 1..=chars.len() {
                let prefix: String = chars[..k].iter().collect();
                let t = Instant::now();
                let found = corpus.search(
                    Source::Text,
                    &prefix,
                    duet::tui::state::finder::LIMIT,
                    &mut memory,
                    &never,
                );
                times.push(t.elapsed());
                std::hint::black_box(found.ok());
            }
        }
    }
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64();
    println!(
        "{} {} {} {}",
        built.as_secs_f64(),
        at(0.5),
        at(0.99),
        times.len()
    );
}

/// One row of the table: a cell per size and the seconds its growth factor is of.
struct Row {
    step: &'static str,
    cells: Vec<String>,
    seconds: Vec<Option<f64>>,
}

impl Row {
    fn push(&mut self, took: Option<Duration>, text: String) {
        self.seconds.push(took.map(|d| d.as_secs_f64()));
        self.cells.push(text);
    }

    fn timed(&mut self, took: Duration, peak_mb: Option<f64>) {
        let text = match peak_mb {
            Some(mb) => format!("{}, {mb:.0} MB", secs(took)),
            None => secs(took),
        };
        self.push(Some(took), text);
    }
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 0.01 {
        format!("{:.2} ms", s * 1e3)
    } else if s < 1.0 {
        format!("{:.0} ms", s * 1e3)
    } else {
        format!("{s:.1} s")
    }
}

fn table(sizes: &[usize], rows: &[Row]) -> String {
    let mut t = String::new();
    let head: Vec<String> = sizes.iter().map(|&n| format!("{n} articles")).collect();
    let growth: Vec<String> = sizes
        .windows(2)
        .map(|w| format!("×{} → {}", label(w[0]), label(w[1])))
        .collect();
    let _ = writeln!(
        t,
        "| step | {} | {} |",
        head.join(" | "),
        growth.join(" | ")
    );
    let _ = writeln!(t, "|---|{}", "---:|".repeat(sizes.len() + growth.len()));
    for r in rows {
        let factors: Vec<String> = r
            .seconds
            .windows(2)
            .map(|w| match (w[0], w[1]) {
                (Some(a), Some(b)) if a > 0.0 => format!("{:.1}", b / a),
                _ => "–".into(),
            })
            .collect();
        let _ = writeln!(
            t,
            "| {} | {} | {} |",
            r.step,
            r.cells.join(" | "),
            factors.join(" | ")
        );
    }
    t
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn scale(c: &mut Criterion) {
    let sizes = sizes();
    let started = Instant::now();
    let more = generated("gen-more", MORE, 2, 20);
    let more = more.to_string_lossy();
    let mut rows: Vec<Row> = [
        "`duet import` (cold): time, articles a second, peak",
        "`duet list`",
        "first frame (`duet render --library`)",
        "`duet pairs --library`, unchanged library",
        "full pairing pass (`duet pairs --library`, all again)",
        "the same, pairing alone (as the command reports it)",
        "`duet import` of 100 more (processed and paired)",
        "the same, pairing alone",
        "finder: corpus read from the library, peak of the finder",
        "finder keystroke, median",
        "finder keystroke, p99",
    ]
    .into_iter()
    .map(|step| Row {
        step,
        cells: Vec::new(),
        seconds: Vec::new(),
    })
    .collect();
    let mut loads = Vec::new();
    let mut group = c.benchmark_group("library_scale");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for &n in &sizes {
        let heavy = if n >= 100_000 { 1 } else { 3 };
        let (lib, import) = library(n);
        match import {
            Some((run, added)) => {
                let rate = added as f64 / run.took.as_secs_f64();
                let peak = run
                    .peak_mb
                    .map_or(String::new(), |mb| format!(", {mb:.0} MB"));
                let text = format!("{} ({rate:.0}/s){peak}", secs(run.took));
                rows[0].push(Some(run.took), text);
            }
            None => rows[0].push(None, "kept".into()),
        }
        let list = median_of(5, &lib, &["list"], || {});
        rows[1].timed(list.took, list.peak_mb);
        let frame_args = ["render", "--library", "--size", "120x40"];
        let frame = median_of(5, &lib, &frame_args, || {});
        rows[2].timed(frame.took, frame.peak_mb);
        let unchanged = median_of(3, &lib, &["pairs", "--library"], || {});
        rows[3].timed(unchanged.took, unchanged.peak_mb);
        let full = full_pass(&lib, heavy);
        rows[4].timed(full.took, full.peak_mb);
        match paired_in(&full.stdout) {
            Some(d) => rows[5].push(Some(d), secs(d)),
            None => rows[5].push(None, "–".into()),
        }
        let copy = scratch_copy(&lib);
        let added = duet(&copy, &["import", &more]);
        rows[6].timed(added.took, added.peak_mb);
        match paired_in(&added.stdout) {
            Some(d) => rows[7].push(Some(d), secs(d)),
            None => rows[7].push(None, "–".into()),
        }
        let _ = std::fs::remove_dir_all(&copy);
        let f = finder(&lib);
        rows[8].timed(f.built, f.peak_mb);
        rows[9].timed(f.p50, None);
        rows[10].timed(f.p99, None);
        println!(
            "{n} articles done ({} keystrokes timed; load {})",
            f.keys,
            load()
        );
        loads.push(format!("{}: {}", label(n), load()));
        group.bench_function(format!("list/{}", label(n)), |b| {
            b.iter(|| duet(&lib, &["list"]))
        });
        group.bench_function(format!("first_frame/{}", label(n)), |b| {
            b.iter(|| duet(&lib, &frame_args))
        });
    }
    group.finish();
    println!(
        "\nTimes are medians of runs (5 light, 3 heavy, 1 heavy at 100k), wall clock; MB is the \
         peak resident memory. Growth: the time at one size over the time at the size before \
         (10 = grows as the library, 1 = independent of it)."
    );
    println!("\n{}", table(&sizes, &rows));
    println!(
        "load (1, 5, 15 min) after each size: {}; {} in all\n",
        loads.join("; "),
        secs(started.elapsed())
    );
}
