//! Durability: a child process writing reading positions in a loop is killed with SIGKILL at
//! random moments, 60 times; every reopen passes `PRAGMA integrity_check` and holds the last
//! position the child reported committed (or the one after it, if the kill landed between the
//! commit and the report). Also: two processes importing into one library at once.
//!
//! The child is this test binary itself, re-run with `DUET_TEST_CHILD_HOME` set.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use duet::library::bookmarks::Mark;
use duet::library::{Home, Library, Position};

const CHILD_ENV: &str = "DUET_TEST_CHILD_HOME";
const KILLS: usize = 60;

/// The child: write positions (and now and then a bookmark) as fast as it can, reporting each
/// commit on stdout. Does nothing when run as an ordinary test.
#[test]
fn child_writer() {
    let Some(home) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let Ok((lib, _)) = Library::open(Home::at(PathBuf::from(home))) else {
        std::process::exit(3);
    };
    let start: usize = std::env::var("DUET_TEST_CHILD_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let out = std::io::stdout();
    for n in start.. {
        let pos = Position {
            pair: n,
            sentence: Some(n % 3),
        };
        if lib.set_position(1, pos).is_err() {
            std::process::exit(4);
        }
        if n % 7 == 0 {
            let mark = Mark {
                pair: n,
                sentence: None,
                ko: "가".repeat(200),
                en: "a".repeat(400),
                note: Some(format!("note {n}")),
            };
            if lib.add_bookmark(1, &mark).is_err() {
                std::process::exit(5);
            }
        }
        let mut o = out.lock();
        let _ = std::io::Write::write_all(&mut o, format!("POS {n}\n").as_bytes());
        let _ = std::io::Write::flush(&mut o);
    }
}

/// xorshift: the kill moments differ from run to run (the seed is printed on failure).
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn integrity(lib: &Library) -> String {
    lib.connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
        .unwrap_or_else(|e| e.to_string())
}

#[test]
fn sigkill_at_random_moments_never_corrupts_and_keeps_the_last_position() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    {
        let (lib, _) = Library::open(Home::at(&home)).unwrap();
        let report = lib
            .import(&[support::seed(support::SEED_004)], &mut |_, _| {})
            .unwrap();
        assert_eq!(report.added.len(), 1);
        assert_eq!(report.added[0].0, 1);
    }
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    let exe = std::env::current_exe().unwrap();
    let mut expected_at_least = 0usize;
    let mut progressed = 0;
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["--exact", "child_writer", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &home)
            .env("DUET_TEST_CHILD_START", expected_at_least.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let last: Arc<Mutex<Option<usize>>> = Arc::default();
        let reader = {
            let last = Arc::clone(&last);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if let Some(n) = line.strip_prefix("POS ").and_then(|n| n.parse().ok()) {
                        *last.lock().unwrap() = Some(n);
                    }
                }
            })
        };
        // Let it start and write for a random while: 0 to 40 ms after its first commit, or
        // now and then before it has committed anything at all.
        let started = Instant::now();
        if rng.below(8) != 0 {
            while last.lock().unwrap().is_none() && started.elapsed() < Duration::from_secs(5) {
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(40_000)));
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();
        reader.join().unwrap();
        let reported = *last.lock().unwrap();

        let (lib, notices) = Library::open(Home::at(&home)).unwrap();
        assert!(
            notices.is_empty(),
            "round {round} (seed {seed}): {notices:?}"
        );
        assert_eq!(integrity(&lib), "ok", "round {round} (seed {seed})");
        let pos = lib.position(1).unwrap();
        match reported {
            Some(n) => {
                let p = pos.unwrap_or_else(|| panic!("round {round}: no position after {n}"));
                // Committed and reported, or committed and killed before reporting.
                assert!(
                    p.pair == n || p.pair == n + 1,
                    "round {round} (seed {seed}): reported {n}, found {}",
                    p.pair
                );
                assert_eq!(p.sentence, Some(p.pair % 3));
                progressed += 1;
                expected_at_least = p.pair + 1;
            }
            None => {
                // Nothing reported this round: the previous round's value, or one more.
                if let Some(p) = pos {
                    assert!(p.pair + 1 >= expected_at_least && p.pair <= expected_at_least);
                    expected_at_least = p.pair + 1;
                }
            }
        }
        // Every bookmark that exists is whole.
        for b in lib.bookmarks(Some(1)).unwrap() {
            assert_eq!(b.ko.chars().count(), 200);
            assert_eq!(b.note, Some(format!("note {}", b.pair)));
        }
    }
    assert!(
        progressed >= KILLS / 2,
        "only {progressed} of {KILLS} children got to write"
    );
}

#[test]
fn two_processes_importing_at_once_both_finish_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let src = dir.path().join("src");
    let (a, b) = (src.join("a"), src.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let base = std::fs::read_to_string(support::seed(support::SEED_004)).unwrap();
    for i in 0..40 {
        let d = if i % 2 == 0 { &a } else { &b };
        std::fs::write(
            d.join(format!("{i}.txt")),
            format!("{base}\n\n기사 번호 {i}.\n"),
        )
        .unwrap();
    }
    let spawn = |folder: &Path| {
        support::command()
            .arg("import")
            .arg(folder)
            .env("DUET_HOME", &home)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (p1, p2) = (spawn(&a), spawn(&b));
    let (o1, o2) = (
        p1.wait_with_output().unwrap(),
        p2.wait_with_output().unwrap(),
    );
    for o in [&o1, &o2] {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).starts_with("imported 20 articles"));
    }
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    assert_eq!(integrity(&lib), "ok");
    assert_eq!(lib.len().unwrap(), 40);
}
