//! The soak test: the real binary in a pseudo-terminal on the bundled articles and on hostile
//! files (escape sequences, bidi overrides and NULs in the text, deep nesting, a 100 KB line,
//! a 10,000-character title, a named pipe with no writer), fed random keys and mouse events
//! from a seeded generator, bursts of resizes (down to 1x1, up to 300x100) and SIGWINCH storms.
//! It never panics, every frame it draws stays inside the terminal, no escape sequence from an
//! article reaches the terminal, and the terminal is restored at the end: main screen, cursor
//! shown, mouse released, raw mode off. SIGTERM, SIGHUP and SIGINT each restore it too.
//!
//! About 20 seconds in all. A failure prints the seed; `DUET_SOAK_SEED=N` replays it.
#![cfg(unix)]

mod support;

use std::time::{Duration, Instant};

use support::pty::Session;

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What the soak adds to a session: settling, and checking the frames written since.
trait Soak {
    fn settle(&mut self);
    fn assert_frames_fit(&self, context: &str) -> usize;
}

impl Soak for Session {
    /// Wait until nothing has arrived for a while; then forget what came before.
    fn settle(&mut self) {
        // Generous: a frame for the old size may still be on its way on a loaded machine.
        self.pump_until_quiet(Duration::from_secs(5), Duration::from_millis(300));
        self.forget();
    }

    /// Every cursor move written since the last settle lands inside the terminal; how many.
    fn assert_frames_fit(&self, context: &str) -> usize {
        let moves = cursor_moves(&self.recent);
        for &(row, col) in &moves {
            assert!(
                row <= self.rows && col <= self.cols,
                "{context}: cursor moved to row {row}, column {col} of a {}x{} terminal",
                self.cols,
                self.rows
            );
        }
        moves.len()
    }
}

