//! Worst-case inputs through the real binary, each with its stated bound.
//!
//! The bounds are generous on purpose (CI runs the debug build on 2 shared cores): they catch
//! a quadratic step or a hang (minutes, or forever), never a slow machine. What is checked
//! exactly is the path taken: a budget that must cut in says so on stderr. Peak memory is the
//! child's own (its `VmHWM`, read while it runs), so tests side by side do not see each other's.

mod support;

use std::fs::File;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

struct Bounded {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// CPU time of the child (user and system).
    cpu: Duration,
    /// Peak resident memory of the child, in MB.
    peak_mb: u64,
}

/// Run the binary with its output in files, failing the test if it outlives `limit`.
// The child is reaped by `wait4` (which also gives its own peak memory), not `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run_bounded(args: &[&str], limit: Duration) -> Bounded {
    let dir = tempfile::tempdir().expect("tempdir");
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    let child = support::command()
        .args(args)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("stdout file"))
        .stderr(File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("run duet");
    let start = Instant::now();
    let pid = child.id() as libc::pid_t;
    // The child's own high-water mark, read while it runs (`ru_maxrss` would count the test
    // process it was spawned from: `posix_spawn` shares our memory until `exec`).
    let status_file = format!("/proc/{pid}/status");
    let mut peak_kb = 0u64;
    let (status, usage) = loop {
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            let hwm = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            peak_kb = peak_kb.max(hwm.unwrap_or(0));
        }
        let mut status = 0;
        // SAFETY: plain syscall on our own child with valid out-pointers.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break (status, usage);
        }
        assert!(r == 0, "wait4 failed");
        if start.elapsed() > limit {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("duet {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        panic!(
            "duet {args:?} was killed by signal {}",
            libc::WTERMSIG(status)
        );
    };
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).expect("read output")).into_owned();
    Bounded {
        code,
        stdout: read(&out_path),
        stderr: read(&err_path),
        elapsed,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        peak_mb: peak_kb / 1024,
    }
}

fn tv(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// Generous: a linear path takes well under a tenth of this in a debug build.
const LIMIT: Duration = Duration::from_secs(60);

fn write(dir: &Path, name: &str, body: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, body).expect("write input");
    p.display().to_string()
}

fn check(run: &Bounded, what: &str, max_mb: u64) {
    assert!(
        run.peak_mb <= max_mb,
        "{what}: peak memory {} MB, bound {max_mb} MB",
        run.peak_mb
    );
    eprintln!(
        "{what}: {:.2} s ({:.2} s CPU), {} MB peak (bound {max_mb} MB)",
        run.elapsed.as_secs_f64(),
        run.cpu.as_secs_f64(),
        run.peak_mb
    );
}

/// 200,000 nested `<div>`s around one sentence: html5ever and readability are quadratic in depth
/// (depth 20,000 took over a minute); the nesting budget flattens it, says so on one line, and
/// keeps the sentence. Release: 0.2 s, 22 MB.
#[test]
fn deep_nesting_200000_is_flattened_with_one_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let depth = 200_000;
    let page = format!(
        "<!doctype html><html><head><title>Deep</title></head><body>{}<p>The only sentence of this page.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let file = write(dir.path(), "deep.html", page.as_bytes());
    let run = run_bounded(&["parse", "--json", &file], LIMIT);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stdout.contains("The only sentence of this page."));
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 1, "stderr: {}", run.stderr);
    assert!(
        warnings[0].starts_with("duet: warning: ")
            && warnings[0].contains("deep.html")
            && warnings[0].contains("nested 200003 levels deep")
            && warnings[0].contains("deeper than 512"),
        "{}",
        warnings[0]
    );
    check(&run, "deep nesting 200,000", 200);
}

