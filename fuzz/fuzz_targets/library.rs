//! Opening a library database from any bytes (a damaged disk, a stray file, another program's
//! SQLite): a library or one clear error line, never a panic; a damaged file is moved aside,
//! never deleted.
#![no_main]

use std::sync::atomic::{AtomicU64, Ordering};

use duet::library::{Library, home::Home};
use libfuzzer_sys::fuzz_target;

static RUN: AtomicU64 = AtomicU64::new(0);

fuzz_target!(|bytes: &[u8]| {
    let dir = std::env::temp_dir().join(format!(
        "duet-fuzz-library-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("library.db"), bytes).expect("write db");
    // A file it could not use as a library is moved aside (with a notice) or refused: either
    // way its bytes are still on disk, unchanged. One it could use may be migrated.
    let accepted = match Library::open(Home::at(&dir)) {
        Ok((lib, notices)) => {
            for n in &notices {
                assert!(!n.to_string().contains('\n'), "notice of more than one line: {n}");
            }
            // Whatever opened must also list (or say why not) without panicking.
            if let Err(e) = lib.entries() {
                assert!(!e.to_string().contains('\n'), "error of more than one line: {e}");
            }
            let _ = lib.len();
            notices.is_empty()
        }
        Err(e) => {
            assert!(!e.to_string().contains('\n'), "error of more than one line: {e}");
            false
        }
    };
    if !accepted && !bytes.is_empty() {
        let kept = std::fs::read_dir(&dir)
            .expect("read dir")
            .filter_map(Result::ok)
            .filter_map(|e| std::fs::read(e.path()).ok())
            .any(|b| b == bytes);
        assert!(kept, "the database's bytes are gone");
    }
    let _ = std::fs::remove_dir_all(&dir);
});
