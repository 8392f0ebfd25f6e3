//! The reading position survives a restart, end to end: `duet` (no arguments) opens the library
//! in a pseudo-terminal; open the article, move to pair 7 and a sentence inside it, quit;
//! reopen at another terminal size: pair 7 again, the same sentence on screen, and the position
//! on disk unchanged.
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use duet::library::{Home, Library, Position};
use duet::tui::doc::Doc;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Session {
    parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(home: &Path, cols: u16, rows: u16) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_duet"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("DUET_CONFIG", "/nonexistent/duet-test-config.toml");
        cmd.env("DUET_HOME", home);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).unwrap(),
                NonZeroU16::new(cols).unwrap(),
                0,
            ),
            rx,
            writer,
            child,
            _master: pty.master,
        }
    }

    fn pump(&mut self, for_at_most: Duration) {
        let end = Instant::now() + for_at_most;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left.min(Duration::from_millis(50))) {
                Ok(bytes) => self.parser.process(&bytes),
                Err(_) => return,
            }
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let end = Instant::now() + Duration::from_secs(20);
        while Instant::now() < end {
            if pred(&self.screen()) {
                return;
            }
            self.pump(Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) {
        let end = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(50));
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "duet exited with {status:?}");
                return;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("duet did not exit; screen:\n{}", self.screen());
            }
        }
    }
}

fn seed_004() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/004_8e658290ee760122.txt")
}

#[test]
fn the_reading_position_survives_a_restart_at_another_size() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_duet"))
        .arg("import")
        .arg(seed_004())
        .env("DUET_HOME", &home)
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc = {
        let (lib, _) = Library::open(Home::at(&home)).unwrap();
        let p = lib.load(1).unwrap();
        Doc::build(p.article, &p.bitext)
    };

    // First run: 120x30, side by side.
    let mut s = Session::start(&home, 120, 30);
    s.wait_for("the library", |t| t.contains("Library (1)"));
    s.send(b"\r");
    s.wait_for("the reader", |t| t.contains("pair 1/"));
    for n in 2..=7 {
        s.send(b"j");
        s.wait_for(&format!("pair {n}"), |t| t.contains(&format!("pair {n}/")));
    }
    // Sentence mode, and the second sentence of the pair when it has one.
    s.send(b"s");
    s.wait_for("sentence mode", |t| t.contains("sentence mode"));
    let saved_first = {
        s.pump(Duration::from_millis(100));
        Library::open(Home::at(&home))
            .unwrap()
            .0
            .position(1)
            .unwrap()
    };
    let passage = saved_first.map(|p| p.pair).unwrap_or_default();
    let beads = doc.passages[passage].beads.len();
    if beads > 1 {
        s.send(b"j");
        s.pump(Duration::from_millis(200));
        assert!(s.screen().contains("pair 7/"), "{}", s.screen());
    }
    let sentence = if beads > 1 { 1 } else { 0 };
    // One article: `q` in the reader quits.
    s.send(b"q");
    s.wait_exit();

    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    let saved = lib.position(1).unwrap().expect("a position was saved");
    assert_eq!(
        saved,
        Position {
            pair: passage,
            sentence: Some(sentence)
        }
    );
    assert!(lib.entry(1).unwrap().read, "opened: marked read");
    drop(lib);

    // Second run: another size (80x40: stacked layout), straight back to it.
    let mut s = Session::start(&home, 80, 40);
    s.wait_for("the library", |t| t.contains("Library (1)"));
    s.send(b"\r");
    s.wait_for("pair 7 again", |t| t.contains("pair 7/"));
    // The sentence is on screen: the start of its English text (the side both layouts show
    // in full; the row may wrap, so a short prefix).
    let (_, en) = &doc.passages[passage].beads[sentence];
    let en_text = doc.passages[passage].en.as_deref().unwrap_or("");
    let start: String = en
        .first()
        .map(|r| en_text[r.clone()].chars().take(18).collect())
        .unwrap_or_default();
    assert!(!start.is_empty());
    assert!(
        s.screen().contains(&start),
        "{start:?} not on screen:\n{}",
        s.screen()
    );
    s.send(b"q");
    s.wait_exit();
    // Reopening did not move it.
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    assert_eq!(lib.position(1).unwrap(), Some(saved));
}