/// Every line of a `duet render --size WxH` screenshot fits: H lines, none wider than W.
fn assert_fits(screen: &str, w: usize, h: usize) {
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines.len() <= h,
        "{} lines for a height of {h}",
        lines.len()
    );
    for l in lines {
        let width = duet::text::str_width(l, duet::text::AmbiguousWidth::Narrow);
        assert!(
            width <= w,
            "a line of {width} columns for a width of {w}: {l:?}"
        );
        assert!(!l.chars().any(char::is_control), "control character: {l:?}");
    }
}

/// A 1 MB line without a space, Latin and Hangul: split between graphemes when wrapped, every
/// screen row fits. Release: 0.2 s, 30 MB.
#[test]
fn a_one_megabyte_line_without_spaces() {
    let dir = tempfile::tempdir().expect("tempdir");
    let latin = write(dir.path(), "latin.txt", "a".repeat(1_000_000).as_bytes());
    let hangul = write(dir.path(), "hangul.txt", "가".repeat(350_000).as_bytes());
    for (file, name) in [(&latin, "latin"), (&hangul, "hangul")] {
        let run = run_bounded(&["parse", "--json", file], LIMIT);
        assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        check(&run, &format!("1 MB line ({name}), parse"), 150);
        for keys in ["", "G"] {
            let run = run_bounded(&["render", "--size", "80x24", "--keys", keys, file], LIMIT);
            assert_eq!(run.code, 0, "stderr: {}", run.stderr);
            assert_fits(&run.stdout, 80, 24);
            assert!(run.stdout.contains(if name == "latin" {
                "aaaaaaaaaa"
            } else {
                "가가가가가"
            }));
            check(&run, &format!("1 MB line ({name}), render {keys:?}"), 150);
        }
    }
}

/// 100,000 tiny paragraphs, as text and as HTML: every one kept (HTML is read by the linear
/// extractor past readability's work budget, and says so). Release: 1.5 s, 45 MB (text);
/// 1.4 s, 62 MB (HTML).
#[test]
fn a_hundred_thousand_tiny_paragraphs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 100_000;
    let text: String = (0..n).map(|i| format!("Para {i}.\n\n")).collect();
    let html = format!(
        "<html><body>{}</body></html>",
        (0..n)
            .map(|i| format!("<p>Para {i}.</p>\n"))
            .collect::<String>()
    );
    for (name, body) in [("tiny.txt", text), ("tiny.html", html)] {
        let file = write(dir.path(), name, body.as_bytes());
        let run = run_bounded(&["parse", "--json", &file], LIMIT);
        assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        let arts: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        let blocks = arts[0]["blocks"].as_array().expect("blocks");
        // The first few short lines may be taken for the page's header (text) or title.
        assert!(blocks.len() >= n - 20, "{name}: {} blocks", blocks.len());
        assert_eq!(
            blocks.last().and_then(|b| b["text"].as_str()),
            Some("Para 99999.")
        );
        if name.ends_with(".html") {
            assert!(
                run.stderr.contains("read with the simpler extractor"),
                "{}",
                run.stderr
            );
        }
        assert!(run.stderr.lines().count() <= 1, "{}", run.stderr);
        check(&run, &format!("100,000 paragraphs ({name})"), 250);
    }
    let file = dir.path().join("tiny.txt").display().to_string();
    let run = run_bounded(&["render", "--size", "100x30", "--keys", "G", &file], LIMIT);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_fits(&run.stdout, 100, 30);
    check(&run, "100,000 paragraphs, render", 250);
}