/// `ESC [ row ; col H` moves (1-based), as crossterm writes them.
fn cursor_moves(bytes: &[u8]) -> Vec<(u16, u16)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == 0x1b && bytes[i + 1] == b'[' {
            let start = i + 2;
            let mut j = start;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'H' {
                let params = std::str::from_utf8(&bytes[start..j]).unwrap_or("");
                let mut it = params.split(';').map(|p| p.parse::<u16>().unwrap_or(1));
                let row = it.next().unwrap_or(1);
                let col = it.next().unwrap_or(1);
                out.push((row, col));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Escape sequences planted in the hostile articles: none may reach the terminal.
const PLANTED: &[&[u8]] = &[
    b"\x1b]0;PWNED",
    b"\x1b]52;c;",
    b"\x1b[5mBLINKEVIL",
    b"\x1b[2J\x1b[HWIPED",
    b"\xc2\x9b31mC1EVIL",
    b"\x1bPDCSEVIL",
];

fn hostile_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let write = |name: &str, body: &[u8]| std::fs::write(d.join(name), body).expect("write");
    let evil = "\u{1b}]0;PWNED\u{7} \u{1b}]52;c;aGk=\u{7} \u{1b}[5mBLINKEVIL \u{1b}[2J\u{1b}[HWIPED \
                \u{9b}31mC1EVIL \u{1b}PDCSEVIL\u{1b}\\ \u{202e}gnirts desrever\u{202c} \u{0}NUL\u{7}BEL";
    let mut bilingual = String::from("미국 중국 회담 {evil}\n\n");
    for i in 0..40 {
        bilingual.push_str(&format!(
            "북한은 {i}일 미사일을 발사했다고 밝혔다. {evil}\n\nNorth Korea fired a missile on the {i}th, officials said. {evil}\n\n"
        ));
    }
    let bilingual = bilingual.replace("{evil}", evil);
    write("escapes.txt", bilingual.as_bytes());
    write(
        "escapes.html",
        format!("<html><head><title>T {evil}</title></head><body><h1>H {evil}</h1><p>본문이다. {evil}</p><p>Body. {evil}</p></body></html>")
            .as_bytes(),
    );
    write(
        "escapes.md",
        format!(
            "---\ntitle: \"M {}\"\n---\n\n# {evil}\n\n문단이다. {evil}\n",
            evil.replace('"', "")
        )
        .as_bytes(),
    );
    write(
        "deep.html",
        format!(
            "<html><body>{}<p>Deep sentence.</p>{}</body></html>",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        )
        .as_bytes(),
    );
    write("long_line.txt", "가나다".repeat(35_000).as_bytes());
    write(
        "long_title.md",
        format!("---\ntitle: {}\n---\n\n본문이다.\n", "제목".repeat(5_000)).as_bytes(),
    );
    write(
        "wide.txt",
        "Ｗｉｄｅ　ｔｅｘｔ　漢字　🙂🙂🙂\u{301}\u{200d}👩‍👩‍👧 e\u{301}\n\n다음 문단.\n".as_bytes(),
    );
    let fifo = std::ffi::CString::new(d.join("fifo.txt").into_os_string().into_encoded_bytes())
        .expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    let articles = support::articles();
    for e in std::fs::read_dir(articles).expect("assets").flatten() {
        std::fs::copy(e.path(), d.join(e.file_name())).expect("copy seed");
    }
    dir
}

const KEYS: &[&[u8]] = &[
    b"j", b"k", b"j", b"j", b"k", b"g", b"G", b"\r", b"\r", b"\t", b"v", b"<", b">", b"x", b"s",
    b"?", b"\x04", b"\x15", b" ", b"\x1b[A", b"\x1b[B", b"\x1b[5~", b"\x1b[6~", b"\x1b[H",
    b"\x1b[F", b"n", b"N", b"/", b"f", b"a", b"\x7f", b"1", b"~", b"\x1bOP",
];

fn random_input(rng: &mut Rng, s: &mut Session) {
    match rng.below(10) {
        0..=5 => {
            let k = KEYS[rng.below(KEYS.len() as u64) as usize];
            s.send(k);
        }
        6..=7 => {
            // SGR mouse: press, release, wheel, drag, anywhere (even outside).
            let x = 1 + rng.below(u64::from(s.cols) + 3);
            let y = 1 + rng.below(u64::from(s.rows) + 3);
            let b = [0, 2, 32, 35, 64, 65][rng.below(6) as usize];
            let end = if rng.below(2) == 0 { 'M' } else { 'm' };
            s.send(format!("\x1b[<{b};{x};{y}{end}").as_bytes());
        }
        8 => {
            // A resize burst.
            for _ in 0..(1 + rng.below(6)) {
                let (r, c) = match rng.below(5) {
                    0 => (1, 1),
                    1 => (100, 300),
                    2 => (1 + rng.below(4) as u16, 1 + rng.below(10) as u16),
                    _ => (1 + rng.below(100) as u16, 1 + rng.below(300) as u16),
                };
                s.resize(r, c);
            }
        }
        _ => {
            // A SIGWINCH storm at the current size.
            for _ in 0..(5 + rng.below(30)) {
                s.signal(libc::SIGWINCH);
            }
        }
    }
}

fn soak(args: &[&str], seed: u64, duration: Duration) -> Vec<u8> {
    let mut rng = Rng(seed.wrapping_mul(2).wrapping_add(1));
    let mut s = Session::duet(args, &[], 30, 100);
    s.wait_for("the first screen", |sc| !sc.trim().is_empty());
    let end = Instant::now() + duration;
    let mut steps = 0;
    let (mut checks, mut moves) = (0, 0);
    while Instant::now() < end {
        for _ in 0..(1 + rng.below(8)) {
            random_input(&mut rng, &mut s);
            steps += 1;
        }
        s.pump_until_quiet(Duration::from_millis(30), Duration::from_millis(10));
        assert!(
            s.alive(),
            "seed {seed}: duet exited after {steps} inputs; screen:\n{}",
            s.parser.screen().contents()
        );
        // Now and then: let it settle at a size, redraw, and check the frame fits.
        if rng.below(6) == 0 {
            let (r, c) = match rng.below(4) {
                0 => (1, 1),
                1 => (100, 300),
                _ => (2 + rng.below(60) as u16, 2 + rng.below(200) as u16),
            };
            // Nothing in flight for the old size, then the new size: all that follows is
            // drawn for it (the full redraw after a resize, then a key's frame).
            s.settle();
            s.resize(r, c);
            s.pump_until_quiet(Duration::from_secs(5), Duration::from_millis(300));
            s.send(b"j");
            s.pump_until_quiet(Duration::from_secs(3), Duration::from_millis(200));
            moves += s.assert_frames_fit(&format!("seed {seed}, after {steps} inputs"));
            checks += 1;
        }
    }
    s.resize(30, 100);
    s.settle();
    assert!(s.alive(), "seed {seed}: duet died");
    s.send(b"\x03");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "seed {seed}: {status:?}; screen:\n{}",
        s.parser.screen().contents()
    );
    s.assert_restored();
    s.assert_cooked();
    assert!(checks > 0 && moves > 0, "seed {seed}: no frame was checked");
    eprintln!(
        "soak {args:?}: seed {seed}, {steps} inputs, {checks} frames checked ({moves} cursor moves)"
    );
    std::mem::take(&mut s.all)
}

