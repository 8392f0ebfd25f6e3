//! Worst-case inputs through the real binary, each with its stated bound.
//!
//! The bounds are generous on purpose (CI runs the debug build on 2 shared cores): they catch
//! a quadratic step or a hang (minutes, or forever), never a slow machine. What is checked
//! exactly is the path taken: a budget that must cut in says so on stderr. Peak memory is the
//! child's own (`wait4`), so tests running side by side do not see each other's.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Bounded {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// Peak resident memory of the child, in MB.
    peak_mb: u64,
}

/// Run the binary with its output in files, failing the test if it outlives `limit`.
// The child is reaped by `wait4` (which also gives its own peak memory), not `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run_bounded(args: &[&str], limit: Duration) -> Bounded {
    let dir = tempfile::tempdir().expect("tempdir");
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    let child = Command::new(env!("CARGO_BIN_EXE_duet"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("stdout file"))
        .stderr(File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("run duet");
    let start = Instant::now();
    let pid = child.id() as libc::pid_t;
    let (status, usage) = loop {
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
        std::thread::sleep(Duration::from_millis(20));
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
        peak_mb: usage.ru_maxrss as u64 / 1024,
    }
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
        "{what}: {:.2} s, {} MB peak (bound {max_mb} MB)",
        run.elapsed.as_secs_f64(),
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
