//! The real binary, run the way a user runs it, and the files the tests give it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The repository (the crate being tested).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled articles (a copy of the seeds).
pub fn articles() -> PathBuf {
    repo().join("assets/articles")
}

/// A bundled article by file name.
pub fn seed(name: &str) -> PathBuf {
    articles().join(name)
}

/// A file under `tests/fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    repo().join("tests/fixtures").join(path)
}

pub const SEEDS: [&str; 5] = [
    "000_11a10f181be35a82.txt",
    "001_e2ec9d96d82b9f1e.txt",
    "002_9f5e0e2176ba1b1a.txt",
    "003_e153fa2be147832b.txt",
    "004_8e658290ee760122.txt",
];
pub const SEED_000: &str = SEEDS[0];
pub const SEED_004: &str = SEEDS[4];

/// `duet` in the repository, with no user config: add arguments, environment, stdin.
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_duet"));
    cmd.current_dir(repo())
        .env("DUET_CONFIG", "/nonexistent/duet-test-config.toml");
    cmd
}

/// `duet ARGS…`, waited for.
pub fn duet(args: &[&str]) -> Output {
    command().args(args).output().expect("run duet")
}

/// `duet ARGS…` with its library in `home` (`DUET_HOME`).
pub fn duet_in(home: &Path, args: &[&str]) -> Output {
    command()
        .args(args)
        .env("DUET_HOME", home)
        .output()
        .expect("run duet")
}

/// Bytes of stdout or stderr as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The JSON a successful run printed (the test fails with its stderr otherwise).
pub fn ok_json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&ok_stdout(out)).expect("stdout is JSON")
}

/// Run `cmd` with `input` on its stdin (written from a thread, so a full pipe cannot block the
/// test) or nothing (`None`: stdin closed); a run past `limit` is a hang and fails the test.
pub fn run_bounded(cmd: &mut Command, input: Option<&[u8]>, limit: Duration) -> Output {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run duet");
    if let Some(bytes) = input {
        let mut pipe = child.stdin.take().expect("stdin");
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    wait_bounded(child, limit, &format!("{cmd:?}"))
}

/// Wait for `child`; past `limit` it is killed and the test fails naming `what`.
pub fn wait_bounded(mut child: Child, limit: Duration, what: &str) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} hung (more than {limit:?})");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `duet ARGS…` reading `input` from its standard input (30 s at most).
pub fn duet_stdin(args: &[&str], input: &[u8]) -> Output {
    run_bounded(command().args(args), Some(input), Duration::from_secs(30))
}

/// What a successful run printed (the test fails with its stderr otherwise).
pub fn ok_stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// `duet render --size SIZE --keys KEYS ARGS…`: the screen as text.
pub fn duet_render(size: &str, keys: &str, args: &[&str]) -> String {
    let mut all = vec!["render", "--size", size, "--keys", keys];
    all.extend_from_slice(args);
    ok_stdout(&duet(&all))
}