fn seed() -> u64 {
    std::env::var("DUET_SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_d0e7)
}

fn assert_no_planted_escapes(out: &[u8], seed: u64) {
    for p in PLANTED {
        assert!(
            !out.windows(p.len()).any(|w| w == *p),
            "seed {seed}: {:?} reached the terminal",
            String::from_utf8_lossy(p)
        );
    }
}

#[test]
fn soak_the_library_of_seeds_and_hostile_files() {
    let dir = hostile_dir();
    let seed = seed();
    let out = soak(
        &[&dir.path().display().to_string()],
        seed,
        Duration::from_secs(9),
    );
    assert_no_planted_escapes(&out, seed);
}

#[test]
fn soak_one_hostile_article() {
    let dir = hostile_dir();
    let seed = seed().wrapping_add(1);
    let file = dir.path().join("escapes.txt").display().to_string();
    let out = soak(&[&file], seed, Duration::from_secs(6));
    assert_no_planted_escapes(&out, seed);
}

#[test]
fn sigterm_sighup_and_sigint_each_restore_the_terminal() {
    let seed_file = support::seed("004_8e658290ee760122.txt")
        .display()
        .to_string();
    for (sig, name) in [
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGINT, "SIGINT"),
    ] {
        let mut s = Session::duet(&[&seed_file], &[], 24, 80);
        s.wait_for("the reader", |sc| sc.contains("pair 1/"));
        s.send(b"j\x1b[<64;10;10M");
        s.settle();
        s.signal(sig);
        s.wait_exit();
        s.assert_restored();
        s.assert_cooked();
        eprintln!("{name}: restored");
    }
}

/// Named pipes with no writer, given by name before two articles (more pipes than the loader
/// has parsing threads): the articles load and the reader answers keys while each pipe waits
/// on a thread of its own; quitting does not wait for them.
#[test]
fn pipes_with_no_writer_block_neither_the_reader_nor_the_other_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut args = Vec::new();
    for i in 0..5 {
        let fifo = dir.path().join(format!("never{i}.txt"));
        let c = std::ffi::CString::new(fifo.clone().into_os_string().into_encoded_bytes())
            .expect("path");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
        args.push(fifo.display().to_string());
    }
    let articles = support::articles();
    for name in ["004_8e658290ee760122.txt", "000_11a10f181be35a82.txt"] {
        args.push(articles.join(name).display().to_string());
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut s = Session::duet(&refs, &[], 30, 120);
    s.wait_for("both articles in the library", |sc| {
        sc.contains("US-China") && sc.contains("북러")
    });
    s.send(b"G\r");
    s.wait_for("the reader", |sc| {
        sc.contains("pair 1/") || sc.contains("block 1/")
    });
    s.send(b"\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
    s.assert_cooked();
}