/// A file of exactly 50 MB (the size limit) is read, its first 2 MB of text (8 MB of markup)
/// cleaned, with one warning; one byte more is refused in one line. Release: 0.3 s; peak
/// memory about 3× the file.
#[test]
fn a_fifty_megabyte_file_at_the_size_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let limit = duet::ingest::MAX_FILE_BYTES as usize;
    let unit = "The US and China agreed to resume talks. 미국과 중국은 회담을 재개하기로 했다.\n\n";
    let mut text = unit.repeat(limit / unit.len());
    text.push_str(&"x".repeat(limit - text.len()));
    assert_eq!(text.len(), limit);
    let file = write(dir.path(), "big.txt", text.as_bytes());
    let run = run_bounded(&["parse", "--json", &file], LIMIT);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("big.txt: 50.0 MB of text; only the first 2 MB are read"),
        "{}",
        run.stderr
    );
    check(&run, "50 MB text", 400);

    let p =
        "<p>The US and China agreed to resume talks. 미국과 중국은 회담을 재개하기로 했다.</p>\n";
    let mut html = format!("<html><body>{}", p.repeat(limit / p.len()));
    html.truncate(limit - 20);
    html.push_str(&" ".repeat(limit - html.len()));
    let file = write(dir.path(), "big.html", html.as_bytes());
    let run = run_bounded(&["parse", "--json", &file], LIMIT);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.stderr
            .contains("50.0 MB of markup; only the first 8 MB are read"),
        "{}",
        run.stderr
    );
    check(&run, "50 MB HTML", 500);

    text.push('y');
    let file = write(dir.path(), "over.txt", text.as_bytes());
    let run = run_bounded(&["parse", &file], LIMIT);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("over.txt: file is too large (52428801 bytes")
    );
}

const KO: [&str; 3] = [
    "북한은 오늘 미사일을 발사했다고 합동참모본부가 밝혔다.",
    "미국과 중국은 고위급 군사회담을 재개하기로 합의했다.",
    "설리번 보좌관은 베이징에서 중국 관리들을 만났다.",
];
const EN: [&str; 3] = [
    "North Korea fired a missile today, the Joint Chiefs of Staff said.",
    "The US and China agreed to resume high-level military talks.",
    "Sullivan met Chinese officials in Beijing.",
];

/// An article of 10,000 sentences per language (2,000 paragraphs of five, Korean then English):
/// the band stays at its first width, time and memory linear. Release: 1.6 s, 30 MB.
#[test]
fn an_article_of_ten_thousand_sentences_per_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let para =
        |s: &[&str; 3], i: usize| (0..5).map(|j| s[(i + j) % 3]).collect::<Vec<_>>().join(" ");
    let body: String = (0..2_000)
        .map(|i| format!("{}\n\n{}\n\n", para(&KO, i), para(&EN, i)))
        .collect();
    let file = write(dir.path(), "bilingual.txt", body.as_bytes());
    let run = run_bounded(&["align", "--format", "tsv", &file], LIMIT);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let rows = run.stdout.lines().filter(|l| l.contains('\t')).count();
    assert!(rows >= 2_000, "{rows} pairs");
    check(&run, "10,000 sentences per language, align", 150);
}

/// A title of 100,000 characters, in each format: parsed, and the reader's title bar and
/// library rows cut it to the screen. Release: 0.1 s, 14 MB.
#[test]
fn a_title_of_a_hundred_thousand_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = "제목".repeat(50_000);
    let files = [
        write(
            dir.path(),
            "title.md",
            format!("---\ntitle: {t}\n---\n\n본문 문장이다.\n").as_bytes(),
        ),
        write(
            dir.path(),
            "title.html",
            format!("<html><head><title>{t}</title></head><body><h1>{t}</h1><p>본문 문장이다.</p></body></html>")
                .as_bytes(),
        ),
        write(dir.path(), "title.txt", format!("{t}\n\n본문 문장이다.\n").as_bytes()),
    ];
    for file in &files {
        let run = run_bounded(&["parse", "--json", file], LIMIT);
        assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        check(&run, &format!("100,000-character title, parse {file}"), 100);
        let run = run_bounded(&["render", "--size", "80x24", file], LIMIT);
        assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        assert_fits(&run.stdout, 80, 24);
        check(
            &run,
            &format!("100,000-character title, render {file}"),
            100,
        );
    }
    let dir_arg = dir.path().display().to_string();
    let run = run_bounded(&["render", "--size", "60x20", &dir_arg], LIMIT);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_fits(&run.stdout, 60, 20);
}
